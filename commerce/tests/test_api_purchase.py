"""A whole purchase through the API with DRF's test client, on the site's services:
a guest cart by token, sign-in and merge, checkout, placing with an Idempotency-Key,
payment through localstripe, the webhook, and the order paid."""

import uuid

import pytest
from allauth.account.models import EmailAddress
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from commerce.models import Order, PaymentStatus
from commerce.tests import stripe_peer
from commerce.tests.conftest import stock_of
from commerce.tests.factories import GUEST_ADDRESS
from commerce.tests.test_stripe import DECLINED, PAYS
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db


def started_cart(api, variant, quantity=2) -> dict:
    cart = api.post("/api/v1/carts/").json()
    api.credentials(HTTP_X_CART_TOKEN=cart["token"])
    added = api.post(
        f"/api/v1/carts/{cart['id']}/lines/",
        {"variant_id": variant.pk, "quantity": quantity},
        format="json",
    )
    assert added.status_code == 201
    return added.json()


PASSWORD = "a-long-pass-123"


def verified_customer():
    customer = UserFactory(email="grace@example.com")
    customer.set_password(PASSWORD)
    customer.save()
    EmailAddress.objects.filter(user=customer).update(verified=True)
    return customer


def details(shipping, **extra) -> dict:
    return {"shipping_address": GUEST_ADDRESS, "shipping_method_id": shipping, **extra}


