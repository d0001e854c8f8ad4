import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from catalog.models import ProductVariant
from commerce import order_states
from commerce.exceptions import CommerceError
from commerce.models import (
    FulfilmentStatus,
    Order,
    PaymentStatus,
    ShippingMethod,
    StockMovement,
    StockRecord,
    Voucher,
)
from commerce.services import orders as order_services
from commerce.services import refunds
from commerce.services import stock as stock_services
from core.money import format_money

ORDERS_INDEX = "commerce_order_modeladmin_index"
MOVEMENTS_INDEX = "commerce_stockmovement_modeladmin_index"


class StockAdjustmentForm(WagtailAdminModelForm):
    """Stock changes by a number of units and a reason, never by overwriting the count."""

    change = forms.IntegerField(
        min_value=-1_000_000,
        max_value=1_000_000,
        help_text="Units to add on hand; negative to take away.",
    )
    reason = forms.ChoiceField(choices=[(r.value, r.label) for r in stock_services.MANUAL_REASONS])
    note = forms.CharField(
        max_length=255, required=False, help_text="Optional, e.g. a delivery note."
    )

    def clean_change(self):
        change = self.cleaned_data["change"]
        if change == 0:
            raise forms.ValidationError("Enter how many units to add or take away.")
        return change


class StockRecordEditView(EditView):
    """Stock changes go through the inventory service, under its row lock, and into
    the ledger."""

    def form_valid(self, form):
        try:
            self.instance = stock_services.adjust_stock(
                variant_id=self.instance.variant_id,
                change=form.cleaned_data["change"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except CommerceError as exc:
            form.add_error("change", str(exc))
            return self.form_invalid(form)
        log(instance=self.instance, action="wagtail.edit")
        messages.success(self.request, self.get_success_message(self.instance))
        return redirect(self.get_success_url())


class StockLevelFilter(admin.SimpleListFilter):
    title = "stock level"
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [
            ("low", f"Low ({settings.SHOP_LOW_STOCK_THRESHOLD} or fewer left)"),
            ("sold_out", "Sold out"),
        ]

    def queryset(self, request, queryset):
        available = F("num_on_hand") - F("num_reserved")
        if self.value() == "low":
            low = Q(available__gt=0, available__lte=settings.SHOP_LOW_STOCK_THRESHOLD)
            return queryset.alias(available=available).filter(low)
        if self.value() == "sold_out":
            return queryset.filter(num_on_hand__lte=F("num_reserved"))
        return queryset


class StockButtonHelper(ButtonHelper):
    """Each stock record's history of movements, one click away."""

    def get_buttons_for_obj(self, obj, **kwargs):
        history = reverse(MOVEMENTS_INDEX) + f"?variant={obj.variant_id}"
        return [
            *super().get_buttons_for_obj(obj, **kwargs),
            {
                "url": history,
                "label": "History",
                "classname": "button button-small button-secondary",
                "title": f"Stock movements of {obj.variant.sku}",
            },
        ]


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
    list_filter = (StockLevelFilter,)
    list_export = ("sku", "product", "num_on_hand", "num_reserved", "num_available")
    search_fields = ("variant__sku", "variant__product__title")
    ordering = ("variant__sku",)
    edit_view_class = StockRecordEditView
    permission_helper_class = StockPermissionHelper
    button_helper_class = StockButtonHelper
    edit_handler = ObjectList(
        [FieldPanel("change"), FieldPanel("reason"), FieldPanel("note")],
        base_form_class=StockAdjustmentForm,
    )
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


class VariantFilter(admin.SimpleListFilter):
    """One variant's movements (the stock list's History links here)."""

    title = "variant"
    parameter_name = "variant"

    def lookups(self, request, model_admin):
        chosen = self.value() or ""
        variant = ProductVariant.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        return [(str(variant.pk), variant.sku)] if variant else []

    def queryset(self, request, queryset):
        chosen = self.value() or ""
        if not chosen:
            return queryset
        return queryset.filter(variant_id=chosen) if chosen.isdigit() else queryset.none()


class LedgerPermissionHelper(StockPermissionHelper):
    """Movements are written by the stock services only: a ledger is never edited."""

    def user_can_list(self, user):
        return user.has_perm("commerce.view_stockrecord") or user.has_perm(
            "commerce.change_stockrecord"
        )

    def user_can_edit_obj(self, user, obj):
        return False


@modeladmin_register
class StockMovementAdmin(ModelAdmin):
    model = StockMovement
    menu_label = "Stock movements"
    menu_icon = "list-ul"
    menu_order = 301
    add_to_admin_menu = True
    list_display = ("when", "sku", "reason", "on_hand", "reserved", "order", "by", "note")
    list_filter = (VariantFilter, "reason")
    list_export = (
        "created_at",
        "sku",
        "reason_label",
        "on_hand_change",
        "reserved_change",
        "order",
        "created_by",
        "note",
    )
    search_fields = ("variant__sku", "note", "order__number")
    permission_helper_class = LedgerPermissionHelper
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant", "order", "created_by")

    def sku(self, movement):
        return movement.variant.sku

    def reason_label(self, movement):
        return movement.get_reason_display()

    def when(self, movement):
        return date_format(localtime(movement.created_at), "SHORT_DATETIME_FORMAT")

    def on_hand(self, movement):
        return f"{movement.on_hand_change:+d}" if movement.on_hand_change else "–"

    def reserved(self, movement):
        return f"{movement.reserved_change:+d}" if movement.reserved_change else "–"

    def by(self, movement):
        return movement.created_by or "–"

    sku.short_description = "SKU"
    reason_label.short_description = "reason"
    on_hand.short_description = "on hand"


class ReadOnlyPermissionHelper(StockPermissionHelper):
    """Orders are made by checkout and changed only through their transitions."""

    def user_can_edit_obj(self, user, obj):
        return False


# What staff may do to an order by hand: each a form that asks for confirmation.
STAFF_MOVES = {
    "shipped": ("Mark shipped", order_states.can_move_fulfilment, FulfilmentStatus.SHIPPED),
    "delivered": ("Mark delivered", order_states.can_move_fulfilment, FulfilmentStatus.DELIVERED),
    "cancelled": ("Cancel", order_states.can_move_payment, PaymentStatus.CANCELLED),
}


class OrderButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        if obj.payment_status in order_states.REFUNDABLE:
            buttons.append(_button(reverse("shop_order_refund", args=[obj.pk]), "Refund", obj))
        for move, (label, allowed, status) in STAFF_MOVES.items():
            if allowed(obj, status):
                buttons.append(_button(reverse("shop_order_move", args=[obj.pk, move]), label, obj))
        return buttons


def _button(url: str, label: str, order: Order) -> dict:
    return {
        "url": url,
        "label": label,
        "classname": "button button-small button-secondary",
        "title": f"{label}: order {order.number}",
    }


@modeladmin_register
class OrderAdmin(ModelAdmin):
    model = Order
    menu_label = "Orders"
    menu_icon = "list-ul"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ("number", "email", "payment_status", "fulfilment_status", "total", "created_at")
    list_filter = ("payment_status", "fulfilment_status")
    search_fields = ("number", "email")
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = OrderButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = (
        "number",
        "email",
        "user",
        "payment_status",
        "fulfilment_status",
        "carrier",
        "tracking_number",
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


class ShipForm(forms.Form):
    carrier = forms.CharField(max_length=80)
    tracking_number = forms.CharField(max_length=80, required=False)


def move_order(request, order_id, move):
    if not request.user.has_perm("commerce.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    if move not in STAFF_MOVES:
        raise Http404("No such change.")
    label = STAFF_MOVES[move][0]
    form = ShipForm(request.POST or None) if move == "shipped" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _apply_move(order, move, form, by=request.user)
        except CommerceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Order {order.number}: {label.lower()} done.")
        return redirect(reverse(ORDERS_INDEX))
    context = {"order": order, "label": label, "form": form, "index_url": reverse(ORDERS_INDEX)}
    return TemplateResponse(request, "commerce/admin/confirm_move.html", context)


def _apply_move(order: Order, move: str, form, *, by) -> None:
    if move == "shipped":
        data = form.cleaned_data
        order_services.mark_shipped(
            order, carrier=data["carrier"], tracking=data["tracking_number"], by=by
        )
    elif move == "delivered":
        order_services.mark_delivered(order, by=by)
    else:
        order_services.cancel(order, note="Cancelled by the shop.", by=by)


class RefundForm(forms.Form):
    """Lines and quantities to give back, each optionally restocked; shipping; an
    amount beyond them. The amount refunded is worked out from the order's lines."""

    shipping = forms.BooleanField(required=False, label="Refund the shipping")
    goodwill = forms.DecimalField(
        required=False,
        min_value=Decimal("0.00"),
        decimal_places=2,
        max_digits=10,
        label="Goodwill amount",
        help_text="Given back beyond the lines, e.g. for a late delivery.",
    )
    reason = forms.CharField(required=False, max_length=255)
    # Fixed when the form is shown: submitting it twice refunds once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            left = item.quantity - item.quantity_refunded
            # The service checks what is left, after a double-submitted form has found
            # the refund it already made; the browser is only told the most.
            self.fields[f"quantity_{item.pk}"] = forms.IntegerField(
                required=False,
                min_value=0,
                initial=0,
                label=f"{item.title} ({item.sku})",
                widget=forms.NumberInput(attrs={"max": left}),
            )
            self.fields[f"restock_{item.pk}"] = forms.BooleanField(
                required=False, label="Put back in stock", disabled=item.variant_id is None
            )

    def other_fields(self):
        return [self[name] for name in ("shipping", "goodwill", "reason", "idempotency_key")]

    def item_rows(self):
        return [
            (item, self[f"quantity_{item.pk}"], self[f"restock_{item.pk}"]) for item in self.items
        ]

    def refund_request(self) -> refunds.RefundRequest:
        data = self.cleaned_data
        lines = tuple(
            refunds.ReturnedLine(
                item_id=item.pk,
                quantity=data[f"quantity_{item.pk}"],
                restock=data[f"restock_{item.pk}"],
            )
            for item in self.items
            if data[f"quantity_{item.pk}"]  # empty or 0: nothing of that line
        )
        return refunds.RefundRequest(
            lines=lines,
            shipping=data["shipping"],
            goodwill=data["goodwill"] or Decimal("0.00"),
            reason=data["reason"],
        )


def refund_order(request, order_id):
    if not request.user.has_perm("commerce.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    items = list(order.items.all())
    initial = {"idempotency_key": uuid.uuid4().hex}
    form = RefundForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            made = refunds.refund(
                order_id=order.pk,
                request=form.refund_request(),
                idempotency_key=f"admin-{form.cleaned_data['idempotency_key']}",
                by=request.user,
            )
        except CommerceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Refunded {format_money(made.amount, order.currency)} on order {order.number} "
                f"({made.credit_note_display_number}).",
            )
            return redirect(reverse(ORDERS_INDEX))
    context = {
        "order": order,
        "form": form,
        "left": format_money(order.total - refunds.refunded_total(order), order.currency),
        "index_url": reverse(ORDERS_INDEX),
    }
    return TemplateResponse(request, "commerce/admin/refund.html", context)


@hooks.register("register_admin_urls")
def order_admin_urls():
    return [
        path("shop-orders/<int:order_id>/move/<slug:move>/", move_order, name="shop_order_move"),
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

    def get_queryset(self, request):
        return Voucher.objects.annotate(uses_count=Count("uses"))

    list_display = (
        "code",
        "kind",
        "value",
        "minimum_spend",
        "uses_count",
        "usage_limit",
        "limit_per_customer",
        "is_active",
    )


register_snippet(ShippingMethodViewSet)
register_snippet(VoucherViewSet)
