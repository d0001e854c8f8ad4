"""Refunds of returned lines, shipping or a goodwill amount, in two phases around the
gateway: (a) lock, validate and record a pending refund, and commit; (b) call the
gateway with no transaction open; (c) lock again and book the outcome. Success
brings the credit note, the restock of exactly the returned units and the payment
status; failure changes nothing but the refund's own record."""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from commerce import locks, order_states, pricing
from commerce.exceptions import PaymentError, RefundError, RefundFailed
from commerce.models import Order, OrderItem, Payment, PaymentStatus, Refund, RefundLine
from commerce.payments import for_payment
from commerce.payments.base import FAILED, PENDING, UNKNOWN_PAYMENT, RefundEvent
from commerce.services import orders
from commerce.services import stock as stock_services
from commerce.services.invoices import next_number
from core.money import format_money, from_minor_units

logger = logging.getLogger(__name__)

CREDIT_NOTE_SEQUENCE = "credit_note"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ReturnedLine:
    """Units of one order line to give back, and whether they go back on the shelf."""

    item_id: int
    quantity: int
    restock: bool = False


@dataclass(frozen=True)
class RefundRequest:
    lines: tuple[ReturnedLine, ...] = ()
    shipping: bool = False
    goodwill: Decimal = ZERO  # an amount given back beyond any lines
    reason: str = ""


def refund(*, order_id: int, request: RefundRequest, idempotency_key: str, by=None) -> Refund:
    """Give back what `request` names through the payment's gateway.

    The same key returns the first refund, finishing it if a crash left it pending, and
    moves no more money. Raises RefundError having recorded nothing, or RefundFailed
    having recorded the gateway's refusal."""
    pending = record_pending(
        order_id=order_id, request=request, idempotency_key=idempotency_key, by=by
    )
    if pending.status == Refund.Status.FAILED:
        raise RefundFailed(pending.failure_reason)
    if pending.status == Refund.Status.SUCCEEDED:
        return pending
    return send(pending)


def send(pending: Refund) -> Refund:
    """Phase (b) and (c): ask the gateway, with no transaction open, then book its answer."""
    try:
        gateway_refund_id = for_payment(pending.payment).refund(pending)
    except PaymentError as error:
        record_failure(refund_id=pending.pk, reason=str(error))
        raise RefundFailed(str(error)) from error
    return record_success(refund_id=pending.pk, gateway_refund_id=gateway_refund_id)


@transaction.atomic
def record_pending(
    *, order_id: int, request: RefundRequest, idempotency_key: str, by=None
) -> Refund:
    """Phase (a): check the request against what is left to refund and record it."""
    order = locks.order(order_id)
    existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.order_id != order.pk:
            raise RefundError("That refund belongs to another order.")
        return existing
    payment = _refundable_payment(order)
    items = {item.pk: item for item in order.items.all()}
    shares, shipping_share = pricing.order_shares(order, items.values())
    claims = Refund.objects.filter(order=order).exclude(status=Refund.Status.FAILED)
    claimed = _units_claimed(claims)
    lines = [_priced(order, line, items, shares, claimed) for line in _distinct(request.lines)]
    shipping = _shipping_amount(order, request.shipping, shipping_share, claims)
    goodwill = _goodwill(order, request.goodwill)
    amount = sum((line.amount for line in lines), ZERO) + shipping + goodwill
    if amount <= 0:
        raise RefundError("Choose lines, shipping or an amount to refund.")
    left = order.total - (claims.aggregate(total=Sum("amount"))["total"] or ZERO)
    if amount > left:
        raise RefundError(
            f"That is {_money(amount, order)}; at most {_money(left, order)} is left to refund."
        )
    made = Refund.objects.create(
        order=order,
        payment=payment,
        amount=amount,
        shipping_amount=shipping,
        idempotency_key=idempotency_key,
        reason=request.reason[:255],
        requested_by=by if by is not None and by.is_authenticated else None,
    )
    for line in lines:
        line.refund = made
    RefundLine.objects.bulk_create(lines)
    return made


