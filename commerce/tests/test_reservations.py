"""How long unpaid orders hold stock, and how much one client may hold."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from commerce.exceptions import OrderLimitReached
from commerce.models import Order, Payment, PaymentStatus
from commerce.services.checkout import Client as Buyer
from commerce.services.orders import mark_paid, release_expired_reservations
from commerce.services.payments import begin_attempt
from commerce.tests.conftest import checkout_post, stock_of
from commerce.tests.factories import cart_holding, guest_details, place_cart
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db


def test_an_order_holds_its_stock_briefly_until_a_payment_starts(place, variant, settings):
    order = place(variant, 2)
    hold = order.reserved_until - timezone.now()
    assert timedelta(minutes=9) < hold <= timedelta(minutes=settings.SHOP_UNPAID_HOLD_MINUTES)

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        begin_attempt(order, gateway_name="demo")
        order.refresh_from_db()
        held = order.reserved_until - timezone.now()
        assert held > timedelta(minutes=settings.SHOP_RESERVATION_MINUTES - 1)

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert release_expired_reservations() == 0  # paying has begun: the full time
    with time_machine.travel(timezone.now() + timedelta(minutes=36)):
        assert release_expired_reservations() == 1
    assert stock_of(variant) == (10, 0)


def test_an_order_nobody_pays_for_lets_go_after_the_short_hold(place, variant):
    place(variant, 2)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert release_expired_reservations() == 1
    assert stock_of(variant) == (10, 0)


def test_expiry_speaks_of_one_payment(place, variant):
    """A 3-D Secure attempt 40 minutes old and another payment touched a minute ago:
    neither is one payment waiting for the shopper within the grace period."""
    order = place(variant)
    stale = begin_attempt(order, gateway_name="demo")
    fresh = begin_attempt(order, gateway_name="demo")  # cancels the first attempt's step
    now = timezone.now() + timedelta(minutes=45)
    Payment.objects.filter(pk=stale.pk).update(
        status=Payment.Status.REQUIRES_ACTION, updated_at=now - timedelta(minutes=40)
    )
    Payment.objects.filter(pk=fresh.pk).update(
        status=Payment.Status.FAILED, updated_at=now - timedelta(minutes=1)
    )

    with time_machine.travel(now):
        assert release_expired_reservations() == 1
    assert Order.objects.get().payment_status == PaymentStatus.CANCELLED


def buyer_at(ip="203.0.113.7", email="hoarder@example.com", session="s1") -> Buyer:
    return Buyer(email=email, ip=ip, session=session)


def place_as(buyer, variant, standard_shipping, rules, quantity=1, email=None):
    details = guest_details(standard_shipping, email=email or buyer.email)
    return place_cart(cart_holding(variant, quantity), details, rules, client=buyer)


@pytest.mark.parametrize(
    "second",
    [
        buyer_at(),  # the same client again
        buyer_at(email="other@example.com", session="s2"),  # the same address
        buyer_at(ip="198.51.100.1", session="s2"),  # the same email
        buyer_at(ip="198.51.100.1", email="other@example.com"),  # the same session
    ],
)
def test_one_client_cannot_hold_the_shelves(
    variant_with_stock, standard_shipping, rules, settings, security_log, second
):
    settings.SHOP_MAX_UNPAID_UNITS = 5
    variant = variant_with_stock(stock=50)
    place_as(buyer_at(), variant, standard_shipping, rules, quantity=4)

    with pytest.raises(OrderLimitReached, match="at most 5 items"):
        place_as(second, variant, standard_shipping, rules, quantity=2)

    assert stock_of(variant) == (50, 4)
    (line,) = security_log()
    assert (line.event, line.units_held, line.units_asked) == ("unpaid_order_limit", 4, 2)
    # Someone else entirely is not held back.
    stranger = buyer_at(ip="192.0.2.9", email="someone@example.com", session="s9")
    place_as(stranger, variant, standard_shipping, rules, quantity=2)


def test_one_client_has_a_few_unpaid_orders_at_most(
    variant_with_stock, standard_shipping, rules, settings
):
    settings.SHOP_MAX_UNPAID_ORDERS = 2
    variant = variant_with_stock(stock=50)
    first = place_as(buyer_at(), variant, standard_shipping, rules)
    place_as(buyer_at(), variant, standard_shipping, rules)

    with pytest.raises(OrderLimitReached, match="2 unpaid orders already"):
        place_as(buyer_at(), variant, standard_shipping, rules)

    mark_paid(first)  # paying for one makes room
    place_as(buyer_at(), variant, standard_shipping, rules)


def test_the_shopper_is_told_why_at_checkout(
    client, variant_with_stock, standard_shipping, settings
):
    settings.SHOP_MAX_UNPAID_UNITS = 3
    variant = variant_with_stock(stock=20)
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 4})
    client.post("/checkout/", checkout_post(standard_shipping))
    review = client.get("/checkout/review/")

    response = client.post(
        "/checkout/review/", {"fingerprint": review.context["fingerprint"]}, follow=True
    )

    assert "Unpaid orders can hold at most 3 items" in response.content.decode()
    assert not Order.objects.exists()


def test_the_order_records_who_placed_it(client, variant, standard_shipping):
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    client.post("/checkout/", checkout_post(standard_shipping))
    review = client.get("/checkout/review/")
    client.post("/checkout/review/", {"fingerprint": review.context["fingerprint"]})

    order = Order.objects.get()
    assert order.client_ip == "127.0.0.1"
    assert len(order.client_session) == 64
    assert client.session.session_key not in order.client_session  # a digest, not the key
    assert Client().get(f"/orders/{order_token(order)}/").status_code == 200
