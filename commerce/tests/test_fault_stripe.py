"""Stripe unreachable at payment time: the shopper is asked to try again, the order
stays payable, and the retry is the same request under the same idempotency key, so
that a charge whose answer was lost is not made twice."""

import http.server
import threading

import pytest

from commerce.models import Order, Payment, PaymentStatus
from commerce.tests import stripe_peer
from commerce.tests.test_stripe import JSON, PAYS, pay
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db


class AnswerLost(http.server.BaseHTTPRequestHandler):
    """Stripe as a dropped connection: the request arrives, no answer comes back."""

    keys: list[str] = []

    def do_POST(self):  # noqa: N802 - the HTTP method's name
        self.keys.append(self.headers.get("Idempotency-Key", ""))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.close_connection = True  # and no response

    def log_message(self, *args):
        pass


@pytest.fixture
def stripe_silent():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AnswerLost)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    AnswerLost.keys = []
    yield f"http://127.0.0.1:{server.server_port}", AnswerLost.keys
    server.shutdown()
    server.server_close()


def test_a_payment_stripe_did_not_answer_is_tried_again_as_itself(
    client, stripe_api, stripe_silent, settings, place, variant
):
    order = place(variant)
    intents_before = {intent.id for intent in intents_at(stripe_api)}
    card = stripe_peer.card_payment_method(stripe_api, PAYS)
    silent_url, keys_sent = stripe_silent
    settings.STRIPE_API_BASE = silent_url

    unanswered = client.post(f"/orders/{order_token(order)}/pay/", {"payment_method": card}, **JSON)

    assert unanswered.status_code == 402
    assert "press Pay again" in unanswered.json()["error"]
    assert "never charged twice" in unanswered.json()["error"]
    assert Order.objects.get().payment_status == PaymentStatus.AWAITING_PAYMENT
    payment = Payment.objects.get()
    assert payment.status == Payment.Status.UNREACHABLE
    # The SDK tried three times, all under the attempt's key.
    assert keys_sent == [payment.idempotency_key] * 3

    settings.STRIPE_API_BASE = stripe_api  # Stripe answers again
    retried = pay(client, order, stripe_api, PAYS)  # the page's new card details

    assert retried.status_code == 200
    assert Order.objects.get().payment_status == PaymentStatus.PAID
    assert Payment.objects.get().idempotency_key == payment.idempotency_key  # the same attempt
    made = [intent for intent in intents_at(stripe_api) if intent.id not in intents_before]
    assert [intent.payment_method for intent in made] == [card]  # the first request, again


def intents_at(base: str) -> list:
    return stripe_peer.sdk(base).v1.payment_intents.list(params={"limit": 100}).data
