"""The checkout form as a shopper meets it: the country and the cheapest shipping
preselected, optional fields marked, and errors listed at the top, each linked to its
field, with every field in error marked."""

import re

import pytest

from commerce.tests.factories import ShippingMethodFactory
from commerce.tests.test_checkout import fill_cart

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
