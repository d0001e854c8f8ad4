import logging
from decimal import Decimal

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.index import insert_or_update_object

from catalog.models import CategoryPage, ProductAttribute, ProductVariant
from catalog.tests.factories import CategoryPageFactory, ProductVariantFactory, make_product
from commerce.models import StockRecord
from commerce.services.stock import set_stock_on_hand
from core.tests.helpers import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def titles(response):
    return [card.title for card in response.context["cards"]]


@pytest.fixture
def shelf(category, catalog_index):
    """Six products in two categories, at different prices and stock."""
    outdoors = CategoryPageFactory(parent=catalog_index, title="Outdoors", slug="outdoors")
    make_product(parent=category, title="Walnut Serving Board", price="45.00", images=0)
    make_product(parent=category, title="Oak Board", price="20.00", stock=0, images=0)
    make_product(
        parent=category, title="Bread Board", price="120.00", images=0, summary="Walnut-oiled"
    )
    make_product(parent=outdoors, title="Camp Board", price="30.00", images=0)
    make_product(parent=outdoors, title="Canvas Tent", price="300.00", images=0)
    apron = make_product(parent=category, title="Linen Apron", price="35.00", images=0)
    ProductAttribute.objects.create(product=apron, name="Material", value="Linen")
    return {"kitchen": category, "outdoors": outdoors}


def test_a_title_match_ranks_above_a_summary_match(client, shelf):
    assert titles(client.get("/search/", {"q": "walnut"})) == [
        "Walnut Serving Board",
        "Bread Board",
    ]


def test_a_sku_finds_its_product(client, shelf):
    sku = ProductVariant.objects.get(product__title="Canvas Tent").sku
    assert titles(client.get("/search/", {"q": sku})) == ["Canvas Tent"]


def test_a_category_name_finds_its_products(client, shelf):
    assert set(titles(client.get("/search/", {"q": "outdoors"}))) == {"Camp Board", "Canvas Tent"}


def test_facet_counts(client, shelf):
    facets = client.get("/search/", {"q": "board"}).context["facets"]

    assert [(c.title, n) for c, n in facets.categories] == [("Kitchen", 3), ("Outdoors", 1)]
    assert facets.price_bands == [("0-25", 1), ("25-50", 2), ("100-", 1)]
    assert facets.in_stock == 3


def test_a_category_counts_its_whole_subtree_as_its_filter_does(client, shelf):
    knives = CategoryPageFactory(parent=shelf["kitchen"], title="Knives", slug="knives")
    make_product(parent=knives, title="Paring Board Knife", price="12.00", images=0)
    make_product(parent=knives, title="Board Cleaver", price="40.00", images=0)

    facets = client.get("/search/", {"q": "board"}).context["facets"]
    counts = {category.title: n for category, n in facets.categories}
    filtered = client.get("/search/", {"q": "board", "category": shelf["kitchen"].pk})

    assert counts == {"Kitchen": 5, "Knives": 2, "Outdoors": 1}
    assert filtered.context["results"].paginator.count == counts["Kitchen"]


def test_filters_and_sorting(client, shelf):
    kitchen = shelf["kitchen"].pk
    assert titles(client.get("/search/", {"q": "board", "category": kitchen, "sort": "price"})) == [
        "Oak Board",
        "Walnut Serving Board",
        "Bread Board",
    ]
    assert titles(client.get("/search/", {"q": "board", "sort": "-price"}))[0] == "Bread Board"
    in_band = titles(client.get("/search/", {"q": "board", "price": "25-50"}))
    assert sorted(in_band) == ["Camp Board", "Walnut Serving Board"]
    assert "Oak Board" not in titles(client.get("/search/", {"q": "board", "in_stock": "1"}))
    newest = titles(client.get("/search/", {"q": "board", "sort": "newest"}))
    assert newest[0] == "Camp Board"


