"""Placing an order: one transaction that reserves stock and snapshots everything."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce import locks, pricing
from commerce.exceptions import CheckoutError, VoucherError
from commerce.models import Cart, Order, OrderItem, OrderStatus, ShippingMethod, Voucher
from commerce.services import orders as order_services
from commerce.services import stock as stock_services

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class CheckoutDetails:
    """What the shopper chose; never prices, totals or discounts."""

    email: str
    shipping_address: dict
    billing_address: dict
    shipping_method_id: int
    voucher_code: str = ""


def shipping_methods_for(country_code: str) -> list[ShippingMethod]:
    methods = ShippingMethod.objects.filter(is_active=True)
    return [method for method in methods if method.delivers_to(country_code)]


def find_voucher(code: str) -> Voucher | None:
    code = code.strip().upper()
    return Voucher.objects.filter(code=code).first() if code else None


def check_voucher(voucher: Voucher | None, code: str, goods_total) -> None:
    """Raise VoucherError saying why `code` cannot be used on these goods."""
    now = timezone.now()
    if voucher is None or not voucher.is_active:
        raise VoucherError(f"The voucher code {code.strip().upper()} is not valid.")
    if now < voucher.valid_from:
        raise VoucherError(f"The voucher {voucher.code} is not valid yet.")
    if voucher.valid_until and now >= voucher.valid_until:
        raise VoucherError(f"The voucher {voucher.code} has expired.")
    if goods_total < voucher.minimum_spend:
        raise VoucherError(
            f"The voucher {voucher.code} needs a spend of at least {voucher.minimum_spend:.2f}."
        )
    if voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit:
        raise VoucherError(f"The voucher {voucher.code} has been used up.")


def quote(line_prices, details: CheckoutDetails, *, rules) -> pricing.Totals:
    """The totals the order would have, from (unit price, quantity) pairs read from
    the database. Raises CheckoutError for a voucher or shipping method that cannot
    be used."""
    line_totals = [pricing.line_total(price, quantity, rules) for price, quantity in line_prices]
    voucher = None
    if details.voucher_code.strip():
        voucher = find_voucher(details.voucher_code)
        check_voucher(voucher, details.voucher_code, sum(line_totals))
    return pricing.order_totals(
        line_totals, rules=rules, voucher=voucher, shipping_method=shipping_method_of(details)
    )


@transaction.atomic
def place_order(
    cart: Cart, details: CheckoutDetails, *, checkout_key: uuid.UUID, user, rules
) -> Order:
    """Turn the cart into an order awaiting payment, with its stock reserved.

    Posting the same checkout again returns the order it already made. Every
    price comes from the database; nothing in `details` can change one.
    """
    if locks.cart(cart.pk) is None:
        raise CheckoutError("Your cart has expired; please fill it again.")
    placed = Order.objects.filter(checkout_key=checkout_key).first()
    if placed is not None:
        if cart.lines.exists():  # a stale page, posted after the cart was filled again
            raise CheckoutError("Your cart changed since you reviewed it; please review it again.")
        return placed  # the same checkout posted twice

    lines = list(cart.lines.select_related("variant__product"))
    if not lines:
        raise CheckoutError("Your cart is empty.")
    quantities = _quantities_for_sale(lines)
    records = locks.stock_records(variant_ids=quantities)
    _check_stock(lines, records)

    line_totals = {
        line.pk: pricing.line_total(line.variant.price, line.quantity, rules) for line in lines
    }
    goods_total = sum(line_totals.values())
    voucher = _use_voucher(details.voucher_code, goods_total)
    method = shipping_method_of(details)
    totals = pricing.order_totals(
        list(line_totals.values()), rules=rules, voucher=voucher, shipping_method=method
    )
    order = _create_order(details, checkout_key, user, rules, totals, method, voucher)
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            variant=line.variant,
            title=line.variant.product.title,
            sku=line.variant.sku,
            options=line.variant.options,
            unit_price=line.variant.price,
            quantity=line.quantity,
            line_total=line_totals[line.pk],
        )
        for line in lines
    )
    stock_services.reserve(records, quantities)
    order_services.record_creation(order)
    order_services.transition(order, OrderStatus.AWAITING_PAYMENT)
    cart.lines.all().delete()
    return order


def _quantities_for_sale(lines) -> dict[int, int]:
    for line in lines:
        variant = line.variant
        if variant is None or not variant.is_active or not variant.product.live:
            raise CheckoutError(f"{line.title} is no longer for sale; remove it from your cart.")
    return {line.variant_id: line.quantity for line in lines}


def _check_stock(lines, records) -> None:
    for line in lines:
        record = records.get(line.variant_id)
        available = record.num_available if record else 0
        if available == 0:
            raise CheckoutError(f"Sorry, {line.title} ({line.sku}) has just sold out.")
        if line.quantity > available:
            raise CheckoutError(
                f"Sorry, only {available} of {line.title} ({line.sku}) are left; "
                "lower the quantity in your cart."
            )


def _use_voucher(code: str, goods_total) -> Voucher | None:
    if not code.strip():
        return None
    found = find_voucher(code)
    voucher = locks.voucher(found.pk) if found else None
    check_voucher(voucher, code, goods_total)
    voucher.times_used += 1
    voucher.save(update_fields=["times_used"])
    return voucher


def shipping_method_of(details: CheckoutDetails) -> ShippingMethod:
    country = details.shipping_address["country"]
    for method in shipping_methods_for(country):
        if method.pk == details.shipping_method_id:
            return method
    raise CheckoutError("Choose a shipping method that delivers to your address.")


def _create_order(details, checkout_key, user, rules, totals, method, voucher) -> Order:
    order = Order(
        checkout_key=checkout_key,
        user=user if user and user.is_authenticated else None,
        email=details.email,
        currency=rules.currency,
        shipping_address=details.shipping_address,
        billing_address=details.billing_address,
        shipping_method=method,
        shipping_method_name=method.name,
        voucher=voucher,
        voucher_code=voucher.code if voucher else "",
        prices_include_tax=rules.prices_include_tax,
        tax_rate=rules.rate,
        goods_total=totals.goods,
        discount_total=totals.discount,
        shipping_total=totals.shipping,
        tax_total=totals.tax,
        total=totals.total,
        reserved_until=timezone.now() + timedelta(minutes=settings.SHOP_RESERVATION_MINUTES),
    )
    for _ in range(5):
        order.number = _new_number()
        try:
            with transaction.atomic():
                order.save()
            return order
        except IntegrityError:
            if Order.objects.filter(checkout_key=checkout_key).exists():
                raise
    raise CheckoutError("We could not number your order; please try again.")


def _new_number() -> str:
    code = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"
