"""A transactional outbox for Celery tasks that must follow a committed change (an
order's emails, purging the edge, the search vocabulary).

`enqueue` writes the task in the caller's transaction; once that commits, the task
is sent to the broker. While the broker cannot be reached the row waits, and the
relay (Celery beat, every minute) sends it once the broker is back. A task may then
be sent twice (a crash between sending and deleting its row), so the tasks behind
the outbox are safe to run twice.

django-celery-outbox needs its own relay process and pulls in structlog, sentry-sdk
and datadog; django-outbox-pattern publishes to a STOMP broker, not to Celery. These
few lines are all the shop needs."""

import logging
import time
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import locks
from core.models import OutboxMessage

logger = logging.getLogger(__name__)
# After a failure, sending after commit waits this long before trying the broker again
# (the relay does not wait), so an outage costs each request no timeout.
BROKER_REST_SECONDS = 30
# The relay leaves younger rows to the sending after commit, which is on its way.
RELAY_AFTER = timedelta(seconds=30)
RELAY_BATCH = 500
_broker_rests_until = 0.0


def enqueue(task, **kwargs) -> None:
    """Send `task` with `kwargs` once the current transaction commits, or later."""
    message = OutboxMessage.objects.create(task=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: _send_after_commit(message.pk))


def send_if_possible(task, **kwargs) -> None:
    """Send `task` now if the broker answers; for work that may be lost (counting a
    search), not worth a row in the outbox."""
    if _broker_resting():
        return
    try:
        task.apply_async(kwargs=kwargs)
    except OperationalError as error:
        _broker_unreachable(error)


def relay(*, now=None) -> int:
    """Send what is waiting; returns how many were sent."""
    cutoff = (now or timezone.now()) - RELAY_AFTER
    waiting = OutboxMessage.objects.filter(created_at__lte=cutoff).order_by("pk")
    return sum(_send(pk) for pk in waiting.values_list("pk", flat=True)[:RELAY_BATCH])


def _send_after_commit(message_id: int) -> None:
    if not _broker_resting():
        _send(message_id)


def _broker_resting() -> bool:
    return time.monotonic() < _broker_rests_until


def _send(message_id: int) -> bool:
    with transaction.atomic():
        message = locks.outbox_message(message_id)
        if message is None:
            return False  # sent already, or being sent
        try:
            current_app.tasks[message.task].apply_async(kwargs=message.kwargs)
        except OperationalError as error:
            _broker_unreachable(error)
            return False
        message.delete()
    return True


def _broker_unreachable(error: Exception) -> None:
    global _broker_rests_until
    logger.error("The task broker cannot be reached (%s); tasks wait in the outbox.", error)
    _broker_rests_until = time.monotonic() + BROKER_REST_SECONDS
