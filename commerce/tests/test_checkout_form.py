"""The checkout form as a shopper meets it: the country and the cheapest shipping
preselected, optional fields marked, and errors listed at the top, each linked to its
field, with every field in error marked."""

import re
from decimal import Decimal

import pytest

from commerce.models import ShippingMethod
from commerce.tests.conftest import checkout_post
from commerce.tests.factories import ShippingMethodFactory
from commerce.tests.test_checkout import fill_cart
from core.models import StoreSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(client, variant):
    ShippingMethodFactory(name="Express", price="12.00")
    ShippingMethodFactory(name="Post", price="3.50")
    fill_cart(client, variant)
    return client


def test_the_country_and_the_cheapest_shipping_are_chosen_already(shopper):
    form = shopper.get("/checkout/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").context["form"]

    assert form.shipping_form["country"].value() == "FR"
    assert (
        form["shipping_method"].value()
        == form.fields["shipping_method"].queryset.get(name="Post").pk
    )


def test_the_stores_own_country_comes_before_the_browsers(shopper, home_page):
    StoreSettings.objects.update_or_create(site=home_page.get_site(), defaults={"country": "GB"})
    form = shopper.get("/checkout/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").context["form"]
    assert form.shipping_form["country"].value() == "GB"


def test_optional_fields_say_so(shopper):
    page = shopper.get("/checkout/").content.decode()

    assert re.search(r'for="id_shipping-company">Company <span class="field__optional">', page)
    assert not re.search(r'for="id_shipping-line1">[^<]*<span class="field__optional">', page)


def test_errors_are_summed_up_at_the_top_and_each_field_is_marked(shopper):
    page = shopper.post("/checkout/", {"email": "not-an-email", "shipping-country": "GB"})
    html = page.content.decode()

    summary = html.split('class="form__errors error-summary"')[1].split("</div>")[0]
    assert "autofocus" in html.split('class="form__errors error-summary"')[1][:80]
    linked = re.findall(r'<a href="#(id_[a-z0-9_-]+)">', summary)
    assert {"id_email", "id_shipping-full_name", "id_shipping-line1", "id_shipping-city"} <= set(
        linked
    )
    for field_id in linked:
        assert re.search(
            rf'id="{field_id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field_id}"',
            html,
        ), field_id


def test_the_summary_is_in_view_with_the_chosen_shipping_and_a_link_to_the_cart(shopper):
    response = shopper.get("/checkout/")
    summary = response.context["summary"]

    assert [(line.title, line.quantity) for line in summary.lines] == [("Linen apron", 2)]
    assert summary.shipping_name == "Post" and summary.totals.shipping == Decimal("3.50")
    html = response.content.decode()
    assert html.count("data-summary-body") == 2  # folded on phones, beside on wide screens
    assert '<a href="/cart/">Edit cart</a>' in html


def test_applying_a_voucher_shows_the_discount_at_once(shopper, voucher):
    express = ShippingMethod.objects.get(name="Express")
    answer = shopper.post(
        "/checkout/summary/",
        {"voucher_code": "welcome10", "shipping_method": express.pk},
        HTTP_ACCEPT="application/json",
    ).json()

    assert answer["voucher"] == {
        "code": "WELCOME10",
        "error": "",
        "message": "Voucher WELCOME10 takes off €4.00.",
    }
    assert "Voucher WELCOME10" in answer["html"] and "(Express)" in answer["html"]
    assert answer["total"] == "€48.00"  # 40.00 − 4.00 + 12.00


@pytest.mark.parametrize(
    "posted, error",
    [
        ({"voucher_code": "NOPE"}, "The voucher code NOPE is not valid."),
        ({"voucher_code": "x" * 5000, "shipping_method": "9" * 40}, "is not valid"),
        ({"shipping_method": "abc"}, ""),
    ],
)
def test_a_voucher_that_cannot_be_used_is_named_and_left_out(shopper, posted, error):
    answer = shopper.post("/checkout/summary/", posted, HTTP_ACCEPT="application/json").json()
    assert error in answer["voucher"]["error"]
    assert answer["total"] == "€40.00"  # no discount, no shipping chosen


def test_the_summary_needs_a_cart(client):
    response = client.post("/checkout/summary/", {"voucher_code": "X"})
    assert response.status_code == 409


def test_review_and_payment_keep_the_summary(shopper):
    method = ShippingMethod.objects.get(name="Post")
    shopper.post("/checkout/", checkout_post(method))
    review = shopper.get("/checkout/review/")
    assert review.context["summary"].totals.total == Decimal("43.50")
    placed = shopper.post("/checkout/review/", {"fingerprint": review.context["fingerprint"]})
    payment = shopper.get(placed["Location"])
    assert payment.context["summary"].lines[0].title == "Linen apron"
    assert payment.context["summary"].totals.total == Decimal("43.50")
