import uuid
from decimal import Decimal

import stripe
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from commerce import order_states
from commerce.exceptions import CommerceError
from commerce.models import Order, OrderStatus, ShippingMethod, StockRecord, Voucher
from commerce.services import orders as order_services
from commerce.services import refunds
from commerce.services import stock as stock_services

ORDERS_INDEX = "commerce_order_modeladmin_index"
# What staff may do to an order by hand; payment and refunds go through the gateway.
STAFF_MOVES = (OrderStatus.SHIPPED, OrderStatus.FULFILLED, OrderStatus.CANCELLED)


class StockRecordEditView(EditView):
    """Counted stock goes through the inventory service, under its row lock."""

    def form_valid(self, form):
        try:
            self.instance = stock_services.set_stock_on_hand(
                variant_id=self.instance.variant_id, num_on_hand=form.cleaned_data["num_on_hand"]
            )
        except CommerceError as exc:
            form.add_error("num_on_hand", str(exc))
            return self.form_invalid(form)
        log(instance=self.instance, action="wagtail.edit")
        messages.success(self.request, self.get_success_message(self.instance))
        return redirect(self.get_success_url())


class StockPermissionHelper(PermissionHelper):
    """Stock records come and go with their variants."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class StockRecordAdmin(ModelAdmin):
    model = StockRecord
    menu_label = "Stock"
    menu_icon = "tasks"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ("sku", "product", "num_on_hand", "num_reserved", "num_available")
    search_fields = ("variant__sku", "variant__product__title")
    ordering = ("variant__sku",)
    edit_view_class = StockRecordEditView
    permission_helper_class = StockPermissionHelper
    panels = [FieldPanel("num_on_hand")]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant__product")

    def sku(self, record):
        return record.variant.sku

    def product(self, record):
        return record.variant.product.title

    def num_available(self, record):
        return record.num_available

    sku.short_description = "SKU"
    num_available.short_description = "available"


class ReadOnlyPermissionHelper(StockPermissionHelper):
    """Orders are made by checkout and changed only through their transitions."""

    def user_can_edit_obj(self, user, obj):
        return False


class OrderButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.status in refunds.REFUNDABLE:
            buttons.append(
                {
                    "url": reverse("shop_order_refund", args=[obj.pk]),
                    "label": "Refund",
                    "classname": "button button-small button-secondary",
                    "title": f"Refund order {obj.number}",
                }
            )
        for status in STAFF_MOVES:
            if order_states.can_move(obj.status, status):
                buttons.append(
                    {
                        "url": reverse("shop_order_move", args=[obj.pk, status]),
                        "label": f"Mark {OrderStatus(status).label}",
                        "classname": "button button-small button-secondary",
                        "title": f"Mark order {obj.number} {OrderStatus(status).label}",
                    }
                )
        return buttons


@modeladmin_register
class OrderAdmin(ModelAdmin):
    model = Order
    menu_label = "Orders"
    menu_icon = "list-ul"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ("number", "email", "status", "total", "created_at")
    list_filter = ("status",)
    search_fields = ("number", "email")
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = OrderButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = (
        "number",
        "email",
        "user",
        "status",
        "currency",
        "goods_total",
        "discount_total",
        "voucher_code",
        "shipping_method_name",
        "shipping_total",
        "tax_total",
        "total",
        "reserved_until",
        "created_at",
    )


def move_order(request, order_id, status):
    if not request.user.has_perm("commerce.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    if status not in STAFF_MOVES:
        return redirect(reverse(ORDERS_INDEX))
    if request.method == "POST":
        try:
            order_services.transition(order, status, note=f"By {request.user.get_username()}.")
        except CommerceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Order {order.number} is now {OrderStatus(status).label}.")
        return redirect(reverse(ORDERS_INDEX))
    context = {
        "order": order,
        "status_label": OrderStatus(status).label,
        "index_url": reverse(ORDERS_INDEX),
    }
    return TemplateResponse(request, "commerce/admin/confirm_move.html", context)


class RefundForm(forms.Form):
    amount = forms.DecimalField(min_value=Decimal("0.01"), decimal_places=2, max_digits=10)
    restock = forms.BooleanField(required=False, label="Put the items back in stock")
    reason = forms.CharField(required=False, max_length=255)
    # Fixed when the form is shown: submitting it twice refunds once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput)


def refund_order(request, order_id):
    if not request.user.has_perm("commerce.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    left = order.total - refunds.refunded_total(order)
    initial = {"amount": left, "idempotency_key": uuid.uuid4().hex}
    form = RefundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = refunds.refund(
                order,
                data["amount"],
                idempotency_key=f"admin-{data['idempotency_key']}",
                restock=data["restock"],
                reason=data["reason"],
            )
        except (CommerceError, stripe.StripeError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Refunded {made.amount} on order {order.number} "
                f"({made.credit_note_display_number}).",
            )
            return redirect(reverse(ORDERS_INDEX))
    context = {
        "order": order,
        "form": form,
        "left": left,
        "index_url": reverse(ORDERS_INDEX),
    }
    return TemplateResponse(request, "commerce/admin/refund.html", context)


@hooks.register("register_admin_urls")
def order_admin_urls():
    return [
        path("shop-orders/<int:order_id>/move/<str:status>/", move_order, name="shop_order_move"),
        path("shop-orders/<int:order_id>/refund/", refund_order, name="shop_order_refund"),
    ]


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "site"
    menu_label = "Shipping methods"
    list_display = ("name", "price", "free_above", "is_active")


class VoucherViewSet(SnippetViewSet):
    model = Voucher
    icon = "tag"
    menu_label = "Vouchers"
    list_display = (
        "code",
        "kind",
        "value",
        "minimum_spend",
        "times_used",
        "usage_limit",
        "is_active",
    )


register_snippet(ShippingMethodViewSet)
register_snippet(VoucherViewSet)
