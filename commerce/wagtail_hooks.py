"""The Shop menu in the Wagtail admin: orders, customers, stock and the webhook inbox
(modeladmin), shipping methods and vouchers (snippets), the order and customer pages'
action URLs, and the Shop's dashboard panels and reports."""

import functools

from django.db.models import Count
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from commerce.models import ShippingMethod, Voucher
from commerce.staff import customers, dashboard, order_views, reports, shipping, webhooks
from commerce.staff.customers import CustomerAdmin
from commerce.staff.orders import OrderAdmin
from commerce.staff.stock import StockMovementAdmin, StockRecordAdmin
from commerce.staff.webhooks import WebhookInboxAdmin


@modeladmin_register
class ShopGroup(ModelAdminGroup):
    menu_label = "Shop"
    menu_icon = "list-ul"
    menu_order = 290
    items = (OrderAdmin, CustomerAdmin, StockRecordAdmin, StockMovementAdmin, WebhookInboxAdmin)


@hooks.register("register_admin_urls")
def order_admin_urls():
    return [
        path("shop-orders/ship/", shipping.ship_orders, name="shop_orders_to_ship"),
        path(
            "shop-orders/<int:order_id>/<slug:name>/",
            order_views.order_action,
            name="shop_order_action",
        ),
        path(
            "shop-orders/<int:order_id>/invoice.pdf",
            order_views.invoice,
            name="shop_order_invoice",
        ),
        path(
            "shop-orders/<int:order_id>/credit-notes/<int:refund_id>.pdf",
            order_views.credit_note,
            name="shop_order_credit_note",
        ),
        path("shop-webhooks/<int:event_id>/replay/", webhooks.replay, name="shop_webhook_replay"),
        path(
            "shop-customers/<int:user_id>/<slug:name>/",
            customers.customer_action,
            name="shop_customer_action",
        ),
        *reports.urls(),
    ]


def _register_report_menu_items():
    for position, report in enumerate(reports.REPORTS):
        hooks.register(
            "register_reports_menu_item",
            functools.partial(reports.ReportMenuItem, report, order=900 + position),
        )


_register_report_menu_items()


@hooks.register("construct_homepage_panels")
def shop_dashboard_panels(request, panels):
    panels.extend(dashboard.shown_panels(request))


@hooks.register("construct_homepage_summary_items")
def shop_summary_items(request, summary_items):
    summary_items.append(dashboard.ToShipSummaryItem(request))


@hooks.register("insert_global_admin_css")
def shop_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/shop-admin.css"))


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
