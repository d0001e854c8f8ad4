"""The catalog through the API: the tree, products with the site's filters, sorts,
search and facets, a product's detail, ETags, and problem+json for bad input."""

import pytest
from rest_framework.test import APIClient

from catalog.tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def shelf(category):
    """Three products: a mug on sale, a costly lamp, and a sold-out apron."""
    return {
        "mug": make_product(
            parent=category, title="Blue mug", price="12.00", compare_at="15.00", stock=3
        ),
        "lamp": make_product(parent=category, title="Brass lamp", price="140.00", stock=40),
        "apron": make_product(parent=category, title="Linen apron", price="30.00", stock=0),
    }


def titles(response) -> list[str]:
    return [card["title"] for card in response.json()["results"]]


def test_the_category_tree_nests_subcategories(api, category):
    child = category.add_child(
        instance=type(category)(title="Mugs", slug="mugs", intro="<p>Mugs</p>")
    )
    child.save_revision().publish()

    tree = api.get("/api/v1/categories/").json()

    top = next(node for node in tree if node["id"] == category.pk)
    assert [node["title"] for node in top["children"]] == ["Mugs"]


def test_products_filter_and_sort_like_the_site(api, shelf, category):
    everything = api.get("/api/v1/products/?sort=price")
    assert titles(everything) == ["Blue mug", "Linen apron", "Brass lamp"]
    body = everything.json()
    assert (body["count"], body["facets"]) == (3, None)
    mug = body["results"][0]
    assert (mug["price"], mug["compare_at_price"]) == ("12.00", "15.00")
    assert mug["availability"] == {"state": "low_stock", "label": "Only 3 left"}

    assert titles(api.get("/api/v1/products/?in_stock=1&sort=price")) == ["Blue mug", "Brass lamp"]
    assert titles(api.get("/api/v1/products/?on_sale=true")) == ["Blue mug"]
    assert titles(api.get("/api/v1/products/?price=100-")) == ["Brass lamp"]
    assert titles(api.get(f"/api/v1/products/?category={category.pk}&q=lamp")) == ["Brass lamp"]


def test_a_search_counts_facets_over_all_its_matches_as_the_search_page(api, shelf, client):
    for product in shelf.values():
        product.title += " by Harbour"
        product.save_revision().publish()

    found = api.get("/api/v1/products/?q=harbour&in_stock=true").json()
    page = client.get("/search/?q=harbour&in_stock=1")

    assert found["count"] == 2  # the rule narrows the results, not the facets
    facets = found["facets"]
    assert facets["in_stock"] == page.context["facets"].in_stock == 2
    assert (
        {band["key"]: band["count"] for band in facets["price_bands"]}
        == dict(page.context["facets"].price_bands)
        == {"0-25": 1, "25-50": 1, "100-": 1}
    )


def test_a_product_shows_its_variants_and_availability_never_its_stock(api, shelf):
    response = api.get(f"/api/v1/products/{shelf['lamp'].pk}/")

    product = response.json()
    assert product["title"] == "Brass lamp"
    [variant] = product["variants"]
    assert variant["availability"] == {"state": "in_stock", "label": "In stock"}
    assert set(variant) == {
        "id",
        "sku",
        "options",
        "price",
        "compare_at_price",
        "availability",
        "image",
    }
    assert product["images"][0]["gallery"][0]["url"].endswith(".webp")
    assert isinstance(product["body"], list)


def test_catalog_reads_send_etags_and_honour_if_none_match(api, shelf):
    first = api.get("/api/v1/products/")
    again = api.get("/api/v1/products/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304


@pytest.mark.parametrize(
    "query",
    ["?category=99999", "?price=cheap", "?page=0", "?page=abc", "?attribute=nocolon", "?sort=x"],
)
def test_bad_filters_answer_problem_json(api, shelf, query):
    response = api.get("/api/v1/products/" + query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["errors"][0]["field"]


def test_an_unknown_or_unpublished_product_is_a_404_problem(api, shelf):
    shelf["mug"].unpublish()

    for url in ("/api/v1/products/99999/", f"/api/v1/products/{shelf['mug'].pk}/"):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json()["title"] == "Not Found"


def test_a_publish_refreshes_what_the_api_keeps_of_the_catalog(api, shelf, category, committed):
    before = api.get("/api/v1/products/?sort=price")
    detail = api.get(f"/api/v1/products/{shelf['mug'].pk}/").json()
    assert detail["title"] == "Blue mug"

    mug = shelf["mug"]
    mug.title = "Sea-blue mug"
    with committed():
        mug.save_revision().publish()

    after = api.get("/api/v1/products/?sort=price", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and titles(after)[0] == "Sea-blue mug"
    assert api.get(f"/api/v1/products/{mug.pk}/").json()["title"] == "Sea-blue mug"
    tree = api.get("/api/v1/categories/").json()
    assert category.pk in {node["id"] for node in tree}
