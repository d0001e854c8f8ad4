"""Placing an order: one transaction that reserves stock and snapshots everything,
and places exactly what the shopper reviewed."""

import hashlib
import json
import secrets
import uuid
from dataclasses import astuple, dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from commerce import locks, pricing
from commerce.exceptions import (
    CheckoutError,
    IdempotencyKeyReused,
    OrderLimitReached,
    ReviewOutdated,
    VoucherError,
)
from commerce.models import (
    Cart,
    Order,
    OrderItem,
    PaymentStatus,
    PlacementKey,
    ShippingMethod,
    Voucher,
    VoucherUse,
)
from commerce.services import orders as order_services
from commerce.services import stock as stock_services
from core.money import format_money
from core.security import log_security_event

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@dataclass(frozen=True)
class CheckoutDetails:
    """What the shopper chose; never prices, totals or discounts."""

    email: str
    shipping_address: dict
    billing_address: dict
    shipping_method_id: int
    voucher_code: str = ""


@dataclass(frozen=True)
class Client:
    """Who is placing an order, as far as the shop can tell: the caps on unpaid orders
    count by each of these."""

    email: str
    ip: str | None = None
    session: str = ""  # a digest of the session key, never the key itself


@dataclass(frozen=True)
class ReviewedLine:
    variant_id: int
    title: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class Review:
    """What the review page showed. Placing the order compares its fingerprint with
    the review of the cart as it is then, read under the locks."""

    currency: str
    lines: tuple[ReviewedLine, ...]
    shipping_method_id: int
    voucher_code: str
    totals: pricing.Totals

    @property
    def fingerprint(self) -> str:
        facts = [
            self.currency,
            [[line.variant_id, line.quantity, str(line.unit_price)] for line in self.lines],
            self.shipping_method_id,
            self.voucher_code,
            [str(amount) for amount in astuple(self.totals)],
        ]
        return hashlib.sha256(json.dumps(facts).encode()).hexdigest()[:32]

    def to_json(self) -> dict:
        return {
            "currency": self.currency,
            "lines": [[*astuple(line)[:3], str(line.unit_price)] for line in self.lines],
            "shipping_method_id": self.shipping_method_id,
            "voucher_code": self.voucher_code,
            "totals": [str(amount) for amount in astuple(self.totals)],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Review":
        return cls(
            currency=data["currency"],
            lines=tuple(
                ReviewedLine(variant_id, title, quantity, Decimal(price))
                for variant_id, title, quantity, price in data["lines"]
            ),
            shipping_method_id=data["shipping_method_id"],
            voucher_code=data["voucher_code"],
            totals=pricing.Totals(*(Decimal(amount) for amount in data["totals"])),
        )


def reviewed_lines(cart_lines) -> list[ReviewedLine]:
    """Cart lines (with their variants) at the variants' current prices."""
    return [
        ReviewedLine(line.variant_id, line.title, line.quantity, line.variant.price)
        for line in cart_lines
        if line.variant is not None
    ]


def review_of(lines: list[ReviewedLine], *, details: CheckoutDetails, rules) -> Review:
    """The totals the order would have. Raises CheckoutError for a voucher or shipping
    method that cannot be used."""
    method = shipping_method_of(details)
    priced = quote(
        lines,
        shipping_method=method,
        voucher_code=details.voucher_code,
        email=details.email,
        rules=rules,
    )
    if priced.voucher_error:
        raise VoucherError(priced.voucher_error)
    return Review(
        currency=rules.currency,
        lines=tuple(lines),
        shipping_method_id=details.shipping_method_id,
        voucher_code=priced.voucher_code,
        totals=priced.totals,
    )


@dataclass(frozen=True)
class Quote:
    """What an order would cost with what the shopper has chosen so far."""

    totals: pricing.Totals
    voucher_code: str  # the voucher taken off, as the shop spells it
    voucher_error: str  # why the code given cannot be used; its discount is left out


def quote(
    lines: list[ReviewedLine],
    *,
    shipping_method: ShippingMethod | None,
    voucher_code: str,
    email: str,
    rules,
) -> Quote:
    """The totals of `lines` with this shipping (none yet: no charge) and voucher."""
    line_totals = [pricing.line_total(line.unit_price, line.quantity, rules) for line in lines]
    try:
        voucher = usable_voucher(voucher_code, goods_total=sum(line_totals), email=email)
    except VoucherError as error:
        voucher, voucher_error = None, str(error)
    else:
        voucher_error = ""
    totals = pricing.order_totals(
        line_totals, rules=rules, voucher=voucher, shipping_method=shipping_method
    )
    return Quote(totals, voucher.code if voucher else "", voucher_error)


def changes_between(reviewed: Review, *, current: Review) -> list[str]:
    """What a shopper needs told about a cart that changed after they reviewed it."""

    def money(amount: Decimal) -> str:
        return format_money(amount, current.currency)

    before = {line.variant_id: line for line in reviewed.lines}
    after = {line.variant_id: line for line in current.lines}
    changes = [f"{line.title} was removed." for pk, line in before.items() if pk not in after]
    for pk, line in after.items():
        old = before.get(pk)
        if old is None:
            changes.append(f"{line.title} × {line.quantity} was added.")
            continue
        if old.quantity != line.quantity:
            changes.append(f"{line.title}: quantity {old.quantity} → {line.quantity}.")
        if old.unit_price != line.unit_price:
            changes.append(
                f"{line.title}: price {money(old.unit_price)} → {money(line.unit_price)}."
            )
    if reviewed.totals.shipping != current.totals.shipping:
        changes.append(
            f"Shipping: {money(reviewed.totals.shipping)} → {money(current.totals.shipping)}."
        )
    if reviewed.totals.total != current.totals.total:
        changes.append(f"Total: {money(reviewed.totals.total)} → {money(current.totals.total)}.")
    return changes or ["Your order's details changed."]


def shipping_methods_for(country_code: str) -> list[ShippingMethod]:
    methods = ShippingMethod.objects.filter(is_active=True)
    return [method for method in methods if method.delivers_to(country_code)]


def find_voucher(code: str) -> Voucher | None:
    code = code.strip().upper()
    return Voucher.objects.filter(code=code).first() if code else None


def usable_voucher(code: str, *, goods_total, email: str) -> Voucher | None:
    """The voucher `code` names, or None for no code; VoucherError says why it cannot
    be used on these goods by this customer."""
    if not code.strip():
        return None
    voucher = find_voucher(code)
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
    uses = voucher.uses.all()
    if voucher.usage_limit is not None and uses.count() >= voucher.usage_limit:
        raise VoucherError(f"The voucher {voucher.code} has been used up.")
    limit = voucher.limit_per_customer
    if limit is not None and email and uses.filter(email=email.lower()).count() >= limit:
        raise VoucherError(f"You have already used the voucher {voucher.code}.")
    return voucher


@transaction.atomic
def place_order(
    cart: Cart,
    *,
    details: CheckoutDetails,
    checkout_key: uuid.UUID,
    user,
    rules,
    client: Client,
    reviewed: str,
) -> Order:
    """Turn the cart into an order awaiting payment, with its stock reserved.

    `reviewed` is the fingerprint of the review the shopper saw: if the cart, a price,
    the shipping or the voucher has changed since, ReviewOutdated carries the review
    as it is now and nothing is placed. Posting the same checkout again returns the
    order it already made. Every price comes from the database.
    """
    if locks.cart(cart.pk) is None:
        raise CheckoutError("Your cart has expired; please fill it again.")
    placed = Order.objects.filter(checkout_key=checkout_key).first()
    if placed is not None:
        if cart.lines.exists():  # a stale page, posted after the cart was filled again
            raise CheckoutError("Your cart changed since you reviewed it; please review it again.")
        return placed  # the same checkout posted twice

    lines = list(cart.lines.with_sale_state().select_related("variant__product"))
    if not lines:
        raise CheckoutError("Your cart is empty.")
    quantities = _quantities_for_sale(lines)
    records = locks.stock_records(variant_ids=quantities)
    _check_stock(lines, records)
    voucher = find_voucher(details.voucher_code)
    if voucher is not None:
        locks.voucher(voucher.pk)  # its uses are counted, and one added, under this lock
    current = review_of(reviewed_lines(lines), details=details, rules=rules)
    if current.fingerprint != reviewed:
        raise ReviewOutdated(current)
    _check_client_limits(client, sum(quantities.values()))

    order = _create_order(details, checkout_key, user, rules, current, voucher, client)
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            variant=line.variant,
            title=line.variant.product.title,
            sku=line.variant.sku,
            options=line.variant.options,
            unit_price=line.variant.price,
            quantity=line.quantity,
            line_total=pricing.line_total(line.variant.price, line.quantity, rules),
        )
        for line in lines
    )
    stock_services.reserve(records, quantities=quantities, order=order)
    if order.voucher is not None:
        VoucherUse.objects.create(voucher=order.voucher, order=order, email=order.email.lower())
    order_services.record_creation(order)
    cart.lines.all().delete()
    if order.total == 0:  # nothing to pay: a 100 % voucher with free shipping
        order_services.mark_paid(order, note="Nothing to pay.")
    return order


