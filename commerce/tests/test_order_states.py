import pytest
from django.core import mail
from django.db import transaction

from commerce.exceptions import IllegalTransition
from commerce.models import Invoice, Order, OrderStatus
from commerce.services import orders
from commerce.services.invoices import invoice_pdf
from commerce.tests.conftest import stock_of

pytestmark = pytest.mark.django_db


def test_paying_commits_the_reserved_stock_and_issues_an_invoice(place, variant):
    order = place(variant, 3)
    assert stock_of(variant) == (10, 3)

    orders.mark_paid(order, note="Paid by card.")

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.reserved_until is None
    assert stock_of(variant) == (7, 0)
    assert order.invoice.display_number.startswith("INV-")
    pdf = invoice_pdf(order.invoice)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert [(e.from_status, e.to_status) for e in order.events.all()] == [
        ("", "pending"),
        ("pending", "awaiting_payment"),
        ("awaiting_payment", "paid"),
    ]


def test_cancelling_an_unpaid_order_gives_its_stock_back(place, variant):
    order = place(variant, 4)
    orders.cancel(order)
    assert stock_of(variant) == (10, 0)
    assert Order.objects.get().status == OrderStatus.CANCELLED


@pytest.mark.parametrize(
    "path, illegal",
    [
        ([], OrderStatus.SHIPPED),
        ([OrderStatus.PAID], OrderStatus.CANCELLED),
        ([OrderStatus.PAID], OrderStatus.PAID),
        ([OrderStatus.CANCELLED], OrderStatus.PAID),
        ([OrderStatus.PAID, OrderStatus.REFUNDED], OrderStatus.SHIPPED),
    ],
)
def test_an_illegal_transition_raises_and_changes_nothing(place, variant, path, illegal):
    order = place(variant, 2)
    for status in path:
        orders.transition(order, status)
    before = (Order.objects.get().status, stock_of(variant), order.events.count())

    with pytest.raises(IllegalTransition):
        orders.transition(order, illegal)

    assert (Order.objects.get().status, stock_of(variant), order.events.count()) == before


def test_shipped_and_fulfilled_follow_paid(place, variant):
    order = place(variant)
    for status in (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.FULFILLED):
        orders.transition(order, status)
    assert Order.objects.get().status == OrderStatus.FULFILLED


def test_a_rolled_back_payment_gives_its_invoice_number_back(place, variant):
    first, second = place(variant), place(variant)

    with pytest.raises(RuntimeError), transaction.atomic():
        orders.mark_paid(first)
        raise RuntimeError("the payment record could not be saved")

    assert not Invoice.objects.exists()
    assert Order.objects.get(pk=first.pk).status == OrderStatus.AWAITING_PAYMENT
    orders.mark_paid(second)
    orders.mark_paid(first)
    assert list(Invoice.objects.values_list("order_id", "number")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_the_paid_email_carries_the_invoice(place, variant, django_capture_on_commit_callbacks):
    order = place(variant)
    with django_capture_on_commit_callbacks(execute=True):
        orders.mark_paid(order)

    paid = mail.outbox[-1]
    assert "Payment received" in paid.subject
    ((filename, content, mimetype),) = paid.attachments
    assert (filename, mimetype) == ("INV-000001.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")


def test_the_invoice_downloads_from_the_order_page(client, place, variant):
    from commerce.tokens import order_token

    order = place(variant)
    assert client.get(f"/orders/{order_token(order)}/invoice.pdf").status_code == 404
    orders.mark_paid(order)

    response = client.get(f"/orders/{order_token(order)}/invoice.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