@transaction.atomic
def record_success(*, refund_id: int, gateway_refund_id: str) -> Refund:
    """Phase (c) on success: restock the returned units, take the credit note's number,
    fix its tax and move the payment status. Booking twice changes nothing."""
    order = locks.order(Refund.objects.values_list("order_id", flat=True).get(pk=refund_id))
    booked = locks.refund(refund_id)
    if booked.status == Refund.Status.SUCCEEDED:
        return booked  # the gateway's webhook (or a retry) booked it first
    lines = list(booked.lines.select_related("item"))
    restocked = {line.item.variant_id: line.quantity for line in lines if line.restock}
    stock_services.restock(restocked, order=order, by=booked.requested_by)
    for line in lines:
        _count_returned(line)
    earlier = refunded_total(order)
    # The order's tax in proportion: all refunds together carry exactly the invoice's tax.
    booked.tax_amount = pricing.portion(
        order.tax_total,
        done=earlier,
        adding=booked.amount,
        whole=order.total,
        rules=pricing.TaxRules.of_order(order),
    )
    booked.credit_note_number = next_number(CREDIT_NOTE_SEQUENCE)  # the last lock taken
    booked.status = Refund.Status.SUCCEEDED
    booked.gateway_refund_id = gateway_refund_id or booked.gateway_refund_id
    booked.failure_reason = ""
    booked.completed_at = timezone.now()
    booked.save()
    _move_payment_status(order, booked, fully=earlier + booked.amount >= order.total)
    return booked


@transaction.atomic
def record_failure(*, refund_id: int, reason: str) -> Refund:
    """Phase (c) on failure: the refund is marked failed; stock and statuses stay."""
    locks.order(Refund.objects.values_list("order_id", flat=True).get(pk=refund_id))
    failed = locks.refund(refund_id)
    if failed.status == Refund.Status.PENDING:
        failed.status = Refund.Status.FAILED
        failed.failure_reason = reason[:255]
        failed.completed_at = timezone.now()
        failed.save(update_fields=["status", "failure_reason", "completed_at"])
    return failed


def apply_event(gateway_name: str, *, event: RefundEvent) -> str:
    """A gateway's news of a refund: the shop's own (booked once, whichever of the
    webhook and the gateway's answer comes first) or one made in its dashboard."""
    payment = Payment.objects.filter(
        gateway=gateway_name,
        transaction_id=event.transaction_id,
        status=Payment.Status.SUCCEEDED,
    ).first()
    if payment is None or not event.transaction_id:
        return UNKNOWN_PAYMENT
    order = locks.order(payment.order_id)
    ours = _refund_for_event(order, event)
    if event.status == PENDING:
        return f"refund {event.gateway_refund_id} pending at the gateway"
    if event.status == FAILED:
        return _gateway_failure(ours, event)
    if ours is not None:
        record_success(refund_id=ours.pk, gateway_refund_id=event.gateway_refund_id)
        return f"refund {ours.pk} booked"
    return _book_outside_refund(order, payment, gateway_name, event)


def credit_note_pdf(refund: Refund) -> bytes:
    order = refund.order
    html = render_to_string(
        "commerce/credit_note.html",
        {
            "refund": refund,
            "order": order,
            "lines": refund.lines.select_related("item"),
            "invoice": getattr(order, "invoice", None),
        },
    )
    return HTML(string=html).write_pdf()


