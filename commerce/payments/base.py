"""What every payment gateway does, in the shop's own terms.

A gateway is one module with one class, named by its dotted path in
`SHOP_PAYMENT_GATEWAYS`. It makes payments and refunds, verifies its own webhooks
and turns them into the neutral events below, and raises its own `PaymentError`
subclass. Nothing outside its module imports its SDK."""

from dataclasses import dataclass, field
from typing import Protocol

SUCCEEDED = "succeeded"
REQUIRES_ACTION = "requires_action"
PENDING = "pending"
FAILED = "failed"
CANCELED = "canceled"
# The gateway could not be reached, or its answer was lost: whether money moved is not
# known until the same request, under the same idempotency key, is sent again.
UNREACHABLE = "unreachable"

# What a handler says of an event about a payment the shop never made.
UNKNOWN_PAYMENT = "unknown payment"


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


@dataclass(frozen=True)
class PaymentEvent:
    """A webhook's news of a payment: its outcome and the shop's ids from its metadata."""

    outcome: Outcome
    order_number: str = ""
    payment_id: str = ""


@dataclass(frozen=True)
class RefundEvent:
    """A webhook's news of a refund, whether the shop or the gateway's dashboard made it."""

    gateway_refund_id: str
    transaction_id: str  # the payment's, at the gateway
    amount_minor: int
    currency: str
    status: str  # SUCCEEDED, PENDING or FAILED
    refund_id: str = ""  # the shop's own, when the shop asked for it
    message: str = ""


@dataclass(frozen=True)
class GatewayEvent:
    """One verified webhook delivery, stored once by `id` in the inbox."""

    id: str
    type: str
    payload: dict
    payment: PaymentEvent | None = None
    refunds: tuple[RefundEvent, ...] = ()


class WebhookRejected(Exception):  # noqa: N818 - reads as what happened to the delivery
    """A delivery that is not a verified, well-formed event; answered with a 400."""

    def __init__(self, message: str, *, bad_signature: bool = False):
        self.bad_signature = bad_signature
        super().__init__(message)


class Gateway(Protocol):
    name: str  # stored on each payment; refunds find their gateway by it
    template: str  # the payment page
    moves_money: bool  # False only for the demo gateway, which production refuses

    def configuration_errors(self) -> list[str]:
        """What is missing for this gateway to work (keys, secrets); empty when ready."""

    def page_context(self) -> dict:
        """What the payment page needs (keys, script URLs)."""

    def pay(self, payment, data) -> Outcome:
        """Start paying `payment` with what the payment page posted."""

    def handle_return(self, payment, data) -> Outcome:
        """The shopper is back from an extra step (3-D Secure): what came of it?"""

    def refund(self, refund) -> str:
        """Give `refund.amount` back, once per `refund.idempotency_key`; returns the
        gateway's refund id. Raises the gateway's PaymentError subclass."""

    def dashboard_url(self, transaction_id: str) -> str:
        """Where staff see the payment at the gateway; empty when there is no such page."""

    def receives_webhooks(self) -> bool:
        """Whether the webhook endpoint is open for this gateway."""

    def parse_webhook(self, body: bytes, headers) -> GatewayEvent:
        """Verify one delivery and say what it means; raise WebhookRejected otherwise."""

    def event_from_payload(self, payload: dict) -> GatewayEvent:
        """What a stored, once verified event means: how the inbox replays it."""
