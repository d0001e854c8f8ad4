"""Stripe with server-side confirmation. The card is collected by Stripe.js in the
browser, which sends only a PaymentMethod id; the server creates and confirms the
PaymentIntent with an idempotency key per order and attempt."""

from decimal import Decimal

import stripe
from django.conf import settings

from commerce.payments.base import (
    CANCELED,
    FAILED,
    REQUIRES_ACTION,
    SUCCEEDED,
    Outcome,
    to_minor_units,
)

UNAVAILABLE = "The payment service could not be reached. Nothing was charged; please try again."


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

    def page_context(self) -> dict:
        return {
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": stripe_js_url(),
        }

    def pay(self, payment, data) -> Outcome:
        method = str(data.get("payment_method", ""))
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

    def refund(self, payment, amount: Decimal, idempotency_key: str) -> str:
        refund = client().v1.refunds.create(
            params={
                "payment_intent": payment.transaction_id,
                "amount": to_minor_units(amount, payment.currency),
            },
            options={"idempotency_key": idempotency_key},
        )
        return refund.id


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
