"""Real transactions on PostgreSQL: buyers and payments at the same time."""

import threading

import pytest
from django.core import mail
from django.db import connection

from commerce.exceptions import CheckoutError
from commerce.models import Invoice, Order, PaymentStatus, StockRecord
from commerce.services import orders
from commerce.tests.conftest import stock_of
from commerce.tests.factories import cart_holding, guest_details, place_cart
from core.tests.helpers import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(jobs):
    """Run the callables in threads that start at the same moment; return what each gave."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects what each buyer got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def buyer(variant, shipping, rules):
    cart = cart_holding(variant)
    details = guest_details(shipping, email=f"buyer-{cart.pk}@example.com")
    return lambda: place_cart(cart, details, rules)


def test_twenty_buyers_race_for_the_last_five_units(variant_with_stock, standard_shipping, rules):
    variant = variant_with_stock(stock=5)
    buyers = [buyer(variant, standard_shipping, rules) for _ in range(20)]

    results = run_together(buyers)

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, CheckoutError)]
    assert len(placed) == 5
    assert len(refused) == 15
    assert all("has just sold out" in str(error) for error in refused)
    assert Order.objects.count() == 5
    on_hand, reserved = stock_of(variant)
    assert (on_hand, reserved) == (5, 5)
    assert StockRecord.objects.get(variant=variant).num_available == 0
    assert sum(o.items.get().quantity for o in Order.objects.all()) == reserved


def test_invoice_numbers_stay_gapless_when_orders_are_paid_at_once(place, variant_with_stock):
    variant = variant_with_stock(stock=50)
    unpaid = [place(variant) for _ in range(12)]

    results = run_together([lambda order=order: orders.mark_paid(order) for order in unpaid])

    assert not [r for r in results if isinstance(r, Exception)]
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 13))
    assert Order.objects.filter(payment_status=PaymentStatus.PAID).count() == 12
    assert stock_of(variant) == (38, 0)


def test_a_real_worker_sends_the_paid_email_with_the_invoice(place, variant):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    order = place(variant, email="buyer@example.com")  # its "received" email goes out eagerly
    mail.outbox.clear()
    app.control.purge()  # nothing left over from an earlier run
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            orders.mark_paid(order)  # queues the email when its transaction commits
            wait_for(lambda: mail.outbox)
    finally:
        app.conf.task_always_eager = True

    (paid,) = mail.outbox
    assert paid.to == ["buyer@example.com"]
    assert "Payment received" in paid.subject
    ((filename, content, mimetype),) = paid.attachments
    assert filename == f"{Order.objects.get().invoice.display_number}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
