"""Carts, orders, payments, vouchers and shipping for tests, built by factory-boy.
Orders are placed through the checkout service, so they hold their stock as real ones do."""

import uuid
from decimal import Decimal

import factory

from commerce.models import Cart, CartLine, Order, Payment, ShippingMethod, Voucher
from commerce.pricing import TaxRules
from commerce.services.checkout import (
    CheckoutDetails,
    Client,
    place_order,
    review_of,
    reviewed_lines,
)
from commerce.services.payments import begin_attempt

GUEST_ADDRESS = {
    "full_name": "Ada Lovelace",
    "line1": "12 Harbour Street",
    "city": "Bristol",
    "postcode": "BS1 4DJ",
    "country": "GB",
}
STORE_RULES = TaxRules("EUR", Decimal("20.00"), prices_include_tax=True)


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    name = "Standard"
    price = Decimal("4.95")
    free_above = Decimal("75.00")

    class Meta:
        model = ShippingMethod
        django_get_or_create = ("name",)


class VoucherFactory(factory.django.DjangoModelFactory):
    code = "WELCOME10"
    kind = Voucher.Kind.PERCENTAGE
    value = Decimal(10)

    class Meta:
        model = Voucher


class CartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cart


class CartLineFactory(factory.django.DjangoModelFactory):
    cart = factory.SubFactory(CartFactory)
    title = factory.LazyAttribute(lambda line: line.variant.product.title)
    sku = factory.LazyAttribute(lambda line: line.variant.sku)
    quantity = 1
    price_at_add = factory.LazyAttribute(lambda line: line.variant.price)

    class Meta:
        model = CartLine


def cart_holding(variant, quantity=1, *more) -> Cart:
    """A guest cart with `quantity` of `variant`, and more (variant, quantity) lines."""
    cart = CartFactory()
    for line_variant, line_quantity in [(variant, quantity), *more]:
        CartLineFactory(cart=cart, variant=line_variant, quantity=line_quantity)
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


def place_cart(cart, details, rules, *, client=None, **extra) -> Order:
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


class OrderFactory(factory.Factory):
    """`OrderFactory(lines=[(variant, 2), ...])`: an order placed through checkout."""

    lines = ()
    email = None
    voucher_code = ""
    shipping = factory.LazyFunction(ShippingMethodFactory)
    rules = STORE_RULES

    class Meta:
        model = Order

    @classmethod
    def _create(cls, model_class, *, lines, email, voucher_code, shipping, rules):
        cart = cart_holding(*lines[0], *lines[1:])
        email = email or f"buyer-{cart.pk}@example.com"  # a client of its own each time
        details = guest_details(shipping, email=email, voucher_code=voucher_code)
        return place_cart(cart, details, rules)


class PaymentFactory(factory.Factory):
    """`PaymentFactory(order=order)`: a payment attempt begun as the payment page begins it."""

    gateway_name = "demo"

    class Meta:
        model = Payment

    @classmethod
    def _create(cls, model_class, *, order, gateway_name):
        return begin_attempt(order, gateway_name=gateway_name)
