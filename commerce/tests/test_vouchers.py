"""Vouchers: each use a row, given back when an unpaid order ends; limits and edges."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from commerce.exceptions import VoucherError
from commerce.models import Voucher, VoucherUse
from commerce.services import orders
from commerce.services.checkout import usable_voucher
from commerce.services.orders import release_expired_reservations
from commerce.tests.factories import VoucherFactory

pytestmark = pytest.mark.django_db


def test_a_cancelled_order_gives_its_voucher_use_back(place, variant, voucher):
    Voucher.objects.filter(pk=voucher.pk).update(usage_limit=1)
    order = place(variant, voucher_code="WELCOME10")
    assert VoucherUse.objects.get().order == order
    with pytest.raises(VoucherError, match="used up"):
        usable_voucher("WELCOME10", goods_total=Decimal("20.00"), email="next@example.com")

    orders.cancel(order)

    assert not VoucherUse.objects.exists()
    assert order.voucher_code == "WELCOME10"  # the order still says what it was placed with
    assert (
        usable_voucher("WELCOME10", goods_total=Decimal("20.00"), email="next@example.com")
        == voucher
    )


def test_an_expired_order_gives_its_voucher_use_back(place, variant, voucher):
    place(variant, voucher_code="WELCOME10")

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert release_expired_reservations() == 1

    assert voucher.uses.count() == 0


def test_a_paid_order_keeps_its_use(place, variant, voucher):
    order = place(variant, voucher_code="WELCOME10")
    orders.mark_paid(order)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        release_expired_reservations()
    assert voucher.uses.get().order == order


def test_one_use_per_email_address(place, variant, voucher):
    Voucher.objects.filter(pk=voucher.pk).update(limit_per_customer=1)
    place(variant, email="Ada@Example.com", voucher_code="WELCOME10")

    with pytest.raises(VoucherError, match="already used the voucher WELCOME10"):
        usable_voucher("welcome10", goods_total=Decimal("20.00"), email="ada@example.com")
    assert (
        usable_voucher("WELCOME10", goods_total=Decimal("20.00"), email="grace@example.com")
        == voucher
    )


@pytest.fixture
def now():
    with time_machine.travel(timezone.now(), tick=False) as frozen:
        yield frozen


def test_the_minimum_spend_is_inclusive(voucher):
    Voucher.objects.filter(pk=voucher.pk).update(minimum_spend=Decimal("50.00"))
    assert (
        usable_voucher("WELCOME10", goods_total=Decimal("50.00"), email="a@example.com") == voucher
    )
    with pytest.raises(VoucherError, match="at least 50.00"):
        usable_voucher("WELCOME10", goods_total=Decimal("49.99"), email="a@example.com")


def test_a_voucher_works_until_the_last_second_of_its_validity(voucher, now):
    until = timezone.now() + timedelta(seconds=1)
    Voucher.objects.filter(pk=voucher.pk).update(valid_from=timezone.now(), valid_until=until)

    assert (
        usable_voucher("WELCOME10", goods_total=Decimal("20.00"), email="a@example.com") == voucher
    )
    now.move_to(until)
    with pytest.raises(VoucherError, match="has expired"):
        usable_voucher("WELCOME10", goods_total=Decimal("20.00"), email="a@example.com")


def test_a_hundred_percent_voucher_leaves_the_shipping_to_pay(place, variant):
    VoucherFactory(code="FREE", kind=Voucher.Kind.PERCENTAGE, value=100)
    order = place(variant, 2, voucher_code="FREE")
    assert (order.discount_total, order.total) == (Decimal("40.00"), Decimal("4.95"))


def test_a_fixed_amount_beyond_the_goods_takes_off_only_the_goods(place, variant):
    VoucherFactory(code="BIG", kind=Voucher.Kind.FIXED, value=Decimal("500.00"))
    order = place(variant, 1, voucher_code="BIG")
    assert (order.discount_total, order.total, order.tax_total) == (
        Decimal("20.00"),
        Decimal("4.95"),
        Decimal("0.83"),  # the tax in the shipping alone
    )


def test_an_order_with_nothing_to_pay_is_paid_at_once(place, variant_with_stock, standard_shipping):
    standard_shipping.free_above = Decimal("0.00")
    standard_shipping.save()
    VoucherFactory(code="GIFT", kind=Voucher.Kind.PERCENTAGE, value=100)
    variant = variant_with_stock(stock=3)

    order = place(variant, 1, voucher_code="GIFT")

    assert (order.total, order.payment_status) == (Decimal("0.00"), "paid")
    assert order.invoice.display_number == "INV-000001"
