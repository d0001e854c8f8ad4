"""localstripe delivers its own signed webhook to the running shop."""

import time

import pytest
import requests
from django.test import Client

from commerce.models import Order, Payment, PaymentStatus, WebhookEvent
from commerce.tests import stripe_peer
from commerce.tests.test_stripe import THREE_D_SECURE, authenticate, pay

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_webhook_from_localstripe_marks_the_order_paid(live_server, stripe_api, place, variant):
    response = requests.post(
        f"{stripe_api}/_config/webhooks/shop",
        data={
            "url": f"{live_server.url}/payments/stripe/webhook/",
            "secret": stripe_peer.WEBHOOK_SECRET,
            "events[]": ["payment_intent.succeeded", "payment_intent.payment_failed"],
        },
        timeout=10,
    )
    assert response.status_code == 200
    order = place(variant)
    started = pay(Client(), order, stripe_api, THREE_D_SECURE).json()
    payment = Payment.objects.get(pk=started["payment"])

    # The bank says yes; the shopper's browser never comes back, but Stripe tells the shop.
    authenticate(stripe_api, payment, success=True)
    deadline = time.monotonic() + 30  # localstripe waits a second before each delivery
    while Order.objects.get().payment_status != PaymentStatus.PAID and time.monotonic() < deadline:
        time.sleep(0.2)

    received = list(WebhookEvent.objects.values_list("type", "outcome"))
    assert Order.objects.get().payment_status == PaymentStatus.PAID, received
    event = WebhookEvent.objects.get(type="payment_intent.succeeded", outcome__startswith="payment")
    assert event.processed_at is not None
    assert event.outcome == f"payment {payment.pk} succeeded"
