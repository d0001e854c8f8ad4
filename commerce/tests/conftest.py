import uuid
from decimal import Decimal

import pytest

from catalog.tests.factories import make_product
from commerce.models import Cart, CartLine, ShippingMethod, StockRecord, Voucher
from commerce.pricing import TaxRules
from commerce.services.checkout import CheckoutDetails, place_order

GUEST_ADDRESS = {
    "full_name": "Ada Lovelace",
    "line1": "12 Harbour Street",
    "city": "Bristol",
    "postcode": "BS1 4DJ",
    "country": "GB",
}


@pytest.fixture
def variant_with_stock(category):
    """A variant of a new live product holding `stock` units at `price`."""

    def make(stock=10, price="20.00", title="Linen apron"):
        product = make_product(parent=category, stock=stock, price=price, images=0, title=title)
        return product.variants.get()

    return make


@pytest.fixture
def variant(variant_with_stock):
    return variant_with_stock()


@pytest.fixture
def standard_shipping(db):
    return ShippingMethod.objects.create(
        name="Standard", price=Decimal("4.95"), free_above=Decimal("75.00")
    )


@pytest.fixture
def voucher(db):
    return Voucher.objects.create(code="WELCOME10", kind=Voucher.Kind.PERCENTAGE, value=10)


@pytest.fixture
def rules():
    return TaxRules("EUR", Decimal("20.00"), prices_include_tax=True)


def stock_of(variant) -> tuple[int, int]:
    record = StockRecord.objects.get(variant=variant)
    return record.num_on_hand, record.num_reserved


def checkout_post(shipping_method, **extra) -> dict:
    data = {f"shipping-{name}": value for name, value in GUEST_ADDRESS.items()}
    return {
        "email": "guest@example.com",
        "billing_same": "on",
        "shipping_method": shipping_method.pk,
        **data,
        **extra,
    }


def cart_holding(variant, quantity=1) -> Cart:
    cart = Cart.objects.create()
    CartLine.objects.create(
        cart=cart,
        variant=variant,
        title=variant.product.title,
        sku=variant.sku,
        quantity=quantity,
        price_at_add=variant.price,
    )
    return cart


def guest_details(shipping_method, email="buyer@example.com") -> CheckoutDetails:
    return CheckoutDetails(
        email=email,
        shipping_address=GUEST_ADDRESS,
        billing_address=GUEST_ADDRESS,
        shipping_method_id=shipping_method.pk,
    )


@pytest.fixture
def place(standard_shipping, rules):
    """Place an order for `quantity` of `variant` straight through the service."""

    def place_for(variant, quantity=1):
        return place_order(
            cart_holding(variant, quantity),
            guest_details(standard_shipping),
            checkout_key=uuid.uuid4(),
            user=None,
            rules=rules,
        )

    return place_for


@pytest.fixture(scope="session")
def localstripe_server():
    from commerce.tests import stripe_peer

    process, base = stripe_peer.start()
    yield base
    stripe_peer.stop(process)


@pytest.fixture
def stripe_api(settings, localstripe_server):
    """The shop configured for Stripe, talking to localstripe."""
    from commerce.tests import stripe_peer

    settings.STRIPE_SECRET_KEY = stripe_peer.SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = stripe_peer.WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_server
    return localstripe_server
