import pytest
from django.core import mail

from commerce.models import Order, Payment, PaymentStatus
from commerce.tests.conftest import stock_of
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db


def test_the_demo_gateway_pays_and_the_email_carries_the_invoice(client, place, variant, committed):
    order = place(variant, 2)
    pay_url = f"/orders/{order_token(order)}/pay/"
    assert "Demo payment: no money moves" in client.get(pay_url).content.decode()

    with committed():
        response = client.post(pay_url, {"outcome": "pay"})

    assert response["Location"] == f"/orders/{order_token(order)}/"
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert stock_of(variant) == (8, 0)
    payment = order.payments.get()
    assert (payment.gateway, payment.status, payment.amount) == ("demo", "succeeded", order.total)
    paid = mail.outbox[-1]
    assert "Payment received" in paid.subject
    assert paid.attachments[0][2] == "application/pdf"
    # Paying again is impossible: the page sends the shopper to the paid order.
    assert client.post(pay_url, {"outcome": "pay"})["Location"] == f"/orders/{order_token(order)}/"
    assert order.payments.count() == 1


def test_a_demo_decline_leaves_the_order_payable(client, place, variant):
    order = place(variant)
    pay_url = f"/orders/{order_token(order)}/pay/"

    declined = client.post(pay_url, {"outcome": "decline"}, follow=True)

    assert "Declined (demo)" in declined.content.decode()
    assert Order.objects.get().payment_status == PaymentStatus.AWAITING_PAYMENT
    client.post(pay_url, {"outcome": "pay"})
    assert Order.objects.get().payment_status == PaymentStatus.PAID
    assert list(Payment.objects.values_list("attempt", "status")) == [
        (1, "failed"),
        (2, "succeeded"),
    ]


def test_repeated_failures_are_logged(client, place, variant, security_log):
    order = place(variant)
    for _ in range(3):
        client.post(f"/orders/{order_token(order)}/pay/", {"outcome": "decline"})
    assert [r.event for r in security_log()] == ["repeated_payment_failures"]


def test_a_cancelled_order_cannot_be_paid(client, place, variant):
    from commerce.services import orders

    order = place(variant)
    orders.cancel(order)
    response = client.post(f"/orders/{order_token(order)}/pay/", {"outcome": "pay"})
    assert response["Location"] == f"/orders/{order_token(order)}/"
    assert not Payment.objects.exists()


def test_the_payment_page_says_how_long_the_items_are_held(client, place, variant):
    order = place(variant)
    page = client.get(f"/orders/{order_token(order)}/pay/").content.decode()
    assert "Your items are held for you until" in page and "after that they go back on sale" in page


def test_a_paid_guest_may_continue_shopping_or_make_an_account_with_the_same_email(
    client, place, variant
):
    order = place(variant, email="ada@example.com")
    client.post(f"/orders/{order_token(order)}/pay/", {"outcome": "pay"})

    page = client.get(f"/orders/{order_token(order)}/").content.decode()

    assert "Continue shopping" in page
    assert "/account/signup/?email=ada%40example.com" in page
