"""Every view the shop owns, fed what no form would send: non-numeric and huge ids, NUL
characters and absurd lengths. Each answers a 4xx (or its form's errors), never a 500,
and nothing is changed."""

import pytest
from django.test import Client

from catalog.tests.factories import make_product
from commerce.models import Order, Refund, WebhookEvent
from commerce.tests.conftest import checkout_post
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db

NUL = "\x00"
HUGE_ID = "9" * 30
LONG = "x" * 20_000


@pytest.fixture
def shop(category, standard_shipping, place):
    product = make_product(parent=category, title="Teapot", images=0)
    order = place(product.variants.get())
    return {
        "category": category.url,
        "product": product.url,
        "order": order_token(order),
        "variant": product.variants.get().pk,
    }


def cases(shop, shipping_method):
    order = f"/orders/{shop['order']}"
    address = checkout_post(shipping_method)
    return [
        ("get", "/search/", {"q": f"tea{NUL}pot"}, {400}),
        ("get", "/search/autocomplete/", {"q": f"te{NUL}"}, {400}),
        ("get", "/search/", {"q": "tea", "sort": NUL}, {400}),
        ("get", "/search/", {"q": "tea", "category": "abc", "page": "abc", "price": LONG}, {200}),
        ("get", "/search/", {"q": LONG, "page": HUGE_ID}, {200}),
        ("get", "/search/autocomplete/", {"q": LONG}, {200}),
        ("get", shop["category"], {"sort": NUL}, {400}),
        ("get", shop["category"], {"sort": LONG, "page": HUGE_ID}, {200}),
        ("get", shop["product"], {"variant": "abc"}, {200}),
        ("get", f"{shop['category']}%00/", {}, {400}),
        ("get", f"/orders/{LONG}/", {}, {404}),
        ("get", f"{order}/credit-notes/{HUGE_ID}.pdf", {}, {404}),
        ("get", f"{order}/invoice.pdf", {}, {404}),  # not paid yet
        ("post", "/cart/add/", {"variant": "abc", "quantity": "1"}, {400}),
        ("post", "/cart/add/", {"variant": HUGE_ID, "quantity": "1"}, {409}),
        ("post", "/cart/add/", {"variant": NUL, "quantity": NUL}, {400}),
        ("post", "/cart/add/", {"variant": "1", "quantity": "1" * 50}, {400}),
        ("post", f"/cart/lines/{HUGE_ID}/", {"quantity": "1"}, {404}),
        ("post", f"/cart/lines/{HUGE_ID}/remove/", {}, {404}),
        ("post", "/checkout/", {**address, "email": f"a{NUL}@example.com"}, {200}),
        ("post", "/checkout/", {**address, "shipping-line1": LONG}, {200}),
        ("post", "/checkout/", {**address, "shipping_method": HUGE_ID}, {200}),
        ("post", "/checkout/review/", {"fingerprint": NUL + LONG}, {302}),
        ("post", "/orders/find/", {"number": LONG, "email": NUL}, {200}),
        ("post", f"{order}/pay/", {"outcome": NUL, "payment_method": LONG}, {402}),  # declined
        ("post", f"{order}/pay/return/", {"payment": "abc"}, {400}),
        ("post", f"{order}/pay/return/", {}, {400}),
        ("post", f"{order}/pay/return/", {"payment": HUGE_ID}, {400}),
        ("post", "/payments/stripe/webhook/", {"id": NUL}, {404}),  # Stripe not configured
        ("post", f"/payments/{LONG[:300]}/webhook/", {}, {404}),
    ]


def test_bad_input_is_refused_with_a_4xx_or_a_form_error(shop, standard_shipping):
    client = Client(raise_request_exception=False, HTTP_ACCEPT="application/json")
    client.post("/cart/add/", {"variant": shop["variant"], "quantity": 1})  # checkout opens
    before = _state()
    answers = {}
    for method, url, data, expected in cases(shop, standard_shipping):
        response = getattr(client, method)(url, data)
        answers[(method, url[:60], str(data)[:60])] = (response.status_code, expected)

    wrong = {case: got for case, (got, expected) in answers.items() if got not in expected}
    assert wrong == {}
    assert _state() == before


def test_the_webhook_refuses_garbage_with_a_400(settings, shop):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    settings.SHOP_PAYMENT_GATEWAYS = [settings.STRIPE_GATEWAY]
    client = Client(raise_request_exception=False)
    for body in (b"", NUL.encode(), LONG.encode(), b"\xff\xfe"):
        response = client.post(
            "/payments/stripe/webhook/",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=f"t=1,v1={NUL}",
        )
        assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


def _state():
    return (
        Order.objects.count(),
        Refund.objects.count(),
        WebhookEvent.objects.count(),
    )
