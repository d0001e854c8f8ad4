"""Refunds of lines, shipping and goodwill amounts, on the demo gateway and on gateways
that stand where a provider would (commerce/tests/gateways.py)."""

from decimal import Decimal

import pytest

from catalog.models import ProductVariant
from commerce.exceptions import RefundError, RefundFailed
from commerce.models import Order, PaymentStatus, Refund
from commerce.pricing import TaxRules
from commerce.services import payments
from commerce.services.refunds import (
    RefundRequest,
    ReturnedLine,
    record_pending,
    refund,
)
from commerce.tests.conftest import stock_of
from commerce.tests.factories import cart_holding, guest_details, place_cart

pytestmark = pytest.mark.django_db

PROBE = "commerce.tests.gateways.LockProbeGateway"
REFUSING = "commerce.tests.gateways.RefusingGateway"


def paid(order: Order) -> Order:
    payments.pay(order, data={"outcome": "pay"})  # the demo gateway
    order.refresh_from_db()
    return order


def give_back(order, *lines, key, shipping=False, goodwill="0.00", by=None) -> Refund:
    request = RefundRequest(
        lines=tuple(ReturnedLine(item.pk, quantity, restock) for item, quantity, restock in lines),
        shipping=shipping,
        goodwill=Decimal(goodwill),
    )
    return refund(order_id=order.pk, request=request, idempotency_key=key, by=by)


def test_restocking_returns_exactly_the_refunded_units(place, variant):
    order = paid(place(variant, 2))  # 2 × 20.00: on hand 10 → 8
    item = order.items.get()

    made = give_back(order, (item, 1, True), key="one-back")

    assert made.amount == Decimal("20.00")  # worked out from the line, not typed in
    assert stock_of(variant) == (9, 0)  # one unit, not the whole order
    item.refresh_from_db()
    assert (item.quantity_refunded, item.quantity_restocked) == (1, 1)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PARTIALLY_REFUNDED


def test_nothing_is_refunded_or_restocked_twice(place, variant):
    order = paid(place(variant, 2))
    item = order.items.get()
    give_back(order, (item, 2, True), key="all-back")

    with pytest.raises(RefundError, match="0 of 2 can still be refunded"):
        give_back(order, (item, 1, True), key="again")

    assert stock_of(variant) == (10, 0)
    assert Refund.objects.count() == 1
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PARTIALLY_REFUNDED  # the shipping is kept


def test_a_pending_refund_holds_its_units_until_it_is_booked(place, variant):
    order = paid(place(variant, 2))
    item = order.items.get()
    request = RefundRequest(lines=(ReturnedLine(item.pk, 2),))
    record_pending(order_id=order.pk, request=request, idempotency_key="left-pending")

    with pytest.raises(RefundError, match="0 of 2 can still be refunded"):
        give_back(order, (item, 1, False), key="meanwhile")

    # The same key finishes the refund a crash left pending, once.
    finished = refund(order_id=order.pk, request=request, idempotency_key="left-pending")
    assert (finished.status, finished.credit_note_display_number) == ("succeeded", "CN-000001")
    assert Refund.objects.count() == 1


def test_partial_refunds_add_up_to_what_was_paid_with_a_voucher(place, variant_with_stock, voucher):
    bowls = variant_with_stock(price="10.00", title="Bowl")
    cloth = variant_with_stock(price="7.00", title="Cloth")
    # 30.00 + 7.00 = 37.00, less 10 % (3.70), plus 4.95 shipping: 38.25, 6.38 tax in it.
    order = paid(place(bowls, 3, (cloth, 1), voucher_code="WELCOME10"))
    assert (order.discount_total, order.total, order.tax_total) == (
        Decimal("3.70"),
        Decimal("38.25"),
        Decimal("6.38"),
    )
    bowl_line, cloth_line = order.items.get(sku=bowls.sku), order.items.get(sku=cloth.sku)

    made = [give_back(order, (bowl_line, 1, False), key=f"bowl-{n}") for n in range(3)]
    made.append(give_back(order, (cloth_line, 1, False), key="cloth", shipping=True))

    # A bowl cost 9.00 after the voucher: 27.00 for the three, to the cent.
    assert [r.amount for r in made] == [
        Decimal("9.00"),
        Decimal("9.00"),
        Decimal("9.00"),
        Decimal("11.25"),  # 6.30 for the cloth and 4.95 shipping
    ]
    assert sum(r.amount for r in made) == order.total
    assert sum(r.tax_amount for r in made) == order.tax_total  # exactly the invoice's tax
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.REFUNDED


