"""The webhook inbox: every verified gateway event is stored once and handled once."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce.models import WebhookEvent
from commerce.payments.base import GatewayEvent
from commerce.services import payments, refunds

DUPLICATE = "duplicate: already handled"


def receive(gateway_name: str, *, event: GatewayEvent) -> str:
    """Store `event` unless it is already in the inbox, handle it, and say what happened.
    One transaction: an event whose handling fails is not kept, so a redelivery handles
    it again, and a second delivery waits on the first one's row and is a duplicate."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                stored = WebhookEvent.objects.create(
                    gateway=gateway_name, event_id=event.id, type=event.type, payload=event.payload
                )
        except IntegrityError:
            return DUPLICATE
        outcome = _handle(gateway_name, event)
        stored.processed_at = timezone.now()
        stored.outcome = outcome[:255]
        stored.save(update_fields=["processed_at", "outcome"])
    return outcome


def _handle(gateway_name: str, event: GatewayEvent) -> str:
    outcomes = []
    if event.payment is not None:
        outcomes.append(payments.apply_event(gateway_name, event=event.payment))
    outcomes += [refunds.apply_event(gateway_name, event=refund) for refund in event.refunds]
    return "; ".join(outcomes) or "ignored"