def test_sold_out_leaves_the_in_stock_filter(client, shelf, committed):
    assert client.get("/search/", {"q": "camp"}).context["facets"].in_stock == 1  # now cached
    camp_board = StockRecord.objects.get(variant__product__title="Camp Board")
    with committed():
        set_stock_on_hand(variant_id=camp_board.variant_id, num_on_hand=0)
    assert titles(client.get("/search/", {"q": "camp", "in_stock": "1"})) == []
    after = client.get("/search/", {"q": "camp"}).context
    assert after["facets"].in_stock == 0
    assert [card.availability.label for card in after["cards"]] == ["Sold out"]


def test_autocomplete_suggests_at_most_six_products(client, category):
    for n in range(10):
        make_product(parent=category, title=f"Lantern {n}", images=0)

    response = client.get("/search/autocomplete/", {"q": "lant"})

    results = response.json()["results"]
    assert len(results) == 6
    assert all(r["title"].startswith("Lantern") and r["url"] and r["price"] for r in results)
    assert client.get("/search/autocomplete/", {"q": "l"}).json()["results"] == []


def test_suggestions_put_title_matches_before_sku_matches(client, category):
    make_product(parent=category, title="Everyday Table Lamp", images=0)
    bowl = make_product(parent=category, title="Everyday Cereal Bowl", images=0)
    ProductVariant.objects.filter(product=bowl).update(sku="TAB-00009-1")
    for size in (2, 3):
        ProductVariantFactory(product=bowl, sku=f"TAB-00009-{size}")
    insert_or_update_object(bowl.specific)  # the new SKUs, as publishing would index them

    results = client.get("/search/autocomplete/", {"q": "everyday tab"}).json()["results"]

    assert [r["title"] for r in results][0] == "Everyday Table Lamp"


def test_unpublished_and_draft_products_are_never_found(client, category):
    gone = make_product(parent=category, title="Hidden Lamp", images=0)
    gone.unpublish()
    draft = make_product(parent=category, title="Draft Lamp", images=0)
    draft.title = "Draft Lamp renamed"
    draft.save_revision()  # a draft change, not published
    draft.unpublish()

    assert titles(client.get("/search/", {"q": "lamp"})) == []
    assert client.get("/search/autocomplete/", {"q": "lamp"}).json()["results"] == []


def test_queries_are_logged_and_promotions_shown(client, shelf, committed):
    tent = CategoryPage.objects.get(title="Outdoors")
    assert "All our tents" not in client.get("/search/", {"q": "tent"}).content.decode()

    with committed():
        SearchPromotion.objects.create(
            query=Query.get("tent"), page=tent, description="All our tents"
        )

    page = client.get("/search/", {"q": "tent"}).content.decode()
    assert "All our tents" in page
    assert Query.get("tent").hits == 2


def test_no_results_offer_popular_products_and_categories(client, shelf):
    response = client.get("/search/", {"q": "zzzz"})
    page = response.content.decode()
    assert "No products match" in page
    assert "Popular right now" in page
    assert len(response.context["popular"]) >= 3


def test_empty_query_explains_itself(client, home_page):
    assert "Type what you are looking for" in client.get("/search/").content.decode()


def test_an_unreachable_search_server_falls_back_to_the_database(client, shelf, settings, caplog):
    closed_port = free_port()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port}"],
            "INDEX": "shop-test",
            "OPTIONS": {"max_retries": 0, "request_timeout": 2},
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }

    with caplog.at_level(logging.WARNING, logger="search.selectors"):
        response = client.get("/search/", {"q": "walnut"})

    assert response.status_code == 200
    assert titles(response)[0] == "Walnut Serving Board"
    assert "searching the database instead" in caplog.text
    # The failure is remembered: a misspelt search, which asks several times, and the
    # next searches do not wait on the server again.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.selectors"):
        assert client.get("/search/", {"q": "walnt bord"}).status_code == 200
    assert "searching the database instead" not in caplog.text


def test_prices_in_the_suggestions_come_from_the_database(client, category):
    product = make_product(parent=category, title="Copper Kettle", price="59.00", images=0)
    ProductVariant.objects.filter(product=product).update(price=Decimal("49.00"))
    (result,) = client.get("/search/autocomplete/", {"q": "copper"}).json()["results"]
    assert result["price"] == "€49.00"
