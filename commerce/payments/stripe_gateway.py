"""Stripe with server-side confirmation. The card is collected by Stripe.js in the
browser, which sends only a PaymentMethod id; the server creates and confirms the
PaymentIntent with an idempotency key per order and attempt. Signed webhooks
arrive as neutral payment and refund events."""

import json

import stripe
from django.conf import settings

from commerce.exceptions import PaymentError
from commerce.payments.base import (
    CANCELED,
    FAILED,
    PENDING,
    REQUIRES_ACTION,
    SUCCEEDED,
    UNREACHABLE,
    GatewayEvent,
    Outcome,
    PaymentEvent,
    RefundEvent,
    WebhookRejected,
)
from core.money import to_minor_units

UNAVAILABLE = "The payment service could not be reached. Nothing was charged; please try again."
UNREACHABLE_MESSAGE = (
    "The payment service did not answer. Please press Pay again: the same payment is "
    "tried again, and your card is never charged twice."
)
SIGNATURE_TOLERANCE = 300  # seconds: an older signed delivery is refused as a replay
PAYMENT_EVENTS = {
    "payment_intent.succeeded": SUCCEEDED,
    "payment_intent.payment_failed": FAILED,
    "payment_intent.canceled": CANCELED,
}
REFUND_EVENTS = {"refund.created", "refund.updated", "refund.failed"}
REFUND_STATUSES = {"succeeded": SUCCEEDED, "failed": FAILED, "canceled": FAILED}
EVENT_MESSAGES = {FAILED: "The payment failed.", CANCELED: "The payment was canceled."}


class StripeGatewayError(PaymentError):
    """Stripe said no, or could not be reached."""


def client() -> stripe.StripeClient:
    base = settings.STRIPE_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base} if base else {},
        max_network_retries=2,
    )


def stripe_js_url() -> str:
    base = settings.STRIPE_API_BASE
    return f"{base.rstrip('/')}/js.stripe.com/v3/" if base else "https://js.stripe.com/v3/"


class StripeGateway:
    name = "stripe"
    template = "commerce/payments/stripe.html"
    moves_money = True

    def configuration_errors(self) -> list[str]:
        needed = ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET")
        return [f"Stripe needs {name}." for name in needed if not getattr(settings, name)]

    def page_context(self) -> dict:
        return {
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": stripe_js_url(),
        }

    def pay(self, payment, data) -> Outcome:
        # After Stripe did not answer, the very same request goes again under the same
        # idempotency key: had the first reached Stripe, Stripe answers with its result.
        method = payment.raw_response.get("payment_method") or str(data.get("payment_method", ""))
        if not method.startswith("pm_"):
            return Outcome(FAILED, message="Your card details did not reach us; please try again.")
        order = payment.order
        params = {
            "amount": to_minor_units(payment.amount, payment.currency),
            "currency": payment.currency.lower(),
            "payment_method": method,
            "payment_method_types": ["card"],
            "confirm": True,
            "metadata": {"order_number": order.number, "payment_id": str(payment.pk)},
        }
        try:
            intent = client().v1.payment_intents.create(
                params=params, options={"idempotency_key": payment.idempotency_key}
            )
        except stripe.CardError as error:
            intent = getattr(error.error, "payment_intent", None)
            return Outcome(
                FAILED,
                transaction_id=intent.id if intent else "",
                message=error.user_message or "Your card was declined.",
                raw=error.json_body or {},
            )
        except stripe.APIConnectionError as error:
            raw = {"payment_method": method, "error": str(error)}
            return Outcome(UNREACHABLE, message=UNREACHABLE_MESSAGE, raw=raw)
        except stripe.StripeError as error:
            return Outcome(FAILED, message=UNAVAILABLE, raw={"error": str(error)})
        return outcome_of(intent)

    def handle_return(self, payment, data) -> Outcome:
        try:
            stripe_client = client()
            intent = stripe_client.v1.payment_intents.retrieve(payment.transaction_id)
            if intent.status == "requires_confirmation":
                intent = stripe_client.v1.payment_intents.confirm(
                    intent.id, options={"idempotency_key": f"{payment.idempotency_key}-confirm"}
                )
        except stripe.CardError as error:
            return Outcome(FAILED, payment.transaction_id, message=error.user_message or "")
        except stripe.StripeError as error:
            return Outcome(
                FAILED, payment.transaction_id, message=UNAVAILABLE, raw={"error": str(error)}
            )
        return outcome_of(intent)

    def refund(self, refund) -> str:
        payment = refund.payment
        params = {
            "payment_intent": payment.transaction_id,
            "amount": to_minor_units(refund.amount, payment.currency),
            # The webhook that may beat this call's answer finds the pending refund by it.
            "metadata": {"order_number": refund.order.number, "refund_id": str(refund.pk)},
        }
        try:
            made = client().v1.refunds.create(
                params=params, options={"idempotency_key": refund.idempotency_key}
            )
        except stripe.StripeError as error:
            message = getattr(error, "user_message", None) or str(error) or UNAVAILABLE
            raise StripeGatewayError(f"Stripe refused the refund: {message}") from error
        return made.id

    def dashboard_url(self, transaction_id: str) -> str:
        if not transaction_id:
            return ""
        mode = "test/" if settings.STRIPE_SECRET_KEY.startswith("sk_test_") else ""
        return f"https://dashboard.stripe.com/{mode}payments/{transaction_id}"

    def receives_webhooks(self) -> bool:
        return bool(settings.STRIPE_WEBHOOK_SECRET)

    def parse_webhook(self, body: bytes, headers) -> GatewayEvent:
        signature = headers.get("Stripe-Signature", "")
        try:
            stripe.WebhookSignature.verify_header(
                body.decode("utf-8", "replace"),
                signature,
                settings.STRIPE_WEBHOOK_SECRET,
                SIGNATURE_TOLERANCE,
            )
        except stripe.SignatureVerificationError as error:
            raise WebhookRejected(f"Invalid signature: {error}", bad_signature=True) from error
        return self.event_from_payload(_well_formed(body))

    def event_from_payload(self, event: dict) -> GatewayEvent:
        kind, obj = event["type"], event["data"]["object"]
        payment = refunds = None
        if kind in PAYMENT_EVENTS:
            payment = _payment_event(PAYMENT_EVENTS[kind], obj)
        elif kind in REFUND_EVENTS:
            refunds = (_refund_event(obj),)
        elif kind == "charge.refunded":
            refunds = _refunds_of_charge(obj)
        return GatewayEvent(
            id=event["id"], type=kind, payload=event, payment=payment, refunds=refunds or ()
        )


