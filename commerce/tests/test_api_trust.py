"""Nothing the client sends about prices, totals, stock, status, owner or payment is
believed: each write endpoint gets them all, and what it keeps comes from the shop."""

import uuid

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from accounts.tests.factories import UserFactory
from commerce.models import Order
from commerce.tests.conftest import stock_of
from commerce.tests.factories import GUEST_ADDRESS

pytestmark = pytest.mark.django_db

FORGED = {
    "price": "0.01",
    "unit_price": "0.01",
    "price_at_add": "0.01",
    "total": "0.01",
    "goods_total": "0.01",
    "discount": "99.00",
    "discount_total": "99.00",
    "shipping_total": "0.00",
    "tax_total": "0.00",
    "totals": {"total": "0.01"},
    "num_on_hand": 1000,
    "stock": 1000,
    "payment_status": "paid",
    "fulfilment_status": "shipped",
    "status": "succeeded",
    "amount": "0.01",
    "user": 1,
    "user_id": 1,
    "is_staff": True,
    "is_superuser": True,
}


def test_forged_prices_totals_stock_status_and_owner_change_nothing(variant, standard_shipping):
    owner = UserFactory(email="owner@example.com")
    api = APIClient()
    cart = api.post("/api/v1/carts/", FORGED, format="json").json()
    api.credentials(HTTP_X_CART_TOKEN=cart["token"])
    base = f"/api/v1/carts/{cart['id']}/"

    line = api.post(
        base + "lines/", FORGED | {"variant_id": variant.pk, "quantity": 2}, format="json"
    ).json()["lines"][0]
    assert (line["unit_price"], line["total"]) == ("20.00", "40.00")
    api.patch(f"{base}lines/{line['id']}/", FORGED | {"quantity": 2}, format="json")

    body = FORGED | {
        "email": "ada@example.com",
        "shipping_address": GUEST_ADDRESS,
        "shipping_method_id": standard_shipping.pk,
    }
    review = api.post(f"/api/v1/checkout/{cart['id']}/review/", body, format="json").json()
    assert review["totals"]["total"] == "44.95"
    placed = api.post(
        f"/api/v1/checkout/{cart['id']}/orders/",
        body | {"fingerprint": review["fingerprint"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    ).json()

    order = Order.objects.get(number=placed["number"])
    assert (order.total, order.discount_total, order.payment_status, order.user) == (
        order.goods_total + order.shipping_total,
        0,
        "awaiting_payment",
        None,
    )
    assert order.goods_total == 40 and order.fulfilment_status == "unfulfilled"
    assert stock_of(variant) == (10, 2)
    guest = APIClient()
    guest.credentials(HTTP_X_ORDER_TOKEN=placed["token"])
    declined = guest.post(
        f"/api/v1/orders/{order.number}/payments/", FORGED | {"outcome": "decline"}, format="json"
    ).json()
    assert (declined["status"], declined["amount"]) == ("failed", str(order.total))
    order.refresh_from_db()
    assert order.payment_status == "awaiting_payment"
    assert owner.orders.count() == 0


def test_forged_account_fields_change_nothing(shopper_api):
    api, shopper = shopper_api
    api.patch("/api/v1/account/", FORGED | {"email": "x@example.com"}, format="json")
    address = api.post(
        "/api/v1/account/addresses/", FORGED | GUEST_ADDRESS | {"id": 999}, format="json"
    ).json()

    shopper.refresh_from_db()
    assert (shopper.email, shopper.is_staff, shopper.is_superuser) == (
        "ada@example.com",
        False,
        False,
    )
    assert address["id"] != 999 and shopper.addresses.get().pk == address["id"]


@pytest.fixture
def shopper_api():
    shopper = UserFactory(email="ada@example.com")
    api = APIClient()
    api.force_authenticate(shopper)
    return api, shopper


def test_checkout_calls_are_throttled(monkeypatch, variant, standard_shipping):
    rates = ScopedRateThrottle.THROTTLE_RATES | {"checkout": "2/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    api = APIClient()
    cart = api.post("/api/v1/carts/").json()
    api.credentials(HTTP_X_CART_TOKEN=cart["token"])
    url = f"/api/v1/checkout/{cart['id']}/shipping-methods/?country=GB"

    answers = [api.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    limited = api.get(url)
    assert limited["Content-Type"] == "application/problem+json" and limited["Retry-After"]
