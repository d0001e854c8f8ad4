import json
import re

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from catalog.tests.factories import (
    ProductAttributeFactory,
    ProductImageFactory,
    ProductVariantFactory,
    make_product,
)
from commerce.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(category):
    product = make_product(parent=category, title="Field Mug", price="18.00", stock=3, images=2)
    ProductAttributeFactory(product=product, name="Material", value="Stoneware")
    return product


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_shows_variants_prices_and_stock(client, product):
    big = ProductVariantFactory(product=product, size="L", price="24.00", compare_at_price="30.00")
    StockRecord.objects.filter(variant=big).update(num_on_hand=0)

    page = soup(client.get(product.url))

    options = page.select(".variant")
    assert len(options) == 2
    assert "€18.00" in options[0].text and "Only 3 left" in options[0].text
    assert "€24.00" in options[1].text and "€30.00" in options[1].select_one("s").text
    assert "Sold out" in options[1].text
    assert options[1].select_one("input").has_attr("disabled")
    assert options[0].select_one("input").has_attr("checked")
    assert "from" in page.select_one(".price--large").text
    assert [tag.text for tag in page.select(".attributes dt, .attributes dd")] == [
        "Material",
        "Stoneware",
    ]
    form = page.select_one("form.buy")
    # A shared page holds no CSRF token: adding to the cart is checked by origin.
    assert form["method"] == "post" and not form.select_one("input[name=csrfmiddlewaretoken]")


def test_a_sold_out_product_cannot_be_added(client, category):
    product = make_product(parent=category, title="Gone", stock=0)
    button = soup(client.get(product.url)).select_one("form.buy button[type=submit]")
    assert button.has_attr("disabled") and button.text == "Sold out"


def test_gallery_uses_webp_renditions_with_srcset(client, category):
    product = make_product(parent=category, title="Field Mug", images=0)
    for _ in range(2):
        picture = wagtail_factories.ImageFactory(file__width=1600, file__height=1200)
        ProductImageFactory(product=product, image=picture)

    images = soup(client.get(product.url)).select(".gallery__slide img")

    assert len(images) == 2
    for image in images:
        sources = [entry.split() for entry in image["srcset"].split(", ")]
        assert [width for _, width in sources] == ["600w", "1200w"]
        assert all(url.endswith(".webp") for url, _ in sources)
        assert image["sizes"] and image["width"] == "600" and image["height"] == "600"
        assert image["alt"] == "Photo of Field Mug"


def test_product_json_ld(client, product):
    page = soup(client.get(product.url))
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)

    assert data["@type"] == "Product" and data["name"] == "Field Mug"
    assert data["url"] == f"http://testserver{product.url}"
    assert len(data["image"]) == 2 and data["image"][0].startswith("http://testserver/")
    (offer,) = data["offers"]
    assert offer["price"] == "18.00"
    assert offer["priceCurrency"] == "EUR"
    assert offer["availability"] == "https://schema.org/LimitedAvailability"


def test_json_ld_cannot_break_out_of_its_script(client, category):
    product = make_product(parent=category, title="</script><script>alert(1)</script>")
    html = client.get(product.url).content.decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in ld and json.loads(ld)["name"].startswith("</script>")


def test_breadcrumbs_lead_home(client, product):
    crumbs = soup(client.get(product.url)).select(".breadcrumbs li")
    assert [crumb.text.strip() for crumb in crumbs] == ["Home", "Shop", "Kitchen", "Field Mug"]


def test_product_page_queries_do_not_grow_with_variants_and_images(client, category, count_queries):
    small = make_product(parent=category, title="Plain", images=1)
    large = make_product(parent=category, title="Many", images=3)
    for size in ["S", "M", "L"]:
        ProductVariantFactory(product=large, size=size)
        ProductAttributeFactory(product=large)

    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_the_selector_is_named_by_what_the_variants_differ_in(client, category):
    product = make_product(parent=category, title="Rollneck")
    product.variants.update(size="S")
    ProductVariantFactory(product=product, size="M")
    single = make_product(parent=category, title="Mug")
    single.variants.update(colour="Ink")

    assert soup(client.get(product.url)).select_one(".variants legend").text == "Choose a size"
    assert soup(client.get(single.url)).select_one(".variants legend").text == "Colour"


def test_a_variant_with_its_own_picture_shows_it_when_chosen(client, category):
    product = make_product(parent=category, title="Camp Mug", images=1, colour="Sand")
    moss_picture = wagtail_factories.ImageFactory(title="Moss mug")
    moss = ProductVariantFactory(product=product, colour="Moss", image=moss_picture)
    sand = product.variants.get(colour="Sand")

    page = soup(client.get(product.url))

    slides = page.select(".gallery__slide")
    assert [slide["data-image"] for slide in slides][-1] == str(moss_picture.pk)
    assert slides[-1].img["alt"] == "Camp Mug, Moss"  # not among the product's own pictures
    radios = {radio["value"]: radio for radio in page.select("input[name=variant]")}
    assert radios[str(moss.pk)]["data-image"] == str(moss_picture.pk)
    assert "data-image" not in radios[str(sand.pk)].attrs
    assert page.select_one("script[src$='product.js']")


def test_variant_pictures_keep_the_query_count_flat(client, category, count_queries):
    plain = make_product(parent=category, title="Plain", images=1)
    coloured = make_product(parent=category, title="Coloured", images=1)
    for colour in ("Ink", "Moss", "Clay"):
        ProductVariantFactory(
            product=coloured, colour=colour, image=wagtail_factories.ImageFactory()
        )

    assert count_queries(client, coloured.url) == count_queries(client, plain.url)


def test_phones_get_a_buy_bar_that_submits_the_form(client, product):
    bar = soup(client.get(product.url)).select_one("[data-buy-bar]")
    assert bar.has_attr("hidden")  # product.js shows it once the form is scrolled past
    assert bar.button["form"] == "buy" and "€18.00" in bar.text
