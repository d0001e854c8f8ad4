"""Unguessable links to an order for people without an account: the order number,
signed with the site's secret key. A bare id or number is never enough."""

from django.core import signing

SALT = "shop.order-access"


def order_token(order) -> str:
    return signing.dumps(order.number, salt=SALT)


def order_number_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
