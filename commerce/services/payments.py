"""Paying orders, exactly once, whoever sees the success first: the shopper's
browser (return page) or the gateway's webhook."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commerce import locks
from commerce.exceptions import PaymentError
from commerce.models import Order, Payment, PaymentStatus
from commerce.payments import Outcome, for_payment, get_gateway
from commerce.payments.base import (
    CANCELED,
    REQUIRES_ACTION,
    SUCCEEDED,
    UNKNOWN_PAYMENT,
    UNREACHABLE,
    PaymentEvent,
)
from commerce.services import orders
from core.money import to_minor_units
from core.security import log_security_event

logger = logging.getLogger(__name__)

FAILURE_STATUSES = {CANCELED: Payment.Status.CANCELED, UNREACHABLE: Payment.Status.UNREACHABLE}
# This many failed attempts on one order are worth a line in the security log.
REPEATED_FAILURES = 3


@transaction.atomic
def begin_attempt(order: Order, *, gateway_name: str) -> Payment:
    """A new payment attempt for an order that is still waiting to be paid. From now on
    its stock is held for the full reservation time, not only the short first hold."""
    order = locks.order(order.pk)
    if order.payment_status != PaymentStatus.AWAITING_PAYMENT:
        raise PaymentError(not_payable_message(order))
    if order.payments.filter(status=Payment.Status.SUCCEEDED).exists():
        raise PaymentError("This order is already paid.")
    held_until = timezone.now() + timedelta(minutes=settings.SHOP_RESERVATION_MINUTES)
    if order.reserved_until is None or order.reserved_until < held_until:
        order.reserved_until = held_until
        order.save(update_fields=["reserved_until", "updated_at"])
    # An abandoned extra step (3-D Secure) gives way to the new attempt.
    order.payments.filter(status=Payment.Status.REQUIRES_ACTION).update(
        status=Payment.Status.CANCELED, failure_message="Replaced by a new attempt."
    )
    # An attempt the gateway did not answer is tried again as itself, under its own
    # idempotency key, so that it cannot charge twice.
    unanswered = order.payments.filter(status=Payment.Status.UNREACHABLE).last()
    if unanswered is not None:
        unanswered.status = Payment.Status.PENDING
        unanswered.save(update_fields=["status", "updated_at"])
        return unanswered
    return Payment.objects.create(
        order=order,
        gateway=gateway_name,
        attempt=order.payments.count() + 1,
        amount=order.total,
        currency=order.currency,
    )


def pay(order: Order, *, data, request=None) -> tuple[Payment, Outcome]:
    """Start paying `order` with what the payment page posted."""
    gateway = get_gateway()
    payment = begin_attempt(order, gateway_name=gateway.name)
    outcome = gateway.pay(payment, data)  # a network call: outside any transaction
    return apply_outcome(payment, outcome=outcome, request=request), outcome


def finish_action(payment: Payment, *, data, request=None) -> tuple[Payment, Outcome]:
    """The shopper completed (or not) an extra step such as 3-D Secure."""
    outcome = for_payment(payment).handle_return(payment, data)
    return apply_outcome(payment, outcome=outcome, request=request), outcome


def apply_outcome(payment: Payment, *, outcome: Outcome, request=None) -> Payment:
    if outcome.status == SUCCEEDED:
        return confirm_success(payment, outcome=outcome)
    if outcome.status == REQUIRES_ACTION:
        return await_action(payment, outcome=outcome)
    return record_failure(payment, outcome=outcome, request=request)


@transaction.atomic
def confirm_success(payment: Payment, *, outcome: Outcome) -> Payment:
    """Mark the order paid, once. A second report of the same success changes nothing;
    an amount or currency that is not the order's is flagged, never paid."""
    order = locks.order(payment.order_id)
    payment = locks.payment(payment.pk)
    if payment.status == Payment.Status.SUCCEEDED:
        return payment
    expected = to_minor_units(order.total, order.currency)
    if outcome.amount_minor != expected or outcome.currency.upper() != order.currency:
        log_security_event(
            "payment_amount_mismatch",
            order=order.number,
            expected=f"{expected} {order.currency}",
            received=f"{outcome.amount_minor} {outcome.currency}",
        )
        return _update(
            payment, outcome, Payment.Status.FLAGGED, "Amount or currency does not match."
        )
    if order.payment_status != PaymentStatus.AWAITING_PAYMENT:
        # Paid after the order was cancelled (or paid twice): staff must refund by hand.
        logger.warning(
            "Payment %s succeeded for order %s in status %s",
            payment.pk,
            order.number,
            order.payment_status,
        )
        return _update(
            payment, outcome, Payment.Status.FLAGGED, f"Order was {order.payment_status}."
        )
    payment = _update(payment, outcome, Payment.Status.SUCCEEDED)
    orders.mark_paid(order)  # the transaction id stays on the payment, for staff
    return payment


@transaction.atomic
def await_action(payment: Payment, *, outcome: Outcome) -> Payment:
    """The shopper has an extra step to take; a success already recorded stays."""
    payment = locks.payment(payment.pk)
    if payment.status == Payment.Status.SUCCEEDED:
        return payment
    return _update(payment, outcome, Payment.Status.REQUIRES_ACTION)


@transaction.atomic
def record_failure(payment: Payment, *, outcome: Outcome, request=None) -> Payment:
    """A failed attempt leaves the order payable; it never undoes a success."""
    payment = locks.payment(payment.pk)
    if payment.status == Payment.Status.SUCCEEDED:
        return payment
    status = FAILURE_STATUSES.get(outcome.status, Payment.Status.FAILED)
    payment = _update(payment, outcome, status, outcome.message)
    failures = Payment.objects.filter(
        order_id=payment.order_id, status=Payment.Status.FAILED
    ).count()
    if failures >= REPEATED_FAILURES:
        log_security_event(
            "repeated_payment_failures", request, order=payment.order.number, failures=failures
        )
    return payment


def apply_event(gateway_name: str, *, event: PaymentEvent) -> str:
    """A webhook's news of a payment, applied as the browser's would be."""
    payment = _payment_for_event(gateway_name, event)
    if payment is None:
        return UNKNOWN_PAYMENT
    payment = apply_outcome(payment, outcome=event.outcome)
    return f"payment {payment.pk} {payment.status}"


def _payment_for_event(gateway_name: str, event: PaymentEvent) -> Payment | None:
    """The payment an event is about, from the ids the shop put in its metadata."""
    payments = Payment.objects.filter(gateway=gateway_name, order__number=event.order_number)
    by_id = payments.filter(pk=event.payment_id).first() if event.payment_id.isdigit() else None
    return by_id or payments.filter(transaction_id=event.outcome.transaction_id).first()


def _update(payment: Payment, outcome: Outcome, status: str, message: str = "") -> Payment:
    payment.status = status
    payment.transaction_id = outcome.transaction_id or payment.transaction_id
    payment.failure_message = message[:255]
    payment.raw_response = outcome.raw or payment.raw_response
    payment.save(
        update_fields=["status", "transaction_id", "failure_message", "raw_response", "updated_at"]
    )
    return payment


def not_payable_message(order: Order) -> str:
    if order.payment_status == PaymentStatus.CANCELLED:
        return "This order was cancelled, so it can no longer be paid."
    return "This order is already paid."
