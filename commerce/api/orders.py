"""Orders for apps: a signed-in caller's own, or a guest's by the order's signed token
(`X-Order-Token`, given when the order is placed); paying them through the configured
gateway, the return after 3-D Secure, and the invoice PDF."""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from commerce import selectors
from commerce.exceptions import PaymentError
from commerce.models import Order, Payment, PaymentStatus
from commerce.payments import get_gateway
from commerce.services import invoices, payments
from commerce.tokens import order_number_from_token, order_token
from core.api import DomainError, ScopedView, money
from core.http import found_or_404

ORDER_TOKEN = OpenApiParameter(
    "X-Order-Token",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="A guest's order token, from placing the order.",
)
NO_ORDER = "No such order."


def callers_order(request, number: str) -> Order:
    """The order `number` if the caller may see it: their own when signed in, or the
    one the signed order token names. Anyone else's is a 404."""
    token = request.headers.get("X-Order-Token", "")
    if token and order_number_from_token(token) == number:
        return found_or_404(selectors.order_for_token(token), NO_ORDER)
    if request.user.is_authenticated:
        return found_or_404(selectors.order_of(request.user, number), NO_ORDER)
    return found_or_404(None, NO_ORDER)


class OrderLineSerializer(serializers.Serializer):
    title = serializers.CharField()
    sku = serializers.CharField()
    options = serializers.DictField(child=serializers.CharField())
    quantity = serializers.IntegerField()
    quantity_refunded = serializers.IntegerField()
    unit_price = serializers.CharField()
    line_total = serializers.CharField()


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    token = serializers.CharField(
        required=False, help_text="Only when placed: send it as X-Order-Token as a guest."
    )
    created_at = serializers.DateTimeField()
    email = serializers.EmailField()
    payment_status = serializers.CharField()
    fulfilment_status = serializers.CharField()
    currency = serializers.CharField()
    lines = OrderLineSerializer(many=True)
    shipping_address = serializers.DictField(child=serializers.CharField())
    billing_address = serializers.DictField(child=serializers.CharField())
    shipping_method = serializers.CharField()
    voucher_code = serializers.CharField()
    totals = serializers.DictField(child=serializers.CharField())
    tracking_url = serializers.CharField()
    reserved_until = serializers.DateTimeField(allow_null=True)
    has_invoice = serializers.BooleanField()


def order_data(order: Order, request, *, with_token: bool = False) -> dict:
    data = {
        "number": order.number,
        "created_at": order.created_at,
        "email": order.email,
        "payment_status": order.payment_status,
        "fulfilment_status": order.fulfilment_status,
        "currency": order.currency,
        "lines": [
            {
                "title": item.title,
                "sku": item.sku,
                "options": item.options,
                "quantity": item.quantity,
                "quantity_refunded": item.quantity_refunded,
                "unit_price": money(item.unit_price),
                "line_total": money(item.line_total),
            }
            for item in order.items.all()
        ],
        "shipping_address": order.shipping_address,
        "billing_address": order.billing_address,
        "shipping_method": order.shipping_method_name,
        "voucher_code": order.voucher_code,
        "totals": {
            "goods": money(order.goods_total),
            "discount": money(order.discount_total),
            "shipping": money(order.shipping_total),
            "tax": money(order.tax_total),
            "total": money(order.total),
        },
        "tracking_url": order.tracking_url,
        "reserved_until": order.reserved_until,
        "has_invoice": hasattr(order, "invoice"),
    }
    if with_token:
        data["token"] = order_token(order)
    return data


class NewestFirst(CursorPagination):
    ordering = "-created_at"
    page_size = 20


class Orders(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The signed-in caller's orders, newest first",
        operation_id="orders_list",
        parameters=[OpenApiParameter("cursor", str, description="From `next` or `previous`.")],
        responses=OrderSerializer(many=True),
        tags=["orders"],
    )
    def get(self, request):
        pages = NewestFirst()
        page = pages.paginate_queryset(selectors.orders_of(request.user), request, view=self)
        return pages.get_paginated_response([order_data(order, request) for order in page])


class OrderDetail(APIView):
    @extend_schema(
        summary="An order",
        operation_id="orders_detail",
        parameters=[ORDER_TOKEN],
        responses={200: OrderSerializer, 404: OpenApiResponse(description="Not found")},
        tags=["orders"],
    )
    def get(self, request, number: str):
        return Response(order_data(callers_order(request, number), request))


