"""The one set of rules that grids and search narrow products by, at their edges."""

import pytest
from django.db.models import F

from catalog import filters
from catalog.models import ProductPage, ProductVariant
from catalog.tests.factories import CategoryPageFactory, make_product
from commerce.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(category, catalog_index):
    """Products at band edges, tied prices, no stock, all stock reserved, and no price."""
    bowls = CategoryPageFactory(parent=category, title="Bowls", slug="bowls")
    outdoors = CategoryPageFactory(parent=catalog_index, title="Outdoors", slug="outdoors")
    make_product(parent=category, title="Jug", price="30.00", images=0)
    make_product(parent=bowls, title="Bowl", price="25.00", images=0)
    make_product(parent=bowls, title="Big Bowl", price="60.00", stock=0, images=0)
    make_product(parent=outdoors, title="Blanket", price="100.00", images=0)
    make_product(parent=outdoors, title="Mug", price="30.00", images=0)
    make_product(parent=category, title="Spoon", price="4.50", images=0)
    make_product(parent=category, title="Retired", price="9.00", images=0)
    StockRecord.objects.filter(variant__product__title="Mug").update(num_reserved=F("num_on_hand"))
    ProductVariant.objects.filter(product__title="Retired").update(is_active=False)
    return {"kitchen": category, "bowls": bowls, "outdoors": outdoors}


def picked(sort="price", **rules) -> list[str]:
    products = filters.apply_rules(ProductPage.objects.for_sale(), filters.ProductRules(**rules))
    return list(filters.sorted_by(products, sort).values_list("title", flat=True))


def test_bands_include_their_lowest_price_and_leave_out_their_upper_one(shop):
    assert picked(price_band="0-25") == ["Spoon"]
    assert picked(price_band="25-50") == ["Bowl", "Jug", "Mug"]
    assert picked(price_band="100-") == ["Blanket"]
    assert picked(price_band="nonsense") == picked()


def test_in_stock_leaves_out_sold_out_and_fully_reserved_products(shop):
    assert picked(in_stock=True) == ["Spoon", "Bowl", "Jug", "Blanket"]


def test_a_category_takes_its_whole_subtree(shop):
    assert picked(category=shop["kitchen"]) == ["Spoon", "Bowl", "Jug", "Big Bowl", "Retired"]
    assert picked(category=shop["bowls"], in_stock=True) == ["Bowl"]


def test_prices_sort_both_ways_with_ties_in_a_fixed_order_and_no_price_last(shop):
    cheapest_first = picked("price")
    dearest_first = picked("-price")
    assert cheapest_first[-1] == "Retired"  # no offered variant, so no price
    assert dearest_first[0] == "Retired"  # PostgreSQL puts a missing value first, descending
    assert dearest_first[1:] == list(reversed(cheapest_first[:-1]))


def test_facets_count_subtrees_bands_and_stock_in_three_queries(shop, django_assert_num_queries):
    filters.category_pages()  # titles and private paths come from the page-chrome cache
    products = ProductPage.objects.for_sale()
    with django_assert_num_queries(3):  # where and at what price, the variants, their stock
        facets = filters.facets_of(products)

    counts = {category.title: count for category, count in facets.categories}
    assert counts == {"Kitchen": 5, "Bowls": 2, "Outdoors": 2}
    assert facets.price_bands == [("0-25", 1), ("25-50", 3), ("50-100", 1), ("100-", 1)]
    assert facets.in_stock == 4
