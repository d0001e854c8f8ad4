"""The Shop's reports in Wagtail's Reports menu, each a ReportView with its CSV and
XLSX export: sales by period, best sellers, stock valuation and voucher use. The rows
come from `commerce.selectors.reports`; the total line sums the rows shown and
exported, so the screen and the files agree."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from commerce.models import Order, Voucher
from commerce.selectors import reports
from core import selectors as core_selectors
from core.money import format_money


class MoneyColumn(Column):
    """An amount in the store's currency, written the way the language writes money."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        currency = core_selectors.store_settings(request=parent_context["request"]).currency
        context["value"] = format_money(context["raw_value"], currency)
        return context


class OfferColumn(Column):
    """What a voucher takes off, as a shopper reads it: "10% off" or "€5.00 off"."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = instance["value"]
        if instance["kind"] == Voucher.Kind.PERCENTAGE:
            context["value"] = f"{value.normalize():f}% off"
        else:
            currency = core_selectors.store_settings(request=parent_context["request"]).currency
            context["value"] = f"{format_money(value, currency)} off"
        return context


def _keep(queryset, name, value):
    return queryset  # the report reads the choice itself: its rows are sums, not orders


class PlacedFilterSet(WagtailFilterSet):
    placed = django_filters.DateFromToRangeFilter(
        label="Placed between", widget=DateRangePickerWidget, method=_keep
    )

    class Meta:
        model = Order
        fields = []


class SalesFilterSet(PlacedFilterSet):
    period = django_filters.ChoiceFilter(
        label="By",
        choices=[("day", "Day"), ("week", "Week"), ("month", "Month")],
        empty_label=None,
        null_label=None,
        widget=forms.RadioSelect,
        method=_keep,
    )


class ShopReport(ReportView):
    """A report on the shop's own sums; those without `permission` may not read it."""

    permission = "commerce.view_order"
    slug = ""  # the URL names are shop_report_<slug> and shop_report_<slug>_results
    header_icon = "table"
    results_template_name = "commerce/admin/report_results.html"
    filterset_class = PlacedFilterSet
    totalled: tuple[str, ...] = ()  # the row fields the total line sums

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def index_url_name(self):
        return f"shop_report_{self.slug}"

    @property
    def index_results_url_name(self):
        return f"shop_report_{self.slug}_results"

    @property
    def export_filename(self):
        return f"{self.slug.replace('_', '-')}-report"

    @cached_property
    def chosen(self) -> dict:
        """The filters' values, or none of them when one cannot be read."""
        filters = self.filters
        return filters.form.cleaned_data if filters is not None and filters.is_valid() else {}

    @property
    def dates(self) -> reports.DateRange:
        placed = self.chosen.get("placed")
        return reports.DateRange(placed.start, placed.stop) if placed else reports.DateRange()

    def rows(self):
        raise NotImplementedError

    def get_heading(self, queryset, field):
        """The column's label, so that the file reads as the screen does."""
        labels = {column.name: column.label for column in self.columns}
        return self.export_headings.get(field) or labels.get(field) or field

    def get_filtered_queryset(self):
        return self.rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sums = reports.totals(self.object_list, self.totalled)
        context["totals"] = [
            (column.label, self._formatted(column, sums[column.name]))
            for column in self.columns
            if column.name in sums
        ]
        return context

    def _formatted(self, column, value) -> str:
        if isinstance(column, MoneyColumn):
            currency = core_selectors.store_settings(request=self.request).currency
            return format_money(value, currency)
        return str(value)


class SalesReport(ShopReport):
    slug = "sales"
    page_title = "Sales"
    filterset_class = SalesFilterSet
    totalled = (
        "orders",
        "goods",
        "discounts",
        "shipping",
        "tax",
        "total",
        "refunds",
        "net",
    )
    list_export = ["period", *totalled]
    PERIOD_LABELS = {
        "day": lambda day: date_format(day, "D j M Y"),
        "week": lambda day: f"Week of {date_format(day, 'j M Y')}",
        "month": lambda day: date_format(day, "F Y"),
    }

    @property
    def period(self) -> str:
        return self.chosen.get("period") or "day"

    @cached_property
    def columns(self):
        label = self.PERIOD_LABELS[self.period]
        return [
            Column("period", label=self.period.capitalize(), accessor=lambda r: label(r["period"])),
            NumberColumn("orders", label="Orders"),
            MoneyColumn("goods", label="Goods"),
            MoneyColumn("discounts", label="Discounts"),
            MoneyColumn("shipping", label="Shipping"),
            MoneyColumn("tax", label="Tax"),
            MoneyColumn("total", label="Total"),
            MoneyColumn("refunds", label="Refunds"),
            MoneyColumn("net", label="Net"),
        ]

    def rows(self):
        return reports.sales_by_period(period=self.period, dates=self.dates)


class BestSellersReport(ShopReport):
    slug = "best_sellers"
    page_title = "Best sellers"
    totalled = ("units", "units_refunded", "units_kept", "sales")
    list_export = ["sku", "title", *totalled]
    columns = [
        Column("sku", label="SKU"),
        Column("title", label="Product"),
        NumberColumn("units", label="Units sold"),
        NumberColumn("units_refunded", label="Units refunded"),
        NumberColumn("units_kept", label="Units kept"),
        MoneyColumn("sales", label="Sales"),
    ]

    def rows(self):
        return reports.best_sellers(dates=self.dates)


class StockValuationReport(ShopReport):
    slug = "stock_valuation"
    page_title = "Stock valuation"
    permission = "commerce.view_stockrecord"
    filterset_class = None
    totalled = ("num_on_hand", "value")
    list_export = ["variant__sku", "variant__product__title", "num_on_hand", "variant__price"]
    list_export += ["value"]
    columns = [
        Column("variant__sku", label="SKU"),
        Column("variant__product__title", label="Product"),
        NumberColumn("num_on_hand", label="On hand"),
        MoneyColumn("variant__price", label="Price"),
        MoneyColumn("value", label="Value at price"),
    ]

    def rows(self):
        return reports.stock_valuation()


class VoucherUseReport(ShopReport):
    slug = "voucher_use"
    page_title = "Voucher use"
    totalled = ("paid_orders", "discount", "sales")
    list_export = ["code", "kind", "value", "is_active", *totalled]
    export_headings = {"is_active": "Active"}
    columns = [
        Column("code", label="Code"),
        OfferColumn("value", label="Offer"),
        NumberColumn("paid_orders", label="Paid orders"),
        MoneyColumn("discount", label="Discount given"),
        MoneyColumn("sales", label="Sales with it"),
    ]

    def rows(self):
        return reports.voucher_use(dates=self.dates)


REPORTS = (SalesReport, BestSellersReport, StockValuationReport, VoucherUseReport)


def urls() -> list:
    return [
        url
        for report in REPORTS
        for url in (
            path(
                f"shop-reports/{report.slug}/", report.as_view(), name=f"shop_report_{report.slug}"
            ),
            path(
                f"shop-reports/{report.slug}/results/",
                report.as_view(results_only=True),
                name=f"shop_report_{report.slug}_results",
            ),
        )
    ]


class ReportMenuItem(MenuItem):
    def __init__(self, report, order: int):
        self.report = report
        super().__init__(
            report.page_title,
            reverse(f"shop_report_{report.slug}"),
            name=f"shop-{report.slug.replace('_', '-')}",
            icon_name="table",
            order=order,
        )

    def is_shown(self, request):
        return request.user.has_perm(self.report.permission)
