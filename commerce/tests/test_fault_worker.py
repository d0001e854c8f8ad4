"""A worker killed in the middle of sending an email: the task is delivered again
(late acknowledgement) and the email arrives once (the sent-email record)."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from commerce.models import SentEmail
from core.tests.helpers import (
    broker_at,
    database_url,
    free_port,
    start_redis,
    stop_server,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[2]


class Mailbox:
    """An SMTP server's handler that keeps what it is sent, and holds the first sender
    after RCPT TO until that sender is gone."""

    def __init__(self):
        self.messages: list[bytes] = []
        self.first_sender_waiting = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if not self.first_sender_waiting.is_set():
            self.first_sender_waiting.set()
            await asyncio.sleep(3600)  # its worker is killed meanwhile
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope.content)
        return "250 Message accepted"


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, mailbox
    controller.stop()


def start_worker(redis_url: str, smtp_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "CELERY_VISIBILITY_TIMEOUT": "2",  # Redis gives an unacknowledged task back soon
        "SHOP_EMAIL_CLAIM_SECONDS": "4",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
    command += ["--pool=prefork", "--concurrency=1", "--loglevel=warning", "--without-heartbeat"]
    # A session of its own, so that the worker and its pool process are killed together.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603


def kill(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_an_email_task_whose_worker_is_killed_is_sent_once_by_the_next(place, variant, smtp):
    smtp_port, mailbox = smtp
    redis_port = free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    broker = start_redis(redis_port)
    first = second = None
    try:
        first = start_worker(redis_url, smtp_port)
        with broker_at(redis_url):
            order = place(variant, email="buyer@example.com")  # its "received" email is queued
        assert mailbox.first_sender_waiting.wait(timeout=60), "the worker never sent"
        kill(first)

        second = start_worker(redis_url, smtp_port)
        assert wait_for(lambda: mailbox.messages, seconds=60), "the email was not sent again"
        assert not wait_for(lambda: len(mailbox.messages) > 1, seconds=5)
    finally:
        kill(first)
        kill(second)
        stop_server(broker)

    (message,) = mailbox.messages
    assert f"We have your order {order.number}".encode() in message
    assert SentEmail.objects.get(order=order, kind="received").sent_at is not None
