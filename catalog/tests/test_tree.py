import pytest

from catalog.models import CatalogIndexPage, CategoryPage, ProductPage
from home.models import ContentPage, StoryPage

pytestmark = pytest.mark.django_db


def test_catalog_index_lives_under_home(home_page, catalog_index):
    assert CatalogIndexPage.can_create_at(home_page) is False  # one per home page
    assert CategoryPage.can_create_at(home_page) is False
    assert ProductPage.can_create_at(home_page) is False


def test_categories_nest_and_hold_products(catalog_index, category):
    assert CategoryPage.can_create_at(catalog_index)
    assert CategoryPage.can_create_at(category)
    assert ProductPage.can_create_at(category)
    assert ProductPage.can_create_at(catalog_index) is False


def test_products_are_leaves_and_stories_stay_in_their_index(category):
    assert ProductPage.allowed_subpage_models() == []
    assert StoryPage.can_create_at(category) is False
    assert ContentPage.can_create_at(category) is False