def test_credit_note_tax_is_the_orders_tax_in_proportion(place, variant):
    order = paid(place(variant, 2))  # 44.95 with 7.49 tax
    item = order.items.get()

    first = give_back(order, (item, 1, False), key="first")
    rest = give_back(order, (item, 1, False), key="rest", shipping=True)

    assert first.tax_amount == Decimal("3.33")  # 7.49 × 20.00 / 44.95 = 3.3326
    assert first.tax_amount + rest.tax_amount == Decimal("7.49")


def test_prices_without_tax_refund_the_tax_paid_on_top(variant_with_stock, standard_shipping):
    rules = TaxRules("EUR", Decimal("20.00"), prices_include_tax=False)
    variant = variant_with_stock(price="20.00")
    cart = cart_holding(variant, 2)
    order = paid(place_cart(cart, guest_details(standard_shipping), rules))
    # 40.00 + 4.95 shipping = 44.95, 20 % on top: 8.99 tax, 53.94 in all.
    assert (order.tax_total, order.total) == (Decimal("8.99"), Decimal("53.94"))

    made = give_back(order, (order.items.get(), 1, False), key="one")

    assert made.amount == Decimal("24.00")  # 20.00 and its 4.00 of tax
    assert made.tax_amount == Decimal("4.00")


def test_shipping_is_refunded_once_and_goodwill_up_to_what_is_left(place, variant):
    order = paid(place(variant, 1))  # 24.95
    shipping = give_back(order, key="shipping", shipping=True)
    assert shipping.amount == Decimal("4.95")

    with pytest.raises(RefundError, match="already refunded"):
        give_back(order, key="shipping-again", shipping=True)
    with pytest.raises(RefundError, match="at most €20.00 is left"):
        give_back(order, key="too-much", goodwill="20.01")
    with pytest.raises(RefundError, match="minor units"):
        give_back(order, key="odd", goodwill="1.005")
    with pytest.raises(RefundError, match="Choose lines, shipping or an amount"):
        give_back(order, key="nothing")

    goodwill = give_back(order, key="sorry", goodwill="20.00")
    assert not goodwill.lines.exists()
    assert stock_of(variant) == (9, 0)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.REFUNDED


def test_a_deleted_variant_cannot_go_back_in_stock(place, variant):
    order = paid(place(variant, 1))
    ProductVariant.objects.filter(pk=variant.pk).delete()
    item = order.items.get()

    with pytest.raises(RefundError, match="can no longer go back in stock"):
        give_back(order, (item, 1, True), key="restock")
    assert give_back(order, (item, 1, False), key="money-only").amount == Decimal("20.00")


def test_an_unpaid_order_has_nothing_to_refund(place, variant):
    order = place(variant, 1)
    with pytest.raises(RefundError, match="awaiting payment: nothing to refund"):
        give_back(order, (order.items.get(), 1, False), key="early")
    assert not Refund.objects.exists()


def test_a_refund_the_gateway_refuses_is_failed_and_changes_nothing(place, variant, settings):
    order = paid(place(variant, 2))
    item = order.items.get()
    settings.SHOP_PAYMENT_GATEWAYS = [REFUSING]

    with pytest.raises(RefundFailed, match="The card account is closed"):
        give_back(order, (item, 1, True), key="refused")

    failed = Refund.objects.get()
    assert (failed.status, failed.failure_reason, failed.credit_note_number) == (
        "failed",
        "The card account is closed.",
        None,
    )
    assert stock_of(variant) == (8, 0)
    item.refresh_from_db()
    assert (item.quantity_refunded, item.quantity_restocked) == (0, 0)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    # The failure holds back nothing: a new attempt refunds the same unit.
    settings.SHOP_PAYMENT_GATEWAYS = [settings.DEMO_GATEWAY]
    assert give_back(order, (item, 1, True), key="retry").credit_note_display_number == "CN-000001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_gateway_is_called_with_no_transaction_open_and_no_row_locked(place, variant, settings):
    from commerce.tests.gateways import LockProbeGateway

    order = paid(place(variant, 2))
    settings.SHOP_PAYMENT_GATEWAYS = [PROBE]
    LockProbeGateway.seen.clear()

    made = give_back(order, (order.items.get(), 1, True), key="probed")

    assert LockProbeGateway.seen == [
        {"in_transaction": False, "order_row_free": True, "refund_row_free": True}
    ]
    assert (made.status, stock_of(variant)) == ("succeeded", (9, 0))
