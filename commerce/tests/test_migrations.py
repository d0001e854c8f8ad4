"""Orders placed before payment and fulfilment moved apart keep what their history says."""

from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("commerce", "0003_payments_webhooks_refunds")]
AFTER = [("commerce", "0004_payment_and_fulfilment_line_refunds_voucher_uses")]


def old_order(apps, number, status, *history, voucher=None):
    Order = apps.get_model("commerce", "Order")
    order = Order.objects.create(
        number=number,
        checkout_key=f"00000000-0000-0000-0000-{number.replace('-', '').ljust(12, '0')[:12]}",
        email=f"{number}@example.com",
        status=status,
        currency="EUR",
        shipping_address={},
        billing_address={},
        shipping_method_name="Standard",
        voucher=voucher,
        prices_include_tax=True,
        tax_rate=Decimal("20.00"),
        goods_total=Decimal("20.00"),
        discount_total=Decimal("0.00"),
        shipping_total=Decimal("4.95"),
        tax_total=Decimal("4.16"),
        total=Decimal("24.95"),
    )
    steps = ["", "pending", "awaiting_payment", *history]
    for before, after in zip(steps, steps[1:], strict=False):
        order.events.create(from_status=before, to_status=after)
    return order


def test_existing_orders_are_split_into_payment_and_fulfilment(migrate_to):
    old = migrate_to(BEFORE)
    voucher = old.get_model("commerce", "Voucher").objects.create(
        code="OLD5", value=5, times_used=2
    )
    old_order(old, "AAAA-0001", "shipped", "paid", "shipped")
    old_order(old, "AAAA-0002", "fulfilled", "paid", "shipped", "fulfilled", voucher=voucher)
    old_order(old, "AAAA-0003", "partially_refunded", "paid", "shipped", "partially_refunded")
    old_order(old, "AAAA-0004", "refunded", "paid", "refunded", voucher=voucher)
    old_order(old, "AAAA-0005", "cancelled", "cancelled", voucher=voucher)
    old_order(old, "AAAA-0006", "awaiting_payment")

    new = migrate_to(AFTER)

    Order = new.get_model("commerce", "Order")
    statuses = dict(Order.objects.values_list("number", "payment_status"))
    fulfilment = dict(Order.objects.values_list("number", "fulfilment_status"))
    assert statuses == {
        "AAAA-0001": "paid",
        "AAAA-0002": "paid",
        "AAAA-0003": "partially_refunded",
        "AAAA-0004": "refunded",
        "AAAA-0005": "cancelled",
        "AAAA-0006": "awaiting_payment",
    }
    assert fulfilment == {
        "AAAA-0001": "shipped",
        "AAAA-0002": "delivered",
        "AAAA-0003": "shipped",
        "AAAA-0004": "unfulfilled",
        "AAAA-0005": "unfulfilled",
        "AAAA-0006": "unfulfilled",
    }
    timeline = Order.objects.get(number="AAAA-0002").events.order_by("pk")
    assert [(e.kind, e.from_status, e.to_status) for e in timeline] == [
        ("placed", "", "awaiting_payment"),
        ("payment", "awaiting_payment", "paid"),
        ("fulfilment", "unfulfilled", "shipped"),
        ("fulfilment", "shipped", "delivered"),
    ]
    uses = new.get_model("commerce", "VoucherUse").objects.order_by("order__number")
    assert [use.order.number for use in uses] == ["AAAA-0002", "AAAA-0004"]  # not the cancelled


def test_the_stock_ledger_opens_with_what_each_record_holds(migrate_to, variant):
    old = migrate_to([("commerce", "0005_sent_emails")])
    old.get_model("commerce", "StockRecord").objects.filter(variant_id=variant.pk).update(
        num_on_hand=7, num_reserved=2
    )
    new = migrate_to([("commerce", "0006_stock_movements")])
    [opening] = new.get_model("commerce", "StockMovement").objects.filter(variant_id=variant.pk)
    assert (opening.on_hand_change, opening.reserved_change) == (7, 2)
    assert opening.reason == "correction" and opening.note == "Opening balance"
