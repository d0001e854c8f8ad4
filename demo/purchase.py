"""The demo customer's first purchase: a paid order waiting to ship, placed and paid
through the same services as a shopper's, so the admin has a sale to fulfil."""

import uuid

from django.contrib.auth import get_user_model
from django.db.models import F

from accounts.models import Address
from catalog.models import ProductVariant
from commerce.exceptions import UnknownGateway
from commerce.models import Cart, Order, ShippingMethod
from commerce.payments import gateway_named
from commerce.pricing import TaxRules
from commerce.services import cart as cart_services
from commerce.services import checkout, payments
from core.selectors import default_store_settings
from demo import customer

# Placing twice with one checkout key returns the first order, so a second seed adds none.
CHECKOUT_KEY = uuid.UUID("5d1f0b62-4a8e-4c1e-9a55-0de3a0000001")
QUANTITIES = (2, 1)  # two lines, one of two units: enough to refund one line and keep one


def ensure_demo_purchase(log=print) -> Order | None:
    placed = Order.objects.filter(checkout_key=CHECKOUT_KEY).first()
    if placed is None:
        try:
            gateway_named("demo")
        except UnknownGateway:
            log("Demo purchase skipped: the demo gateway is not configured.")
            return None
        placed = _place_and_pay()
        if placed is None:
            log("Demo purchase skipped: no two products in stock.")
            return None
    log(f"Demo purchase: order {placed.number}, paid, waiting to ship.")
    return placed


def _place_and_pay() -> Order | None:
    variant_ids = _variants_in_stock(len(QUANTITIES), at_least=max(QUANTITIES))
    if len(variant_ids) < len(QUANTITIES):
        return None
    cart = Cart.objects.create()
    for variant_id, quantity in zip(variant_ids, QUANTITIES, strict=True):
        cart_services.add_to_cart(cart, variant_id=variant_id, quantity=quantity)
    buyer = get_user_model().objects.get(email=customer.EMAIL)
    address = Address.objects.filter(user=buyer).order_by("pk").first().snapshot()
    details = checkout.CheckoutDetails(
        email=buyer.email,
        shipping_address=address,
        billing_address=address,
        shipping_method_id=ShippingMethod.objects.filter(is_active=True).order_by("pk")[0].pk,
    )
    rules = TaxRules.of(default_store_settings())
    lines = cart.lines.select_related("variant")
    order = checkout.place_order(
        cart,
        details=details,
        checkout_key=CHECKOUT_KEY,
        user=buyer,
        rules=rules,
        client=checkout.Client(email=buyer.email),
        reviewed=checkout.review_of(
            checkout.reviewed_lines(lines), details=details, rules=rules
        ).fingerprint,
    )
    cart.delete()
    payment = payments.begin_attempt(order, gateway_name="demo")
    outcome = gateway_named("demo").pay(payment, {"outcome": "pay"})
    payments.apply_outcome(payment, outcome=outcome)
    order.refresh_from_db()
    return order


def _variants_in_stock(count: int, *, at_least: int) -> list[int]:
    """The first `count` variants for sale, each from its own product, with stock to spare."""
    variants = (
        ProductVariant.objects.for_sale()
        .annotate(free=F("stock__num_on_hand") - F("stock__num_reserved"))
        .filter(free__gte=at_least)
        .order_by("product_id", "sort_order")
        .values_list("pk", "product_id")
    )
    chosen = {}
    for variant_id, product_id in variants[:50]:
        chosen.setdefault(product_id, variant_id)
    return list(chosen.values())[:count]
