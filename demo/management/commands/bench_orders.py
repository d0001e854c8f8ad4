"""A year of order history for the benchmarks: the dashboard and the reports read it."""

import contextlib
import datetime
import random
import time
import uuid
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from catalog.models import ProductVariant
from commerce.models import (
    FulfilmentStatus,
    Order,
    OrderItem,
    Payment,
    PaymentStatus,
    Refund,
    Voucher,
    WebhookEvent,
)
from core.money import round_money

PREFIX = "B"  # bench orders are numbered B0000001 on; shoppers' orders never start so
BATCH = 5_000
DAYS = 365
TAX_RATE = Decimal("20")
ADDRESS = {
    "full_name": "Sam Bench",
    "line1": "1 Load Street",
    "city": "Bristol",
    "postcode": "BS1 1AA",
    "country": "GB",
}


class Command(BaseCommand):
    help = "Add bench orders (paid, shipped, refunded, cancelled) over the last year."

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=int, default=50_000)

    def handle(self, *args, orders, **options):
        have = Order.objects.filter(number__startswith=PREFIX).count()
        if have >= orders:
            self.stdout.write(f"{have} bench orders there already.")
            return
        started = time.monotonic()
        variants = list(ProductVariant.objects.offered().values_list("pk", "sku", "price")[:2000])
        voucher = Voucher.objects.filter(code="WELCOME10").first()
        rng = random.Random(7)
        for first in range(have, orders, BATCH):
            numbers = range(first, min(first + BATCH, orders))
            with transaction.atomic(), _dates_as_given():
                _add_batch(rng, variants, voucher, numbers, orders)
        _add_webhook_events(rng)
        self.stdout.write(
            f"{orders - have} bench orders added in {time.monotonic() - started:.1f}s."
        )


@contextlib.contextmanager
def _dates_as_given():
    """Let the seed set `created_at`, which the shop always stamps itself."""
    field = Order._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _add_batch(rng, variants, voucher, numbers, total_orders):
    now = timezone.now()
    orders, lines = [], []
    for n in numbers:
        age = datetime.timedelta(days=DAYS * (total_orders - n) / total_orders)
        chosen = [(rng.choice(variants), rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
        order = _order(rng, n, now - age, chosen, voucher)
        orders.append(order)
        lines.append(chosen)
    Order.objects.bulk_create(orders)
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            variant_id=pk,
            title=f"Bench product {sku}",
            sku=sku,
            unit_price=price,
            quantity=quantity,
            quantity_refunded=quantity if order.payment_status == PaymentStatus.REFUNDED else 0,
            line_total=price * quantity,
        )
        for order, chosen in zip(orders, lines, strict=True)
        for (pk, sku, price), quantity in chosen
    )
    _add_payments(rng, orders)


def _order(rng, n, created_at, chosen, voucher) -> Order:
    goods = sum((price * quantity for (_, _, price), quantity in chosen), Decimal("0.00"))
    with_voucher = voucher is not None and n % 20 == 0
    discount = round_money(goods / 10, "GBP") if with_voucher else Decimal("0.00")
    shipping = Decimal("0.00") if goods - discount >= 75 else Decimal("4.95")
    total = goods - discount + shipping
    payment_status, fulfilment_status = _statuses(rng, created_at)
    return Order(
        number=f"{PREFIX}{n:07d}",
        checkout_key=uuid.uuid4(),
        email=f"bench{n % 5000}@shop.test",
        payment_status=payment_status,
        fulfilment_status=fulfilment_status,
        currency="GBP",
        shipping_address=ADDRESS,
        billing_address=ADDRESS,
        shipping_method_name="Standard delivery",
        voucher=voucher if with_voucher else None,
        voucher_code=voucher.code if with_voucher else "",
        prices_include_tax=True,
        tax_rate=TAX_RATE,
        goods_total=goods,
        discount_total=discount,
        shipping_total=shipping,
        tax_total=round_money(total * TAX_RATE / (100 + TAX_RATE), "GBP"),
        total=total,
        created_at=created_at,
    )


def _statuses(rng, created_at) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.01:
        return PaymentStatus.AWAITING_PAYMENT, FulfilmentStatus.UNFULFILLED
    if roll < 0.06:
        return PaymentStatus.CANCELLED, FulfilmentStatus.UNFULFILLED
    if roll < 0.09:
        return PaymentStatus.REFUNDED, FulfilmentStatus.UNFULFILLED
    recent = timezone.now() - created_at < datetime.timedelta(days=3)
    return PaymentStatus.PAID, (
        FulfilmentStatus.UNFULFILLED if recent else FulfilmentStatus.DELIVERED
    )


def _add_payments(rng, orders):
    paid = [o for o in orders if o.payment_status in (PaymentStatus.PAID, PaymentStatus.REFUNDED)]
    payments = Payment.objects.bulk_create(
        Payment(
            order=order,
            gateway="stripe",
            attempt=1,
            transaction_id=f"pi_bench_{order.number}",
            status=Payment.Status.FLAGGED if rng.random() < 0.0005 else Payment.Status.SUCCEEDED,
            amount=order.total,
            currency=order.currency,
        )
        for order in paid
    )
    Refund.objects.bulk_create(
        Refund(
            order=payment.order,
            payment=payment,
            status=Refund.Status.SUCCEEDED,
            amount=payment.amount,
            shipping_amount=payment.order.shipping_total,
            tax_amount=payment.order.tax_total,
            idempotency_key=f"bench-refund-{payment.order.number}",
            credit_note_number=1_000_000 + int(payment.order.number[len(PREFIX) :]),
            completed_at=payment.order.created_at,
        )
        for payment in payments
        if payment.order.payment_status == PaymentStatus.REFUNDED
    )


def _add_webhook_events(rng):
    if WebhookEvent.objects.filter(event_id__startswith="evt_bench_").exists():
        return
    WebhookEvent.objects.bulk_create(
        WebhookEvent(
            gateway="stripe",
            event_id=f"evt_bench_{n}",
            type="payment_intent.succeeded",
            payload={},
            status=WebhookEvent.Status.FAILED if n % 200 == 0 else WebhookEvent.Status.HANDLED,
            error="Bench: the order was locked too long" if n % 200 == 0 else "",
        )
        for n in range(10_000)
    )
