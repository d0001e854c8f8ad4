import io
import json
import logging
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "not-the-password"  # noqa: S105


def sign_in(client, email, password):
    response = client.post("/account/login/", {"login": email, "password": password})
    signed_in = client.get("/account/").wsgi_request.user.is_authenticated
    return response, signed_in


def test_the_sixth_failure_blocks_the_account_from_that_address_for_the_window(
    home_page, shopper, security_log
):
    client = Client(REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            response, signed_in = sign_in(client, shopper.email, WRONG)
            assert response.status_code == 200
            assert "not correct" in response.content.decode()
            assert not signed_in

        response, signed_in = sign_in(client, shopper.email, PASSWORD)
        assert not signed_in, "the right password must not get in while blocked"
        assert "Too many failed login attempts" in response.content.decode()

        # The owner, elsewhere, is not locked out by a stranger's guesses.
        _, owner_signed_in = sign_in(Client(REMOTE_ADDR="198.51.100.2"), shopper.email, PASSWORD)
        assert owner_signed_in

        clock.shift(timedelta(minutes=15, seconds=1))
        _, signed_in = sign_in(client, shopper.email, PASSWORD)
        assert signed_in

    events = [(r.event, r.email, r.ip) for r in security_log()]
    assert events == [("login_failed", shopper.email, "203.0.113.7")] * 5 + [
        ("login_blocked", shopper.email, "203.0.113.7")
    ]


def test_one_address_guessing_many_accounts_is_stopped(home_page, shopper):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(20):
        sign_in(client, f"victim{n}@example.com", WRONG)

    response, signed_in = sign_in(client, shopper.email, PASSWORD)

    assert not signed_in
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_requests_are_limited(client, home_page, shopper, security_log):
    responses = [
        client.post("/account/password/reset/", {"email": shopper.email}) for _ in range(4)
    ]

    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert "Too many attempts" in responses[3].content.decode()
    assert [r.event for r in security_log()][-1] == "rate_limited"


def test_sign_ups_from_one_address_are_limited(client, home_page):
    def sign_up(n):
        data = {"email": f"new{n}@example.com", "password1": PASSWORD, "password2": PASSWORD}
        return client.post("/account/signup/", data).status_code

    assert [sign_up(n) for n in range(10)] == [302] * 10
    assert sign_up(10) == 429


def test_security_lines_are_json_objects_on_stdout(home_page, shopper, settings):
    assert settings.LOGGING["handlers"]["security"]["stream"] == "ext://sys.stdout"
    handler = logging.getLogger("shop.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        sign_in(Client(REMOTE_ADDR="203.0.113.7"), shopper.email, WRONG)
    finally:
        handler.setStream(previous)

    (line,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert line["event"] == "login_failed"
    assert line["email"] == shopper.email
    assert line["ip"] == "203.0.113.7"
    assert line["levelname"] == "WARNING"
