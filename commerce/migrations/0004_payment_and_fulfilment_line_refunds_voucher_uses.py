"""Payment and fulfilment statuses apart; refunds made of lines, in two phases; voucher
uses as rows, given back on cancellation; what the unpaid-order caps count by.

Existing orders keep their history: a shipped or fulfilled order becomes paid and
shipped or delivered, a refunded one keeps the fulfilment its timeline shows."""

from decimal import ROUND_HALF_UP, Decimal

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

MONEY = {"decimal_places": 2, "max_digits": 10}
# Old single status → (payment status, fulfilment status); refunds read the timeline.
OLD_STATUSES = {
    "pending": ("awaiting_payment", "unfulfilled"),
    "awaiting_payment": ("awaiting_payment", "unfulfilled"),
    "paid": ("paid", "unfulfilled"),
    "shipped": ("paid", "shipped"),
    "fulfilled": ("paid", "delivered"),
    "cancelled": ("cancelled", "unfulfilled"),
    "partially_refunded": ("partially_refunded", None),
    "refunded": ("refunded", None),
}
OLD_FULFILMENT = {"shipped": "shipped", "fulfilled": "delivered"}


def split_statuses(apps, schema_editor):
    Order = apps.get_model("commerce", "Order")
    OrderEvent = apps.get_model("commerce", "OrderEvent")
    for order in Order.objects.all():
        payment, fulfilment = OLD_STATUSES[order.payment_status]
        if fulfilment is None:
            reached = set(order.events.values_list("to_status", flat=True))
            fulfilment = next(
                (new for old, new in reversed(OLD_FULFILMENT.items()) if old in reached),
                "unfulfilled",
            )
        order.payment_status, order.fulfilment_status = payment, fulfilment
        order.save(update_fields=["payment_status", "fulfilment_status"])
    # "Pending" lasted no longer than the transaction that placed the order.
    OrderEvent.objects.filter(from_status="pending", to_status="awaiting_payment").delete()
    for event in OrderEvent.objects.all():
        if not event.from_status:
            event.kind, event.to_status = "placed", OLD_STATUSES[event.to_status][0]
        elif event.to_status in OLD_FULFILMENT:
            event.kind = "fulfilment"
            event.from_status = OLD_FULFILMENT.get(event.from_status, "unfulfilled")
            event.to_status = OLD_FULFILMENT[event.to_status]
        else:
            event.kind = "payment"
            event.from_status = OLD_STATUSES[event.from_status][0]
        event.save(update_fields=["kind", "from_status", "to_status"])


def join_statuses(apps, schema_editor):
    Order = apps.get_model("commerce", "Order")
    for order in Order.objects.all():
        if order.payment_status == "paid" and order.fulfilment_status != "unfulfilled":
            order.payment_status = {"shipped": "shipped", "delivered": "fulfilled"}[
                order.fulfilment_status
            ]
            order.save(update_fields=["payment_status"])


