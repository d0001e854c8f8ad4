import pytest

from catalog.tests.factories import CatalogIndexPageFactory, CategoryPageFactory
from home.models import HomePage


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def catalog_index(home_page):
    return CatalogIndexPageFactory(parent=home_page)


@pytest.fixture
def category(catalog_index):
    return CategoryPageFactory(parent=catalog_index, title="Kitchen", slug="kitchen")


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests share one Redis; each starts with nothing cached."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
