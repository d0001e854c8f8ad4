"""The account pages and emails speak in the shop's voice, in sentence case, over
allauth's own words; the committed django.mo is what its django.po compiles to."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def words(catalog) -> dict[str, str]:
    return {message.id: message.string for message in catalog if message.id}


def test_the_committed_messages_are_compiled_from_the_po_file():
    with (LOCALE / "django.po").open("rb") as source:
        wanted = words(read_po(source))
    with (LOCALE / "django.mo").open("rb") as compiled:
        assert words(read_mo(compiled)) == wanted, "run `make messages`"


@pytest.mark.parametrize(
    "url, words",
    [
        ("/account/login/", ["Sign in", "Keep me signed in", "Create an account"]),
        ("/account/signup/", ["Create an account", "Already have an account?"]),
        ("/account/password/reset/", ["Reset your password", "Send me a reset link"]),
    ],
)
def test_account_pages_speak_in_sentence_case(client, home_page, url, words):
    page = client.get(url).content.decode()
    for expected in words:
        assert expected in page
    assert not re.search(r">\s*(Sign In|Sign Up|Remember Me|Password Reset)\s*<", page)


def test_the_confirmation_email_says_so_plainly(client, home_page, mailoutbox):
    client.post(
        "/account/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-new-pass",
            "password2": "a-long-new-pass",
        },
    )
    assert mailoutbox[-1].subject.endswith("Confirm your email address")
