"""Unguessable links to an order for people without an account: the order number,
signed with the site's secret key. A bare id or number is never enough."""

from django.core import signing

SIGNER = signing.Signer(salt="shop.order-access")


def order_token(order) -> str:
    return SIGNER.sign(order.number)


def order_number_from_token(token: str) -> str | None:
    try:
        return SIGNER.unsign(token)
    except signing.BadSignature:
        return None