def outcome_of(intent) -> Outcome:
    """The shop's view of a PaymentIntent."""
    raw = intent.to_dict()
    common = {
        "transaction_id": intent.id,
        "amount_minor": intent.amount,
        "currency": intent.currency.upper(),
        "raw": raw,
    }
    if intent.status == "succeeded":
        return Outcome(SUCCEEDED, **common)
    if intent.status in ("requires_action", "requires_confirmation"):
        return Outcome(REQUIRES_ACTION, client_secret=intent.client_secret, **common)
    if intent.status == "canceled":
        return Outcome(CANCELED, message="The payment was canceled.", **common)
    error = raw.get("last_payment_error") or {}
    message = error.get("message") or "The payment did not go through; please try another card."
    return Outcome(FAILED, message=message, **common)


def _well_formed(body: bytes) -> dict:
    """The event in a signed body, with the parts the shop reads, or WebhookRejected."""
    try:
        event = json.loads(body)
    except ValueError as error:
        raise WebhookRejected("The body is not JSON.") from error
    if not isinstance(event, dict):
        raise WebhookRejected("The event is not a JSON object.")
    for name in ("id", "type"):
        if not isinstance(event.get(name), str) or not event[name]:
            raise WebhookRejected(f"The event has no {name}.")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise WebhookRejected("The event has no data.object.")
    if not isinstance(data["object"].get("id"), str):
        raise WebhookRejected("The event's object has no id.")
    return event


def _payment_event(status: str, intent: dict) -> PaymentEvent:
    metadata = intent.get("metadata") or {}
    error = intent.get("last_payment_error") or {}
    message = (error.get("message") if status == FAILED else "") or EVENT_MESSAGES.get(status, "")
    outcome = Outcome(
        status,
        transaction_id=intent["id"],
        amount_minor=_integer(intent.get("amount")),
        currency=str(intent.get("currency") or "").upper(),
        message=message,
        raw=intent,
    )
    return PaymentEvent(
        outcome,
        order_number=str(metadata.get("order_number", "")),
        payment_id=str(metadata.get("payment_id", "")),
    )


def _refund_event(refund: dict) -> RefundEvent:
    metadata = refund.get("metadata") or {}
    amount = _integer(refund.get("amount"))
    if amount is None or amount <= 0:
        raise WebhookRejected("The refund has no amount.")
    return RefundEvent(
        gateway_refund_id=refund["id"],
        transaction_id=str(refund.get("payment_intent") or ""),
        amount_minor=amount,
        currency=str(refund.get("currency") or "").upper(),
        status=REFUND_STATUSES.get(refund.get("status"), PENDING),
        refund_id=str(metadata.get("refund_id", "")),
        message=str(refund.get("failure_reason") or ""),
    )


def _refunds_of_charge(charge: dict) -> tuple[RefundEvent, ...]:
    """A charge no longer carries its refunds (API 2022-11-15 on): ask Stripe for them."""
    try:
        listed = client().v1.refunds.list(params={"charge": charge["id"], "limit": 100})
    except stripe.StripeError as error:
        # Not kept in the inbox: Stripe delivers it again later.
        raise StripeGatewayError(f"Could not read the refunds of {charge['id']}.") from error
    return tuple(_refund_event(refund.to_dict()) for refund in listed.data)


def _integer(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
