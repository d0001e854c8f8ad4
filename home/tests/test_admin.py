import pytest

from catalog.models import ProductPage
from catalog.tests.factories import CategoryPageFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_superuser(email="ed@example.com", password="pw")
    client.force_login(editor)
    return client


def test_editors_can_open_every_page_type_and_the_settings(editor_client, home_page, category):
    sub = CategoryPageFactory(parent=category)
    product = make_product(parent=sub, images=1)
    for page in [home_page, category.get_parent(), category, sub, product]:
        assert editor_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    add_product = f"/admin/pages/add/catalog/productpage/{sub.pk}/"
    assert editor_client.get(add_product).status_code == 200
    assert editor_client.get("/admin/settings/core/storesettings/").status_code in (200, 302)


def product_form(**fields) -> dict:
    """The product editor's form data: one variant, no images or attributes."""
    form = {
        "title": "Oak Board",
        "slug": "oak-board",
        "summary": "",
        "body-count": "0",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "attributes-TOTAL_FORMS": "0",
        "attributes-INITIAL_FORMS": "0",
        "attributes-MIN_NUM_FORMS": "0",
        "attributes-MAX_NUM_FORMS": "1000",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-sku": "OAK-1",
        "variants-0-size": "",
        "variants-0-colour": "Natural",
        "variants-0-price": "45.00",
        "variants-0-compare_at_price": "",
        "variants-0-weight_kg": "",
        "variants-0-is_active": "on",
        "variants-0-ORDER": "1",
        "variants-0-DELETE": "",
    }
    return {**form, **fields}


def test_the_product_editor_saves_variants_with_the_page(editor_client, category):
    url = f"/admin/pages/add/catalog/productpage/{category.pk}/"
    form = product_form(**{"action-publish": "publish", "variants-0-compare_at_price": "40.00"})

    refused = editor_client.post(url, form)
    assert refused.status_code == 200
    assert "compare-at price must be above the price" in refused.content.decode()

    form["variants-0-compare_at_price"] = "55.00"
    published = editor_client.post(url, form)

    assert published.status_code == 302
    product = ProductPage.objects.child_of(category).get(slug="oak-board")
    assert product.live
    variant = product.variants.get()
    assert (variant.sku, str(variant.price), variant.stock.num_on_hand) == ("OAK-1", "45.00", 0)


def test_editors_preview_a_product_before_its_first_save(editor_client, category):
    url = f"/admin/pages/add/catalog/productpage/{category.pk}/preview/"
    editor_client.post(url, product_form(**{"variants-0-price": "39.00"}))

    response = editor_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Oak Board" in html and "€39.00" in html
