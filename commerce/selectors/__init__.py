"""Careful reads: the current cart with what each line may and may not do, orders
scoped to the person asking, and where the stock ledger does not add up."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.images import get_image_model

from catalog import filters, renditions
from catalog.models import ProductImage, ProductPage, ProductVariant
from catalog.selectors import Picture, variant_picture
from commerce.inventory import in_stock_condition, variant_availability
from commerce.models import (
    Cart,
    CartLine,
    Order,
    OrderEvent,
    OrderItem,
    Payment,
    Refund,
    ShippingMethod,
    StockMovement,
    StockRecord,
)
from commerce.payments import configured
from commerce.pricing import Totals
from commerce.tokens import order_number_from_token

CART_SESSION_KEY = "cart_token"


def current_cart(*, user=None, session=None, token: str | None = None) -> Cart | None:
    """The cart of whoever asks: a signed-in customer's own; else the guest cart of
    `token` (an API client's), or of the token this browser's `session` holds."""
    if user is not None and user.is_authenticated:
        return Cart.objects.filter(user=user).first()
    token = _guest_token(session, token)
    return Cart.objects.filter(token=token, user__isnull=True).first() if token else None


def cart_item_count(*, user=None, session=None, token: str | None = None) -> int:
    """Units in the asker's cart; a guest without a cart costs no query."""
    if user is not None and user.is_authenticated:
        lines = CartLine.objects.filter(cart__user=user)
    elif token := _guest_token(session, token):
        lines = CartLine.objects.filter(cart__token=token, cart__user__isnull=True)
    else:
        return 0
    return lines.aggregate(count=Sum("quantity"))["count"] or 0


def _guest_token(session, token: str | None) -> str | None:
    """The guest cart token given, or else the one the session holds, if it is one."""
    token = token or (session.get(CART_SESSION_KEY) if session is not None else None)
    try:
        return str(uuid.UUID(str(token))) if token else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CartRow:
    line: CartLine
    variant: ProductVariant | None
    image: Picture | None  # the variant's own picture, else its product's first
    url: str | None
    available: int
    problem: str  # empty when the line can be checked out

    @property
    def price(self) -> Decimal:
        return self.variant.price if self.variant else self.line.price_at_add

    @property
    def price_changed(self) -> bool:
        return self.variant is not None and self.variant.price != self.line.price_at_add

    @property
    def total(self) -> Decimal:
        return self.price * self.line.quantity


@dataclass(frozen=True)
class CartView:
    cart: Cart | None
    rows: list[CartRow]

    @property
    def can_check_out(self) -> bool:
        return bool(self.rows) and not any(row.problem for row in self.rows)

    @property
    def goods_total(self) -> Decimal:
        return sum((row.total for row in self.rows if not row.problem), Decimal("0.00"))

    @property
    def item_count(self) -> int:
        return sum(row.line.quantity for row in self.rows)


def shipping_method(pk) -> ShippingMethod | None:
    """The active shipping method `pk` names, if it is one."""
    pk = str(pk or "")
    if not pk.isdigit() or len(pk) > 18:
        return None
    return ShippingMethod.objects.filter(pk=pk, is_active=True).first()


@dataclass(frozen=True)
class SummaryLine:
    title: str
    options: str
    quantity: int
    total: Decimal
    picture: Picture | None


@dataclass(frozen=True)
class OrderSummary:
    """What checkout keeps in view on every step: the lines with their pictures, and
    the totals as far as they are known."""

    lines: list[SummaryLine]
    totals: Totals
    currency: str
    prices_include_tax: bool
    tax_rate: Decimal
    voucher_code: str = ""
    shipping_name: str = ""

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_summary(cart: CartView, *, totals: Totals, rules, voucher_code="", shipping_name=""):
    """The summary of a cart that can be checked out, priced as `totals` say."""
    lines = [
        SummaryLine(row.line.title, row.variant.label, row.line.quantity, row.total, row.image)
        for row in cart.rows
        if row.variant is not None
    ]
    return OrderSummary(
        lines,
        totals,
        rules.currency,
        rules.prices_include_tax,
        rules.rate,
        voucher_code,
        shipping_name,
    )


def order_summary(order: Order) -> OrderSummary:
    """The summary of a placed order, from its snapshot, with its variants' pictures
    while they exist."""
    items = order.items.select_related("variant__product").prefetch_related(*_thumbnails())
    lines = [
        SummaryLine(item.title, item.label, item.quantity, item.line_total, _picture_of(item))
        for item in items
    ]
    return OrderSummary(
        lines,
        order.totals,
        order.currency,
        order.prices_include_tax,
        order.tax_rate,
        order.voucher_code,
        order.shipping_method_name,
    )


def _thumbnails() -> list[Prefetch]:
    """Each variant's own picture and its product's pictures, with their thumbnails."""
    with_thumbs = get_image_model().objects.prefetch_renditions(*renditions.THUMB.specs)
    images = ProductImage.objects.prefetch_related(Prefetch("image", queryset=with_thumbs))
    return [
        Prefetch("variant__image", queryset=with_thumbs),
        Prefetch("variant__product__images", queryset=images),
    ]


def cart_view(cart: Cart | None, request=None) -> CartView:
    """Every line with its current price, stock and whether it can be bought,
    in a fixed number of queries."""
    if cart is None:
        return CartView(None, [])
    lines = (
        cart.lines.with_sale_state()
        .select_related("variant__stock", "variant__product")
        .prefetch_related(*_thumbnails())
    )
    return CartView(cart, [_row(line, request) for line in lines])


def _row(line: CartLine, request) -> CartRow:
    variant = line.variant
    if variant is None:
        return CartRow(line, None, None, None, 0, "This product is no longer sold.")
    product = variant.product
    available = variant_availability(variant).quantity
    problem = ""
    if not line.for_sale:
        problem = "This product is not for sale at the moment."
    elif available == 0:
        problem = "Sold out."
    elif line.quantity > available:
        problem = f"Only {available} left: lower the quantity to check out."
    url = product.get_url(request) if product.live else None
    picture = variant_picture(variant, list(product.images.all()))
    return CartRow(line, variant, picture, url, available, problem)


def most_ordered_product_ids(*, since, count: int) -> list[int]:
    """The products of which most units were ordered since `since`, most first."""
    ordered = (
        OrderItem.objects.filter(order__created_at__gte=since, variant__isnull=False)
        .values("variant__product")
        .annotate(units=Sum("quantity"))
        .order_by("-units")
        .values_list("variant__product", flat=True)
    )
    return list(ordered[:count])


def popular_product_ids(count: int = 8) -> list[int]:
    """The most ordered products of the last 90 days, topped up with the newest in stock."""
    ordered = most_ordered_product_ids(since=timezone.now() - timedelta(days=90), count=count)
    for_sale = ProductPage.objects.for_sale().filter(in_stock_condition())
    ids = list(for_sale.filter(pk__in=ordered).values_list("pk", flat=True))
    newest = filters.sorted_by(for_sale.exclude(pk__in=ids), "newest")
    return ids + list(newest.values_list("pk", flat=True)[: count - len(ids)])


def orders_of(user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).prefetch_related("items")


def order_of(user, number: str) -> Order | None:
    """The customer's own order, or None."""
    return _order_detail(Order.objects.filter(user=user)).filter(number=number).first()


def order_for_token(token: str) -> Order | None:
    """The order a signed link points to, or None."""
    number = order_number_from_token(token)
    if number is None:
        return None
    return _order_detail(Order.objects.all()).filter(number=number).first()


def order_for_lookup(*, number: str, email: str) -> Order | None:
    """The order a guest names by its number and the email it was placed with."""
    return Order.objects.filter(number=number.strip().upper(), email__iexact=email).first()


def _order_detail(orders: QuerySet[Order]) -> QuerySet[Order]:
    """An order as its customer sees it: no internal notes, nothing of who did what."""
    credited = Refund.objects.filter(status=Refund.Status.SUCCEEDED)
    timeline = OrderEvent.objects.filter(kind__in=OrderEvent.CUSTOMER_KINDS)
    return orders.select_related("invoice").prefetch_related(
        "items",
        Prefetch("events", queryset=timeline, to_attr="customer_events"),
        Prefetch("refunds", queryset=credited, to_attr="credited_refunds"),
    )


def order_for_staff(order_id: int) -> Order:
    """An order with all the staff's order page shows, in a fixed number of queries."""
    return (
        Order.objects.select_related("invoice", "user")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=OrderItem.objects.select_related(
                    "variant__product", "variant__stock"
                ).prefetch_related(*_thumbnails()),
            ),
            "payments",
            Prefetch("refunds", queryset=Refund.objects.prefetch_related("lines__item")),
            Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
        )
        .get(pk=order_id)
    )


