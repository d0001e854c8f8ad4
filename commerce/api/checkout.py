"""Checkout for apps, on the site's services: shipping quotes for a cart, a review
with every total, and placing the order with an Idempotency-Key. Prices, totals and
stock come from the database; nothing of them is read from the request."""

import hashlib
import json
import re

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.api import PostalFieldsSerializer
from accounts.forms import PostalAddressForm
from accounts.selectors import address_of
from commerce import selectors
from commerce.api.carts import CART_TOKEN, callers_cart
from commerce.api.orders import OrderSerializer, order_data
from commerce.exceptions import CheckoutError, IdempotencyKeyReused, ReviewOutdated
from commerce.pricing import TaxRules
from commerce.services import checkout as checkout_services
from core.api import DomainError, ScopedView, form_errors, money
from core.security import client_ip
from core.selectors import fresh_store_settings

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="Any unique string (a UUID): the same key and body give the same order.",
)
KEY_FORMAT = re.compile(r"^[\x21-\x7e]{8,200}$")  # printable, no spaces


class PostalAddressSerializer(PostalFieldsSerializer):
    def validate(self, data):
        """The site's own address rules, from its address form."""
        form = PostalAddressForm(data=data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        return form.instance.snapshot()


class CheckoutDetailsSerializer(serializers.Serializer):
    """Who buys, where it goes and how: never a price, total or discount."""

    email = serializers.EmailField(required=False, help_text="A guest's; a customer's own is used.")
    shipping_address = PostalAddressSerializer(required=False)
    shipping_address_id = serializers.IntegerField(required=False, min_value=1)
    billing_address = PostalAddressSerializer(required=False)
    billing_address_id = serializers.IntegerField(required=False, min_value=1)
    shipping_method_id = serializers.IntegerField(min_value=1)
    voucher_code = serializers.CharField(max_length=40, required=False, allow_blank=True)

    def validate(self, data):
        user = self.context["request"].user
        email = user.email if user.is_authenticated else data.get("email")
        if not email:
            raise serializers.ValidationError({"email": "Give an email address for the order."})
        shipping = self._address(data, "shipping_address", user)
        if shipping is None:
            raise serializers.ValidationError(
                {"shipping_address": "Give a shipping address, or the id of a saved one."}
            )
        billing = self._address(data, "billing_address", user) or shipping
        return checkout_services.CheckoutDetails(
            email=email,
            shipping_address=shipping,
            billing_address=billing,
            shipping_method_id=data["shipping_method_id"],
            voucher_code=data.get("voucher_code", "").strip().upper(),
        )

    @staticmethod
    def _address(data, field: str, user) -> dict | None:
        if field in data:
            return data[field]
        address_id = data.get(f"{field}_id")
        if address_id is None:
            return None
        saved = address_of(user, address_id) if user.is_authenticated else None
        if saved is None:
            raise serializers.ValidationError({f"{field}_id": "No such saved address."})
        return saved.snapshot()


class PlaceOrderSerializer(CheckoutDetailsSerializer):
    fingerprint = serializers.RegexField(
        r"^[0-9a-f]{32}$", help_text="The review's fingerprint: what the shopper saw."
    )


class TotalsSerializer(serializers.Serializer):
    goods = serializers.CharField()
    discount = serializers.CharField()
    shipping = serializers.CharField()
    tax = serializers.CharField()
    total = serializers.CharField()


class ReviewLineSerializer(serializers.Serializer):
    variant_id = serializers.IntegerField()
    title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    currency = serializers.CharField()
    prices_include_tax = serializers.BooleanField()
    tax_rate = serializers.CharField()
    lines = ReviewLineSerializer(many=True)
    shipping_method_id = serializers.IntegerField()
    voucher_code = serializers.CharField()
    totals = TotalsSerializer()
    fingerprint = serializers.CharField(help_text="Send it back to place exactly this order.")


class ShippingQuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    price = serializers.CharField(help_text="For this cart's goods now.")


class ShippingQuery(serializers.Serializer):
    country = serializers.RegexField(r"^[A-Z]{2}$", help_text="ISO 3166 code of the address.")


def rules_of(request) -> TaxRules:
    """The store's tax rules and currency, read fresh: an order is never priced from a cache."""
    return TaxRules.of(fresh_store_settings(request=request._request))


def _lines(cart):
    view = selectors.cart_view(cart, None)
    if not view.can_check_out:
        raise DomainError(
            "Your cart has nothing that can be checked out yet.", code="cart_not_ready"
        )
    return checkout_services.reviewed_lines(row.line for row in view.rows)


def _review(request, cart):
    details = _details(request, CheckoutDetailsSerializer)
    lines = _lines(cart)
    try:
        return checkout_services.review_of(lines, details=details, rules=rules_of(request))
    except CheckoutError as error:
        raise DomainError(str(error), code="checkout") from None


def _details(request, serializer_class, *, data=None):
    asked = serializer_class(
        data=request.data if data is None else data, context={"request": request}
    )
    asked.is_valid(raise_exception=True)
    return asked.validated_data


def review_data(review, rules: TaxRules) -> dict:
    totals = review.totals
    return {
        "currency": review.currency,
        "prices_include_tax": rules.prices_include_tax,
        "tax_rate": str(rules.rate),
        "lines": [
            {
                "variant_id": line.variant_id,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price),
            }
            for line in review.lines
        ],
        "shipping_method_id": review.shipping_method_id,
        "voucher_code": review.voucher_code,
        "totals": {
            name: money(getattr(totals, name))
            for name in ("goods", "discount", "shipping", "tax", "total")
        },
        "fingerprint": review.fingerprint,
    }


