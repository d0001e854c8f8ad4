"""Every view the shop owns, fed what no form would send: non-numeric and huge ids, NUL
characters and absurd lengths. Each answers a 4xx (or its form's errors), never a 500,
and nothing is changed."""

import pytest
from django.test import Client

from catalog.tests.factories import make_product
from commerce.models import Order, Refund, WebhookEvent
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db

NUL = "\x00"
HUGE_ID = "9" * 30
LONG = "x" * 20_000


@pytest.fixture
def shop(category, standard_shipping, place):
    """A product, an unpaid order, and a shopper with that product in the cart."""
    product = make_product(parent=category, title="Teapot", images=0)
    order = place(product.variants.get())
    client = Client(raise_request_exception=False, HTTP_ACCEPT="application/json")
    client.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
    return client, {
        "category": category.url,
        "product": product.url,
        "order": f"/orders/{order_token(order)}",
        "shipping": str(standard_shipping.pk),
    }


ADDRESS = {
    "email": "guest@example.com",
    "billing_same": "on",
    "shipping-full_name": "Ada Lovelace",
    "shipping-line1": "12 Harbour Street",
    "shipping-city": "Bristol",
    "shipping-postcode": "BS1 4DJ",
    "shipping-country": "GB",
    "shipping_method": "{shipping}",
}

# (method, URL with {category}, {product} or {order}, data, the answers that are right)
CASES = [
    ("get", "/search/", {"q": f"tea{NUL}pot"}, {400}),
    ("get", "/search/autocomplete/", {"q": f"te{NUL}"}, {400}),
    ("get", "/search/", {"q": "tea", "sort": NUL}, {400}),
    ("get", "/search/", {"q": "tea", "category": "abc", "page": "abc", "price": LONG}, {200}),
    ("get", "/search/", {"q": LONG, "page": HUGE_ID}, {200}),
    ("get", "/search/autocomplete/", {"q": LONG}, {200}),
    ("get", "{category}", {"sort": NUL}, {400}),
    ("get", "{category}", {"sort": LONG, "page": HUGE_ID}, {200}),
    ("get", "{product}", {"variant": "abc"}, {200}),
    ("get", "{category}%00/", {}, {400}),
    ("get", f"/orders/{LONG}/", {}, {404}),
    ("get", "{order}/credit-notes/" + HUGE_ID + ".pdf", {}, {404}),
    ("get", "{order}/invoice.pdf", {}, {404}),  # not paid yet
    ("post", "/cart/add/", {"variant": "abc", "quantity": "1"}, {400}),
    ("post", "/cart/add/", {"variant": HUGE_ID, "quantity": "1"}, {409}),
    ("post", "/cart/add/", {"variant": NUL, "quantity": NUL}, {400}),
    ("post", "/cart/add/", {"variant": "1", "quantity": "1" * 50}, {400}),
    ("post", f"/cart/lines/{HUGE_ID}/", {"quantity": "1"}, {404}),
    ("post", f"/cart/lines/{HUGE_ID}/remove/", {}, {404}),
    ("post", "/checkout/", ADDRESS, {302}),  # the good form, to the review: the rest are errors
    ("post", "/checkout/", {**ADDRESS, "email": f"a{NUL}@example.com"}, {200}),
    ("post", "/checkout/", {**ADDRESS, "shipping-line1": LONG}, {200}),
    ("post", "/checkout/", {**ADDRESS, "shipping_method": HUGE_ID}, {200}),
    ("post", "/checkout/review/", {"fingerprint": NUL + LONG}, {302}),
    ("post", "/orders/find/", {"number": LONG, "email": NUL}, {200}),
    ("post", "{order}/pay/", {"outcome": NUL, "payment_method": LONG}, {402}),  # declined
    ("post", "{order}/pay/return/", {"payment": "abc"}, {400}),
    ("post", "{order}/pay/return/", {}, {400}),
    ("post", "{order}/pay/return/", {"payment": HUGE_ID}, {400}),
    ("post", "/payments/stripe/webhook/", {"id": NUL}, {404}),  # Stripe not configured
    ("post", f"/payments/{LONG[:300]}/webhook/", {}, {404}),
]


@pytest.mark.parametrize(
    "method, url, data, expected",
    CASES,
    ids=[f"{m} {u[:40]} {str(d)[:30]}" for m, u, d, _ in CASES],
)
def test_bad_input_is_refused_with_a_4xx_or_a_form_error(shop, method, url, data, expected):
    client, known = shop
    data = {name: value.replace("{shipping}", known["shipping"]) for name, value in data.items()}
    before = _state()

    response = getattr(client, method)(url.format(**known), data)

    assert response.status_code in expected
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
