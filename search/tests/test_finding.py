"""Search finds what shoppers type, on the database and on a search server alike:
plurals, colours, any word when nothing has every word, and the catalog's spelling of
a word that matches nothing."""

import pytest

from catalog.tests.factories import CategoryPageFactory, make_product
from search.services import refresh_search_terms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


@pytest.fixture
def shop(category, catalog_index):
    """Mugs and bowls in the kitchen, knitwear apart; every colour a variant's."""
    knitwear = CategoryPageFactory(parent=catalog_index, title="Knitwear", slug="knitwear")
    make_product(parent=category, title="Stoneware Mug", colour="Ink", images=0)
    make_product(parent=category, title="Stoneware Bowl", colour="Sand", images=0)
    make_product(parent=category, title="Enamel Camp Mug", colour="Moss", images=0)
    make_product(parent=knitwear, title="Wool Cardigan", colour="Slate", size="M", images=0)
    make_product(parent=knitwear, title="Wool Sweater", colour="Ink", size="L", images=0)
    refresh_search_terms()


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def titles(response):
    return [card.title for card in response.context["cards"]]


def test_a_plural_finds_what_its_singular_finds(client, shop):
    for singular, plural in (("mug", "mugs"), ("cardigan", "cardigans"), ("bowl", "bowls")):
        found = set(titles(search(client, singular)))
        assert found and set(titles(search(client, plural))) == found, plural


def test_a_colour_finds_the_products_with_a_variant_of_it(client, shop):
    assert set(titles(search(client, "ink"))) == {"Stoneware Mug", "Wool Sweater"}
    assert titles(search(client, "ink mug")) == ["Stoneware Mug"]


def test_a_size_is_a_word_too(client, shop):
    assert "Wool Cardigan" in titles(search(client, "cardigan m"))


def test_when_nothing_has_every_word_any_word_will_do_best_first(client, shop):
    response = search(client, "stoneware mug sale")

    found = titles(response)
    assert found[0] == "Stoneware Mug"  # two of the words, where the others have one
    assert set(found) == {"Stoneware Mug", "Stoneware Bowl", "Enamel Camp Mug"}
    assert response.context["matches"].by_any_word
    assert "No product has every word of" in response.content.decode()


def test_every_word_is_wanted_while_something_has_them_all(client, shop):
    response = search(client, "wool sweater")
    assert titles(response) == ["Wool Sweater"]
    assert not response.context["matches"].by_any_word


def test_a_misspelt_word_is_offered_as_the_catalog_spells_it(client, shop, search_backend):
    response = search(client, "cardgan")

    matches = response.context["matches"]
    assert matches.suggestion == "cardigan"
    assert titles(response) == ["Wool Cardigan"]
    page = response.content.decode()
    assert "?q=cardigan" in page
    if search_backend == "database":  # the results are the suggestion's
        assert matches.by_suggestion and "Showing results for" in page
    else:  # the server's own fuzzy matching found it
        assert matches.by_close_spelling and "Did you mean" in page


def test_a_misspelt_word_beside_a_known_one(client, shop):
    response = search(client, "wool swater")
    assert response.context["matches"].suggestion == "wool sweater"
    assert "Wool Sweater" in titles(response)


def test_nothing_near_offers_nothing(client, shop):
    response = search(client, "zzqx")
    assert response.context["matches"].suggestion == ""
    assert titles(response) == []
    assert "No products match" in response.content.decode()


def test_suggestions_are_the_results_page_in_its_order(client, shop):
    for query in ("mug", "wool", "ink", "stoneware mug sale"):
        suggested = client.get("/search/autocomplete/", {"q": query}).json()["results"]
        assert [s["title"] for s in suggested] == titles(search(client, query))[:6], query


def test_suggestions_name_categories_and_link_all_results(client, shop):
    answer = client.get("/search/autocomplete/", {"q": "knit"}).json()
    assert answer["categories"][0] == {"title": "Knitwear", "url": "/shop/knitwear/"}

    answer = client.get("/search/autocomplete/", {"q": "cardigan"}).json()
    assert [c["title"] for c in answer["categories"]] == ["Knitwear"]  # where the matches are
    assert answer["all_results"] == {
        "label": "See all results for “cardigan”",
        "url": "/search/?q=cardigan",
    }


def test_suggestions_show_a_picture_and_a_price(client, category):
    make_product(parent=category, title="Brass Lamp", price="64.00", images=1)

    (lamp,) = client.get("/search/autocomplete/", {"q": "brass"}).json()["results"]

    assert lamp["price"] == "€64.00"
    assert "fill-160x160" in lamp["image"] and lamp["image"].endswith(".webp")


def test_publishing_refreshes_the_words_offered(client, category, committed):
    product = make_product(parent=category, title="Pewter Tankard", images=0)
    assert client.get("/search/", {"q": "tankrd"}).context["matches"].suggestion == ""

    with committed():
        product.save_revision().publish()

    assert client.get("/search/", {"q": "tankrd"}).context["matches"].suggestion == "tankard"
    with committed():
        product.unpublish()
    assert client.get("/search/", {"q": "tankrd"}).context["matches"].suggestion == ""