class CheckoutThrottled(ScopedView):
    throttle_scope = "checkout"


class ShippingQuotes(CheckoutThrottled):
    @extend_schema(
        summary="Shipping methods to a country, priced for this cart",
        operation_id="checkout_shipping_methods",
        parameters=[ShippingQuery, CART_TOKEN],
        responses=ShippingQuoteSerializer(many=True),
        tags=["checkout"],
    )
    def get(self, request, cart_id: int):
        cart = callers_cart(request, cart_id)
        asked = ShippingQuery(data=request.query_params)
        asked.is_valid(raise_exception=True)
        goods = selectors.cart_view(cart, None).goods_total
        methods = checkout_services.shipping_methods_for(asked.validated_data["country"])
        return Response(
            [
                {
                    "id": method.pk,
                    "name": method.name,
                    "description": method.description,
                    "price": money(method.price_for(goods)),
                }
                for method in methods
            ]
        )


class Review(CheckoutThrottled):
    @extend_schema(
        summary="Review the order: every total, and its fingerprint",
        operation_id="checkout_review",
        parameters=[CART_TOKEN],
        request=CheckoutDetailsSerializer,
        responses=ReviewSerializer,
        tags=["checkout"],
    )
    def post(self, request, cart_id: int):
        cart = callers_cart(request, cart_id)
        return Response(review_data(_review(request, cart), rules_of(request)))


class PlaceOrder(CheckoutThrottled):
    @extend_schema(
        summary="Place the reviewed order",
        description=(
            "Needs an Idempotency-Key header. The same key and body return the same order "
            "(200); the same key with another body answers 409. If the cart, a price, the "
            "shipping or the voucher changed since the review, 409 says so and nothing is "
            "placed: review again."
        ),
        operation_id="checkout_place_order",
        parameters=[CART_TOKEN, IDEMPOTENCY_KEY],
        request=PlaceOrderSerializer,
        responses={201: OrderSerializer, 200: OrderSerializer},
        tags=["checkout"],
    )
    def post(self, request, cart_id: int):
        key = request.headers.get("Idempotency-Key", "")
        if not KEY_FORMAT.match(key):
            raise DomainError(
                "Send an Idempotency-Key header of 8 to 200 printable characters.",
                code="idempotency_key",
                status_code=status.HTTP_400_BAD_REQUEST,
            )
        cart = callers_cart(request, cart_id)
        placing = _details(request, PlaceOrderSerializer)
        scope = f"user:{request.user.pk}" if request.user.is_authenticated else f"cart:{cart.token}"
        try:
            order, created = checkout_services.place_order_once(
                cart,
                idempotency_key=key,
                client_scope=scope,
                digest=_digest(request.data),
                details=placing,
                user=request.user,
                rules=rules_of(request),
                client=checkout_services.Client(
                    email=placing.email,
                    ip=client_ip(request._request),
                    session=hashlib.sha256(scope.encode()).hexdigest(),
                ),
                reviewed=request.data.get("fingerprint", ""),
            )
        except IdempotencyKeyReused as error:
            raise DomainError(str(error), code="idempotency_key_reused") from None
        except ReviewOutdated:
            raise DomainError(
                "Your order changed since you reviewed it; review it again.", code="review_outdated"
            ) from None
        except CheckoutError as error:
            raise DomainError(str(error), code="checkout") from None
        return Response(
            order_data(order, request, with_token=True),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


urlpatterns = [
    path(
        "checkout/<int:cart_id>/shipping-methods/",
        ShippingQuotes.as_view(),
        name="api_checkout_shipping",
    ),
    path("checkout/<int:cart_id>/review/", Review.as_view(), name="api_checkout_review"),
    path("checkout/<int:cart_id>/orders/", PlaceOrder.as_view(), name="api_checkout_place"),
]
