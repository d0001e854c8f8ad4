import pytest
from django.core import mail
from django.db import transaction

from commerce.exceptions import IllegalTransition
from commerce.models import FulfilmentStatus, Invoice, Order, PaymentStatus
from commerce.services import orders
from commerce.services.invoices import invoice_pdf
from commerce.tests.conftest import stock_of

pytestmark = pytest.mark.django_db


def test_paying_commits_the_reserved_stock_and_issues_an_invoice(place, variant):
    order = place(variant, 3)
    assert stock_of(variant) == (10, 3)

    orders.mark_paid(order, note="Paid by card.")

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert order.reserved_until is None
    assert stock_of(variant) == (7, 0)
    assert order.invoice.display_number.startswith("INV-")
    pdf = invoice_pdf(order.invoice)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert [(e.kind, e.from_status, e.to_status) for e in order.events.all()] == [
        ("placed", "", "awaiting_payment"),
        ("payment", "awaiting_payment", "paid"),
    ]


def test_cancelling_an_unpaid_order_gives_its_stock_back(place, variant):
    order = place(variant, 4)
    orders.cancel(order)
    assert stock_of(variant) == (10, 0)
    assert Order.objects.get().payment_status == PaymentStatus.CANCELLED


SHIP = ("fulfilment", FulfilmentStatus.SHIPPED)
DELIVER = ("fulfilment", FulfilmentStatus.DELIVERED)
PAY = ("payment", PaymentStatus.PAID)
CANCEL = ("payment", PaymentStatus.CANCELLED)
REFUND = ("payment", PaymentStatus.REFUNDED)


def move(order, kind, status):
    mover = orders.move_payment if kind == "payment" else orders.move_fulfilment
    return mover(order, to_status=status)


@pytest.mark.parametrize(
    "path, illegal",
    [
        ([], SHIP),  # not paid yet
        ([], DELIVER),
        ([PAY], CANCEL),  # money taken: a refund, not a cancellation
        ([PAY], PAY),
        ([CANCEL], PAY),
        ([PAY], DELIVER),  # not shipped yet
        ([PAY, SHIP], SHIP),  # shipped once
        ([PAY, SHIP], CANCEL),
        ([PAY, REFUND], SHIP),  # nothing left to send for
        ([PAY, SHIP, DELIVER], SHIP),
    ],
)
def test_an_illegal_move_raises_and_changes_nothing(place, variant, path, illegal):
    order = place(variant, 2)
    for step in path:
        move(order, *step)
    order = Order.objects.get()
    before = (
        order.payment_status,
        order.fulfilment_status,
        stock_of(variant),
        order.events.count(),
    )

    with pytest.raises(IllegalTransition):
        move(order, *illegal)

    order = Order.objects.get()
    after = (order.payment_status, order.fulfilment_status, stock_of(variant), order.events.count())
    assert after == before


def test_fulfilment_moves_apart_from_payment(place, variant):
    order = place(variant)
    orders.mark_paid(order)
    orders.mark_shipped(order, carrier="Royal Mail", tracking="RM123456789GB")
    orders.move_payment(order, to_status=PaymentStatus.PARTIALLY_REFUNDED)  # a line came back
    orders.mark_delivered(order)

    order = Order.objects.get()
    assert (order.payment_status, order.fulfilment_status) == ("partially_refunded", "delivered")
    assert (order.carrier, order.tracking_number) == ("Royal Mail", "RM123456789GB")
    assert [(e.kind, e.to_status) for e in order.events.all()] == [
        ("placed", "awaiting_payment"),
        ("payment", "paid"),
        ("fulfilment", "shipped"),
        ("payment", "partially_refunded"),
        ("fulfilment", "delivered"),
    ]


def test_a_rolled_back_payment_gives_its_invoice_number_back(place, variant):
    first, second = place(variant), place(variant)

    with pytest.raises(RuntimeError), transaction.atomic():
        orders.mark_paid(first)
        raise RuntimeError("the payment record could not be saved")

    assert not Invoice.objects.exists()
    assert Order.objects.get(pk=first.pk).payment_status == PaymentStatus.AWAITING_PAYMENT
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
