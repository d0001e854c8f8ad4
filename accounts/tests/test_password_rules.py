"""Under a new password the rules read as one line, and those it fails are marked."""

import pytest
from bs4 import BeautifulSoup

from accounts.passwords import BREAKS_THE_RULES
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def rules_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    line = soup.select_one("#id_password1_helptext .password-rules")
    failing = [rule["data-rule"] for rule in line.select(".password-rule--failing")]
    return line.get_text(" ", strip=True), failing


def test_sign_up_shows_the_rules_as_one_line(client, home_page):
    text, failing = rules_of(client.get("/account/signup/"))

    assert text == (
        "At least 8 characters , not only numbers , not a common password , not like your email ."
    )
    assert failing == []


def test_the_rules_a_password_fails_are_marked(client, home_page):
    response = client.post(
        "/account/signup/",
        {"email": "rules@example.com", "password1": "1234567", "password2": "1234567"},
    )

    text, failing = rules_of(response)
    assert failing == ["password_too_short", "password_entirely_numeric", "password_too_common"]
    assert text.count("(not met)") == 3
    # One message points at the marked rules rather than repeating each.
    assert response.context["form"].errors["password1"] == [BREAKS_THE_RULES]


def test_a_password_like_the_email_is_marked_so(client, home_page):
    response = client.post(
        "/account/signup/",
        {"email": "marigold.baker@example.com", "password1": "marigold.baker", "password2": "x"},
    )
    assert rules_of(response)[1] == ["password_too_similar"]


def test_changing_a_password_shows_the_same_rules(client, home_page):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": "short", "password2": "short"},
    )
    assert "password_too_short" in rules_of(response)[1]
