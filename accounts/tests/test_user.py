import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_users_sign_in_with_their_email():
    User = get_user_model()
    user = User.objects.create_user(email="Ada@Example.COM", password="s3cret-pass")

    assert user.email == "ada@example.com"
    assert not hasattr(user, "username") or user.username is None
    assert authenticate(email="ada@example.com", password="s3cret-pass") == user
    assert authenticate(email="ada@example.com", password="wrong") is None


def test_ensure_admin_creates_one_admin_and_says_how_to_sign_in(capsys):
    call_command("ensure_admin")
    call_command("ensure_admin")

    admins = get_user_model().objects.filter(is_superuser=True)
    assert list(admins.values_list("email", flat=True)) == ["admin@example.com"]
    assert admins.get().check_password("changeme")
    assert capsys.readouterr().out.count("email admin@example.com  password changeme") == 2


def test_the_printed_admin_sign_in_opens_the_admin(client):
    call_command("ensure_admin")

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/admin/"

    response = client.post(
        "/account/login/?next=/admin/",
        {"login": "admin@example.com", "password": "changeme"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200
    assert response.context["user"].is_superuser


def test_the_admin_login_page_leads_to_the_shared_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/admin/pages/"


def test_passwords_are_hashed_with_argon2_outside_tests():
    from django.contrib.auth.hashers import check_password, make_password

    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("s3cret-pass")
        assert hashed.startswith("argon2$argon2id$")
        assert check_password("s3cret-pass", hashed)


def test_accounts_older_than_sign_up_are_verified_by_the_migration():
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.apps import apps

    migration = import_module("accounts.migrations.0003_existing_users_have_verified_emails")
    User = get_user_model()
    old = User.objects.create_user(email="old-staff@example.com", password="x")
    known = User.objects.create_user(email="known@example.com", password="x")
    EmailAddress.objects.create(user=known, email=known.email, verified=False, primary=True)

    migration.verify_existing_emails(apps, schema_editor=None)

    assert EmailAddress.objects.get(user=old).verified
    assert not EmailAddress.objects.get(user=known).verified  # left as it was