def book_existing_refunds(apps, schema_editor):
    """Refunds made before were amounts, all succeeded; restocked units count as refunded."""
    Refund = apps.get_model("commerce", "Refund")
    OrderItem = apps.get_model("commerce", "OrderItem")
    for refund in Refund.objects.select_related("order"):
        rate = refund.order.tax_rate
        refund.tax_amount = (refund.amount * rate / (100 + rate)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        refund.completed_at = refund.created_at
        refund.save(update_fields=["tax_amount", "completed_at"])
    OrderItem.objects.update(quantity_refunded=models.F("quantity_restocked"))


def record_voucher_uses(apps, schema_editor):
    Order = apps.get_model("commerce", "Order")
    VoucherUse = apps.get_model("commerce", "VoucherUse")
    placed = Order.objects.exclude(voucher=None).exclude(payment_status="cancelled")
    VoucherUse.objects.bulk_create(
        VoucherUse(voucher_id=order.voucher_id, order=order, email=order.email.lower())
        for order in placed
    )


def count_voucher_uses(apps, schema_editor):
    Voucher = apps.get_model("commerce", "Voucher")
    for voucher in Voucher.objects.all():
        voucher.times_used = voucher.uses.count()
        voucher.save(update_fields=["times_used"])


class Migration(migrations.Migration):
    dependencies = [
        ("commerce", "0003_payments_webhooks_refunds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # --- Payment and fulfilment statuses -------------------------------------
        migrations.RemoveIndex(model_name="order", name="order_unpaid_reservations"),
        migrations.RenameField(model_name="order", old_name="status", new_name="payment_status"),
        migrations.AlterField(
            model_name="order",
            name="payment_status",
            field=models.CharField(
                choices=[
                    ("awaiting_payment", "awaiting payment"),
                    ("paid", "paid"),
                    ("partially_refunded", "partially refunded"),
                    ("refunded", "refunded"),
                    ("cancelled", "cancelled"),
                ],
                default="awaiting_payment",
                editable=False,
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="fulfilment_status",
            field=models.CharField(
                choices=[
                    ("unfulfilled", "not shipped yet"),
                    ("shipped", "shipped"),
                    ("delivered", "delivered"),
                ],
                default="unfulfilled",
                editable=False,
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="order",
            name="carrier",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="order",
            name="tracking_number",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="order",
            name="client_ip",
            field=models.GenericIPAddressField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="order",
            name="client_session",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="from_status",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="to_status",
            field=models.CharField(max_length=20),
        ),
        migrations.AddField(
            model_name="orderevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("placed", "placed"),
                    ("payment", "payment"),
                    ("fulfilment", "fulfilment"),
                ],
                default="payment",
                max_length=12,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="orderevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(split_statuses, join_statuses),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                condition=models.Q(("payment_status", "awaiting_payment")),
                fields=["reserved_until"],
                name="order_unpaid_reservations",
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                django.db.models.functions.text.Upper("email"),
                condition=models.Q(("payment_status", "awaiting_payment")),
                name="order_unpaid_by_email",
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                condition=models.Q(("payment_status", "awaiting_payment")),
                fields=["client_ip"],
                name="order_unpaid_by_client_ip",
            ),
        ),
        # --- Refunds of lines, in two phases ----------------------------------------
        migrations.AddField(
            model_name="orderitem",
            name="quantity_refunded",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="refund",
            name="status",
            field=models.CharField(
                choices=[("pending", "pending"), ("succeeded", "succeeded"), ("failed", "failed")],
                default="succeeded",  # every refund before this one was booked at once
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="refund",
            name="status",
            field=models.CharField(
                choices=[("pending", "pending"), ("succeeded", "succeeded"), ("failed", "failed")],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="refund",
            name="shipping_amount",
            field=models.DecimalField(default=0, **MONEY),
        ),
        migrations.AddField(
            model_name="refund",
            name="tax_amount",
            field=models.DecimalField(blank=True, null=True, **MONEY),
        ),
        migrations.AddField(
            model_name="refund",
            name="failure_reason",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="refund",
            name="completed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="refund",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="refund",
            name="credit_note_number",
            field=models.PositiveIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="refund",
            name="gateway_refund_id",
            field=models.CharField(blank=True, db_index=True, max_length=255),
        ),
        migrations.RunPython(book_existing_refunds, migrations.RunPython.noop),
        migrations.RemoveField(model_name="refund", name="restocked"),
        migrations.AddConstraint(
            model_name="orderitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity_refunded__lte", models.F("quantity"))),
                name="item_refunded_within_quantity",
            ),
        ),
        migrations.AddConstraint(
            model_name="orderitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity_restocked__lte", models.F("quantity_refunded"))),
                name="item_restocked_within_refunded",
            ),
        ),
        migrations.AddConstraint(
            model_name="refund",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gt", 0)), name="refund_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="refund",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "succeeded"), _negated=True),
                    ("credit_note_number__isnull", False),
                    _connector="OR",
                ),
                name="succeeded_refund_has_credit_note",
            ),
        ),
        migrations.CreateModel(
            name="RefundLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quantity", models.PositiveIntegerField()),
                ("restock", models.BooleanField(default=False)),
                ("amount", models.DecimalField(**MONEY)),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="refund_lines",
                        to="commerce.orderitem",
                    ),
                ),
                (
                    "refund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="commerce.refund",
                    ),
                ),
            ],
            options={
                "ordering": ["pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("quantity__gte", 1)), name="refund_line_quantity"
                    ),
                    models.UniqueConstraint(
                        fields=("refund", "item"), name="one_refund_line_per_item"
                    ),
                ],
            },
        ),
        # --- Voucher uses as rows ------------------------------------------------------
        migrations.CreateModel(
            name="VoucherUse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "order",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="voucher_use",
                        to="commerce.order",
                    ),
                ),
                (
                    "voucher",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="uses",
                        to="commerce.voucher",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["voucher", "email"], name="voucher_use_by_email")
                ],
            },
        ),
        migrations.RunPython(record_voucher_uses, count_voucher_uses),
        migrations.RemoveConstraint(model_name="voucher", name="voucher_used_within_limit"),
        migrations.RemoveField(model_name="voucher", name="times_used"),
        migrations.AddField(
            model_name="voucher",
            name="limit_per_customer",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="How many orders one email address may use it on. Empty: no limit.",
                null=True,
            ),
        ),
        # --- One inbox row per gateway and event id ----------------------------------------
        migrations.AlterField(
            model_name="webhookevent",
            name="event_id",
            field=models.CharField(max_length=255),
        ),
        migrations.AddConstraint(
            model_name="webhookevent",
            constraint=models.UniqueConstraint(
                fields=("gateway", "event_id"), name="one_event_per_gateway_id"
            ),
        ),
    ]
