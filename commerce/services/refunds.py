"""Refunds, full and partial: each once per idempotency key, each with a credit note."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from weasyprint import HTML

from commerce import locks
from commerce.exceptions import RefundError
from commerce.models import Order, OrderStatus, Payment, Refund
from commerce.payments import gateway_named
from commerce.services import orders
from commerce.services import stock as stock_services
from commerce.services.invoices import next_number

CREDIT_NOTE_SEQUENCE = "credit_note"
REFUNDABLE = {
    OrderStatus.PAID,
    OrderStatus.SHIPPED,
    OrderStatus.FULFILLED,
    OrderStatus.PARTIALLY_REFUNDED,
}


def refund(
    order: Order, amount: Decimal, *, idempotency_key: str, restock: bool = False, reason: str = ""
) -> Refund:
    """Give `amount` of a paid order back through its gateway. Calling again with the
    same key returns the first refund and moves no money."""
    with transaction.atomic():
        order = locks.order(order.pk)
        existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        payment = _check_refundable(order, amount)
        # The gateway's own idempotency key makes this call safe to repeat if we roll back.
        refund_id = gateway_named(payment.gateway).refund(payment, amount, idempotency_key)
        return record_refund(
            order,
            payment,
            amount,
            idempotency_key=idempotency_key,
            gateway_refund_id=refund_id,
            restock=restock,
            reason=reason,
        )


def record_refund(
    order, payment, amount, *, idempotency_key, gateway_refund_id, restock=False, reason=""
) -> Refund:
    """Book a refund the gateway has made: credit note, restock, order status.
    Runs inside the caller's transaction, with the order locked."""
    created = Refund.objects.create(
        order=order,
        payment=payment,
        amount=amount,
        idempotency_key=idempotency_key,
        gateway_refund_id=gateway_refund_id,
        restocked=restock,
        reason=reason[:255],
        credit_note_number=next_number(CREDIT_NOTE_SEQUENCE),
    )
    if restock:
        _restock(order)
    fully = refunded_total(order) >= order.total
    status = OrderStatus.REFUNDED if fully else OrderStatus.PARTIALLY_REFUNDED
    orders.transition(
        order, status, note=f"{created.credit_note_display_number}: {amount} refunded."
    )
    return created


def refunded_total(order: Order) -> Decimal:
    return order.refunds.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def credit_note_pdf(refund: Refund) -> bytes:
    order = refund.order
    html = render_to_string(
        "commerce/credit_note.html",
        {"refund": refund, "order": order, "invoice": getattr(order, "invoice", None)},
    )
    return HTML(string=html).write_pdf()


def _check_refundable(order: Order, amount: Decimal) -> Payment:
    if order.status not in REFUNDABLE:
        raise RefundError(
            f"Order {order.number} is {order.get_status_display()}: nothing to refund."
        )
    payment = order.payments.filter(status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        raise RefundError(f"Order {order.number} has no successful payment to refund.")
    left = order.total - refunded_total(order)
    if not Decimal("0.00") < amount <= left:
        raise RefundError(f"A refund must be more than 0 and at most {left} for this order.")
    return payment


def _restock(order: Order) -> None:
    """Put back whatever of the order is not back on the shelf yet."""
    items = [
        item
        for item in order.items.exclude(variant=None)
        if item.quantity_restocked < item.quantity
    ]
    stock_services.restock(
        {item.variant_id: item.quantity - item.quantity_restocked for item in items}
    )
    for item in items:
        item.quantity_restocked = item.quantity
        item.save(update_fields=["quantity_restocked"])
