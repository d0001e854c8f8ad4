"""The product editor, through Wagtail's own views: stock shown beside the page but
never part of it, a warning when a product goes live with nothing to sell, and taken
SKUs and slugs that point to the page holding them."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.tests.factories import UserFactory
from catalog.models import ProductPage
from catalog.tests.factories import ProductPageFactory, ProductVariantFactory, make_product
from commerce.models import StockRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def product_form(title, slug, *skus, action=None, saved=()):
    """The editor's form; `saved` are the variants already saved, in order of `skus`."""
    variants = [
        {
            "sku": sku,
            "price": "12.00",
            "is_active": "on",
            **({"id": saved[n].pk} if n < len(saved) else {}),
        }
        for n, sku in enumerate(skus)
    ]
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "body": streamfield([]),
            "images": inline_formset([]),
            "variants": inline_formset(variants, initial=len(saved)),
            "attributes": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def add_url(category):
    return f"/admin/pages/add/catalog/productpage/{category.pk}/"


def test_the_editor_shows_saved_stock_with_a_link_to_adjust_it(editor, category):
    product = make_product(parent=category, stock=7)
    record = StockRecord.objects.get(variant__product=product)

    page = editor.get(f"/admin/pages/{product.pk}/edit/").content.decode()

    assert "On hand" in page and "<td>7</td>" in page
    assert f"/admin/commerce/stockrecord/edit/{record.pk}/" in page


def test_saving_the_page_never_changes_stock(editor, category):
    product = make_product(parent=category, stock=7)
    variant = product.variants.get()

    response = editor.post(
        f"/admin/pages/{product.pk}/edit/",
        product_form("Renamed", product.slug, variant.sku, saved=[variant]),
    )
    assert response.status_code == 302

    record = StockRecord.objects.get(variant__product=product)
    assert (record.num_on_hand, record.num_reserved) == (7, 0)
    revision = ProductPage.objects.get(pk=product.pk).get_latest_revision().content
    assert revision["title"] == "Renamed"
    assert "num_on_hand" not in str(revision)


def test_publishing_a_product_without_stock_warns(editor, category):
    response = editor.post(
        add_url(category),
        product_form("Kettle", "kettle", "KET-1", action="action-publish"),
        follow=True,
    )

    assert ProductPage.objects.get(slug="kettle").live
    assert "is live but sold out" in response.content.decode()


def test_publishing_a_product_with_stock_does_not_warn(editor, category):
    product = make_product(parent=category, stock=3)
    variant = product.variants.get()

    response = editor.post(
        f"/admin/pages/{product.pk}/edit/",
        product_form(
            product.title, product.slug, variant.sku, saved=[variant], action="action-publish"
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "sold out" not in response.content.decode()


def test_a_sku_held_by_an_abandoned_draft_links_to_it(editor, category):
    draft = ProductPageFactory(parent=category, title="First try", slug="first-try", live=False)
    ProductVariantFactory(product=draft, sku="MUG-1")

    response = editor.post(add_url(category), product_form("Mug", "mug", "MUG-1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "The SKU “MUG-1” is already used by" in page
    assert f'<a href="/admin/pages/{draft.pk}/edit/">First try</a> (a draft)' in page


def test_a_slug_held_by_a_draft_links_to_it(editor, category):
    draft = ProductPageFactory(parent=category, title="First try", slug="mug", live=False)

    response = editor.post(add_url(category), product_form("Mug", "mug", "MUG-2"))

    page = response.content.decode()
    assert "The slug “mug” is already used by" in page
    assert f'<a href="/admin/pages/{draft.pk}/edit/">First try</a> (a draft)' in page
    assert not ProductPage.objects.filter(title="Mug").exists()
