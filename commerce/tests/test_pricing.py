"""Order totals in both tax modes, free shipping, and splitting money without drift."""

from decimal import Decimal

import pytest

from commerce.pricing import TaxRules, allocate, order_totals, portion
from commerce.tests.factories import ShippingMethodFactory

pytestmark = pytest.mark.django_db

EXCLUSIVE = TaxRules("EUR", Decimal("20.00"), prices_include_tax=False)
INCLUSIVE = TaxRules("EUR", Decimal("20.00"), prices_include_tax=True)


def test_tax_is_added_on_top_when_prices_exclude_it(standard_shipping):
    totals = order_totals([Decimal("40.00")], rules=EXCLUSIVE, shipping_method=standard_shipping)
    # 40.00 + 4.95 = 44.95 before tax; 20 % of it is 8.99 (8.990); 53.94 in all.
    assert (totals.goods, totals.shipping, totals.tax, totals.total) == (
        Decimal("40.00"),
        Decimal("4.95"),
        Decimal("8.99"),
        Decimal("53.94"),
    )
    assert totals.before_tax == Decimal("44.95")


def test_tax_is_inside_the_prices_when_they_include_it(standard_shipping):
    totals = order_totals([Decimal("40.00")], rules=INCLUSIVE, shipping_method=standard_shipping)
    assert (totals.tax, totals.total) == (Decimal("7.49"), Decimal("44.95"))


@pytest.mark.parametrize(
    "goods, shipping",
    [("74.99", "4.95"), ("75.00", "0.00"), ("120.00", "0.00")],
)
def test_shipping_is_free_from_its_threshold(standard_shipping, goods, shipping):
    assert standard_shipping.free_above == Decimal("75.00")
    totals = order_totals([Decimal(goods)], rules=INCLUSIVE, shipping_method=standard_shipping)
    assert totals.shipping == Decimal(shipping)


def test_the_threshold_counts_goods_after_the_voucher(voucher):
    method = ShippingMethodFactory(price=Decimal("4.95"), free_above=Decimal("75.00"))
    totals = order_totals(
        [Decimal("80.00")], rules=INCLUSIVE, voucher=voucher, shipping_method=method
    )
    assert (totals.discount, totals.shipping) == (Decimal("8.00"), Decimal("4.95"))  # 72.00 left


def test_allocating_keeps_every_cent():
    parts = allocate(Decimal("10.00"), [Decimal(1)] * 3, INCLUSIVE)
    assert parts == [Decimal("3.33"), Decimal("3.34"), Decimal("3.33")]
    assert sum(parts) == Decimal("10.00")


def test_portions_of_a_whole_add_up_to_the_amount():
    amount = Decimal("7.50")  # a seventh is 1.0714…
    steps = [portion(amount, done=done, adding=1, whole=7, rules=INCLUSIVE) for done in range(7)]
    assert sum(steps) == amount
    assert max(steps) - min(steps) == Decimal("0.01")
