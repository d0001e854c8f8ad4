"""The merchant's reports: sales by day, week or month, best sellers, stock valuation
and voucher use. Each row is plain data (a dict), summed by the database; the same
rows are shown, totalled and exported, so the three always agree."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DateField, DecimalField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDay, TruncMonth, TruncWeek
from django.utils import timezone

from commerce.models import Order, OrderItem, Refund, StockRecord, Voucher
from commerce.selectors.figures import SOLD
from core.money import ZERO

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class DateRange:
    """Days from `start` to `end`, both included; either may be open."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def condition(self, field: str) -> Q:
        """`field` within the days, as a range on the column itself, which is indexed."""
        condition = Q()
        if self.start:
            condition &= Q(**{f"{field}__gte": _midnight(self.start)})
        if self.end:
            condition &= Q(**{f"{field}__lt": _midnight(self.end + datetime.timedelta(days=1))})
        return condition


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _sum(field) -> Coalesce:
    return Coalesce(Sum(field), ZERO, output_field=MONEY)


def sales_by_period(*, period: str, dates: DateRange) -> list[dict]:
    """For each day, week or month with sales: the sold orders placed then and their
    goods, discounts, shipping, tax and totals; the refunds made then (with their tax);
    and the net, what was kept without tax. Newest first."""
    trunc = PERIODS[period]
    sold = (
        Order.objects.filter(dates.condition("created_at"), payment_status__in=SOLD)
        .annotate(period=trunc("created_at", output_field=DateField()))
        .values("period")
        .annotate(
            orders=Count("pk"),
            goods=_sum("goods_total"),
            discounts=_sum("discount_total"),
            shipping=_sum("shipping_total"),
            tax=_sum("tax_total"),
            total=_sum("total"),
        )
    )
    refunds = (
        Refund.objects.filter(dates.condition("completed_at"), status=Refund.Status.SUCCEEDED)
        .annotate(period=trunc("completed_at", output_field=DateField()))
        .values("period")
        .annotate(refunds=_sum("amount"), refunded_tax=_sum("tax_amount"))
    )
    rows = {row["period"]: {**row, "refunds": ZERO, "refunded_tax": ZERO} for row in sold}
    for row in refunds:
        rows.setdefault(row["period"], _quiet_period(row["period"])).update(row)
    for row in rows.values():
        row["net"] = row["total"] - row["tax"] - (row["refunds"] - row["refunded_tax"])
    return sorted(rows.values(), key=lambda row: row["period"], reverse=True)


def _quiet_period(period) -> dict:
    """A period with refunds and no sales."""
    money = dict.fromkeys(("goods", "discounts", "shipping", "tax", "total"), ZERO)
    return {"period": period, "orders": 0, **money}


def best_sellers(*, dates: DateRange) -> QuerySet:
    """Units sold (and refunded since) and sales by SKU, most units first."""
    items = OrderItem.objects.filter(
        dates.condition("order__created_at"), order__payment_status__in=SOLD
    )
    return (
        items.values("sku", "title")
        .annotate(
            units=Sum("quantity"),
            units_refunded=Sum("quantity_refunded"),
            sales=_sum("line_total"),
        )
        .annotate(units_kept=F("units") - F("units_refunded"))
        .order_by("-units_kept", "sku")
    )


def stock_valuation() -> QuerySet:
    """The units on hand of each variant, valued at its price, most valuable first."""
    return (
        StockRecord.objects.filter(num_on_hand__gt=0)
        .values("variant__sku", "variant__product__title", "num_on_hand", "variant__price")
        .annotate(value=F("num_on_hand") * F("variant__price"))
        .order_by("-value", "variant__sku")
    )


def voucher_use(*, dates: DateRange) -> QuerySet:
    """Each voucher's sold orders in the range, the discount they had and their sales."""
    sold = Q(orders__payment_status__in=SOLD) & dates.condition("orders__created_at")
    return (
        Voucher.objects.values("code", "kind", "value", "is_active")
        .annotate(
            paid_orders=Count("orders", filter=sold),
            discount=Coalesce(Sum("orders__discount_total", filter=sold), ZERO, output_field=MONEY),
            sales=Coalesce(Sum("orders__total", filter=sold), ZERO, output_field=MONEY),
        )
        .order_by("-paid_orders", "code")
    )


def totals(rows, fields: tuple[str, ...]) -> dict[str, Decimal | int]:
    """The sums of `fields` over `rows`, as the report's total line shows them."""
    sums = dict.fromkeys(fields, 0)
    for row in rows:
        for field in fields:
            sums[field] += row[field]
    return sums
