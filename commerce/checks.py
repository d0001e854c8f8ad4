"""System checks for the payment gateways: run by manage.py and at the start of
every web process (config/startup.py), so a shop never takes orders it cannot be
paid for."""

from django.conf import settings
from django.core.checks import Error, register

from commerce.payments import configured
from core.checks import SHOP_TAG


@register(SHOP_TAG)
def check_payment_gateways(app_configs=None, **kwargs) -> list[Error]:
    try:
        gateways = configured()
    except ImportError as error:
        message = f"SHOP_PAYMENT_GATEWAYS names a class that cannot be imported: {error}"
        return [Error(message, id="shop.E001")]
    if not gateways:
        return [Error("SHOP_PAYMENT_GATEWAYS is empty: no order could be paid.", id="shop.E001")]
    errors = [
        Error(message, id="shop.E002")
        for gateway in gateways.values()
        for message in gateway.configuration_errors()
    ]
    if not settings.SHOP_ALLOW_DEMO_PAYMENTS:
        errors += [
            Error(
                f"The {name} gateway marks orders paid without taking any money.",
                hint="Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, "
                "or SHOP_ALLOW_DEMO_PAYMENTS=true to run demo payments on purpose.",
                id="shop.E003",
            )
            for name, gateway in gateways.items()
            if not gateway.moves_money
        ]
    return errors
