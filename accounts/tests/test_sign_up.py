import re
import statistics
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-longer-passphrase"  # noqa: S105


def link_in(message, path_prefix):
    """The one link to `path_prefix` in an email, checked in both its text and HTML parts."""
    pattern = rf"https?://testserver({re.escape(path_prefix)}[^\s\"<]+)"
    text_links = set(re.findall(pattern, message.body))
    html_body, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert text_links == set(re.findall(pattern, html_body)), "text and HTML links differ"
    assert len(text_links) == 1
    return text_links.pop()


def signed_in_user(client):
    return client.get("/account/").wsgi_request.user


def test_sign_up_verifies_the_email_then_signs_in(client, home_page):
    response = client.post(
        "/account/signup/",
        {"email": "New.Shopper@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert not signed_in_user(client).is_authenticated

    (message,) = mail.outbox
    assert message.to == ["new.shopper@example.com"]
    link = link_in(message, "/account/confirm-email/")

    assert client.get(link).status_code == 200  # a confirm button: mail scanners do not confirm
    response = client.post(link)
    assert response.status_code == 302

    user = signed_in_user(client)
    assert user.is_authenticated
    assert user.email == "new.shopper@example.com"
    assert EmailAddress.objects.get(user=user).verified


def test_an_unverified_account_cannot_sign_in(client, home_page):
    user = get_user_model().objects.create_user(email="waiting@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert not signed_in_user(client).is_authenticated
    assert mail.outbox[-1].to == [user.email]  # the verification email is sent again


def test_password_reset_end_to_end(client, home_page, security_log):
    user = UserFactory(email="forgetful@example.com")

    response = client.post("/account/password/reset/", {"email": "forgetful@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = link_in(message, "/account/password/reset/key/")

    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert [r.event for r in security_log()] == ["password_reset_requested", "password_reset"]
    assert all(r.user_id == user.pk for r in security_log())

    fresh = Client()
    fresh.post("/account/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert signed_in_user(fresh) == user


def test_a_new_email_address_is_used_only_once_verified(client, home_page):
    user = UserFactory(email="old@example.com")
    client.force_login(user)

    response = client.post("/account/email/", {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@example.com"

    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    client.post(link_in(message, "/account/confirm-email/"))

    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("new@example.com", True)
    ]


def test_the_header_shows_who_is_signed_in(client, home_page, shopper):
    assert b"Sign in" in client.get("/").content

    client.force_login(shopper)
    page = client.get("/").content.decode()
    assert 'href="/account/"' in page
    assert f"Signed in as {shopper.email}" in page
    assert 'action="/account/logout/"' in page


def test_an_account_made_on_the_command_line_confirms_its_address_on_first_sign_in(
    client, home_page
):
    get_user_model().objects.create_superuser(email="ops@example.com", password=PASSWORD)

    response = client.post("/account/login/", {"login": "ops@example.com", "password": PASSWORD})

    assert response["Location"] == "/account/confirm-email/"
    (message,) = mail.outbox
    client.post(link_in(message, "/account/confirm-email/"))
    assert signed_in_user(client).email == "ops@example.com"


def test_confirming_the_email_signs_in_and_returns_to_where_the_shopper_was(client, home_page):
    login_page = client.get("/account/login/", {"next": "/shop/?sort=price"}).content.decode()
    assert 'href="/account/signup/?next=%2Fshop%2F%3Fsort%3Dprice"' in login_page

    client.post(
        "/account/signup/?next=%2Fshop%2F%3Fsort%3Dprice",
        {
            "email": "back@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "/shop/?sort=price",
        },
    )
    response = client.post(link_in(mail.outbox[-1], "/account/confirm-email/"))

    assert response.status_code == 302
    assert response["Location"] == "/shop/?sort=price"
    assert signed_in_user(client).email == "back@example.com"


def test_the_header_sign_in_link_comes_back_to_the_page(client, category):
    html = client.get(category.url).content.decode()
    assert 'href="/account/login/?next=/shop/kitchen/"' in html or (
        'href="/account/login/?next=%2Fshop%2Fkitchen%2F"' in html
    )


def test_sign_up_takes_as_long_for_a_known_email_as_for_a_new_one(home_page, settings):
    """The answer's timing does not tell who has an account: both hash the password
    with the production hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    UserFactory(email="known@example.com")

    def sign_up(email) -> float:
        client = Client(REMOTE_ADDR=f"198.51.100.{len(timings)}")  # under the address limit
        started = time.perf_counter()
        response = client.post(
            "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 302
        return elapsed

    timings = []
    for n in range(5):
        timings.append((sign_up("known@example.com"), sign_up(f"new{n}@example.com")))
    known = statistics.median(known for known, _ in timings)
    new = statistics.median(new for _, new in timings)
    assert 0.6 < known / new < 1.6, f"known {known * 1000:.0f} ms, new {new * 1000:.0f} ms"
