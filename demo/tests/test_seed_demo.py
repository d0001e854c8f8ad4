import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from accounts.models import Address
from accounts.tests.factories import UserFactory
from catalog.models import CategoryPage, ProductPage, ProductVariant
from commerce.models import Order, StockMovement, StockRecord
from home.models import StoryPage
from search.models import SearchTerm

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live", "path")),
        "revisions": Revision.objects.count(),
        "variants": list(ProductVariant.objects.order_by("pk").values_list("sku", "price")),
        "stock": list(StockRecord.objects.order_by("pk").values_list("variant_id", "num_on_hand")),
        "images": get_image_model().objects.count(),
        "addresses": list(Address.objects.order_by("pk").values_list("pk", "line1")),
        "orders": list(Order.objects.order_by("pk").values_list("number", "payment_status")),
    }


def test_seed_builds_a_believable_store_and_changes_nothing_when_run_again(client, home_page):
    call_command("seed_demo", products=24)
    first = snapshot()
    call_command("seed_demo", products=24)

    assert snapshot() == first
    assert ProductPage.objects.live().count() == 24
    top_level = CategoryPage.objects.filter(depth=home_page.depth + 2)
    assert top_level.count() >= 4
    assert CategoryPage.objects.count() - top_level.count() >= 12
    assert StoryPage.objects.live().count() == 3
    assert StockRecord.objects.count() == ProductVariant.objects.count()
    variants_per_product = {p.pk: p.variants.count() for p in ProductPage.objects.all()}
    assert set(variants_per_product.values()) <= {1, 2, 3, 4}
    assert all(1 <= p.images.count() <= 4 for p in ProductPage.objects.all())
    for url in ["/", "/shop/", "/shop/clothing/", ProductPage.objects.first().url, "/stories/"]:
        assert client.get(url).status_code == 200, url
    product = ProductPage.objects.order_by("pk").first()
    assert product in ProductPage.objects.live().search(product.title)
    # Its words are what "Did you mean" offers, though its products sent no publish signal.
    assert {"knitwear", "sweater", "ink"} <= set(SearchTerm.objects.values_list("word", flat=True))
    assert [story.title for story in StoryPage.objects.search("mornings")] == ["Slow mornings"]


def test_a_larger_seed_adds_only_the_new_products(home_page):
    call_command("seed_demo", products=12)
    before = snapshot()
    call_command("seed_demo", products=20)

    after = snapshot()
    assert ProductPage.objects.count() == 20
    assert after["stock"][: len(before["stock"])] == before["stock"]
    assert after["variants"][: len(before["variants"])] == before["variants"]


def test_the_demo_customer_signs_in_and_has_two_addresses(client, home_page):
    call_command("seed_demo", products=4)

    client.post("/account/login/", {"login": "customer@example.com", "password": "demo-shopper"})
    page = client.get("/account/addresses/")

    assert page.wsgi_request.user.email == "customer@example.com"
    assert len(page.context["addresses"]) == 2
    assert "Default shipping" in page.content.decode()


def test_the_demo_purchase_is_paid_and_waits_for_the_merchant(client, home_page):
    call_command("seed_demo", products=8)
    call_command("seed_demo", products=8)

    order = Order.objects.get()  # one purchase, however often the seed runs
    assert (order.email, order.payment_status, order.fulfilment_status) == (
        "customer@example.com",
        "paid",
        "unfulfilled",
    )
    first, second = order.items.order_by("pk")
    assert (first.quantity, second.quantity) == (2, 1)
    merchant = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(merchant)
    assert order.number in client.get("/admin/").content.decode()  # the dashboard's sale
    assert order.number in client.get("/admin/commerce/order/?show=to_ship").content.decode()

    shipped = client.post(
        f"/admin/shop-orders/{order.pk}/ship/", {"carrier": "DPD", "tracking_number": "15501"}
    )
    url = f"/admin/shop-orders/{order.pk}/refund/"
    key = client.get(url).context["form"].initial["idempotency_key"]
    refunded = client.post(
        url, {"idempotency_key": key, f"quantity_{second.pk}": 1, f"restock_{second.pk}": "on"}
    )

    assert (shipped.status_code, refunded.status_code) == (302, 302)
    order.refresh_from_db()
    assert (order.fulfilment_status, order.payment_status) == ("shipped", "partially_refunded")
    restock = StockMovement.objects.get(reason="refund_restock")
    assert (restock.variant_id, restock.on_hand_change, restock.order, restock.created_by) == (
        second.variant_id,
        1,
        order,
        merchant,
    )


def test_the_demo_reads_like_a_real_shop(home_page):
    call_command("seed_demo", products=24)

    titles = {p.title for p in ProductPage.objects.all()}
    assert not any("Cotton Mug" in title or "Clay Rollneck" in title for title in titles)
    assert not any(len(set(title.split())) < len(title.split()) for title in titles)  # no repeats
    for product in ProductPage.objects.prefetch_related("attributes", "images", "variants"):
        material = product.attributes.get(name="Material").value
        assert material in product.title  # the name and the listing agree
        alts = [image.alt_text for image in product.images.all()]
        assert all(alt.startswith(("A ", "An ")) for alt in alts)
        for variant in product.variants.all():
            if variant.colour:  # each colour has its own picture, described in its colour
                assert variant.image is not None
                shown = product.images.get(image=variant.image)
                assert variant.colour.lower() in shown.alt_text
    assert CategoryPage.objects.filter(title="Homeware").exists()
    assert not CategoryPage.objects.filter(title="Home").exists()  # no "Home / Shop / Home"
    mugs = ProductVariant.objects.filter(product__title__endswith="Mug")
    assert mugs.exists() and all(9 <= mug.price <= 40 for mug in mugs)  # priced like mugs