# Idempotency keys are turned into checkout keys in this namespace, per client.
PLACEMENT_NAMESPACE = uuid.UUID("8f0e3c4e-4f8b-4bb1-9d0a-6b1c2b7e5a10")


def place_order_once(cart: Cart, *, idempotency_key: str, client_scope: str, digest: str, **place):
    """Place the order as `place_order` does, once per client and Idempotency-Key: the
    same key and body (by `digest`) return the order it placed, with False for "not
    new"; the same key with another body raises IdempotencyKeyReused."""
    checkout_key = uuid.uuid5(PLACEMENT_NAMESPACE, f"{client_scope}\n{idempotency_key}")
    known = PlacementKey.objects.filter(checkout_key=checkout_key).first()
    if known is not None:
        return _replayed(known, digest), False
    with transaction.atomic():
        order = place_order(cart, checkout_key=checkout_key, **place)
        record, created = PlacementKey.objects.get_or_create(
            checkout_key=checkout_key, defaults={"digest": digest}
        )
    if not created:  # a twin request placed it while this one waited for the cart's lock
        return _replayed(record, digest), False
    return order, True


def _replayed(known: PlacementKey, digest: str) -> Order:
    if known.digest != digest:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was used for another order; send a new key for a new order."
        )
    return Order.objects.get(checkout_key=known.checkout_key)


