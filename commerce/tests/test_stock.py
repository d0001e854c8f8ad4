from decimal import Decimal

import pytest

from catalog.models import ProductPage
from catalog.tests.factories import ProductVariantFactory, make_product
from commerce.exceptions import StockBelowReserved
from commerce.models import StockRecord
from commerce.services.stock import set_stock_on_hand

pytestmark = pytest.mark.django_db


def test_every_new_variant_gets_an_empty_stock_record(category):
    product = make_product(parent=category, images=0)
    variant = ProductVariantFactory(product=product)
    assert StockRecord.objects.get(variant=variant).num_on_hand == 0


def test_publishing_and_reverting_a_product_leave_its_stock_alone(category):
    product = make_product(parent=category, title="Jug", price="10.00", stock=8, images=0)
    first = product.save_revision()
    first.publish()
    variant = product.variants.get()

    # Orders move stock while editors work on the page.
    StockRecord.objects.filter(variant=variant).update(num_on_hand=5, num_reserved=2)
    product = ProductPage.objects.get(pk=product.pk)
    edited = list(product.variants.all())
    edited[0].price = Decimal("12.00")
    product.variants = edited  # the edit belongs to the revision, as in the page editor
    product.title = "Big jug"
    product.save_revision().publish()
    assert str(ProductPage.objects.get(pk=product.pk).variants.get().price) == "12.00"
    assert StockRecord.objects.get(variant=variant).num_on_hand == 5
    first.publish()  # revert to the first revision

    product = ProductPage.objects.get(pk=product.pk)
    assert product.title == "Jug"
    assert str(product.variants.get().price) == "10.00"
    record = StockRecord.objects.get(variant=variant)
    assert (record.num_on_hand, record.num_reserved) == (5, 2)


def test_stock_cannot_be_counted_below_what_orders_reserved(category):
    product = make_product(parent=category, stock=10, images=0)
    variant = product.variants.get()
    StockRecord.objects.filter(variant=variant).update(num_reserved=4)

    with pytest.raises(StockBelowReserved):
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=3)
    assert set_stock_on_hand(variant_id=variant.pk, num_on_hand=4).num_available == 0


def test_stock_admin_edits_through_the_service(client, category, django_user_model):
    admin = django_user_model.objects.create_superuser(email="boss@example.com", password="pw")
    client.force_login(admin)
    product = make_product(parent=category, stock=10, images=0)
    record = StockRecord.objects.get(variant__product=product)
    record.num_reserved = 6
    record.save()
    url = f"/admin/commerce/stockrecord/edit/{record.pk}/"

    refused = client.post(url, {"num_on_hand": 5})
    accepted = client.post(url, {"num_on_hand": 25})

    assert refused.status_code == 200
    assert "6 units reserved" in refused.content.decode()
    assert accepted.status_code == 302
    record.refresh_from_db()
    assert (record.num_on_hand, record.num_reserved) == (25, 6)
    assert client.get("/admin/commerce/stockrecord/").status_code == 200
