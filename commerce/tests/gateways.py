"""Gateways for tests, named by dotted path in SHOP_PAYMENT_GATEWAYS as any other.

They stand where a payment provider would: the shop's own code around them runs for
real. `LockProbeGateway` looks, from a second database connection, at whether the
order's row is locked and a transaction is open while it is called."""

import psycopg
from django.db import connection
from psycopg import sql

from commerce.exceptions import PaymentError
from commerce.payments.demo import DemoGateway


class ProbeRefused(PaymentError):
    """The probing gateway's own error, as a real gateway raises its own."""


class LockProbeGateway(DemoGateway):
    name = "demo"  # refunds payments made through the demo gateway
    seen: list[dict] = []

    def refund(self, refund) -> str:
        self.seen.append(
            {
                "in_transaction": connection.in_atomic_block,
                "order_row_free": _row_free("commerce_order", refund.order_id),
                "refund_row_free": _row_free("commerce_refund", refund.pk),
            }
        )
        return super().refund(refund)


class RefusingGateway(DemoGateway):
    name = "demo"

    def refund(self, refund) -> str:
        raise ProbeRefused("The card account is closed.")


def _row_free(table: str, pk: int) -> bool:
    """Whether another connection could lock the row right now (NOWAIT: no waiting)."""
    db = connection.settings_dict
    query = sql.SQL("SELECT 1 FROM {} WHERE id = %s FOR UPDATE NOWAIT").format(
        sql.Identifier(table)
    )
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, dbname=db["NAME"], user=db["USER"]
    ) as other:
        try:
            other.execute(query, [pk])
        except psycopg.errors.LockNotAvailable:
            return False
        finally:
            other.rollback()
    return True
