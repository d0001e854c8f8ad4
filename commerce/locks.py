"""The only module that takes row locks, so every service locks in the same order:

webhook event → cart → order → payment → refund → stock records (by variant id) →
voucher → number sequence.

A gateway is never called while one of these is held: refunds and payments commit
what they have recorded first, call the gateway, then lock again to book the answer.
"""

from commerce.models import (
    Cart,
    NumberSequence,
    Order,
    Payment,
    Refund,
    StockRecord,
    Voucher,
    WebhookEvent,
)


def webhook_event(event_pk: int) -> WebhookEvent:
    return WebhookEvent.objects.select_for_update().get(pk=event_pk)


def webhook_event_stored(gateway: str, event_id: str, **defaults) -> tuple[WebhookEvent, bool]:
    """The inbox row of a delivered event, created and locked if it is new:
    a second delivery of the same event waits here for the first."""
    return WebhookEvent.objects.select_for_update().get_or_create(
        gateway=gateway, event_id=event_id, defaults=defaults
    )


def cart(cart_id: int) -> Cart | None:
    return Cart.objects.select_for_update().filter(pk=cart_id).first()


def order(order_id: int) -> Order:
    return Order.objects.select_for_update().get(pk=order_id)


def payment(payment_id: int) -> Payment:
    return Payment.objects.select_for_update().get(pk=payment_id)


def refund(refund_id: int) -> Refund:
    return Refund.objects.select_for_update().get(pk=refund_id)


def stock_records(*, variant_ids) -> dict[int, StockRecord]:
    """Lock the stock records of `variant_ids` in variant id order, keyed by variant id."""
    records = (
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("variant")
        .filter(variant_id__in=sorted(set(variant_ids)))
        .order_by("variant_id")
    )
    return {record.variant_id: record for record in records}


def voucher(voucher_id: int) -> Voucher:
    return Voucher.objects.select_for_update().get(pk=voucher_id)


def number_sequence(name: str) -> NumberSequence:
    NumberSequence.objects.get_or_create(name=name)
    return NumberSequence.objects.select_for_update().get(pk=name)