def review_and_place(api, cart_id, body, key=None):
    review = api.post(f"/api/v1/checkout/{cart_id}/review/", body, format="json")
    assert review.status_code == 200, review.json()
    placing = body | {"fingerprint": review.json()["fingerprint"]}
    key = key or str(uuid.uuid4())
    placed = api.post(
        f"/api/v1/checkout/{cart_id}/orders/", placing, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    return review.json(), placing, key, placed


def test_a_guest_buys_with_the_demo_gateway(variant, standard_shipping):
    api = APIClient()
    cart = started_cart(api, variant)
    quotes = api.get(f"/api/v1/checkout/{cart['id']}/shipping-methods/?country=GB").json()
    assert [quote["id"] for quote in quotes] == [standard_shipping.pk]

    body = details(standard_shipping.pk, email="ada@example.com")
    review, _, _, placed = review_and_place(api, cart["id"], body)

    assert review["totals"] == {
        "goods": "40.00",
        "discount": "0.00",
        "shipping": "4.95",
        "tax": review["totals"]["tax"],
        "total": "44.95",
    }
    assert placed.status_code == 201
    order = placed.json()
    guest = APIClient()
    guest.credentials(HTTP_X_ORDER_TOKEN=order["token"])
    paid = guest.post(
        f"/api/v1/orders/{order['number']}/payments/", {"outcome": "pay"}, format="json"
    )
    assert (paid.status_code, paid.json()["status"]) == (201, "succeeded")
    state = guest.get(f"/api/v1/orders/{order['number']}/").json()
    assert state["payment_status"] == "paid" and state["has_invoice"] is True
    invoice = guest.get(f"/api/v1/orders/{order['number']}/invoice.pdf")
    assert invoice["Content-Type"] == "application/pdf"
    assert stock_of(variant) == (8, 0)


def test_the_same_key_and_body_give_the_same_order_and_another_body_a_409(
    variant, standard_shipping
):
    api = APIClient()
    cart = started_cart(api, variant)
    body = details(standard_shipping.pk, email="ada@example.com")
    _, placing, key, first = review_and_place(api, cart["id"], body)

    again = api.post(
        f"/api/v1/checkout/{cart['id']}/orders/", placing, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    other = api.post(
        f"/api/v1/checkout/{cart['id']}/orders/",
        placing | {"email": "someone@example.com"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    missing = api.post(f"/api/v1/checkout/{cart['id']}/orders/", placing, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["number"] == first.json()["number"]
    assert other.status_code == 409 and other.json()["type"].endswith("idempotency_key_reused")
    assert missing.status_code == 400
    assert Order.objects.count() == 1


def test_a_cart_changed_since_the_review_is_not_placed(variant, standard_shipping):
    api = APIClient()
    cart = started_cart(api, variant)
    body = details(standard_shipping.pk, email="ada@example.com")
    review = api.post(f"/api/v1/checkout/{cart['id']}/review/", body, format="json").json()
    line = cart["lines"][0]
    api.patch(f"/api/v1/carts/{cart['id']}/lines/{line['id']}/", {"quantity": 1}, format="json")

    placed = api.post(
        f"/api/v1/checkout/{cart['id']}/orders/",
        body | {"fingerprint": review["fingerprint"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )

    assert placed.status_code == 409 and placed.json()["type"].endswith("review_outdated")
    assert Order.objects.count() == 0


def test_a_customer_buys_with_stripe_after_a_declined_card(
    stripe_api, variant, standard_shipping, client
):
    api = APIClient()
    started_cart(api, variant)
    signed_in = api.post(
        "/_allauth/app/v1/auth/login",
        {"email": verified_customer().email, "password": PASSWORD},
        format="json",
    )
    assert signed_in.status_code == 200
    api.credentials(
        HTTP_X_CART_TOKEN=api._credentials["HTTP_X_CART_TOKEN"],
        HTTP_X_SESSION_TOKEN=signed_in.json()["meta"]["session_token"],
    )
    mine = api.post("/api/v1/carts/").json()  # the guest cart joins the customer's
    assert mine["item_count"] == 2

    _, _, _, placed = review_and_place(api, mine["id"], details(standard_shipping.pk))
    number = placed.json()["number"]
    payments_url = f"/api/v1/orders/{number}/payments/"
    state = api.get(payments_url).json()
    assert (state["gateway"], state["publishable_key"]) == ("stripe", "pk_test_localstripe")

    declined = api.post(
        payments_url,
        {"payment_method": stripe_peer.card_payment_method(stripe_api, DECLINED)},
        format="json",
    ).json()
    assert declined["status"] == "failed" and declined["message"]
    paid = api.post(
        payments_url,
        {"payment_method": stripe_peer.card_payment_method(stripe_api, PAYS)},
        format="json",
    ).json()
    assert paid["status"] == "succeeded"

    intent = stripe_peer.sdk(stripe_api).v1.payment_intents.retrieve(
        Order.objects.get(number=number).payments.get(status="succeeded").transaction_id
    )
    body, signature = stripe_peer.signed(
        {
            "id": f"evt_{uuid.uuid4().hex}",
            "type": "payment_intent.succeeded",
            "data": {"object": intent.to_dict()},
        }
    )
    webhook = client.post(
        "/payments/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert webhook.status_code == 200
    order = api.get(f"/api/v1/orders/{number}/").json()
    assert order["payment_status"] == PaymentStatus.PAID
    listed = api.get("/api/v1/orders/").json()
    assert [row["number"] for row in listed["results"]] == [number]


def test_another_callers_order_is_a_404(variant_with_stock, standard_shipping, place):
    mine = place(variant_with_stock(), 1, email="ada@example.com")
    theirs = place(variant_with_stock(title="Oak board"), 1, email="eve@example.com")
    stranger = APIClient()
    stranger.force_authenticate(UserFactory(email="eve@example.com"))
    with_their_token = APIClient()
    with_their_token.credentials(HTTP_X_ORDER_TOKEN=order_token(theirs))
    forged = APIClient()
    forged.credentials(HTTP_X_ORDER_TOKEN=f"{mine.number}:forged")

    for caller in (stranger, with_their_token, forged, APIClient()):
        for url in (f"/api/v1/orders/{mine.number}/", f"/api/v1/orders/{mine.number}/invoice.pdf"):
            assert caller.get(url).status_code == 404, url
        paying = caller.post(f"/api/v1/orders/{mine.number}/payments/", {"outcome": "pay"})
        assert paying.status_code == 404
    mine.refresh_from_db()
    assert mine.payment_status == "awaiting_payment"
