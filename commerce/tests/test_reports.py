"""The Shop's reports: what they sum, that their CSV and XLSX files parse back with
the totals shown on screen, and who may read them."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import UserFactory
from commerce.models import StockRecord
from commerce.services import payments
from commerce.tests.test_order_admin import staff_in

pytestmark = pytest.mark.django_db

SALES = "/admin/shop-reports/sales/"


@pytest.fixture
def merchant(client, home_page):
    staff_in(client, is_superuser=True)
    return client


@pytest.fixture
def sold(place, variant_with_stock, voucher):
    """Two paid orders (one with the voucher, one partly refunded) and an unpaid one."""
    mug = variant_with_stock(stock=20, price="12.50", title="Mug")
    towel = variant_with_stock(stock=20, price="8.00", title="Towel")
    first = place(mug, 2, (towel, 1))
    second = place(mug, 1, voucher_code=voucher.code)
    for order in (first, second):
        payments.pay(order, data={"outcome": "pay"})
    place(towel, 5)  # unpaid: not a sale
    return {"first": first, "second": second, "mug": mug, "towel": towel}


def on_screen_totals(client, url) -> dict[str, str]:
    page = client.get(url).content.decode()
    return dict(re.findall(r'<dd data-total="([^"]+)">([^<]+)</dd>', page))


def exported(client, url, export_format) -> list[dict]:
    response = client.get(url, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def money(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.\-]", "", text))


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_sales_export_adds_up_to_the_totals_on_screen(merchant, sold, export_format):
    shown = on_screen_totals(merchant, SALES)
    rows = exported(merchant, SALES, export_format)

    assert len(rows) == 1  # both orders today
    assert int(shown["Orders"]) == sum(int(row["Orders"]) for row in rows) == 2
    for label in ("Goods", "Discounts", "Shipping", "Tax", "Total", "Net"):
        exported_sum = sum(Decimal(str(row[label])) for row in rows)
        assert money(shown[label]) == exported_sum, label
    expected = sold["first"].total + sold["second"].total
    assert money(shown["Total"]) == expected
    assert money(shown["Discounts"]) == sold["second"].discount_total > 0


def test_refunds_count_on_the_day_they_are_made_and_lower_the_net(merchant, sold):
    before = on_screen_totals(merchant, SALES)
    item = sold["first"].items.get(sku=sold["towel"].sku)
    url = f"/admin/shop-orders/{sold['first'].pk}/refund/"
    form = merchant.get(url).context["form"]
    merchant.post(
        url, {"idempotency_key": form.initial["idempotency_key"], f"quantity_{item.pk}": 1}
    )

    after = on_screen_totals(merchant, SALES)

    assert money(after["Refunds"]) == Decimal("8.00")
    assert money(after["Total"]) == money(before["Total"])
    assert money(after["Net"]) < money(before["Net"])


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_sales_by_week_and_month_sum_the_same(merchant, sold, period):
    shown = on_screen_totals(merchant, f"{SALES}?period={period}")

    assert money(shown["Total"]) == sold["first"].total + sold["second"].total


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("placed_from=2026-13-45", 200),
        ("placed_from=abc&placed_to=x", 200),
        ("placed_to=%00", 400),
        ("period=fortnight", 200),
        ("page=x", 200),
        ("page=999", 200),
    ],
)
def test_unreadable_filters_are_a_form_error_not_a_server_error(merchant, sold, query, status):
    response = merchant.get(f"{SALES}?{query}")

    assert response.status_code == status


def test_a_date_range_without_sales_reports_nothing(merchant, sold):
    page = merchant.get(f"{SALES}?placed_from=2001-01-01&placed_to=2001-01-31").content.decode()

    assert "Nothing to report for these dates" in page


def test_best_sellers_count_units_and_sales(merchant, sold):
    rows = exported(merchant, "/admin/shop-reports/best_sellers/", "csv")

    by_sku = {row["SKU"]: row for row in rows}
    assert int(by_sku[sold["mug"].sku]["Units sold"]) == 3
    assert Decimal(by_sku[sold["mug"].sku]["Sales"]) == Decimal("37.50")
    assert int(by_sku[sold["towel"].sku]["Units sold"]) == 1  # the unpaid order is no sale


def test_stock_valuation_values_units_on_hand_at_their_price(merchant, sold):
    shown = on_screen_totals(merchant, "/admin/shop-reports/stock_valuation/")
    rows = exported(merchant, "/admin/shop-reports/stock_valuation/", "xlsx")

    records = StockRecord.objects.select_related("variant")
    expected = sum(r.num_on_hand * r.variant.price for r in records)
    assert money(shown["Value at price"]) == expected
    assert sum(Decimal(str(row["Value at price"])) for row in rows) == expected


def test_voucher_use_counts_paid_orders_with_it(merchant, sold, voucher):
    rows = exported(merchant, "/admin/shop-reports/voucher_use/", "csv")

    row = next(row for row in rows if row["Code"] == voucher.code)
    assert int(row["Paid orders"]) == 1
    assert Decimal(row["Discount given"]) == sold["second"].discount_total


def test_the_reports_are_in_the_reports_menu_for_those_who_may_read_them(client, sold, home_page):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Merchandiser"))
    client.force_login(user)

    assert client.get(SALES).status_code == 302  # Wagtail's "no permission" redirect
    assert client.get("/admin/shop-reports/stock_valuation/").status_code == 200
    menu = client.get("/admin/").content.decode()
    assert "/admin/shop-reports/stock_valuation/" in menu
    assert "/admin/shop-reports/sales/" not in menu
