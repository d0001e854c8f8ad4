"""The webhook inbox: every verified gateway event is stored once and handled once.

An event whose handling fails is kept, marked failed with its error, so that the
gateway's redelivery or a replay from the admin runs it again; an event handled or
skipped once is a duplicate ever after. The handlers are once-only themselves (a
payment is booked once, a refund once), so running an event again is safe."""

import logging

from django.db import transaction
from django.utils import timezone

from commerce import locks
from commerce.exceptions import CommerceError, PaymentError
from commerce.models import WebhookEvent
from commerce.payments import gateway_named
from commerce.payments.base import UNKNOWN_PAYMENT, GatewayEvent
from commerce.services import payments, refunds

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate: already handled"
IGNORED = "ignored"
# Outcomes that say the event was about nothing the shop has to do with.
SKIPPED_OUTCOMES = frozenset({IGNORED, UNKNOWN_PAYMENT})
REPLAYABLE = (WebhookEvent.Status.FAILED, WebhookEvent.Status.SKIPPED)


@transaction.atomic
def receive(gateway_name: str, *, event: GatewayEvent) -> WebhookEvent:
    """Store `event` unless it is in the inbox already and handle it. A second
    delivery waits on the first one's row; it runs again only if the first failed."""
    stored, created = locks.webhook_event_stored(
        gateway_name, event.id, type=event.type, payload=event.payload
    )
    if not created and stored.status != WebhookEvent.Status.FAILED:
        stored.outcome = DUPLICATE  # said to the sender, not stored
        return stored
    return _run(stored, event)


def replay(event_pk: int) -> WebhookEvent:
    """Run a failed or skipped event of the inbox again, through the same handlers."""
    with transaction.atomic():
        stored = locks.webhook_event(event_pk)
        if stored.status not in REPLAYABLE:
            raise CommerceError("Only a failed or skipped event can be replayed.")
        try:
            event = gateway_named(stored.gateway).event_from_payload(stored.payload)
        except PaymentError as error:
            raise CommerceError(f"The gateway could not be asked about it: {error}") from error
        return _run(stored, event)


def _run(stored: WebhookEvent, event: GatewayEvent) -> WebhookEvent:
    try:
        with transaction.atomic():
            outcome = _handle(stored.gateway, event)
    except Exception as error:  # noqa: BLE001 - any failure is kept in the inbox to be run again
        logger.exception("Webhook %s %s failed", stored.gateway, stored.event_id)
        stored.status, stored.outcome = WebhookEvent.Status.FAILED, "failed"
        stored.error = f"{type(error).__name__}: {error}"[:2000]
    else:
        skipped = set(outcome.split("; ")) <= SKIPPED_OUTCOMES
        stored.status = WebhookEvent.Status.SKIPPED if skipped else WebhookEvent.Status.HANDLED
        stored.outcome, stored.error = outcome[:255], ""
    stored.processed_at = timezone.now()
    stored.save(update_fields=["status", "outcome", "error", "processed_at"])
    return stored


def _handle(gateway_name: str, event: GatewayEvent) -> str:
    outcomes = []
    if event.payment is not None:
        outcomes.append(payments.apply_event(gateway_name, event=event.payment))
    outcomes += [refunds.apply_event(gateway_name, event=refund) for refund in event.refunds]
    return "; ".join(outcomes) or IGNORED
