import pytest

from catalog.tests.factories import make_product

pytestmark = pytest.mark.django_db


def test_finds_live_products_by_title(client, category):
    make_product(parent=category, title="Walnut Serving Board", images=0)
    make_product(parent=category, title="Linen Apron", images=0)
    hidden = make_product(parent=category, title="Walnut Secret", images=0)
    hidden.unpublish()

    response = client.get("/search/", {"q": "walnut"})

    assert [card.product.title for card in response.context["cards"]] == ["Walnut Serving Board"]


def test_empty_and_unmatched_queries_explain_themselves(client, home_page):
    assert "Type what you are looking for" in client.get("/search/").content.decode()
    assert "No products match" in client.get("/search/", {"q": "zzzz"}).content.decode()
