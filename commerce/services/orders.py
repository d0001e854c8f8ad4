"""Order status changes. Each one locks the order, checks the move against the
table in `order_states`, does what the move means for stock, invoices and
vouchers, and writes the timeline."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from commerce import locks, order_states
from commerce.exceptions import CommerceError, IllegalTransition
from commerce.models import (
    FulfilmentStatus,
    Order,
    OrderEvent,
    Payment,
    PaymentStatus,
    VoucherUse,
)
from commerce.services import invoices
from commerce.services import stock as stock_services
from core import outbox

PAYMENT_STEP_GRACE = timedelta(minutes=15)


def record_creation(order: Order) -> None:
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.PLACED,
        to_status=order.payment_status,
        note="Order placed.",
    )
    _email_after_commit(order, order.payment_status)


@transaction.atomic
def move_payment(order: Order, *, to_status: str, note: str = "", by=None) -> Order:
    """Move the payment status of `order`, or raise IllegalTransition and change nothing."""
    locked = locks.order(order.pk)
    from_status = locked.payment_status
    if not order_states.can_move_payment(locked, to_status):
        raise IllegalTransition(locked, to_status)
    if to_status == PaymentStatus.PAID:
        stock_services.commit(_quantities(locked), order=locked)
    elif to_status == PaymentStatus.CANCELLED:
        stock_services.release(_quantities(locked), order=locked, by=by)
        _give_voucher_back(locked)
    locked.payment_status = to_status
    if to_status != PaymentStatus.AWAITING_PAYMENT:
        locked.reserved_until = None
    locked.save(update_fields=["payment_status", "reserved_until", "updated_at"])
    if to_status == PaymentStatus.PAID:
        invoices.issue_invoice(locked)
    _record(locked, OrderEvent.Kind.PAYMENT, from_status, to_status, note, by)
    order.payment_status, order.reserved_until = locked.payment_status, locked.reserved_until
    return locked


@transaction.atomic
def move_fulfilment(
    order: Order, *, to_status: str, note: str = "", by=None, carrier: str = "", tracking: str = ""
) -> Order:
    """Move the fulfilment status of `order`; shipping records the carrier and tracking."""
    locked = locks.order(order.pk)
    from_status = locked.fulfilment_status
    if not order_states.can_move_fulfilment(locked, to_status):
        raise IllegalTransition(locked, to_status)
    locked.fulfilment_status = to_status
    fields = ["fulfilment_status", "updated_at"]
    if to_status == FulfilmentStatus.SHIPPED:
        locked.carrier, locked.tracking_number = carrier.strip(), tracking.strip()
        fields += ["carrier", "tracking_number"]
    locked.save(update_fields=fields)
    _record(locked, OrderEvent.Kind.FULFILMENT, from_status, to_status, note, by)
    order.fulfilment_status = locked.fulfilment_status
    return locked


def mark_paid(order: Order, *, note: str = "") -> Order:
    return move_payment(order, to_status=PaymentStatus.PAID, note=note)


def mark_shipped(order: Order, *, carrier: str, tracking: str, by=None) -> Order:
    note = f"{carrier}, tracking {tracking}." if tracking else f"{carrier}."
    return move_fulfilment(
        order,
        to_status=FulfilmentStatus.SHIPPED,
        note=note,
        by=by,
        carrier=carrier,
        tracking=tracking,
    )


def ship_many(shipments: list[tuple[int, str, str]], *, by=None) -> tuple[list[Order], list[str]]:
    """Mark each (order id, carrier, tracking) shipped, each in its own transaction: an
    order that cannot ship is reported and the others still go."""
    shipped, problems = [], []
    for order_id, carrier, tracking in shipments:
        order = Order.objects.filter(pk=order_id).first()
        if order is None:
            problems.append(f"Order {order_id} does not exist.")
            continue
        try:
            shipped.append(mark_shipped(order, carrier=carrier, tracking=tracking, by=by))
        except IllegalTransition as error:
            problems.append(str(error))
    return shipped, problems


def mark_delivered(order: Order, *, by=None) -> Order:
    return move_fulfilment(order, to_status=FulfilmentStatus.DELIVERED, by=by)


def cancel(order: Order, *, note: str = "", by=None) -> Order:
    return move_payment(order, to_status=PaymentStatus.CANCELLED, note=note, by=by)


@transaction.atomic
def add_note(order: Order, *, text: str, by) -> OrderEvent:
    """An internal note on the timeline: staff see it, the customer never does."""
    text = text.strip()
    if not text:
        raise CommerceError("Write the note first.")
    locks.order(order.pk)
    return OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.NOTE, note=text[:1000], actor=_staff(by)
    )


def resendable_emails(order: Order) -> list[str]:
    """The kinds of email the order has reached, in the order it reached them."""
    moves = order.events.filter(kind__in=OrderEvent.CUSTOMER_KINDS)
    reached = set(moves.values_list("to_status", flat=True))
    return [kind for status, kind in order_states.EMAILS.items() if status in reached]


@transaction.atomic
def resend_email(order: Order, *, kind: str, by) -> OrderEvent:
    """Send one of the order's emails again, on purpose: past the once-only record."""
    locked = locks.order(order.pk)
    if kind not in resendable_emails(locked):
        raise CommerceError(f"Order {locked.number} has no {kind} email to send again.")
    event = OrderEvent.objects.create(
        order=locked,
        kind=OrderEvent.Kind.EMAIL,
        to_status=kind,
        note=f"The {kind} email, to {locked.email}.",
        actor=_staff(by),
    )
    from commerce import tasks  # tasks call these services: imported late

    outbox.enqueue(tasks.resend_order_email_task, order_id=locked.pk, kind=kind)
    return event


def release_expired_reservations(*, now=None) -> int:
    """Cancel unpaid orders whose reservation has run out, giving their stock and
    voucher back.

    Each order is its own transaction, so one failure does not hold back the rest,
    and an order paid in the meantime is skipped.
    """
    now = now or timezone.now()
    # A shopper in the middle of 3-D Secure gets a grace period to finish: one payment
    # that both waits for the shopper and was touched within the grace period.
    in_extra_step = Payment.objects.filter(
        order=OuterRef("pk"),
        status=Payment.Status.REQUIRES_ACTION,
        updated_at__gt=now - PAYMENT_STEP_GRACE,
    )
    expired = (
        Order.objects.filter(payment_status=PaymentStatus.AWAITING_PAYMENT, reserved_until__lte=now)
        .filter(~Exists(in_extra_step))
        .values_list("pk", flat=True)
    )
    released = 0
    for order_id in list(expired):
        with transaction.atomic():
            order = locks.order(order_id)
            if (
                order.payment_status == PaymentStatus.AWAITING_PAYMENT
                and order.reserved_until <= now
            ):
                cancel(order, note="Not paid in time; stock released.")
                released += 1
    return released


def _quantities(order: Order) -> dict[int, int]:
    return {item.variant_id: item.quantity for item in order.items.exclude(variant=None)}


def _give_voucher_back(order: Order) -> None:
    VoucherUse.objects.filter(order=order).delete()


def _staff(by):
    return by if by is not None and by.is_authenticated else None


def _record(order, kind, from_status, to_status, note, by) -> None:
    OrderEvent.objects.create(
        order=order,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note,
        actor=_staff(by),
    )
    _email_after_commit(order, to_status)


def _email_after_commit(order: Order, status: str) -> None:
    kind = order_states.EMAILS.get(status)
    if kind:
        from commerce import tasks  # tasks call these services: imported late

        outbox.enqueue(tasks.send_order_email_task, order_id=order.pk, kind=kind)
