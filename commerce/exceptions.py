class CommerceError(Exception):
    """A business rule said no; the message is safe to show to the user."""


class StockBelowReserved(CommerceError):
    def __init__(self, *, sku: str, reserved: int):
        self.sku, self.reserved = sku, reserved
        super().__init__(
            f"{sku} has {reserved} units reserved by orders; on hand cannot go below that."
        )


class CartError(CommerceError):
    """The cart cannot change that way (sold out, too many, unavailable)."""


class CheckoutError(CommerceError):
    """The order cannot be placed as it stands; nothing was changed."""


class VoucherError(CheckoutError):
    pass


class IllegalTransition(CommerceError):
    def __init__(self, order, to_status):
        self.order, self.to_status = order, to_status
        super().__init__(
            f"Order {order.number} ({order.get_payment_status_display()}, "
            f"{order.get_fulfilment_status_display()}) cannot become {_label(to_status)}."
        )


class ReviewOutdated(CheckoutError):
    """The cart, a price, the shipping or the voucher changed after the shopper reviewed
    the order; `review` is the review as it stands now."""

    def __init__(self, review):
        self.review = review
        super().__init__("Your order changed since you reviewed it; please check it again.")


class OrderLimitReached(CheckoutError):
    """One client holds too much stock in unpaid orders already."""


class PaymentError(CommerceError):
    """The order cannot be paid (now), or a gateway said no; nothing was charged.
    Each gateway raises its own subclass."""


class UnknownGateway(PaymentError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"No payment gateway named {name!r} is configured.")


class RefundError(CommerceError):
    """The refund cannot be made as asked; nothing was recorded."""


class RefundFailed(RefundError):
    """The gateway refused the refund; it is recorded as failed, and nothing else changed."""


def _label(status: str) -> str:
    return status.replace("_", " ")


class IdempotencyKeyReused(CheckoutError):
    """An Idempotency-Key came back with a body other than the one it placed an order with."""
