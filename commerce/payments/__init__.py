"""The registry of payment gateways: the classes named in SHOP_PAYMENT_GATEWAYS.

New payments go through the first; an earlier payment's refunds go through the
gateway it was made with. A name that is not configured is an error, never a
fallback: a refund must not "succeed" through a gateway that moves no money."""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from commerce.exceptions import UnknownGateway
from commerce.payments.base import Gateway, Outcome


def configured() -> dict[str, Gateway]:
    """The configured gateways by name, in the order of the setting."""
    return _load(tuple(settings.SHOP_PAYMENT_GATEWAYS))


def get_gateway() -> Gateway:
    """The gateway new payments use."""
    gateways = configured()
    if not gateways:
        raise UnknownGateway("(none: SHOP_PAYMENT_GATEWAYS is empty)")
    return next(iter(gateways.values()))


def gateway_named(name: str) -> Gateway:
    try:
        return configured()[name]
    except KeyError:
        raise UnknownGateway(name) from None


def for_payment(payment) -> Gateway:
    return gateway_named(payment.gateway)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> dict[str, Gateway]:
    gateways = [import_string(path)() for path in paths]
    return {gateway.name: gateway for gateway in gateways}


__all__ = ["Gateway", "Outcome", "configured", "for_payment", "gateway_named", "get_gateway"]
