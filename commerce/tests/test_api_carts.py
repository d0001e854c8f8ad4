"""Carts through the API: a guest's by token, a signed-in caller's own, the merge at
sign-in, the site's availability rules and messages, and nobody else's cart."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from commerce.models import Cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest():
    api = APIClient()
    made = api.post("/api/v1/carts/")
    assert made.status_code == 201
    cart = made.json()
    api.credentials(HTTP_X_CART_TOKEN=cart["token"])
    api.cart_url = f"/api/v1/carts/{cart['id']}/"
    return api


def add(api, variant, quantity=1):
    return api.post(
        api.cart_url + "lines/", {"variant_id": variant.pk, "quantity": quantity}, format="json"
    )


def test_a_guest_fills_changes_and_empties_a_cart_by_token(guest, variant):
    added = add(guest, variant, 2)
    assert added.status_code == 201
    cart = added.json()
    [line] = cart["lines"]
    assert (line["quantity"], line["unit_price"], cart["goods_total"]) == (2, "20.00", "40.00")
    assert cart["can_check_out"] is True

    url = f"{guest.cart_url}lines/{line['id']}/"
    assert guest.patch(url, {"quantity": 3}, format="json").json()["item_count"] == 3
    assert guest.delete(url).json()["lines"] == []


def test_the_sites_availability_rules_and_messages_apply(guest, variant_with_stock):
    scarce = variant_with_stock(stock=2, title="Oak board")

    refused = add(guest, scarce, 3)

    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"] == "Sorry, only 2 of Oak board are available."
    too_many = add(guest, scarce, 500)
    assert too_many.status_code == 400 and too_many.json()["errors"][0]["field"] == "quantity"


def test_another_callers_cart_or_line_is_a_404(guest, variant):
    line = add(guest, variant).json()["lines"][0]
    stranger = APIClient()
    stranger_cart = stranger.post("/api/v1/carts/").json()
    stranger.credentials(HTTP_X_CART_TOKEN=stranger_cart["token"])

    assert stranger.get(guest.cart_url).status_code == 404
    assert stranger.delete(f"{guest.cart_url}lines/{line['id']}/").status_code == 404
    assert APIClient().get(guest.cart_url).status_code == 404  # no token at all
    forged = APIClient()
    forged.credentials(HTTP_X_CART_TOKEN="not-a-token")
    assert forged.get(guest.cart_url).status_code == 404
    other_line = f"/api/v1/carts/{stranger_cart['id']}/lines/{line['id']}/"
    assert stranger.patch(other_line, {"quantity": 1}, format="json").status_code == 404


def test_a_guest_cart_joins_the_callers_own_once_signed_in(guest, variant):
    add(guest, variant, 2)
    customer = UserFactory()
    guest.force_authenticate(customer)

    mine = guest.post("/api/v1/carts/")

    assert mine.status_code == 200
    cart = mine.json()
    assert cart["token"] is None and cart["item_count"] == 2
    assert Cart.objects.get(pk=cart["id"]).user == customer
    assert Cart.objects.filter(user__isnull=True).count() == 0
