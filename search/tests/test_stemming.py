"""On PostgreSQL, search stems words with the configured language (English unless
SEARCH_LANGUAGE says otherwise), whatever the server's own default configuration."""

import pytest
from django.conf import settings

from catalog.tests.factories import make_product

pytestmark = pytest.mark.django_db


def test_a_plural_finds_what_its_singular_finds(client, category):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "english"
    make_product(parent=category, title="Oak Board", images=0)
    make_product(parent=category, title="Linen Apron", images=0)

    for query in ("board", "boards", "aprons"):
        found = [card.title for card in client.get("/search/", {"q": query}).context["cards"]]
        assert found == (["Linen Apron"] if query == "aprons" else ["Oak Board"]), query
