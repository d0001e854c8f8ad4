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
        super().__init__(f"Order {order.number} cannot go from {order.status} to {to_status}.")


class PaymentError(CommerceError):
    """The order cannot be paid (now); nothing was charged."""


class RefundError(CommerceError):
    pass
