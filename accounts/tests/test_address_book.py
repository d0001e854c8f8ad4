import pytest
from django.test import Client

from accounts.models import Address
from accounts.tests.factories import AddressFactory, UserFactory
from core.models import StoreSettings

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {
    "full_name": "Ada Lovelace",
    "company": "Analytical Engines Ltd",
    "line1": "12 Harbour Street",
    "line2": "",
    "city": "Bristol",
    "region": "",
    "postcode": "BS1 4DJ",
    "country": "GB",
    "phone": "+44 117 496 0000",
}


@pytest.fixture
def signed_in(client, home_page, shopper):
    client.force_login(shopper)
    return client


def defaults_of(user):
    return {
        "shipping": list(user.addresses.filter(is_default_shipping=True)),
        "billing": list(user.addresses.filter(is_default_billing=True)),
    }


def test_the_first_address_becomes_both_defaults(signed_in, shopper):
    response = signed_in.post("/account/addresses/new/", NEW_ADDRESS)

    assert response.status_code == 302
    assert response["Location"] == "/account/addresses/"
    address = shopper.addresses.get()
    assert address.company == "Analytical Engines Ltd"
    assert address.country.name == "United Kingdom"
    assert defaults_of(shopper) == {"shipping": [address], "billing": [address]}
    page = signed_in.get("/account/addresses/").content.decode()
    assert "12 Harbour Street" in page
    assert "Default shipping" in page


def test_an_address_can_be_edited_and_made_a_default(signed_in, shopper):
    home = AddressFactory(user=shopper, is_default_shipping=True, is_default_billing=True)
    work = AddressFactory(user=shopper)

    response = signed_in.post(
        f"/account/addresses/{work.pk}/edit/", {**NEW_ADDRESS, "default_for": ["billing"]}
    )
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.line1 == "12 Harbour Street"
    assert defaults_of(shopper) == {"shipping": [home], "billing": [work]}

    response = signed_in.post(f"/account/addresses/{work.pk}/default/shipping/")
    assert response.status_code == 302
    assert defaults_of(shopper) == {"shipping": [work], "billing": [work]}


def test_an_address_can_be_deleted(signed_in, shopper):
    address = AddressFactory(user=shopper)

    assert signed_in.get(f"/account/addresses/{address.pk}/delete/").status_code == 200
    response = signed_in.post(f"/account/addresses/{address.pk}/delete/")

    assert response.status_code == 302
    assert not Address.objects.filter(pk=address.pk).exists()


def test_a_bad_address_is_refused_with_clear_errors(signed_in, shopper):
    response = signed_in.post(
        "/account/addresses/new/", {**NEW_ADDRESS, "country": "XX", "phone": "call me", "city": ""}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"country", "phone", "city"}
    assert not shopper.addresses.exists()


def test_an_unknown_default_kind_is_not_found(signed_in, shopper):
    address = AddressFactory(user=shopper)
    assert signed_in.post(f"/account/addresses/{address.pk}/default/gift/").status_code == 404


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/account/addresses/{pk}/edit/"),
        ("post", "/account/addresses/{pk}/edit/"),
        ("get", "/account/addresses/{pk}/delete/"),
        ("post", "/account/addresses/{pk}/delete/"),
        ("post", "/account/addresses/{pk}/default/shipping/"),
        ("post", "/account/addresses/{pk}/default/billing/"),
    ],
)
def test_someone_elses_address_is_not_found(signed_in, method, path):
    theirs = AddressFactory(user=UserFactory(), line1="1 Private Road")

    response = getattr(signed_in, method)(path.format(pk=theirs.pk), NEW_ADDRESS)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.line1 == "1 Private Road"
    assert not theirs.is_default_shipping


def test_the_list_shows_only_ones_own_addresses(signed_in, shopper):
    AddressFactory(user=shopper, line1="1 Mine Lane")
    AddressFactory(user=UserFactory(), line1="2 Theirs Road")

    page = signed_in.get("/account/addresses/").content.decode()

    assert "1 Mine Lane" in page
    assert "2 Theirs Road" not in page


@pytest.mark.parametrize(
    "path", ["/account/", "/account/addresses/", "/account/security/", "/account/orders/"]
)
def test_the_account_area_asks_strangers_to_sign_in(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_the_profile_saves_name_and_marketing_consent(signed_in, shopper):
    response = signed_in.post(
        "/account/", {"first_name": "Ada", "last_name": "Lovelace", "marketing_consent": "on"}
    )

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert (shopper.first_name, shopper.last_name) == ("Ada", "Lovelace")
    assert shopper.marketing_consent
    assert shopper.marketing_consent_at is not None

    signed_in.post("/account/", {"first_name": "Ada", "last_name": "Lovelace"})
    shopper.refresh_from_db()
    assert not shopper.marketing_consent


@pytest.mark.parametrize(
    "path",
    [
        "/account/",
        "/account/addresses/new/",
        "/account/addresses/{pk}/edit/",
        "/account/addresses/{pk}/delete/",
        "/account/addresses/{pk}/default/billing/",
        "/account/email/",
        "/account/password/change/",
        "/account/logout/",
        "/account/2fa/totp/activate/",
    ],
)
def test_every_account_form_refuses_a_post_without_csrf_token(home_page, shopper, path):
    address = AddressFactory(user=shopper)
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)

    response = client.post(path.format(pk=address.pk), NEW_ADDRESS)

    assert response.status_code == 403
    assert Address.objects.filter(pk=address.pk, line1=address.line1).exists()


@pytest.mark.parametrize(
    "path", ["/account/login/", "/account/signup/", "/account/password/reset/"]
)
def test_every_entrance_form_refuses_a_post_without_csrf_token(home_page, shopper, path):
    client = Client(enforce_csrf_checks=True)
    data = {"login": shopper.email, "email": shopper.email, "password": "x", "password1": "x"}
    assert client.post(path, data).status_code == 403


def test_a_new_address_starts_in_the_stores_country(client, home_page):
    settings_row = StoreSettings.for_site(home_page.get_site())
    settings_row.country = "GB"
    settings_row.save()
    client.force_login(UserFactory())

    form = client.get("/account/addresses/new/").context["form"]

    assert form["country"].value() == "GB"
