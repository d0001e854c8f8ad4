import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.utils import timezone

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - a fixed authenticator secret for the test


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


@pytest.fixture
def staff(home_page):
    return UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def two_factor_required(settings):
    settings.STAFF_REQUIRE_2FA = True


def sign_in(client, user):
    return client.post("/account/login/?next=/admin/", {"login": user.email, "password": PASSWORD})


def test_staff_without_two_factor_set_it_up_before_the_admin(client, staff, two_factor_required):
    sign_in(client, staff)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"
    assert client.get("/admin/pages/").status_code == 302

    # Setting up two-factor asks for the password again, as allauth does by default.
    response = client.get("/account/2fa/totp/activate/")
    assert response["Location"].startswith("/account/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/account/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/recovery-codes/"
    codes = client.get("/account/2fa/recovery-codes/").content.decode()
    assert len(re.findall(r"\b[0-9a-f]{8}\b", codes)) >= 10

    assert is_mfa_enabled(staff, [Authenticator.Type.TOTP])
    assert client.get("/admin/").status_code == 200


def test_a_valid_code_lets_staff_in_and_a_wrong_one_is_refused_and_logged(
    client, staff, two_factor_required, security_log
):
    TOTP.activate(staff, SECRET)

    response = sign_in(client, staff)
    assert response["Location"] == "/account/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given

    response = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert [(r.event, r.user_id) for r in security_log()] == [("two_factor_failed", staff.pk)]

    response = client.post("/account/2fa/authenticate/", {"code": current_code(SECRET)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_cannot_switch_off_required_two_factor(client, staff, two_factor_required):
    TOTP.activate(staff, SECRET)
    client.force_login(staff)
    client.post("/account/reauthenticate/", {"password": PASSWORD})

    response = client.post("/account/2fa/totp/deactivate/", {})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert is_mfa_enabled(staff, [Authenticator.Type.TOTP])


def test_shoppers_can_switch_two_factor_off(client, home_page, two_factor_required):
    shopper = UserFactory()
    TOTP.activate(shopper, SECRET)
    client.force_login(shopper)
    client.post("/account/reauthenticate/", {"password": PASSWORD})

    response = client.post("/account/2fa/totp/deactivate/", {})

    assert response.status_code == 302
    assert not is_mfa_enabled(shopper, [Authenticator.Type.TOTP])


def test_shoppers_are_not_asked_for_two_factor(client, home_page, two_factor_required):
    shopper = UserFactory()
    sign_in(client, shopper)

    assert client.get("/account/").status_code == 200
    # The admin turns a shopper away as before, to the sign-in, not to a set-up page.
    assert client.get("/admin/")["Location"].startswith("/account/login/")


def test_without_the_setting_staff_reach_the_admin_with_a_password(client, staff):
    sign_in(client, staff)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_are_emailed_at_their_confirmed_address_when_they_add_an_authenticator(
    client, staff, mailoutbox
):
    """allauth sends the notice (ACCOUNT_EMAIL_NOTIFICATIONS), and lets no one add an
    authenticator before every address of the account is confirmed."""
    sign_in(client, staff)
    client.post(client.get("/account/2fa/totp/activate/")["Location"], {"password": PASSWORD})
    secret = client.get("/account/2fa/totp/activate/").context["form"].secret

    client.post("/account/2fa/totp/activate/", {"code": current_code(secret)})
    (activated,) = mailoutbox
    assert activated.to == ["editor@example.com"]
    assert "Authenticator App Activated" in activated.subject

    # A new authenticator (fresh recovery codes) is told of too.
    client.post("/account/2fa/recovery-codes/generate/", {})
    assert [message.to for message in mailoutbox] == [["editor@example.com"]] * 2
    assert "Recovery Codes Generated" in mailoutbox[1].subject
