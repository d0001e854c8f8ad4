from decimal import Decimal

import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD, UserFactory
from catalog.models import ProductVariant
from catalog.tests.factories import ProductImageFactory
from commerce.models import Cart, StockRecord

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def add(client, variant, quantity=1, **headers):
    return client.post("/cart/add/", {"variant": variant.pk, "quantity": quantity}, **headers)


def cart_lines(client):
    return [(row.line.sku, row.line.quantity) for row in client.get("/cart/").context["cart"].rows]


def test_without_javascript_the_product_page_links_the_cart_and_checkout(client, variant):
    product_url = variant.product.url
    response = client.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 1, "next": product_url}, follow=True
    )

    assert response.redirect_chain == [(product_url, 302)]
    html = response.content.decode()
    assert 'Added 1 × Linen apron to your cart. <a href="/cart/">View cart</a>' in html
    assert '<a href="/checkout/">check out</a>' in html


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_adding_never_sends_the_shopper_off_the_shop(client, variant, elsewhere):
    response = client.post("/cart/add/", {"variant": variant.pk, "quantity": 1, "next": elsewhere})
    assert response["Location"] == "/cart/"


def test_the_cart_panel_shows_the_variants_own_picture(client, variant):
    variant.image = ProductImageFactory(product=variant.product).image
    variant.colour = "Moss"
    variant.save()
    ProductImageFactory(product=variant.product, sort_order=-1)  # the product's first picture

    added = add(client, variant, 1, **JSON).json()["added"]
    row = client.get("/cart/").context["cart"].rows[0]

    assert row.image.image == variant.image
    assert added["options"] == "Moss"
    assert added["image"] == variant.image.get_rendition("fill-160x160|format-webp").url
    assert added["image_alt"] == "Photo of Linen apron"


def test_a_guest_fills_a_cart_with_plain_forms(client, variant):
    response = add(client, variant, 2)

    assert response.status_code == 302
    assert response["Location"] == "/cart/"
    page = client.get("/cart/")
    assert cart_lines(client) == [(variant.sku, 2)]
    assert "Added 2 × Linen apron" in page.content.decode()
    assert page.context["cart"].goods_total == Decimal("40.00")


def test_adding_with_javascript_answers_json_with_the_new_count(client, variant):
    response = add(client, variant, 2, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "message": "Added 2 × Linen apron to your cart.",
        "count": 2,
        "added": {
            "title": "Linen apron",
            "options": variant.label,
            "quantity": 2,
            "price": "€20.00",
            "image": "",
            "image_alt": "",
        },
        "subtotal": "€40.00",
        "item_count": 2,
        "cart_url": "/cart/",
        "checkout_url": "/checkout/",
    }

    response = add(client, variant, 1, **JSON)
    assert response.json()["count"] == 3
    header = client.get("/").content.decode()
    assert 'data-cart-count aria-hidden="true">3<' in header
    assert "data-cart-count-label>Cart, 3 items<" in header  # the link reads "Cart, 3 items"


def test_more_than_is_available_is_refused_clearly(client, variant_with_stock):
    variant = variant_with_stock(stock=3)
    add(client, variant, 2)

    response = add(client, variant, 2, **JSON)

    assert response.status_code == 409
    assert response.json()["error"] == (
        "Sorry, only 3 of Linen apron are available and 2 are already in your cart."
    )
    assert cart_lines(client) == [(variant.sku, 2)]


def test_a_sold_out_or_unknown_variant_cannot_be_added(client, variant_with_stock):
    sold_out = variant_with_stock(stock=0)
    assert add(client, sold_out, **JSON).json()["error"] == "Sorry, Linen apron is sold out."
    response = client.post("/cart/add/", {"variant": 999999, "quantity": 1}, **JSON)
    assert response.status_code == 409
    assert response.json()["error"] == "That product is not for sale."
    response = client.post("/cart/add/", {"variant": sold_out.pk, "quantity": 0}, **JSON)
    assert response.status_code == 400


def test_quantities_change_and_lines_go(client, variant):
    add(client, variant, 1)
    line = client.get("/cart/").context["cart"].rows[0].line

    changed = client.post(f"/cart/lines/{line.pk}/", {"quantity": 4}, **JSON)
    assert changed.json()["message"] == "Linen apron: quantity set to 4."
    assert cart_lines(client) == [(variant.sku, 4)]
    response = client.post(f"/cart/lines/{line.pk}/", {"quantity": 11}, **JSON)
    assert response.status_code == 409
    assert response.json()["error"] == (  # setting a quantity, not adding units
        "Sorry, only 10 of Linen apron are available: set a quantity of 10 or fewer."
    )
    client.post(f"/cart/lines/{line.pk}/", {"quantity": 0})
    assert cart_lines(client) == []

    add(client, variant, 1)
    line = client.get("/cart/").context["cart"].rows[0].line
    client.post(f"/cart/lines/{line.pk}/remove/")
    assert cart_lines(client) == []


