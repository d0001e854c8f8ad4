"""The stock ledger: every service that moves units writes the movement, and a record
is always the sum of its movements."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from commerce.exceptions import StockBelowReserved
from commerce.models import StockMovement, StockRecord
from commerce.selectors import stock_ledger_mismatches
from commerce.services import payments
from commerce.services.orders import release_expired_reservations
from commerce.services.refunds import RefundRequest, ReturnedLine, refund
from commerce.services.stock import adjust_stock
from commerce.tests.conftest import stock_of

pytestmark = pytest.mark.django_db
Reason = StockMovement.Reason


def movements(variant) -> list[tuple[str, int, int, str | None]]:
    return [
        (m.reason, m.on_hand_change, m.reserved_change, m.order.number if m.order else None)
        for m in StockMovement.objects.filter(variant=variant).order_by("pk")
    ]


def test_every_service_writes_its_movement_and_the_ledger_adds_up(place, variant, admin_user):
    # variant_with_stock: 10 received
    adjust_stock(variant_id=variant.pk, change=5, reason=Reason.RECEIVED, by=admin_user)
    expired = place(variant, 2)
    release_expired_reservations(now=timezone.now() + datetime.timedelta(days=1))
    sold = place(variant, 3)
    payments.pay(sold, data={"outcome": "pay"})
    item = sold.items.get()
    back = RefundRequest(lines=(ReturnedLine(item.pk, 1, True),), shipping=False)
    refund(order_id=sold.pk, request=back, idempotency_key="ledger", by=admin_user)
    adjust_stock(variant_id=variant.pk, change=-2, reason=Reason.DAMAGED, note="Dropped")
    adjust_stock(variant_id=variant.pk, change=1, reason=Reason.CORRECTION, note="Counted")

    assert movements(variant) == [
        (Reason.RECEIVED, 10, 0, None),
        (Reason.RECEIVED, 5, 0, None),
        (Reason.ORDER_PLACED, 0, 2, expired.number),
        (Reason.RESERVATION_RELEASED, 0, -2, expired.number),
        (Reason.ORDER_PLACED, 0, 3, sold.number),
        (Reason.SOLD, -3, -3, sold.number),
        (Reason.REFUND_RESTOCK, 1, 0, sold.number),
        (Reason.DAMAGED, -2, 0, None),
        (Reason.CORRECTION, 1, 0, None),
    ]
    assert stock_of(variant) == (12, 0)
    assert stock_ledger_mismatches() == []
    received = StockMovement.objects.get(variant=variant, on_hand_change=5)
    assert received.created_by == admin_user


def test_a_correction_cannot_take_away_reserved_units(place, variant):
    place(variant, 8)  # 10 on hand, 8 reserved
    with pytest.raises(StockBelowReserved):
        adjust_stock(variant_id=variant.pk, change=-3, reason=Reason.CORRECTION)
    assert stock_of(variant) == (10, 8)
    assert stock_ledger_mismatches() == []


def test_the_command_reports_records_changed_around_the_ledger(variant, capsys):
    call_command("check_stock_ledger")
    assert "Every stock record matches" in capsys.readouterr().out

    StockRecord.objects.filter(variant=variant).update(num_on_hand=99)
    with pytest.raises(CommandError, match="1 variant"):
        call_command("check_stock_ledger")
    assert f"{variant.sku}: on hand 99, movements say 10" in capsys.readouterr().out
