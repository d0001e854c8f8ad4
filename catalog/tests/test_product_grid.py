import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.blocks import ProductGridBlock
from catalog.models import ProductAttribute
from catalog.tests.factories import CategoryPageFactory, make_product
from commerce.models import StockRecord
from core import page_cache

pytestmark = pytest.mark.django_db


def grid(rf, **rules):
    block = ProductGridBlock()
    value = block.to_python({"in_stock": False, "sort": "newest", "count": 8, **rules})
    request = rf.get("/")
    return block.get_context(value, parent_context={"request": request})["cards"]


def titles(cards):
    return [card.title for card in cards]


@pytest.fixture
def shop(category, catalog_index):
    bowls = CategoryPageFactory(parent=category, title="Bowls", slug="bowls")
    outdoors = CategoryPageFactory(parent=catalog_index, title="Outdoors", slug="outdoors")
    make_product(parent=category, title="Jug", price="30.00", images=0)
    make_product(parent=bowls, title="Bowl", price="12.00", compare_at="18.00", images=0)
    make_product(parent=bowls, title="Big Bowl", price="60.00", stock=0, images=0)
    linen = make_product(parent=outdoors, title="Blanket", price="90.00", images=0)
    ProductAttribute.objects.create(product=linen, name="Material", value="Linen")
    return {"kitchen": category, "bowls": bowls}


def test_rules_pick_the_right_products_in_order(rf, shop):
    kitchen = shop["kitchen"]
    assert titles(grid(rf, category=kitchen.pk, sort="price")) == ["Bowl", "Jug", "Big Bowl"]
    assert titles(grid(rf, category=kitchen.pk, sort="-price", count=2)) == ["Big Bowl", "Jug"]
    assert titles(grid(rf, on_sale=True)) == ["Bowl"]
    assert titles(grid(rf, price_band="25-50")) == ["Jug"]
    assert titles(grid(rf, attribute_name="material", attribute_value="LINEN")) == ["Blanket"]
    assert titles(grid(rf, category=shop["bowls"].pk, sort="name")) == ["Big Bowl", "Bowl"]


def test_sold_out_and_unpublished_products_leave_an_in_stock_grid(rf, shop):
    assert "Big Bowl" not in titles(grid(rf, in_stock=True))
    StockRecord.objects.filter(variant__product__title="Jug").update(num_on_hand=0)
    shop["kitchen"].get_children().get(title="Bowls").get_children().get(title="Bowl").unpublish()

    assert titles(grid(rf, category=shop["kitchen"].pk, in_stock=True)) == []


def test_a_grid_costs_the_same_queries_whatever_its_count(rf, category):
    for n in range(12):
        make_product(parent=category, title=f"Mug {n}", images=1)
    grid(rf, count=12)  # makes the renditions and the store settings

    def queries(count, *, cold):
        if cold:
            page_cache.invalidate()
        with CaptureQueriesContext(connection) as captured:
            assert len(grid(rf, count=count)) == count
        return len(captured)

    cold = queries(2, cold=True)
    assert queries(12, cold=True) == cold
    warm = queries(2, cold=False)
    assert queries(12, cold=False) == warm < cold  # shared cards; only stock is read
