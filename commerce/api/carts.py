"""Carts for apps. A guest's cart is found by its id and the opaque token it was
given (`X-Cart-Token`); a signed-in caller's cart is theirs, and a guest cart sent
with their first call after signing in joins it, as on the site."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import renditions
from catalog.api import AvailabilitySerializer, RenditionSerializer, availability_of, rendition_rows
from commerce import selectors
from commerce.exceptions import CartError
from commerce.inventory import Availability
from commerce.models import Cart
from commerce.services import cart as cart_services
from core.api import DomainError, ScopedView, money
from core.http import found_or_404
from core.selectors import store_settings

CART_TOKEN = OpenApiParameter(
    "X-Cart-Token",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="A guest cart's token, from POST /api/v1/carts/.",
)


def cart_token(request) -> str | None:
    return request.headers.get("X-Cart-Token") or None


def callers_cart(request, cart_id: int) -> Cart:
    """The cart `cart_id` if it is the caller's: their own, or the guest cart whose
    token they hold. Anyone else's is a 404, as if it did not exist."""
    cart = selectors.current_cart(user=request.user, token=cart_token(request))
    if cart is None or cart.pk != cart_id:
        found_or_404(None, "No such cart.")
    return cart


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    variant_id = serializers.IntegerField(allow_null=True)
    product_id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    sku = serializers.CharField()
    options = serializers.DictField(child=serializers.CharField())
    quantity = serializers.IntegerField()
    unit_price = serializers.CharField()
    price_changed = serializers.BooleanField(help_text="The price is not what it was when added.")
    total = serializers.CharField()
    availability = AvailabilitySerializer()
    problem = serializers.CharField(
        help_text="Why the line cannot be checked out; empty if it can."
    )
    image = RenditionSerializer(many=True)


class CartSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    token = serializers.CharField(allow_null=True, help_text="A guest's; null when signed in.")
    currency = serializers.CharField()
    item_count = serializers.IntegerField()
    goods_total = serializers.CharField()
    can_check_out = serializers.BooleanField()
    lines = CartLineSerializer(many=True)


def cart_data(cart: Cart, request) -> dict:
    view = selectors.cart_view(cart, request._request)
    return {
        "id": cart.pk,
        "token": None if cart.user_id else str(cart.token),
        "currency": store_settings(request=request._request).currency,
        "item_count": view.item_count,
        "goods_total": money(view.goods_total),
        "can_check_out": view.can_check_out,
        "lines": [_line(row, request) for row in view.rows],
    }


def _line(row, request) -> dict:
    variant = row.variant
    return {
        "id": row.line.pk,
        "variant_id": variant.pk if variant else None,
        "product_id": variant.product_id if variant else None,
        "title": row.line.title,
        "sku": row.line.sku,
        "options": variant.options if variant else {},
        "quantity": row.line.quantity,
        "unit_price": money(row.price),
        "price_changed": row.price_changed,
        "total": money(row.total),
        "availability": availability_of(Availability(row.available)),
        "problem": row.problem,
        "image": rendition_rows(
            renditions.sources(row.image.image if row.image else None, "thumb"), request
        ),
    }


class Carts(ScopedView):
    throttle_scope = "cart_tokens"

    @extend_schema(
        summary="Start a cart, or find the signed-in caller's",
        description=(
            "A guest gets a new cart and its token. A signed-in caller gets their own "
            "cart; a guest cart named by X-Cart-Token joins it."
        ),
        operation_id="carts_create",
        request=None,
        parameters=[CART_TOKEN],
        responses={201: CartSerializer, 200: CartSerializer},
        tags=["cart"],
    )
    def post(self, request):
        if not request.user.is_authenticated:
            return Response(cart_data(Cart.objects.create(), request), status.HTTP_201_CREATED)
        guest = selectors.current_cart(token=cart_token(request))
        if guest is not None:
            return Response(
                cart_data(cart_services.merge_into_user_cart(guest, user=request.user), request)
            )
        return Response(cart_data(cart_services.cart_for_user(request.user), request))


class CartDetail(APIView):
    @extend_schema(
        summary="A cart",
        operation_id="carts_detail",
        parameters=[CART_TOKEN],
        responses=CartSerializer,
        tags=["cart"],
    )
    def get(self, request, cart_id: int):
        return Response(cart_data(callers_cart(request, cart_id), request))


class AddLine(serializers.Serializer):
    variant_id = serializers.IntegerField(min_value=1)
    quantity = serializers.IntegerField(
        min_value=1, max_value=cart_services.MAX_QUANTITY, default=1
    )


class SetQuantity(serializers.Serializer):
    quantity = serializers.IntegerField(
        min_value=0, max_value=cart_services.MAX_QUANTITY, help_text="Zero removes the line."
    )


def _refused(error: CartError):
    return DomainError(str(error), code="cart")


class CartLines(APIView):
    @extend_schema(
        summary="Add a product variant",
        operation_id="carts_lines_add",
        parameters=[CART_TOKEN],
        request=AddLine,
        responses={201: CartSerializer},
        tags=["cart"],
    )
    def post(self, request, cart_id: int):
        cart = callers_cart(request, cart_id)
        asked = AddLine(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            cart_services.add_to_cart(cart, **asked.validated_data)
        except CartError as error:
            raise _refused(error) from None
        return Response(cart_data(cart, request), status.HTTP_201_CREATED)


class CartLine(APIView):
    @extend_schema(
        summary="Set a line's quantity",
        operation_id="carts_lines_set",
        parameters=[CART_TOKEN],
        request=SetQuantity,
        responses=CartSerializer,
        tags=["cart"],
    )
    def patch(self, request, cart_id: int, line_id: int):
        cart = callers_cart(request, cart_id)
        found_or_404(cart.lines.filter(pk=line_id).first(), "No such line in this cart.")
        asked = SetQuantity(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            cart_services.set_line_quantity(cart, line_id=line_id, **asked.validated_data)
        except CartError as error:
            raise _refused(error) from None
        return Response(cart_data(cart, request))

    @extend_schema(
        summary="Remove a line",
        operation_id="carts_lines_remove",
        parameters=[CART_TOKEN],
        request=None,
        responses=CartSerializer,
        tags=["cart"],
    )
    def delete(self, request, cart_id: int, line_id: int):
        cart = callers_cart(request, cart_id)
        found_or_404(cart.lines.filter(pk=line_id).first(), "No such line in this cart.")
        cart_services.remove_line(cart, line_id=line_id)
        return Response(cart_data(cart, request))


urlpatterns = [
    path("carts/", Carts.as_view(), name="api_carts"),
    path("carts/<int:cart_id>/", CartDetail.as_view(), name="api_cart"),
    path("carts/<int:cart_id>/lines/", CartLines.as_view(), name="api_cart_lines"),
    path("carts/<int:cart_id>/lines/<int:line_id>/", CartLine.as_view(), name="api_cart_line"),
]
