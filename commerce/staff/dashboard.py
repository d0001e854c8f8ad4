"""The Shop's panels on the Wagtail dashboard, each shown to those who may see what it
lists. The figures are read once per request and shared by the panels and the summary."""

from functools import cached_property

from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component

from commerce.selectors import figures

FIGURES_ATTRIBUTE = "_shop_figures"


class ShopFigures:
    """The dashboard's figures for one request, each read when first asked for."""

    sales = cached_property(lambda self: figures.sales_at_a_glance())
    to_ship = cached_property(lambda self: figures.orders_to_ship())
    flagged_payments = cached_property(lambda self: figures.flagged_payments())
    low_stock = cached_property(lambda self: figures.low_stock())
    webhook_failures = cached_property(lambda self: figures.webhook_failures())


def figures_of(request) -> ShopFigures:
    if not hasattr(request, FIGURES_ATTRIBUTE):
        setattr(request, FIGURES_ATTRIBUTE, ShopFigures())
    return getattr(request, FIGURES_ATTRIBUTE)


class ShopPanel(Component):
    heading = ""
    permission = ""
    figure = ""  # the ShopFigures attribute the panel shows

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        return self.request.user.has_perm(self.permission)

    def get_context_data(self, parent_context=None):
        figure = getattr(figures_of(self.request), self.figure)
        counted = isinstance(figure, figures.Listing)
        return {
            "figure": figure,
            "heading": f"{self.heading} ({figure.count})" if counted else self.heading,
            "request": self.request,  # for the store's currency
        }


class SalesPanel(ShopPanel):
    heading = "Sales"
    order = 10
    permission = "commerce.view_order"
    figure = "sales"
    template_name = "commerce/admin/dashboard/sales.html"


class ToShipPanel(ShopPanel):
    heading = "Waiting to ship"
    order = 20
    permission = "commerce.view_order"
    figure = "to_ship"
    template_name = "commerce/admin/dashboard/to_ship.html"


class FlaggedPaymentsPanel(ShopPanel):
    heading = "Payments to settle by hand"
    order = 30
    permission = "commerce.refund_order"
    figure = "flagged_payments"
    template_name = "commerce/admin/dashboard/flagged_payments.html"


class LowStockPanel(ShopPanel):
    heading = "Low stock"
    order = 40
    permission = "commerce.view_stockrecord"
    figure = "low_stock"
    template_name = "commerce/admin/dashboard/low_stock.html"

    def get_context_data(self, parent_context=None):
        may_adjust = self.request.user.has_perm("commerce.change_stockrecord")
        return {**super().get_context_data(parent_context), "may_adjust": may_adjust}


class WebhookFailuresPanel(ShopPanel):
    heading = "Failed webhooks"
    order = 50
    permission = "commerce.view_webhookevent"
    figure = "webhook_failures"
    template_name = "commerce/admin/dashboard/webhook_failures.html"


PANELS = (SalesPanel, ToShipPanel, FlaggedPaymentsPanel, LowStockPanel, WebhookFailuresPanel)


def shown_panels(request) -> list[ShopPanel]:
    return [panel for panel in (kind(request) for kind in PANELS) if panel.is_shown()]


class ToShipSummaryItem(SummaryItem):
    """ "N orders to ship" in the dashboard's summary line."""

    order = 50
    template_name = "commerce/admin/dashboard/to_ship_summary.html"

    def is_shown(self) -> bool:
        return self.request.user.has_perm("commerce.view_order")

    def get_context_data(self, parent_context=None):
        return {"to_ship": figures_of(self.request).to_ship}
