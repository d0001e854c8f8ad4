class CommerceError(Exception):
    """A business rule said no; the message is safe to show to the user."""


class StockBelowReserved(CommerceError):
    def __init__(self, *, sku: str, reserved: int):
        self.sku, self.reserved = sku, reserved
        super().__init__(
            f"{sku} has {reserved} units reserved by orders; on hand cannot go below that."
        )
