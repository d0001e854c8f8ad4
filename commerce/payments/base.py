"""What every payment gateway does, in the shop's own terms."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from babel.numbers import get_currency_precision

SUCCEEDED = "succeeded"
REQUIRES_ACTION = "requires_action"
FAILED = "failed"
CANCELED = "canceled"


@dataclass(frozen=True)
class Outcome:
    """What a gateway said about a payment."""

    status: str
    transaction_id: str = ""
    amount_minor: int | None = None
    currency: str = ""
    message: str = ""
    client_secret: str = ""
    raw: dict = field(default_factory=dict)


class Gateway(Protocol):
    name: str
    template: str  # the payment page

    def page_context(self) -> dict:
        """What the payment page needs (keys, script URLs)."""

    def pay(self, payment, data) -> Outcome:
        """Start paying `payment` with what the payment page posted."""

    def handle_return(self, payment, data) -> Outcome:
        """The shopper is back from an extra step (3-D Secure): what came of it?"""

    def refund(self, payment, amount: Decimal, idempotency_key: str) -> str:
        """Give `amount` back; the same key refunds once. Returns the gateway's refund id."""


def to_minor_units(amount: Decimal, currency: str) -> int:
    return int(amount.scaleb(get_currency_precision(currency)))


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-get_currency_precision(currency))
