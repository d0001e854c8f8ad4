"""What is placed is what was reviewed: a cart changed after the review page stops the
order and brings the shopper back to the review, with the changes shown."""

from decimal import Decimal

import pytest

from catalog.models import ProductVariant
from commerce.models import Order
from commerce.tests.conftest import checkout_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(client, variant, standard_shipping):
    """A shopper on the review page for one apron at 20.00."""
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    client.post("/checkout/", checkout_post(standard_shipping))
    return client.get("/checkout/review/")


def place_from(client, review):
    return client.post(
        "/checkout/review/", {"fingerprint": review.context["fingerprint"]}, follow=True
    )


def changes_after(client, review) -> list[str]:
    response = place_from(client, review)
    assert response.redirect_chain[-1][0] == "/checkout/review/"
    assert not Order.objects.exists()
    return response.context["changes"]


def test_a_quantity_raised_in_another_tab_stops_the_order(client, reviewed):
    line = client.get("/cart/").context["cart"].rows[0].line
    client.post(f"/cart/lines/{line.pk}/", {"quantity": 3})  # the other tab

    assert changes_after(client, reviewed) == [
        "Linen apron: quantity 1 → 3.",
        "Total: €24.95 → €64.95.",
    ]


def test_a_line_added_after_the_review_stops_the_order(client, reviewed, variant_with_stock):
    jug = variant_with_stock(title="Jug", price="15.00")
    client.post("/cart/add/", {"variant": jug.pk, "quantity": 1})

    assert changes_after(client, reviewed) == ["Jug × 1 was added.", "Total: €24.95 → €39.95."]


def test_a_price_changed_in_the_admin_stops_the_order(client, reviewed, variant):
    ProductVariant.objects.filter(pk=variant.pk).update(price=Decimal("26.00"))

    assert changes_after(client, reviewed) == [
        "Linen apron: price €20.00 → €26.00.",
        "Total: €24.95 → €30.95.",
    ]


def test_the_review_shown_again_places_the_new_order(client, reviewed, variant):
    ProductVariant.objects.filter(pk=variant.pk).update(price=Decimal("26.00"))
    again = place_from(client, reviewed)
    assert "Your order changed since you last saw it" in again.content.decode()

    place_from(client, client.get("/checkout/review/"))

    assert Order.objects.get().total == Decimal("30.95")


def test_an_unchanged_cart_is_placed_from_an_older_tab(client, reviewed):
    newer = client.get("/checkout/review/")  # the review opened again in another tab
    assert newer.context["fingerprint"] == reviewed.context["fingerprint"]

    place_from(client, reviewed)

    assert Order.objects.count() == 1


def test_a_forged_or_missing_fingerprint_places_nothing(client, reviewed):
    response = client.post("/checkout/review/", {"fingerprint": "x" * 5000}, follow=True)
    assert not Order.objects.exists()
    assert response.context["changes"] == ["Please check your order again before you place it."]
