"""The Shop's panels on the Wagtail dashboard: what they count, who sees which, and
how many queries they take together, whatever the shop's size."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from commerce.models import Order, Payment, WebhookEvent
from commerce.selectors import figures
from commerce.services import payments
from commerce.staff import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(place, variant_with_stock):
    """A paid order today, one 10 days ago, an unpaid one, a flagged payment, a
    variant down to 2 units and a failed webhook."""
    stocked = variant_with_stock(stock=50, price="30.00")
    today = place(stocked, 2)
    payments.pay(today, data={"outcome": "pay"})
    earlier = place(stocked, 1)
    payments.pay(earlier, data={"outcome": "pay"})
    Order.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    place(stocked, 1)  # not paid: no sale
    Payment.objects.filter(order=today).update(
        status=Payment.Status.FLAGGED, failure_message="Order was cancelled."
    )
    low = variant_with_stock(stock=2, title="Tea towel")
    WebhookEvent.objects.create(
        gateway="stripe",
        event_id="evt_1",
        type="charge.refunded",
        payload={},
        status=WebhookEvent.Status.FAILED,
        error="Gateway timed out",
    )
    return {"today": Order.objects.get(pk=today.pk), "low": low}


def staff(*groups, **flags):
    user = UserFactory(is_staff=True, **flags)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def test_sales_count_paid_orders_today_and_against_the_week_before(shop):
    sales = figures.sales_at_a_glance()

    total = shop["today"].total
    assert (sales.today.orders, sales.today.sales) == (1, total)
    assert sales.last_7_days.orders == 1
    assert sales.previous_7_days.orders == 1
    assert isinstance(sales.previous_7_days.sales, Decimal)
    expected = round((total - sales.previous_7_days.sales) / sales.previous_7_days.sales * 100)
    assert sales.change_percent == expected


def test_the_lists_give_their_first_rows_and_their_count(shop):
    assert figures.orders_to_ship().count == 2
    assert figures.orders_to_ship().rows[0].created_at < shop["today"].created_at  # oldest first
    assert [p.order_id for p in figures.flagged_payments().rows] == [shop["today"].pk]
    low = figures.low_stock()
    assert low.count == 1 and low.rows[0].variant == shop["low"]
    assert [e.event_id for e in figures.webhook_failures().rows] == ["evt_1"]


def test_the_dashboard_shows_the_sale_and_what_needs_doing(client, shop, home_page):
    client.force_login(staff(is_superuser=True))

    page = client.get("/admin/").content.decode()

    for expected in (
        "Sales",
        "Waiting to ship (2)",
        "2 orders to ship",
        shop["today"].number,
        "Payments to settle by hand (1)",
        "Order was cancelled.",
        shop["low"].sku,
        "Gateway timed out",
    ):
        assert expected in page


def test_the_panels_take_seven_queries_together(shop):
    request = RequestFactory().get("/admin/")
    request.user = staff(is_superuser=True)
    shown = [*dashboard.shown_panels(request), dashboard.ToShipSummaryItem(request)]

    with CaptureQueriesContext(connection) as queries:
        for component in shown:
            component.render_html()

    assert len(shown) == 6
    # One a figure, low stock counted apart, and the store's settings for the currency.
    assert len(queries) == 7


def test_each_role_sees_only_its_panels(shop):
    request = RequestFactory().get("/admin/")
    request.user = staff("Merchandiser")
    assert [type(p) for p in dashboard.shown_panels(request)] == [dashboard.LowStockPanel]

    request.user = staff("Fulfilment")
    assert [type(p) for p in dashboard.shown_panels(request)] == [
        dashboard.SalesPanel,
        dashboard.ToShipPanel,
    ]


def test_a_quiet_shop_says_so(client, home_page):
    client.force_login(staff(is_superuser=True))

    page = client.get("/admin/").content.decode()

    assert "Every paid order has shipped." in page
    assert "0 orders to ship" in page
