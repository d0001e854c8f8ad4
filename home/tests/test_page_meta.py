"""Every page describes itself for search engines and for sharing: its own description,
else its summary or intro, and Open Graph tags with its picture; /favicon.ico answers."""

import re

import pytest
from wagtail.models import Site

from catalog.tests.factories import make_product
from core.models import StoreSettings
from home.models import ContentPage

pytestmark = pytest.mark.django_db


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{name}" content="([^"]*)"', html)
    return found[1] if found else None


def test_a_product_is_described_by_its_summary_and_shared_with_its_picture(client, category):
    product = make_product(parent=category, title="Oak board", summary="Cut from one oak plank.")

    html = client.get(product.url).content.decode()

    assert meta(html, "description") == "Cut from one oak plank."
    assert meta(html, "og:type") == "product"
    assert meta(html, "og:title") == "Oak board"
    assert meta(html, "og:url") == f"http://testserver{product.url}"
    assert meta(html, "og:image").startswith("http://testserver/") and ".webp" in meta(
        html, "og:image"
    )


def test_a_category_falls_back_to_its_intro_and_its_own_description_wins(
    client, category, committed
):
    category.intro = "<p>Everything for the <b>table</b>.</p>"
    with committed():
        category.save_revision().publish()
    assert meta(client.get(category.url).content.decode(), "description") == (
        "Everything for the table."
    )

    category.search_description = "Plates, bowls and boards."
    with committed():
        category.save_revision().publish()
    assert meta(client.get(category.url).content.decode(), "description") == (
        "Plates, bowls and boards."
    )


def test_the_favicon_is_found_where_browsers_look(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/images/favicon.svg")


def test_the_footer_links_the_shops_pages_and_checkout_its_returns_policy(
    client, home_page, category
):
    returns = home_page.add_child(
        instance=ContentPage(title="Delivery and returns", slug="returns")
    )
    returns.save_revision().publish()
    home_page.add_child(
        instance=ContentPage(title="About us", slug="about")
    ).save_revision().publish()
    store = StoreSettings.for_site(Site.objects.get(root_page=home_page))
    store.returns_page = returns
    store.save()
    variant = make_product(parent=category).variants.get()
    client.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_ORIGIN="http://testserver"
    )

    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    checkout = client.get("/checkout/").content.decode()

    assert '<a href="/returns/">Delivery and returns</a>' in footer
    assert '<a href="/about/">About us</a>' in footer
    assert 'Read our <a href="/returns/">delivery and returns</a> policy.' in checkout