def _quantities_for_sale(lines) -> dict[int, int]:
    for line in lines:
        if not line.for_sale:
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


def _check_client_limits(client: Client, units: int) -> None:
    """Refuse an order that would let one client hold more than the shop allows in
    unpaid orders, counted by email, session and address alike."""
    same_client = Q(email__iexact=client.email)
    if client.ip:
        same_client |= Q(client_ip=client.ip)
    if client.session:
        same_client |= Q(client_session=client.session)
    unpaid = Order.objects.filter(
        same_client,
        payment_status=PaymentStatus.AWAITING_PAYMENT,
        reserved_until__gt=timezone.now(),
    )
    open_orders = unpaid.count()
    held = OrderItem.objects.filter(order__in=unpaid).aggregate(units=Sum("quantity"))["units"]
    max_orders, max_units = settings.SHOP_MAX_UNPAID_ORDERS, settings.SHOP_MAX_UNPAID_UNITS
    if open_orders >= max_orders:
        message = (
            f"You have {open_orders} unpaid orders already. Pay for one, or let it expire, "
            "before placing another."
        )
    elif (held or 0) + units > max_units:
        message = (
            f"Unpaid orders can hold at most {max_units} items at a time. "
            "Pay for your other orders first, or lower the quantities."
        )
    else:
        return
    log_security_event(
        "unpaid_order_limit",
        email=client.email,
        ip=client.ip,
        open_orders=open_orders,
        units_held=held or 0,
        units_asked=units,
    )
    raise OrderLimitReached(message)


def shipping_method_of(details: CheckoutDetails) -> ShippingMethod:
    country = details.shipping_address["country"]
    for method in shipping_methods_for(country):
        if method.pk == details.shipping_method_id:
            return method
    raise CheckoutError("Choose a shipping method that delivers to your address.")


def _create_order(details, checkout_key, user, rules, review, voucher, client) -> Order:
    totals = review.totals
    method = shipping_method_of(details)
    order = Order(
        checkout_key=checkout_key,
        user=user if user and user.is_authenticated else None,
        email=details.email,
        currency=rules.currency,
        shipping_address=details.shipping_address,
        billing_address=details.billing_address,
        shipping_method=method,
        shipping_method_name=method.name,
        voucher=voucher if review.voucher_code else None,
        voucher_code=review.voucher_code,
        prices_include_tax=rules.prices_include_tax,
        tax_rate=rules.rate,
        goods_total=totals.goods,
        discount_total=totals.discount,
        shipping_total=totals.shipping,
        tax_total=totals.tax,
        total=totals.total,
        # A short hold until a payment starts; paying extends it to the full reservation.
        reserved_until=timezone.now() + timedelta(minutes=settings.SHOP_UNPAID_HOLD_MINUTES),
        client_ip=client.ip,
        client_session=client.session,
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
