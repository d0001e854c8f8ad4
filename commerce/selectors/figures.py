"""What the merchant reads at a glance on the dashboard: sales against the week
before, orders waiting to ship, payments to settle by hand, low stock and failed
webhooks. Each figure is one query on indexed columns, whatever the shop's size."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.utils import timezone

from commerce import order_states
from commerce.models import (
    Order,
    Payment,
    PaymentStatus,
    StockRecord,
    WebhookEvent,
)
from core.money import ZERO

# Orders whose money came in, refunded since or not.
SOLD = [PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED]
LISTED = 5  # rows each dashboard list shows; the count says how many there are


@dataclass(frozen=True)
class Period:
    orders: int
    sales: Decimal


@dataclass(frozen=True)
class SalesAtAGlance:
    today: Period
    last_7_days: Period
    previous_7_days: Period

    @property
    def change_percent(self) -> int | None:
        """Sales of the last 7 days against the 7 before, in percent; None without any."""
        before = self.previous_7_days.sales
        if not before:
            return None
        return round((self.last_7_days.sales - before) / before * 100)


@dataclass(frozen=True)
class Listing:
    """The first rows of a list, and how many rows it has in all."""

    rows: list
    count: int


def sales_at_a_glance(now: datetime.datetime | None = None) -> SalesAtAGlance:
    """Sold orders and their totals today, over the last 7 days (today included) and
    the 7 before, by the shop's time zone."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    week = today - datetime.timedelta(days=6)
    week_before = week - datetime.timedelta(days=7)
    periods = {
        "today": Q(created_at__gte=today),
        "last_7_days": Q(created_at__gte=week),
        "previous_7_days": Q(created_at__lt=week),
    }
    sold = Order.objects.filter(payment_status__in=SOLD, created_at__gte=week_before)
    figures = sold.aggregate(
        **{f"{name}_orders": Count("pk", filter=when) for name, when in periods.items()},
        **{f"{name}_sales": Sum("total", filter=when) for name, when in periods.items()},
    )
    return SalesAtAGlance(
        **{
            name: Period(figures[f"{name}_orders"], figures[f"{name}_sales"] or ZERO)
            for name in periods
        }
    )


def orders_to_ship() -> Listing:
    """Paid orders not shipped yet, the longest waiting first."""
    waiting = Order.objects.filter(order_states.WAITING_TO_SHIP)
    return _listing(waiting.order_by("created_at", "pk"))


def flagged_payments() -> Listing:
    """Payments the gateway could not settle alone (say, money taken for an order that
    was cancelled meanwhile): someone has to refund or book them by hand."""
    flagged = Payment.objects.filter(status=Payment.Status.FLAGGED).select_related("order")
    return _listing(flagged.order_by("-created_at", "-pk"))


def low_stock() -> Listing:
    """Variants for sale with at most `SHOP_LOW_STOCK_THRESHOLD` units free, fewest first."""
    low = StockRecord.objects.alias(available=F("num_on_hand") - F("num_reserved")).filter(
        available__lte=settings.SHOP_LOW_STOCK_THRESHOLD, variant__is_active=True
    )
    # In the order of the index on units free, so that the scan stops at the first rows;
    # counted apart, as a count over every row would read them all first.
    first = (
        low.select_related("variant")
        .annotate(product_title=F("variant__product__title"))
        .order_by("available", "variant_id")[:LISTED]
    )
    return Listing(list(first), low.count())


def webhook_failures() -> Listing:
    failed = WebhookEvent.objects.filter(status=WebhookEvent.Status.FAILED)
    return _listing(failed.order_by("-received_at", "-pk"))


def _listing(rows: QuerySet) -> Listing:
    # The count rides on each row as a window over the whole filtered set: one query.
    first = list(rows.annotate(listed_of=Window(Count("pk")))[:LISTED])
    return Listing(first, first[0].listed_of if first else 0)