@dataclass(frozen=True)
class StaffOrderLine:
    item: OrderItem
    image: Picture | None


def order_lines_with_images(order: Order) -> list[StaffOrderLine]:
    """The order's lines, each with its variant's picture while the product exists."""
    return [StaffOrderLine(item, _picture_of(item)) for item in order.items.all()]


def _picture_of(item: OrderItem) -> Picture | None:
    """An order line's picture while its variant exists (prefetched by `_thumbnails`)."""
    variant = item.variant
    return variant_picture(variant, list(variant.product.images.all())) if variant else None


@dataclass(frozen=True)
class StaffPayment:
    payment: Payment
    gateway_url: str


def payments_with_links(order: Order) -> list[StaffPayment]:
    """The order's payments, each linked to its page at the gateway when there is one."""
    gateways = configured()
    rows = []
    for payment in order.payments.all():
        gateway = gateways.get(payment.gateway)
        url = gateway.dashboard_url(payment.transaction_id) if gateway else ""
        rows.append(StaffPayment(payment, url))
    return rows


def credited_refund_of(order: Order, refund_id) -> Refund | None:
    """A refund of `order` that has a credit note, or None."""
    return order.refunds.filter(pk=refund_id, status=Refund.Status.SUCCEEDED).first()


def cart_line_of(cart: Cart | None, line_id) -> CartLine | None:
    return cart.lines.filter(pk=line_id).first() if cart is not None else None


@dataclass(frozen=True)
class LedgerMismatch:
    sku: str
    on_hand: int
    on_hand_moved: int
    reserved: int
    reserved_moved: int


def stock_ledger_mismatches() -> list[LedgerMismatch]:
    """Stock records whose units are not the sums of their movements, in one query."""

    def moved(field: str) -> Coalesce:
        sums = (
            StockMovement.objects.filter(variant=OuterRef("variant"))
            .values("variant")
            .annotate(total=Sum(field))
            .values("total")
        )
        return Coalesce(Subquery(sums), 0)

    records = (
        StockRecord.objects.annotate(
            on_hand_moved=moved("on_hand_change"), reserved_moved=moved("reserved_change")
        )
        .exclude(num_on_hand=F("on_hand_moved"), num_reserved=F("reserved_moved"))
        .order_by("variant__sku")
        .values_list(
            "variant__sku", "num_on_hand", "on_hand_moved", "num_reserved", "reserved_moved"
        )
    )
    return [LedgerMismatch(*row) for row in records]
