"""Payment gateways: Stripe when its keys are set, the demo gateway otherwise."""

from django.conf import settings

from commerce.payments.base import Gateway, Outcome


def get_gateway() -> Gateway:
    """The gateway new payments use."""
    return gateway_named("stripe" if settings.STRIPE_SECRET_KEY else "demo")


def gateway_named(name: str) -> Gateway:
    """The gateway an earlier payment went through (for its refunds)."""
    if name == "stripe":
        from commerce.payments.stripe_gateway import StripeGateway

        return StripeGateway()
    from commerce.payments.demo import DemoGateway

    return DemoGateway()


__all__ = ["Gateway", "Outcome", "gateway_named", "get_gateway"]
