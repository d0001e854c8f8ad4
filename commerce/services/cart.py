"""Adding to, changing and merging carts. Quantities never exceed what is available."""

from django.db import transaction

from catalog.models import ProductVariant
from commerce import locks
from commerce.exceptions import CartError
from commerce.inventory import variant_availability
from commerce.models import Cart, CartLine

MAX_QUANTITY = 99


def cart_for_user(user) -> Cart:
    cart, _ = Cart.objects.get_or_create(user=user)
    return cart


@transaction.atomic
def add_to_cart(cart: Cart, *, variant_id, quantity: int) -> CartLine:
    _check_quantity(quantity)
    variant = _variant_for_sale(variant_id)
    locks.cart(cart.pk)
    line = cart.lines.filter(variant=variant).first()
    wanted = quantity + (line.quantity if line else 0)
    _check_available(variant, wanted, already=line.quantity if line else 0)
    if line is None:
        line = CartLine(
            cart=cart,
            variant=variant,
            title=variant.product.title,
            sku=variant.sku,
            price_at_add=variant.price,
            quantity=0,
        )
    line.quantity = wanted
    line.save()
    cart.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def set_line_quantity(cart: Cart, *, line_id, quantity: int) -> CartLine | None:
    """Change a line's quantity; zero removes it."""
    locks.cart(cart.pk)
    line = cart.lines.select_related("variant__stock", "variant__product").get(pk=line_id)
    if quantity == 0:
        line.delete()
        return None
    _check_quantity(quantity)
    if line.variant is None:
        raise CartError("This product is no longer sold; remove it from your cart.")
    if quantity > line.quantity:
        _check_available(line.variant, quantity, already=line.quantity, setting=True)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


@transaction.atomic
def remove_line(cart: Cart, *, line_id) -> None:
    locks.cart(cart.pk)
    cart.lines.filter(pk=line_id).delete()


@transaction.atomic
def merge_into_user_cart(guest_cart: Cart, *, user) -> Cart:
    """At sign-in, the guest cart joins the customer's: quantities are added and
    capped at what is available; the guest cart is then gone."""
    cart = cart_for_user(user)
    locks.cart(cart.pk)
    existing = {line.variant_id: line for line in cart.lines.all()}
    guest_lines = guest_cart.lines.select_related("variant__stock").exclude(variant=None)
    for guest_line in guest_lines:
        line = existing.get(guest_line.variant_id)
        if line is None:
            guest_line.pk, guest_line.cart = None, cart
            guest_line.quantity = min(guest_line.quantity, _available(guest_line.variant))
            if guest_line.quantity:
                guest_line.save()
            continue
        available = _available(guest_line.variant)
        line.quantity = max(line.quantity, min(line.quantity + guest_line.quantity, available))
        line.save(update_fields=["quantity"])
    guest_cart.delete()
    return cart


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CartError(f"Choose a quantity from 1 to {MAX_QUANTITY}.")


def _variant_for_sale(variant_id) -> ProductVariant:
    variant = (
        ProductVariant.objects.for_sale()
        .select_related("stock", "product")
        .filter(pk=variant_id)
        .first()
    )
    if variant is None:
        raise CartError("That product is not for sale.")
    return variant


def _available(variant: ProductVariant) -> int:
    return variant_availability(variant).quantity


def _check_available(
    variant: ProductVariant, wanted: int, *, already: int, setting: bool = False
) -> None:
    """Refuse more than is free to sell, in words that fit adding units or setting a
    line's quantity."""
    available = _available(variant)
    name = f"{variant.product.title} ({variant.label})" if variant.label else variant.product.title
    if available == 0:
        raise CartError(f"Sorry, {name} is sold out.")
    if wanted > available and setting:
        raise CartError(
            f"Sorry, only {available} of {name} are available: set a quantity of {available}"
            " or fewer."
        )
    if wanted > available:
        in_cart = f" and {already} are already in your cart" if already else ""
        raise CartError(f"Sorry, only {available} of {name} are available{in_cart}.")
