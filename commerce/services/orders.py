"""Order state changes. Each one locks the order, checks the move is allowed,
does what the move means for stock and invoices, and writes the timeline."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from commerce import locks, order_states
from commerce.exceptions import IllegalTransition
from commerce.models import Order, OrderEvent, OrderStatus
from commerce.services import invoices
from commerce.services import stock as stock_services

PAYMENT_STEP_GRACE = timedelta(minutes=15)


def record_creation(order: Order) -> None:
    OrderEvent.objects.create(order=order, to_status=order.status, note="Order placed.")


@transaction.atomic
def transition(order: Order, to_status: str, *, note: str = "") -> Order:
    """Move `order` to `to_status`, or raise IllegalTransition and change nothing."""
    locked = locks.order(order.pk)
    from_status = locked.status
    if not order_states.can_move(from_status, to_status):
        raise IllegalTransition(locked, to_status)
    quantities = {item.variant_id: item.quantity for item in locked.items.exclude(variant=None)}
    if to_status == OrderStatus.PAID:
        stock_services.commit(quantities)
    elif to_status == OrderStatus.CANCELLED and from_status in order_states.UNPAID:
        stock_services.release(quantities)
    locked.status = to_status
    if to_status not in order_states.UNPAID:
        locked.reserved_until = None
    locked.save(update_fields=["status", "reserved_until", "updated_at"])
    if to_status == OrderStatus.PAID:
        invoices.issue_invoice(locked)
    OrderEvent.objects.create(order=locked, from_status=from_status, to_status=to_status, note=note)
    _email_on_commit(locked, to_status)
    order.status, order.reserved_until = locked.status, locked.reserved_until
    return locked


def mark_paid(order: Order, *, note: str = "") -> Order:
    return transition(order, OrderStatus.PAID, note=note)


def mark_shipped(order: Order, *, note: str = "") -> Order:
    return transition(order, OrderStatus.SHIPPED, note=note)


def cancel(order: Order, *, note: str = "") -> Order:
    return transition(order, OrderStatus.CANCELLED, note=note)


def release_expired_reservations(*, now=None) -> int:
    """Cancel unpaid orders whose reservation has run out, giving their stock back.

    Each order is its own transaction, so one failure does not hold back the rest,
    and an order paid in the meantime is skipped.
    """
    now = now or timezone.now()
    expired = (
        Order.objects.filter(status__in=order_states.UNPAID, reserved_until__lte=now)
        # A shopper in the middle of 3-D Secure gets a grace period to finish.
        .exclude(
            payments__status="requires_action",
            payments__updated_at__gt=now - PAYMENT_STEP_GRACE,
        )
        .values_list("pk", flat=True)
    )
    released = 0
    for order_id in list(expired):
        with transaction.atomic():
            order = locks.order(order_id)
            if order.status in order_states.UNPAID and order.reserved_until <= now:
                transition(order, OrderStatus.CANCELLED, note="Not paid in time; stock released.")
                released += 1
    return released


def _email_on_commit(order: Order, status: str) -> None:
    kind = order_states.EMAILS.get(status)
    if kind:
        from commerce import tasks  # tasks call these services: imported late

        transaction.on_commit(lambda: tasks.send_order_email.delay(order.pk, kind))
