"""What the shop sends Elasticsearch 9, checked without a server (none can run here)."""

import pytest
from wagtail.search.backends import get_search_backend

from catalog.models import ProductPage
from home.models import StoryPage

NOWHERE = {"URLS": ["http://127.0.0.1:9"], "INDEX": "shop"}


@pytest.fixture
def backend():
    return get_search_backend("search.backends.Elasticsearch9SearchBackend", **NOWHERE)


def test_the_index_has_an_edge_ngram_analyzer_for_autocomplete(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert "edgengram_analyzer" in analysis["analyzer"]
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"


def test_the_product_mapping_carries_title_skus_categories_and_filters(backend):
    properties = backend.mapping_class(ProductPage).get_mapping()["properties"]

    assert properties["title"]["copy_to"] == ["_all_text", "_all_text_boost_2_0"]
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"
    for searched in ("summary", "body", "category_names", "sku_words"):
        field = properties[f"catalog_productpage__{searched}"]
        assert (field["type"], field["copy_to"]) == ("text", "_all_text"), searched
    variants = properties["catalog_productpage__variants"]["properties"]
    assert variants["sku_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert variants["price_filter"]["type"] == "double"
    assert {"live_filter", "path_filter", "first_published_at_filter"} <= set(properties)
    attributes = properties["catalog_productpage__attributes"]["properties"]
    assert {"name", "value"} <= set(attributes)


def test_stories_are_indexed_too(backend):
    properties = backend.mapping_class(StoryPage).get_mapping()["properties"]
    assert {"home_storypage__intro", "home_storypage__body"} <= set(properties)


@pytest.mark.django_db
def test_the_query_body_of_a_search(backend):
    # Facets are counted by the database over these matches (catalog.filters), so the
    # body is the ranked search of live products.
    body = backend.search("linen apron", ProductPage.objects.live())._get_es_body()

    match = body["query"]["bool"]["must"]["multi_match"]
    assert match["query"] == "linen apron"
    assert "_all_text_boost_2_0^2.0" in match["fields"]  # the title counts double
    assert {"term": {"live_filter": True}} in body["query"]["bool"]["filter"]


def test_searched_text_is_analysed_in_the_shops_language(backend, settings):
    properties = backend.mapping_class(ProductPage).get_mapping()["properties"]

    assert settings.SEARCH_LANGUAGE == "english"
    for name in ("title", "_all_text", "catalog_productpage__summary"):
        assert properties[name]["analyzer"] == "english", name
    variants = properties["catalog_productpage__variants"]["properties"]
    assert variants["colour"]["analyzer"] == "english"
    # Half-typed words keep their edge n-grams.
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"
