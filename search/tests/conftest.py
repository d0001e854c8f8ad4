"""The search tests run on every backend the shop supports: the database always,
OpenSearch 3 against osmem-server (in memory, on 127.0.0.1), and Elasticsearch 9
whenever ELASTICSEARCH_URL points at a live server."""

import os
import uuid

import pytest
from wagtail.search.backends import get_search_backend

from catalog.models import ProductPage
from home.models import StoryPage

DATABASE = {"BACKEND": "wagtail.search.backends.database"}


@pytest.fixture(scope="session")
def osmem():
    from osmem_server import OsmemServer

    with OsmemServer.start() as server:
        yield server


def _use_server(settings, backend_path, url):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": backend_path,
            "URLS": [url],
            "INDEX": f"shop-test-{uuid.uuid4().hex[:8]}",
        },
        "database": DATABASE,
    }
    backend = get_search_backend("default")
    backend.reset_indexes()
    for model in (ProductPage, StoryPage):
        backend.get_index_for_model(model).add_model(model)
    return backend


@pytest.fixture(params=["database", "opensearch", "elasticsearch"])
def search_backend(request, settings, db):
    """Which backend answers this run of the test; the name is in the test id."""
    if request.param == "database":
        yield "database"
        return
    if request.param == "opensearch":
        osmem = request.getfixturevalue("osmem")
        with osmem.clone() as clone:
            _use_server(settings, "search.backends.OpenSearch3SearchBackend", clone.url)
            yield "opensearch"
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("no live Elasticsearch: set ELASTICSEARCH_URL to run this backend")
    backend = _use_server(settings, "search.backends.Elasticsearch9SearchBackend", url)
    yield "elasticsearch"
    backend.reset_indexes()
