import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import ProductPage
from catalog.tests.factories import CategoryPageFactory, ProductVariantFactory, make_product
from commerce.services.stock import set_stock_on_hand

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    """The listed products' titles, as the page shows them (it may come from the cache)."""
    return re.findall(r'<h[23] class="card__title">([^<]*)</h[23]>', response.content.decode())


def test_lists_live_products_of_the_whole_subtree(client, category):
    subcategory = CategoryPageFactory(parent=category, title="Mugs")
    make_product(parent=category, title="Teapot", images=0)
    make_product(parent=subcategory, title="Mug", images=0)
    draft = make_product(parent=category, title="Secret kettle", images=0)
    draft.unpublish()

    response = client.get(category.url)

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Mug", "Teapot"]
    assert "Secret kettle" not in response.content.decode()
    assert titles(client.get(subcategory.url)) == ["Mug"]


def test_paginates_24_a_page(client, category):
    for number in range(30):
        make_product(parent=category, title=f"Thing {number:02d}", images=0)

    first = client.get(category.url, {"sort": "name"})
    second = client.get(category.url, {"sort": "name", "page": 2})
    beyond = client.get(category.url, {"sort": "name", "page": 99})

    assert titles(first) == [f"Thing {n:02d}" for n in range(24)]
    assert titles(second) == [f"Thing {n:02d}" for n in range(24, 30)]
    assert titles(beyond) == titles(second)
    assert 'rel="next" href="?sort=name&amp;page=2"' in first.content.decode()


def test_sorts_by_price_newest_and_name(client, category):
    now = timezone.now()
    for title, price, age in [("Bowl", "30.00", 3), ("Apron", "10.00", 1), ("Cup", "20.00", 2)]:
        product = make_product(parent=category, title=title, price=price, images=0)
        product.first_published_at = now - datetime.timedelta(days=age)
        product.save()
    # A product's price for sorting is its cheapest active variant.
    cup = category.get_descendants().get(title="Cup").specific
    ProductVariantFactory(product=cup, price=Decimal("5.00"))
    ProductVariantFactory(product=cup, price=Decimal("1.00"), is_active=False)

    def sorted_by(key):
        return titles(client.get(category.url, {"sort": key}))

    assert sorted_by("price") == ["Cup", "Apron", "Bowl"]
    assert sorted_by("-price") == ["Bowl", "Apron", "Cup"]
    assert sorted_by("name") == ["Apron", "Bowl", "Cup"]
    assert sorted_by("newest") == ["Apron", "Cup", "Bowl"]
    assert sorted_by("nonsense") == sorted_by("newest")


def test_query_count_does_not_grow_with_products(client, catalog_index, count_queries):
    small = CategoryPageFactory(parent=catalog_index, title="Small")
    large = CategoryPageFactory(parent=catalog_index, title="Large")
    for number in range(12):
        make_product(parent=small, title=f"Small {number}", images=2)
    for number in range(24):
        make_product(parent=large, title=f"Large {number}", images=2)
        ProductVariantFactory(product=large.get_children().last().specific)

    twelve = count_queries(client, small.url)
    twenty_four = count_queries(client, large.url)

    assert twelve == twenty_four
    assert twenty_four <= 15


def test_cards_show_badges_prices_and_stock(client, category):
    make_product(parent=category, title="Sale mug", price="8.00", compare_at="10.00", stock=50)
    make_product(parent=category, title="Last jug", price="12.50", stock=2)
    make_product(parent=category, title="Gone pot", price="30.00", stock=0)

    html = client.get(category.url).content.decode()

    sale = html[html.index("Sale mug") :]
    assert re.search(r"€8\.00.*<s class=\"price__was\">€10\.00</s>", sale, re.S)
    assert 'badge--sale">Sale<' in html
    assert "Only 2 left" in html
    assert 'badge--sold-out">Sold out<' in html


def test_listing_follows_publishing(client, category, committed):
    make_product(parent=category, title="First", images=0)
    assert client.get(category.url).context["listing"].page.paginator.count == 1

    with committed():
        second = make_product(parent=category, title="Second", images=0)
        second.save_revision().publish()
    assert titles(client.get(category.url, {"sort": "name"})) == ["First", "Second"]

    with committed():
        second.unpublish()
    response = client.get(category.url)
    assert response.context["listing"].page.paginator.count == 1
    assert titles(response) == ["First"]


def test_kept_cards_show_stock_as_it_is_now(client, category, committed):
    teapot = make_product(parent=category, title="Teapot", stock=10, images=1)
    client.get(category.url)  # keeps the card and the whole page
    variant = teapot.variants.get()

    with committed():
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=2)
    assert "Only 2 left" in client.get(category.url).content.decode()

    with committed():
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=0)
    assert "card--sold-out" in client.get(category.url).content.decode()


