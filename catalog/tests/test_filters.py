import itertools

import pytest
from django.db.models import F

from catalog import filters
from catalog.models import ProductVariant
from catalog.selectors import products_for_sale
from catalog.tests.factories import CategoryPageFactory, make_product
from commerce.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(category, catalog_index):
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
    return [None, category, bowls, outdoors]


def test_search_narrows_and_sorts_in_memory_as_grids_do_in_sql(categories):
    products = products_for_sale()
    facts = list(filters.facts_of(products).values())
    stocked = filters.stocked_variant_ids(facts)
    bands = ["", "nonsense", *(key for key, _, _ in filters.PRICE_BANDS)]
    sorts = ["", "price", "-price", "newest"]

    for category, in_stock, band, sort in itertools.product(
        categories, [False, True], bands, sorts
    ):
        rules = filters.ProductRules(category=category, in_stock=in_stock, price_band=band)
        picked = filters.apply_rules(products, rules)
        in_sql = filters.sorted_by(picked, sort) if sort else picked.order_by("pk")
        in_memory = filters.in_order(
            filters.narrowed(sorted(facts, key=lambda p: p.pk), rules, stocked), sort
        )
        assert [p.pk for p in in_memory] == list(in_sql.values_list("pk", flat=True)), (
            rules,
            sort,
        )


def test_rules_search_does_not_offer_are_refused_in_memory(categories):
    facts = list(filters.facts_of(products_for_sale()).values())
    with pytest.raises(ValueError):
        filters.narrowed(facts, filters.ProductRules(on_sale=True), set())
