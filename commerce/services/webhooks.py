"""The webhook inbox: every event is stored once and handled once."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce import locks
from commerce.models import Payment, WebhookEvent
from commerce.payments.base import CANCELED, FAILED, SUCCEEDED, Outcome, from_minor_units
from commerce.services import payments, refunds

DUPLICATE = "duplicate: already handled"


def receive(gateway: str, event: dict) -> str:
    """Store `event` unless it is already in the inbox, handle it, and say what happened.
    One transaction: an event whose handling fails is not kept, so a redelivery handles
    it again, and a second delivery waits on the first one's row and is a duplicate."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                stored = WebhookEvent.objects.create(
                    gateway=gateway, event_id=event["id"], type=event["type"], payload=event
                )
        except IntegrityError:
            return DUPLICATE
        outcome = HANDLERS.get(stored.type, _ignored)(event["data"]["object"])
        stored.processed_at = timezone.now()
        stored.outcome = outcome[:255]
        stored.save(update_fields=["processed_at", "outcome"])
    return outcome


def _payment_of(intent: dict) -> Payment | None:
    metadata = intent.get("metadata") or {}
    return payments.payment_for_event(
        metadata.get("order_number", ""), str(metadata.get("payment_id", "")), intent.get("id", "")
    )


def _outcome(status: str, intent: dict, message: str = "") -> Outcome:
    return Outcome(
        status,
        transaction_id=intent["id"],
        amount_minor=intent.get("amount"),
        currency=(intent.get("currency") or "").upper(),
        message=message,
        raw=intent,
    )


def _succeeded(intent: dict) -> str:
    payment = _payment_of(intent)
    if payment is None:
        return "unknown payment"
    payment = payments.confirm_success(payment, _outcome(SUCCEEDED, intent))
    return f"payment {payment.pk} {payment.status}"


def _failed(intent: dict) -> str:
    payment = _payment_of(intent)
    if payment is None:
        return "unknown payment"
    error = intent.get("last_payment_error") or {}
    outcome = _outcome(FAILED, intent, error.get("message") or "The payment failed.")
    return f"payment {payments.record_failure(payment, outcome).pk} failure noted"


def _canceled(intent: dict) -> str:
    payment = _payment_of(intent)
    if payment is None:
        return "unknown payment"
    payments.record_failure(payment, _outcome(CANCELED, intent, "The payment was canceled."))
    return f"payment {payment.pk} cancel noted"


def _charge_refunded(charge: dict) -> str:
    """Refunds made outside the shop (e.g. in the Stripe dashboard) are booked too."""
    payment = Payment.objects.filter(
        transaction_id=charge.get("payment_intent") or "", status=Payment.Status.SUCCEEDED
    ).first()
    if payment is None:
        return "unknown payment"
    booked = 0
    with transaction.atomic():
        order = locks.order(payment.order_id)
        known = set(order.refunds.values_list("gateway_refund_id", flat=True))
        for refund in (charge.get("refunds") or {}).get("data", []):
            if refund["id"] in known:
                continue
            refunds.record_refund(
                order,
                payment,
                from_minor_units(refund["amount"], (charge.get("currency") or "").upper()),
                idempotency_key=f"stripe-{refund['id']}",
                gateway_refund_id=refund["id"],
                reason="Refunded at the payment provider.",
            )
            booked += 1
    return f"{booked} refund(s) booked"


def _ignored(obj: dict) -> str:
    return "ignored"


HANDLERS = {
    "payment_intent.succeeded": _succeeded,
    "payment_intent.payment_failed": _failed,
    "payment_intent.canceled": _canceled,
    "charge.refunded": _charge_refunded,
}
