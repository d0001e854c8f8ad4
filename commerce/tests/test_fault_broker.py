"""The task broker unreachable: orders are still placed and paid, and their emails go
out once the broker is back, each exactly once, through the outbox."""

import contextlib
import logging
import time

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from commerce.models import Order, PaymentStatus
from commerce.tests.test_checkout import check_out, fill_cart, place_from
from config.celery import app
from core import outbox
from core.models import OutboxMessage
from core.tests.helpers import broker_at, free_port, start_redis, stop_server, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_orders_are_placed_and_paid_without_the_broker_and_emailed_once_it_is_back(
    variant, standard_shipping, caplog, monkeypatch
):
    from celery.contrib.testing.worker import start_worker

    monkeypatch.setattr(outbox, "_broker_rests_until", 0.0)
    port = free_port()
    client = Client()
    with broker_at(f"redis://127.0.0.1:{port}/0"):
        fill_cart(client, variant, 1)
        placed = place_from(client, check_out(client, standard_shipping))
        assert placed.status_code == 302
        order = Order.objects.get()
        paid = client.post(placed["Location"], {"outcome": "pay"})
        assert paid.status_code == 302
        order.refresh_from_db()
        assert order.payment_status == PaymentStatus.PAID
        assert mail.outbox == []
        assert sorted(m.kwargs["kind"] for m in OutboxMessage.objects.all()) == ["paid", "received"]
        assert "The task broker cannot be reached" in caplog.text

        broker = start_redis(port)  # the broker is back
        try:
            with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
                later = OutboxMessage.objects.latest("created_at").created_at + outbox.RELAY_AFTER
                assert outbox.relay(now=later) == 2
                assert outbox.relay(now=later) == 0  # nothing is left to send twice
                assert wait_for(lambda: len(mail.outbox) == 2)
                time.sleep(1)  # nothing more arrives
        finally:
            stop_server(broker)

    subjects = sorted(message.subject.split(": ", 1)[1] for message in mail.outbox)
    assert subjects == [
        f"Payment received for order {order.number}",
        f"We have your order {order.number}",
    ]
    assert not OutboxMessage.objects.exists()


def test_the_relay_runs_every_minute_on_beat(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["relay-outbox"]
    assert (schedule["task"], schedule["schedule"]) == ("core.tasks.relay_outbox_task", 60.0)


def test_a_task_whose_change_rolls_back_is_never_sent(variant, place, caplog):
    caplog.set_level(logging.ERROR)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        place(variant)
        raise RuntimeError("the order is not placed after all")

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