def _refundable_payment(order: Order) -> Payment:
    if order.payment_status not in order_states.REFUNDABLE:
        raise RefundError(
            f"Order {order.number} is {order.get_payment_status_display()}: nothing to refund."
        )
    payment = order.payments.filter(status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        raise RefundError(f"Order {order.number} has no successful payment to refund.")
    return payment


def _distinct(lines) -> list[ReturnedLine]:
    """The lines with units to return; the same order line named twice is refused."""
    seen = set()
    for line in lines:
        if line.item_id in seen:
            raise RefundError("Name each order line once.")
        seen.add(line.item_id)
    return [line for line in lines if line.quantity]


def _units_claimed(claims) -> dict[int, int]:
    """Units of each order line (by id) that pending or booked refunds already give back."""
    lines = RefundLine.objects.filter(refund__in=claims).values_list("item_id")
    return dict(lines.annotate(units=Sum("quantity")).order_by())


def _priced(order, line: ReturnedLine, items, shares, units_claimed) -> RefundLine:
    """The returned units of one line at what the customer paid for them. Running
    shares keep the sum of partial refunds equal to the line's share, to the cent."""
    item: OrderItem | None = items.get(line.item_id)
    if item is None:
        raise RefundError("That line is not part of this order.")
    if line.quantity < 0:
        raise RefundError(f"{item.title}: the quantity cannot be negative.")
    claimed = units_claimed.get(item.pk, 0)
    if line.quantity > item.quantity - claimed:
        raise RefundError(
            f"{item.title} ({item.sku}): {item.quantity - claimed} of {item.quantity} "
            "can still be refunded."
        )
    if line.restock and item.variant_id is None:
        raise RefundError(f"{item.title} can no longer go back in stock: its variant is gone.")
    amount = pricing.portion(
        shares[item.pk],
        done=claimed,
        adding=line.quantity,
        whole=item.quantity,
        rules=pricing.TaxRules.of_order(order),
    )
    return RefundLine(item=item, quantity=line.quantity, restock=line.restock, amount=amount)


def _shipping_amount(order, wanted: bool, share: Decimal, claims) -> Decimal:
    if not wanted:
        return ZERO
    if share <= 0:
        raise RefundError("This order had no shipping cost to refund.")
    if claims.filter(shipping_amount__gt=0).exists():
        raise RefundError("The shipping of this order is already refunded.")
    return share


def _goodwill(order, amount: Decimal) -> Decimal:
    if amount < 0:
        raise RefundError("A refund amount cannot be negative.")
    if amount != pricing.TaxRules.of_order(order).round(amount):
        raise RefundError(f"Give the amount in whole {order.currency} minor units.")
    return amount


def _count_returned(line: RefundLine) -> None:
    item = line.item
    item.quantity_refunded += line.quantity
    if line.restock:
        item.quantity_restocked += line.quantity
    item.save(update_fields=["quantity_refunded", "quantity_restocked"])


def _move_payment_status(order: Order, booked: Refund, *, fully: bool) -> None:
    status = PaymentStatus.REFUNDED if fully else PaymentStatus.PARTIALLY_REFUNDED
    note = f"{booked.credit_note_display_number}: {_money(booked.amount, order)} refunded."
    if order_states.can_move_payment(order, status):
        orders.move_payment(order, to_status=status, note=note, by=booked.requested_by)
    else:  # refunded at the gateway beyond the order's total: staff must look
        logger.warning("Order %s: %s booked after it was fully refunded", order.number, note)


def refunded_total(order: Order) -> Decimal:
    succeeded = order.refunds.filter(status=Refund.Status.SUCCEEDED)
    return succeeded.aggregate(total=Sum("amount"))["total"] or ZERO


def _refund_for_event(order: Order, event: RefundEvent) -> Refund | None:
    known = order.refunds.filter(gateway_refund_id=event.gateway_refund_id).first()
    if known is not None or not event.refund_id.isdigit():
        return known
    return order.refunds.filter(pk=event.refund_id, gateway_refund_id="").first()


def _gateway_failure(ours: Refund | None, event: RefundEvent) -> str:
    if ours is None:
        return f"refund {event.gateway_refund_id} failed at the gateway"
    if ours.status == Refund.Status.SUCCEEDED:
        logger.warning(
            "Refund %s (%s) failed at the gateway after it was booked",
            ours.pk,
            event.gateway_refund_id,
        )
        return f"refund {ours.pk} failed after booking: check it"
    record_failure(refund_id=ours.pk, reason=event.message or "Failed at the payment provider.")
    return f"refund {ours.pk} failure noted"


def _book_outside_refund(order, payment, gateway_name: str, event: RefundEvent) -> str:
    """A refund made in the gateway's own dashboard: money has gone back, so it is
    booked as an amount with no lines (nothing goes back in stock)."""
    if event.currency != order.currency:
        logger.warning(
            "Refund %s is in %s, not %s", event.gateway_refund_id, event.currency, order.currency
        )
        return "refund in another currency: check it"
    outside = Refund.objects.create(
        order=order,
        payment=payment,
        amount=from_minor_units(event.amount_minor, event.currency),
        idempotency_key=f"{gateway_name}-{event.gateway_refund_id}",
        gateway_refund_id=event.gateway_refund_id,
        reason="Refunded at the payment provider.",
    )
    record_success(refund_id=outside.pk, gateway_refund_id=event.gateway_refund_id)
    return f"refund {outside.pk} booked from the gateway"


def _money(amount: Decimal, order: Order) -> str:
    return format_money(amount, order.currency)