def test_a_changed_price_and_a_withdrawn_product_are_flagged(client, variant_with_stock):
    cheaper = variant_with_stock(price="30.00", title="Jug")
    withdrawn = variant_with_stock(title="Bowl")
    add(client, cheaper)
    add(client, withdrawn)
    ProductVariant.objects.filter(pk=cheaper.pk).update(price=Decimal("25.00"))
    withdrawn.product.unpublish()

    view = client.get("/cart/").context["cart"]
    jug, bowl = view.rows
    assert (jug.price, jug.line.price_at_add, jug.price_changed) == (
        Decimal("25.00"),
        Decimal("30.00"),
        True,
    )
    assert bowl.problem == "This product is not for sale at the moment."
    assert not view.can_check_out
    assert client.get("/checkout/").status_code == 302


def test_a_deleted_variant_stays_in_the_cart_flagged(client, variant):
    add(client, variant)
    ProductVariant.objects.filter(pk=variant.pk).delete()

    (row,) = client.get("/cart/").context["cart"].rows
    assert row.problem == "This product is no longer sold."
    assert row.line.title == "Linen apron"


def test_the_guest_cart_joins_the_customers_cart_at_sign_in(client, variant_with_stock):
    shopper = UserFactory()
    jug, bowl = variant_with_stock(stock=5, title="Jug"), variant_with_stock(stock=5, title="Bowl")
    other_browser = Client()
    other_browser.force_login(shopper)
    add(other_browser, jug, 3)

    add(client, jug, 4)  # 3 + 4 is more than the 5 there are
    add(client, bowl, 1)
    client.post("/account/login/", {"login": shopper.email, "password": PASSWORD})

    assert sorted(cart_lines(client)) == sorted([(jug.sku, 5), (bowl.sku, 1)])
    assert sorted(cart_lines(other_browser)) == sorted(cart_lines(client))
    assert Cart.objects.count() == 1


def test_a_signed_in_cart_follows_the_customer_to_another_browser(variant):
    shopper = UserFactory()
    laptop, phone = Client(), Client()
    laptop.post("/account/login/", {"login": shopper.email, "password": PASSWORD})
    add(laptop, variant, 2)

    phone.post("/account/login/", {"login": shopper.email, "password": PASSWORD})

    assert cart_lines(phone) == [(variant.sku, 2)]


def test_nobody_reaches_another_shoppers_cart_lines(client, variant):
    stranger = Client()
    add(stranger, variant, 2)
    line = stranger.get("/cart/").context["cart"].rows[0].line
    add(client, variant, 1)

    assert client.post(f"/cart/lines/{line.pk}/", {"quantity": 5}).status_code == 404
    assert client.post(f"/cart/lines/{line.pk}/remove/").status_code == 404
    assert Client().post(f"/cart/lines/{line.pk}/remove/").status_code == 404
    assert cart_lines(stranger) == [(variant.sku, 2)]


@pytest.mark.parametrize("path", ["/cart/add/", "/cart/lines/{pk}/", "/cart/lines/{pk}/remove/"])
def test_cart_forms_refuse_a_post_without_csrf_token(variant, path):
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    assert client.post(path.format(pk=1), {"variant": variant.pk, "quantity": 1}).status_code == 403
    assert StockRecord.objects.get(variant=variant).num_reserved == 0


def test_the_cart_page_costs_the_same_queries_for_more_lines(client, variant_with_stock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_cart_of(count):
        browser = Client()
        for n in range(count):
            add(browser, variant_with_stock(title=f"Mug {count}-{n}"))
        browser.get("/cart/")  # creates the store settings, which resets the page cache
        browser.get("/cart/")
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/cart/").status_code == 200
        return len(queries)

    assert queries_for_cart_of(2) == queries_for_cart_of(6)


def test_a_guest_cart_is_found_by_its_token_and_only_a_guest_cart(variant):
    from accounts.tests.factories import UserFactory
    from commerce.selectors import cart_item_count, current_cart
    from commerce.tests.factories import cart_holding

    cart = cart_holding(variant, 2)

    assert current_cart(token=str(cart.token)) == cart
    assert cart_item_count(token=str(cart.token)) == 2
    assert current_cart(token="not-a-token") is None
    assert cart_item_count(session={"cart_token": "\x00" * 40}) == 0
    cart.user = UserFactory()
    cart.save()
    assert current_cart(token=str(cart.token)) is None  # a customer's cart goes by account
    assert current_cart(user=cart.user, token="anything") == cart


def test_an_empty_cart_offers_popular_products(client, variant):
    page = client.get("/cart/")

    assert "Your cart is empty" in page.content.decode()
    assert [card.title for card in page.context["popular"]] == ["Linen apron"]
