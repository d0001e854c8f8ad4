"""The demo store's shipping methods and a welcome voucher."""

from decimal import Decimal

from commerce.models import ShippingMethod, Voucher

SHIPPING_METHODS = [
    {
        "name": "Standard delivery",
        "description": "3 to 5 working days",
        "price": Decimal("4.95"),
        "free_above": Decimal("75.00"),
        "sort_order": 1,
    },
    {
        "name": "Express delivery",
        "description": "Next working day",
        "price": Decimal("12.00"),
        "sort_order": 2,
    },
]
VOUCHER = {
    "code": "WELCOME10",
    "kind": Voucher.Kind.PERCENTAGE,
    "value": Decimal("10"),
    "limit_per_customer": 1,
}


def ensure_checkout_options(log=print) -> None:
    for fields in SHIPPING_METHODS:
        ShippingMethod.objects.get_or_create(name=fields["name"], defaults=fields)
    Voucher.objects.get_or_create(code=VOUCHER["code"], defaults=VOUCHER)
    log(f"Demo voucher: {VOUCHER['code']} takes 10% off, once per customer.")
