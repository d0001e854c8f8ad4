import uuid
from decimal import Decimal

import pytest

from catalog.tests.factories import make_product
from commerce.models import Cart, CartLine, ShippingMethod, StockRecord, Voucher
from commerce.pricing import TaxRules
from commerce.services.checkout import (
    CheckoutDetails,
    Client,
    place_order,
    review_of,
    reviewed_lines,
)

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


def cart_holding(variant, quantity=1, *more) -> Cart:
    """A guest cart with `quantity` of `variant`, and more (variant, quantity) lines."""
    cart = Cart.objects.create()
    for line_variant, line_quantity in [(variant, quantity), *more]:
        CartLine.objects.create(
            cart=cart,
            variant=line_variant,
            title=line_variant.product.title,
            sku=line_variant.sku,
            quantity=line_quantity,
            price_at_add=line_variant.price,
        )
    return cart


def guest_details(shipping_method, email="buyer@example.com", voucher_code="") -> CheckoutDetails:
    return CheckoutDetails(
        email=email,
        shipping_address=GUEST_ADDRESS,
        billing_address=GUEST_ADDRESS,
        shipping_method_id=shipping_method.pk,
        voucher_code=voucher_code,
    )


def fingerprint(cart, details, rules) -> str:
    """The fingerprint of the review a shopper would see of `cart` now."""
    lines = cart.lines.select_related("variant")
    return review_of(reviewed_lines(lines), details=details, rules=rules).fingerprint


def place_cart(cart, details, rules, *, client=None, **extra):
    """Place `cart` through the service as reviewed just now, by a client of its own."""
    return place_order(
        cart,
        details=details,
        checkout_key=uuid.uuid4(),
        user=None,
        rules=rules,
        client=client or Client(email=details.email, session=uuid.uuid4().hex),
        reviewed=fingerprint(cart, details, rules),
        **extra,
    )


@pytest.fixture
def place(standard_shipping, rules):
    """Place an order for `quantity` of `variant` straight through the service."""

    def place_for(variant, quantity=1, *more, email=None, voucher_code=""):
        cart = cart_holding(variant, quantity, *more)
        email = email or f"buyer-{cart.pk}@example.com"  # a client of its own each time
        details = guest_details(standard_shipping, email=email, voucher_code=voucher_code)
        return place_cart(cart, details, rules)

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
    settings.SHOP_PAYMENT_GATEWAYS = [settings.STRIPE_GATEWAY]
    return localstripe_server
