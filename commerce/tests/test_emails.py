"""An order email goes once, however often its task is delivered."""

import datetime

import pytest
from django.core import mail

from commerce import emails
from commerce.models import SentEmail
from commerce.tasks import send_order_email_task

pytestmark = pytest.mark.django_db


def test_a_task_delivered_twice_sends_its_email_once(place, variant):
    order = place(variant, 1)
    mail.outbox.clear()

    send_order_email_task.delay(order.pk, "received")
    send_order_email_task.delay(order.pk, "received")

    assert len(mail.outbox) == 1
    assert SentEmail.objects.get(order=order, kind="received").sent_at is not None


def test_a_claim_left_by_a_dead_sender_runs_out(place, variant, time_machine):
    order = place(variant, 1)
    mail.outbox.clear()
    SentEmail.objects.create(order=order, kind="shipped", claimed_at=order.created_at)

    send_order_email_task.delay(order.pk, "shipped")
    assert mail.outbox == []  # another sender may still be at it
    time_machine.move_to(order.created_at + datetime.timedelta(minutes=6))
    send_order_email_task.delay(order.pk, "shipped")

    assert len(mail.outbox) == 1


def test_a_failed_send_can_be_tried_again(place, variant, settings):
    order = place(variant, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 9  # nothing listens: the send fails
    with pytest.raises(OSError):
        emails.send_order_email(order, kind="paid")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()

    send_order_email_task.delay(order.pk, "paid")

    (email,) = mail.outbox
    assert email.subject.endswith(f"Payment received for order {order.number}")
