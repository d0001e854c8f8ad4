"""Customers in the admin: the list with orders and spend, a customer's page, and
what staff may do to an account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.tests.factories import PASSWORD, AddressFactory, UserFactory
from commerce.models import Order
from commerce.services import payments
from commerce.tests.test_order_admin import staff_in

pytestmark = pytest.mark.django_db

CUSTOMERS = "/admin/accounts/user/"


@pytest.fixture
def merchant(client, home_page):
    client.staff = staff_in(client, is_superuser=True)
    return client


@pytest.fixture
def customer(place, variant):
    shopper = UserFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace")
    AddressFactory(user=shopper, line1="12 Analytical Row")
    for paid in (True, True, False):
        order = place(variant, 1, email=shopper.email)
        Order.objects.filter(pk=order.pk).update(user=shopper)
        if paid:
            payments.pay(order, data={"outcome": "pay"})
    return shopper


def test_the_list_shows_orders_spend_and_last_order(merchant, customer):
    spent = sum(o.total for o in Order.objects.filter(user=customer, payment_status="paid"))

    found = merchant.get(CUSTOMERS, {"q": "lovelace"}).content.decode()
    everyone = merchant.get(CUSTOMERS).content.decode()

    assert "ada@example.com" in found
    assert f"{spent:.2f}" in found
    assert f"{CUSTOMERS}inspect/{customer.pk}/" in everyone
    assert f"{CUSTOMERS}inspect/{merchant.staff.pk}/" not in everyone  # staff are no customers


def test_the_customer_page_shows_orders_and_addresses(merchant, customer):
    page = merchant.get(f"{CUSTOMERS}inspect/{customer.pk}/").content.decode()

    assert page.count("/admin/commerce/order/inspect/") == 3
    assert "2 paid orders" in page
    assert "12 Analytical Row" in page
    assert "Deactivate the account" in page
    assert "Send a new verification link" not in page  # already verified


def test_staff_resend_a_verification_link(merchant, customer):
    EmailAddress.objects.filter(user=customer).update(verified=False)
    url = f"/admin/shop-customers/{customer.pk}/verify/"

    assert merchant.get(url).status_code == 200  # asks first
    assert merchant.post(url).status_code == 302

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert "/account/confirm-email/" in mail.outbox[0].body


def test_a_deactivated_customer_cannot_sign_in_and_is_signed_out(merchant, customer, client):
    from django.test import Client

    shopper = Client()
    shopper.force_login(customer)

    merchant.post(f"/admin/shop-customers/{customer.pk}/deactivate/")

    customer.refresh_from_db()
    assert not customer.is_active
    assert shopper.get("/account/").status_code == 302  # signed out at their next request
    assert not Client().login(email=customer.email, password=PASSWORD)

    merchant.post(f"/admin/shop-customers/{customer.pk}/reactivate/")
    customer.refresh_from_db()
    assert customer.is_active


@pytest.mark.parametrize(
    "url",
    [
        "/admin/shop-customers/999999/deactivate/",
        "/admin/shop-customers/{pk}/explode/",
        "/admin/accounts/user/inspect/abc/",
    ],
)
def test_unknown_customers_and_actions_are_not_found(merchant, customer, url):
    assert merchant.get(url.format(pk=customer.pk)).status_code == 404


def test_staff_without_the_right_cannot_act_on_accounts(client, customer):
    staff_in(client, "Fulfilment")

    assert client.post(f"/admin/shop-customers/{customer.pk}/deactivate/").status_code in (302, 403)
    customer.refresh_from_db()
    assert customer.is_active
