"""Which status an order may move to from which: the one place that says so.

An order has two statuses that move apart: its payment (awaiting → paid → partially
refunded → refunded, or cancelled while unpaid) and its fulfilment (unfulfilled →
shipped → delivered). Refunding a shipped order leaves it shipped."""

from django.db.models import Q

from commerce.models import FulfilmentStatus as F
from commerce.models import PaymentStatus as P

PAYMENT_MOVES: dict[str, frozenset[str]] = {
    P.AWAITING_PAYMENT: frozenset({P.PAID, P.CANCELLED}),
    P.PAID: frozenset({P.PARTIALLY_REFUNDED, P.REFUNDED}),
    P.PARTIALLY_REFUNDED: frozenset({P.PARTIALLY_REFUNDED, P.REFUNDED}),
    P.REFUNDED: frozenset(),
    P.CANCELLED: frozenset(),
}

FULFILMENT_MOVES: dict[str, frozenset[str]] = {
    F.UNFULFILLED: frozenset({F.SHIPPED}),
    F.SHIPPED: frozenset({F.DELIVERED}),
    F.DELIVERED: frozenset(),
}

# Goods leave only for an order whose money is (at least partly) still with the shop.
SHIPPABLE = frozenset({P.PAID, P.PARTIALLY_REFUNDED})
# The orders the warehouse has to pack (an index covers this condition).
WAITING_TO_SHIP = Q(payment_status__in=SHIPPABLE, fulfilment_status=F.UNFULFILLED)
# Only an order whose goods have not left can be cancelled.
CANCELLABLE_FULFILMENT = frozenset({F.UNFULFILLED})
# Money can be given back while some of it is kept.
REFUNDABLE = frozenset({P.PAID, P.PARTIALLY_REFUNDED})

# The emails a customer gets when an order reaches these statuses.
EMAILS = {
    P.AWAITING_PAYMENT: "received",
    P.PAID: "paid",
    P.CANCELLED: "cancelled",
    F.SHIPPED: "shipped",
}


def can_move_payment(order, to_status: str) -> bool:
    if to_status == P.CANCELLED and order.fulfilment_status not in CANCELLABLE_FULFILMENT:
        return False
    return to_status in PAYMENT_MOVES[order.payment_status]


def can_move_fulfilment(order, to_status: str) -> bool:
    if order.payment_status not in SHIPPABLE:
        return False
    return to_status in FULFILMENT_MOVES[order.fulfilment_status]
