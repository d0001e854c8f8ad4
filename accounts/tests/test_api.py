"""The account through the API: sign-in by allauth's headless app client with the
site's limits and the staff two-factor step, tokens that do not work, the profile and
the address book, and nobody else's address."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from rest_framework.test import APIClient

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/_allauth/app/v1/auth/login"
HOME = {
    "full_name": "Ada Lovelace",
    "line1": "12 Harbour Street",
    "city": "Bristol",
    "postcode": "BS1 4DJ",
    "country": "GB",
}


def signed_in(user, **client) -> APIClient:
    api = APIClient(**client)
    answer = api.post(LOGIN, {"email": user.email, "password": PASSWORD}, format="json")
    assert answer.status_code == 200, answer.json()
    api.credentials(HTTP_X_SESSION_TOKEN=answer.json()["meta"]["session_token"])
    return api


def test_a_forged_or_ended_session_token_is_a_401(shopper):
    forged = APIClient()
    forged.credentials(HTTP_X_SESSION_TOKEN="forged-token")
    api = signed_in(shopper)
    assert api.get("/api/v1/account/").status_code == 200
    api.delete("/_allauth/app/v1/auth/session")  # signing out ends the token

    for caller in (forged, api):
        answer = caller.get("/api/v1/account/")
        assert answer.status_code == 401
        assert answer["Content-Type"] == "application/problem+json"
    assert APIClient().get("/api/v1/account/").status_code == 401  # no token at all


def test_token_sign_in_has_the_sites_limits(shopper):
    api = APIClient(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        wrong = api.post(LOGIN, {"email": shopper.email, "password": "wrong-one"}, format="json")
        assert wrong.status_code == 400

    blocked = api.post(LOGIN, {"email": shopper.email, "password": PASSWORD}, format="json")

    assert blocked.status_code == 400, "the right password must not get in while blocked"
    assert "Too many failed login attempts" in str(blocked.json()["errors"])
    assert signed_in(shopper, REMOTE_ADDR="198.51.100.2")  # the owner, elsewhere, gets in


def test_staff_with_two_factor_must_give_a_code(home_page):
    staff = UserFactory(email="editor@example.com", is_staff=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    assert Authenticator.objects.filter(user=staff).exists()

    answer = APIClient().post(LOGIN, {"email": staff.email, "password": PASSWORD}, format="json")

    assert answer.status_code == 401
    pending = [flow for flow in answer.json()["data"]["flows"] if flow.get("is_pending")]
    assert [flow["id"] for flow in pending] == ["mfa_authenticate"]


def test_the_profile_changes_name_and_consent_but_not_email(shopper):
    api = signed_in(shopper)

    changed = api.patch(
        "/api/v1/account/",
        {"first_name": "Ada", "marketing_consent": True, "email": "evil@example.com"},
        format="json",
    ).json()

    assert changed == {
        "email": shopper.email,
        "first_name": "Ada",
        "last_name": shopper.last_name,
        "marketing_consent": True,
    }
    shopper.refresh_from_db()
    assert shopper.marketing_consent_at is not None


def test_the_address_book_keeps_one_default_of_each_kind(shopper):
    api = signed_in(shopper)
    first = api.post("/api/v1/account/addresses/", HOME, format="json")
    second = api.post(
        "/api/v1/account/addresses/",
        HOME | {"line1": "1 Quay", "default_for": ["shipping"]},
        format="json",
    )

    assert first.status_code == 201 and first.json()["default_for"] == ["billing", "shipping"]
    book = {a["line1"]: a["default_for"] for a in api.get("/api/v1/account/addresses/").json()}
    assert book == {"12 Harbour Street": ["billing"], "1 Quay": ["shipping"]}
    bad = api.post("/api/v1/account/addresses/", HOME | {"country": "XX"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "country"
    url = f"/api/v1/account/addresses/{second.json()['id']}/"
    assert api.delete(url).status_code == 204


def test_another_customers_address_is_a_404(shopper):
    mine = signed_in(shopper)
    address = mine.post("/api/v1/account/addresses/", HOME, format="json").json()
    stranger = signed_in(UserFactory(email="eve@example.com"))

    url = f"/api/v1/account/addresses/{address['id']}/"
    assert stranger.get(url).status_code == 404
    assert stranger.patch(url, {"city": "Bath"}, format="json").status_code == 404
    assert stranger.delete(url).status_code == 404


def test_an_app_signs_up_verifies_the_email_and_is_signed_in(home_page, mailoutbox):
    api = APIClient()
    signed_up = api.post(
        "/_allauth/app/v1/auth/signup",
        {"email": "new@example.com", "password": "a-long-new-passphrase"},
        format="json",
    )
    assert signed_up.status_code == 401  # signed up, not in until the address is verified
    flows = {flow["id"]: flow for flow in signed_up.json()["data"]["flows"]}
    assert flows["verify_email"]["is_pending"]
    key = re.search(r"/account/confirm-email/([^/\s]+)/", mailoutbox[-1].body)[1]
    api.credentials(HTTP_X_SESSION_TOKEN=signed_up.json()["meta"]["session_token"])

    verified = api.post("/_allauth/app/v1/auth/email/verify", {"key": key}, format="json")

    assert verified.status_code == 200 and verified.json()["meta"]["is_authenticated"]
    token = (
        verified.json()["meta"].get("session_token") or signed_up.json()["meta"]["session_token"]
    )
    api.credentials(HTTP_X_SESSION_TOKEN=token)
    assert api.get("/api/v1/account/").json()["email"] == "new@example.com"


def test_an_app_asks_for_a_password_reset(shopper, mailoutbox):
    asked = APIClient().post(
        "/_allauth/app/v1/auth/password/request", {"email": shopper.email}, format="json"
    )
    assert asked.status_code == 200
    assert mailoutbox[-1].to == [shopper.email]
