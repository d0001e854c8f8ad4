"""The Orders menu: a list to find, filter and export orders, and an order page
that shows everything needed to pack, ship, refund or answer a customer."""

from datetime import date

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from wagtail.admin import messages
from wagtail_modeladmin.views import IndexView, InspectView

from commerce import order_states, selectors
from commerce.models import Order, Payment
from commerce.payments import configured
from commerce.services import orders as order_services
from commerce.staff import actions
from commerce.staff.base import (
    OpenButtonHelper,
    ReadOnlyPermissionHelper,
    ShopModelAdmin,
    staff_time,
)
from core.money import format_money

TO_SHOW = "show"


class ShowFilter(admin.SimpleListFilter):
    """Orders waiting for the warehouse: paid and not shipped yet."""

    title = "show"
    parameter_name = TO_SHOW

    def lookups(self, request, model_admin):
        return [("to_ship", "To ship")]

    def queryset(self, request, queryset):
        if self.value() == "to_ship":
            return queryset.filter(order_states.WAITING_TO_SHIP)
        return queryset


class GatewayFilter(admin.SimpleListFilter):
    title = "payment gateway"
    parameter_name = "gateway"

    def lookups(self, request, model_admin):
        known = set(configured()) | set(Payment.objects.values_list("gateway", flat=True))
        return [(name, name.capitalize()) for name in sorted(known)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        paid_with = Payment.objects.filter(order=OuterRef("pk"), gateway=self.value())
        return queryset.filter(Exists(paid_with))


class OrderButtonHelper(OpenButtonHelper):
    open_title = "Open the order page"


class OrderPage(InspectView):
    """Everything about one order, for whoever packs, ships or refunds it."""

    def get_page_title(self):
        return f"Order {self.instance.number}"

    def get_page_subtitle(self):
        return ""

    def get_meta_title(self):
        return f"Order {self.instance.number}"

    def get_context_data(self, **kwargs):
        order = selectors.order_for_staff(self.instance.pk)
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "order": order,
            "lines": selectors.order_lines_with_images(order),
            "payments": selectors.payments_with_links(order),
            "refunds": list(order.refunds.all()),
            "events": list(order.events.all()),
            "actions": actions.available(user, order),
            "emails": order_services.resendable_emails(order),
        }


DATE_PARAMS = ("created_at__gte", "created_at__lt")


class OrderList(IndexView):
    """The orders list, which refuses dates it cannot read rather than failing on them."""

    def dispatch(self, request, *args, **kwargs):
        unreadable = [name for name in DATE_PARAMS if not _is_date(request.GET.get(name))]
        if unreadable:
            messages.error(request, "Give dates as year-month-day, e.g. 2026-12-01.")
            kept = request.GET.copy()
            for name in unreadable:
                kept.pop(name)
            return redirect(f"{request.path}?{kept.urlencode()}")
        return super().dispatch(request, *args, **kwargs)


def _is_date(value: str | None) -> bool:
    if value is None:
        return True
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) == 10 or parse_datetime(value) is not None


class OrderAdmin(ShopModelAdmin):
    model = Order
    menu_label = "Orders"
    menu_icon = "list-ul"
    menu_order = 290
    add_to_admin_menu = True
    list_display = (
        "number",
        "placed",
        "customer",
        "payment_status",
        "fulfilment_status",
        "total_display",
    )
    list_filter = (
        ShowFilter,
        "payment_status",
        "fulfilment_status",
        GatewayFilter,
        ("created_at", admin.DateFieldListFilter),
    )
    search_fields = (
        "number",
        "email",
        "shipping_address__full_name",
        "billing_address__full_name",
        "items__sku",
    )
    list_export = (
        "number",
        "created_at",
        "email",
        "customer_name",
        "payment_status_label",
        "fulfilment_status_label",
        "currency",
        "goods_total",
        "discount_total",
        "shipping_total",
        "tax_total",
        "total",
        "voucher_code",
        "carrier",
        "tracking_number",
    )
    export_filename = "orders"
    index_view_class = OrderList
    index_template_name = "commerce/admin/order_index.html"
    inspect_view_enabled = True
    inspect_view_class = OrderPage
    inspect_template_name = "commerce/admin/order_page.html"
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = OrderButtonHelper

    def placed(self, order):
        return staff_time(order.created_at)

    def customer(self, order):
        name = order.shipping_address.get("full_name", "")
        return format_html("{}<br><small>{}</small>", name, order.email) if name else order.email

    def customer_name(self, order):
        return order.shipping_address.get("full_name", "")

    def total_display(self, order):
        return format_money(order.total, order.currency)

    def payment_status_label(self, order):
        return order.get_payment_status_display()

    def fulfilment_status_label(self, order):
        return order.get_fulfilment_status_display()

    placed.short_description = "placed"
    placed.admin_order_field = "created_at"
    total_display.short_description = "total"
    total_display.admin_order_field = "total"
    payment_status_label.short_description = "payment"
    fulfilment_status_label.short_description = "fulfilment"