class Invoice(APIView):
    @extend_schema(
        summary="The order's invoice, as PDF",
        operation_id="orders_invoice",
        parameters=[ORDER_TOKEN],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        tags=["orders"],
    )
    def get(self, request, number: str):
        order = callers_order(request, number)
        invoice = found_or_404(getattr(order, "invoice", None), "This order has no invoice yet.")
        response = HttpResponse(invoices.invoice_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{invoices.invoice_filename(invoice)}"'
        return response


class PaymentInput(serializers.Serializer):
    payment_method = serializers.RegexField(
        r"^pm_[A-Za-z0-9_]{1,120}$",
        required=False,
        help_text="Stripe: the id of the payment method your Stripe SDK made.",
    )
    outcome = serializers.ChoiceField(
        choices=["pay", "decline"], required=False, help_text="The demo gateway: what to do."
    )


class PaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gateway = serializers.CharField()
    status = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()
    message = serializers.CharField(help_text="Why it failed; empty otherwise.")
    client_secret = serializers.CharField(
        allow_null=True, help_text="Stripe, when the card needs 3-D Secure: for handleNextAction."
    )


class PaymentStateSerializer(serializers.Serializer):
    payment_status = serializers.CharField()
    gateway = serializers.CharField()
    publishable_key = serializers.CharField(allow_null=True, help_text="Stripe's, for the SDK.")
    payments = PaymentSerializer(many=True)


def payment_data(payment: Payment, client_secret: str | None = None) -> dict:
    return {
        "id": payment.pk,
        "gateway": payment.gateway,
        "status": payment.status,
        "amount": money(payment.amount),
        "currency": payment.currency,
        "message": payment.failure_message,
        "client_secret": client_secret,
    }


class PaymentThrottled(ScopedView):
    throttle_scope = "checkout"


class Payments(PaymentThrottled):
    @extend_schema(
        summary="The order's payment state, and what the app's payment SDK needs",
        operation_id="orders_payment_state",
        parameters=[ORDER_TOKEN],
        responses=PaymentStateSerializer,
        tags=["payment"],
    )
    def get(self, request, number: str):
        order = callers_order(request, number)
        gateway = get_gateway()
        return Response(
            {
                "payment_status": order.payment_status,
                "gateway": gateway.name,
                "publishable_key": gateway.page_context().get("publishable_key"),
                "payments": [payment_data(p) for p in order.payments.order_by("attempt")],
            }
        )

    @extend_schema(
        summary="Pay the order",
        description=(
            "Stripe: send the payment method your Stripe SDK made. The answer is the "
            "payment: succeeded, failed with a message, or requires_action with a "
            "client secret for 3-D Secure, then POST …/confirm/. The demo gateway takes "
            '{"outcome": "pay"} or {"outcome": "decline"}.'
        ),
        operation_id="orders_pay",
        parameters=[ORDER_TOKEN],
        request=PaymentInput,
        responses={201: PaymentSerializer},
        tags=["payment"],
    )
    def post(self, request, number: str):
        order = callers_order(request, number)
        if order.payment_status != PaymentStatus.AWAITING_PAYMENT:
            raise DomainError("This order is not waiting for payment.", code="not_payable")
        asked = PaymentInput(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            payment, outcome = payments.pay(
                order, data=asked.validated_data, request=request._request
            )
        except PaymentError as error:
            raise DomainError(str(error), code="payment") from None
        return Response(
            payment_data(payment, outcome.client_secret or None), status=status.HTTP_201_CREATED
        )


class ConfirmPayment(PaymentThrottled):
    @extend_schema(
        summary="Finish a payment after 3-D Secure",
        operation_id="orders_payment_confirm",
        parameters=[ORDER_TOKEN],
        request=None,
        responses=PaymentSerializer,
        tags=["payment"],
    )
    def post(self, request, number: str, payment_id: int):
        order = callers_order(request, number)
        payment = found_or_404(order.payments.filter(pk=payment_id).first(), "No such payment.")
        if payment.status != Payment.Status.REQUIRES_ACTION:
            return Response(payment_data(payment))  # done already, perhaps by the webhook
        payment, outcome = payments.finish_action(payment, data={}, request=request._request)
        return Response(payment_data(payment, outcome.client_secret or None))


NUMBER = "<str:number>"
urlpatterns = [
    path("orders/", Orders.as_view(), name="api_orders"),
    path(f"orders/{NUMBER}/", OrderDetail.as_view(), name="api_order"),
    path(f"orders/{NUMBER}/invoice.pdf", Invoice.as_view(), name="api_order_invoice"),
    path(f"orders/{NUMBER}/payments/", Payments.as_view(), name="api_order_payments"),
    path(
        f"orders/{NUMBER}/payments/<int:payment_id>/confirm/",
        ConfirmPayment.as_view(),
        name="api_order_payment_confirm",
    ),
]
