"""The demo gateway: a labelled page with pay and decline buttons. No money moves,
so production refuses it unless SHOP_ALLOW_DEMO_PAYMENTS is set on purpose."""

import uuid

from commerce.payments.base import FAILED, SUCCEEDED, GatewayEvent, Outcome
from core.money import to_minor_units


class DemoGateway:
    name = "demo"
    template = "commerce/payments/demo.html"
    moves_money = False

    def configuration_errors(self) -> list[str]:
        return []

    def page_context(self) -> dict:
        return {}

    def pay(self, payment, data) -> Outcome:
        transaction_id = f"demo_{uuid.uuid4().hex[:16]}"
        if data.get("outcome") != "pay":
            return Outcome(FAILED, transaction_id, message="Declined (demo): no money moved.")
        return Outcome(
            SUCCEEDED,
            transaction_id,
            amount_minor=to_minor_units(payment.amount, payment.currency),
            currency=payment.currency,
            raw={"demo": True},
        )

    def handle_return(self, payment, data) -> Outcome:
        return Outcome(FAILED, payment.transaction_id, message="Nothing to return to in the demo.")

    def refund(self, refund) -> str:
        return f"demo_refund_{refund.idempotency_key}"

    def dashboard_url(self, transaction_id: str) -> str:
        return ""  # the demo gateway has no dashboard

    def receives_webhooks(self) -> bool:
        return False

    def parse_webhook(self, body: bytes, headers) -> GatewayEvent:
        raise NotImplementedError("The demo gateway sends no webhooks.")

    def event_from_payload(self, payload: dict) -> GatewayEvent:
        raise NotImplementedError("The demo gateway sends no webhooks.")
