import csv
import io
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


def test_stock_admin_edits_through_the_service(client, category, place, django_user_model):
    admin = django_user_model.objects.create_superuser(email="boss@example.com", password="pw")
    client.force_login(admin)
    product = make_product(parent=category, stock=10, images=0)
    place(product.variants.get(), 6)
    record = StockRecord.objects.get(variant__product=product)
    url = f"/admin/commerce/stockrecord/edit/{record.pk}/"

    refused = client.post(url, {"change": -5, "reason": "correction"})
    nothing = client.post(url, {"change": 0, "reason": "received"})
    absurd = client.post(url, {"change": 10**12, "reason": "received"})
    unknown = client.post(url, {"change": 3, "reason": "sold"})  # only the services sell
    accepted = client.post(url, {"change": 15, "reason": "received", "note": "Delivery 42"})

    assert refused.status_code == 200
    assert "6 units reserved" in refused.content.decode()
    assert "how many units to add or take away" in nothing.content.decode()
    assert absurd.status_code == 200 and unknown.status_code == 200
    assert accepted.status_code == 302
    record.refresh_from_db()
    assert (record.num_on_hand, record.num_reserved) == (25, 6)
    latest = record.variant.stock_movements.first()
    assert (latest.reason, latest.on_hand_change, latest.note) == ("received", 15, "Delivery 42")
    assert latest.created_by == admin


def test_the_stock_list_filters_low_and_sold_out_and_links_each_history(
    client, category, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser(email="b@example.com"))
    plenty = make_product(parent=category, title="Plenty", stock=50, images=0)
    low = make_product(parent=category, title="Nearly gone", stock=2, images=0)
    gone = make_product(parent=category, title="Gone", stock=0, images=0)
    skus = {page.title: page.variants.get().sku for page in (plenty, low, gone)}

    def listed(level):
        html = client.get("/admin/commerce/stockrecord/", {"level": level}).content.decode()
        return {title for title, sku in skus.items() if sku in html}

    assert listed("low") == {"Nearly gone"}
    assert listed("sold_out") == {"Gone"}
    index = client.get("/admin/commerce/stockrecord/").content.decode()
    variant = low.variants.get()
    assert f"/admin/commerce/stockmovement/?variant={variant.pk}" in index

    history = client.get("/admin/commerce/stockmovement/", {"variant": variant.pk})
    assert history.status_code == 200
    assert (
        variant.sku in history.content.decode() and skus["Plenty"] not in history.content.decode()
    )
    assert client.get("/admin/commerce/stockmovement/", {"variant": "x"}).status_code == 200

    export = client.get("/admin/commerce/stockmovement/", {"variant": variant.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][:3] == ["Created At", "Sku", "Reason"] and len(rows) == 2
    assert rows[1][2:4] == ["Received", "2"]


def test_the_ledger_cannot_be_edited_in_the_admin(client, category, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(email="c@example.com"))
    product = make_product(parent=category, stock=3, images=0)
    movement = product.variants.get().stock_movements.get()
    assert client.get(f"/admin/commerce/stockmovement/edit/{movement.pk}/").status_code in (
        302,
        403,
    )
    assert client.get("/admin/commerce/stockmovement/create/").status_code in (302, 403)
