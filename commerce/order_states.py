"""Which status an order may move to from which: the one place that says so."""

from commerce.models import OrderStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.AWAITING_PAYMENT, S.CANCELLED}),
    S.AWAITING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.SHIPPED, S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED, S.SHIPPED, S.FULFILLED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

# Unpaid orders hold reserved stock; paying commits it, cancelling gives it back.
UNPAID = frozenset({S.PENDING, S.AWAITING_PAYMENT})

# The emails a customer gets when an order reaches these states.
EMAILS = {
    S.AWAITING_PAYMENT: "received",
    S.PAID: "paid",
    S.SHIPPED: "shipped",
    S.CANCELLED: "cancelled",
}


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]