def test_a_published_price_change_shows_on_kept_cards(client, category, committed):
    product = make_product(parent=category, title="Teapot", price="20.00", images=0)
    assert "20.00" in client.get(category.url).content.decode()  # keeps the card

    page = ProductPage.objects.get(pk=product.pk)
    variants = list(page.variants.all())
    variants[0].price = Decimal("24.00")
    page.variants = variants
    with committed():
        page.save_revision().publish()

    body = client.get(category.url).content.decode()
    assert "24.00" in body and "20.00" not in body


def test_the_first_row_of_pictures_loads_at_once_and_titles_follow_the_page_heading(
    client, category
):
    for number in range(6):
        make_product(parent=category, title=f"Bowl {number}")

    html = client.get(category.url).content.decode()

    pictures = re.findall(r'<img [^>]*class="card__img"[^>]*>|<img [^>]*>', html)
    cards = [tag for tag in pictures if "fill-400x400" in tag]
    assert ['loading="lazy"' in tag for tag in cards] == [False] * 4 + [True] * 2
    assert 'fetchpriority="high"' in cards[0]
    assert "<h3" not in html.split('class="grid"')[1].split("</ul>")[0]


@pytest.fixture
def wardrobe(category):
    """A category with a subcategory; sizes and colours on the variants."""
    knitwear = CategoryPageFactory(parent=category, title="Knitwear", slug="knitwear")
    tee = make_product(parent=category, title="Tee", price="20.00", size="S", colour="Ink")
    ProductVariantFactory(product=tee, size="M", colour="Ink")
    make_product(parent=knitwear, title="Cardigan", price="80.00", size="M", colour="Moss")
    make_product(parent=knitwear, title="Sweater", price="90.00", size="L", colour="Ink", stock=0)
    return {"knitwear": knitwear}


def test_a_category_counts_its_facets(client, category, wardrobe):
    facets = client.get(category.url).context["listing"].facets

    assert [(page.title, n) for page, n in facets.categories] == [("Knitwear", 2)]
    assert facets.price_bands == [("0-25", 1), ("50-100", 2)]
    assert facets.sizes == [("S", 1), ("M", 2), ("L", 1)]  # smallest first
    assert facets.colours == [("Ink", 2), ("Moss", 1)]
    assert facets.in_stock == 2


@pytest.mark.parametrize(
    "chosen, expected",
    [
        ({"size": "m"}, ["Cardigan", "Tee"]),
        ({"colour": "INK"}, ["Sweater", "Tee"]),
        ({"colour": "Ink", "size": "M"}, ["Tee"]),
        ({"price": "50-100", "in_stock": "1"}, ["Cardigan"]),
        ({"category": "knitwear"}, ["Cardigan", "Sweater"]),
        ({"category": "999999", "size": "x" * 5000, "price": "junk"}, []),
    ],
)
def test_facets_narrow_the_listing(client, category, wardrobe, chosen, expected):
    if chosen.get("category") == "knitwear":
        chosen["category"] = wardrobe["knitwear"].pk
    response = client.get(category.url, {**chosen, "sort": "name"})

    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["listing"].page.paginator.count == len(expected)


def test_applied_filters_show_and_each_can_be_removed(client, category, wardrobe):
    html = client.get(category.url, {"size": "M", "colour": "ink", "page": "1"}).content.decode()

    assert "Filter (2)" in html
    assert '<a class="chip chip--applied" href="?colour=ink">Size: M' in html
    assert '<a class="chip chip--applied" href="?size=M">Colour: Ink' in html
    assert "Nothing here matches" not in html


def test_a_category_from_elsewhere_is_not_a_filter(client, category, catalog_index, wardrobe):
    elsewhere = CategoryPageFactory(parent=catalog_index, title="Garden", slug="garden")
    make_product(parent=elsewhere, title="Trowel")

    response = client.get(category.url, {"category": elsewhere.pk, "sort": "name"})

    assert titles(response) == ["Cardigan", "Sweater", "Tee"]


def test_filtered_pages_are_shared_too(client, category, wardrobe):
    first = client.get(category.url, {"size": "M"})
    again = client.get(category.url, {"size": "M"})
    assert "private" not in first.headers["Cache-Control"]
    assert again.headers.get("ETag") == first.headers.get("ETag")


def test_the_in_stock_count_follows_the_stock(client, category, wardrobe, committed):
    assert client.get(category.url).context["listing"].facets.in_stock == 2  # the page is kept
    tee = ProductPage.objects.get(title="Tee")

    with committed():
        for variant in tee.variants.all():
            set_stock_on_hand(variant_id=variant.pk, num_on_hand=0)

    assert client.get(category.url).context["listing"].facets.in_stock == 1
