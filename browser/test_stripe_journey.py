"""A shopper pays by card through Stripe, in a real browser, with localstripe as
Stripe: a declined card and then a good one, and a card that asks for 3-D Secure."""

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from browser.conftest import DESKTOP, console_errors
from browser.test_journeys import check_out_as_guest, choose_a_size_and_add_to_cart
from commerce.models import Order, PaymentStatus
from commerce.tests import stripe_peer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STAND_IN = Path(__file__).parent / "stand_ins" / "stripe.js"
PAYS = "4242424242424242"
DECLINED = "4000000000000341"  # attaches, then is declined when charged
THREE_D_SECURE = "4000002760003184"


@pytest.fixture
def card_page(browse, stripe_api):
    """A page whose Stripe.js is the stand-in. The shop's policy names the Stripe
    origins it was started with; localstripe's address is only known once it runs, so
    this page does not enforce the policy (the policy has its own tests)."""
    page = browse(DESKTOP, bypass_csp=True)
    page.context.route(
        "**/js.stripe.com/v3/**",
        lambda route: route.fulfill(
            body=STAND_IN.read_text(), content_type="application/javascript"
        ),
    )

    def create_payment_method(number: str) -> str:
        try:
            return stripe_peer.card_payment_method(stripe_api, number)
        except Exception:  # noqa: BLE001 - Stripe.js answers a bad number with an error
            return ""

    def authenticate(client_secret: str) -> None:
        intent = client_secret.split("_secret_")[0]
        requests.post(
            f"{stripe_api}/v1/payment_intents/{intent}/_authenticate",
            data={"key": "pk_test_localstripe", "client_secret": client_secret, "success": "true"},
            timeout=10,
        ).raise_for_status()

    page.expose_function("standInCreatePaymentMethod", create_payment_method)
    page.expose_function("standInAuthenticate", authenticate)
    return page


def pay_with(page, number: str) -> None:
    page.get_by_label("Card number").fill(number)
    page.get_by_role("button", name="Pay now").click()


def test_a_declined_card_then_a_good_one_and_three_d_secure(store, card_page):
    page = card_page
    choose_a_size_and_add_to_cart(page)
    check_out_as_guest(page, "card@example.com")

    pay_with(page, DECLINED)
    expect(page.get_by_role("alert")).to_contain_text("declined")
    order = Order.objects.get(email="card@example.com")
    assert order.payment_status == PaymentStatus.AWAITING_PAYMENT

    pay_with(page, PAYS)
    expect(page).to_have_url(re.compile(r"/orders/[^/]+/$"))
    expect(page.locator("main")).to_contain_text(order.number)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert order.payments.filter(status="succeeded").count() == 1

    choose_a_size_and_add_to_cart(page)
    check_out_as_guest(page, "secure@example.com")
    pay_with(page, THREE_D_SECURE)
    expect(page).to_have_url(re.compile(r"/orders/[^/]+/$"))
    secure = Order.objects.get(email="secure@example.com")
    assert secure.payment_status == PaymentStatus.PAID
    # The decline is the pay endpoint's 402, which the browser logs; nothing else.
    assert [line for line in console_errors(page) if "402 (Payment Required)" not in line] == []
