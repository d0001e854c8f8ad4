from django.conf import settings
from django.db import models

from commerce.models.orders import Order, OrderItem
from core.money import MONEY_FIELD


class Payment(models.Model):
    """One attempt to pay an order through a gateway."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        REQUIRES_ACTION = "requires_action", "needs the shopper's action"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"
        CANCELED = "canceled", "canceled"
        FLAGGED = "flagged", "flagged for review"
        # Not known to the gateway yet: the next try sends the same request again.
        UNREACHABLE = "unreachable", "gateway did not answer"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(max_length=20)
    attempt = models.PositiveIntegerField()
    transaction_id = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    amount = models.DecimalField(**MONEY_FIELD)
    currency = models.CharField(max_length=3)
    failure_message = models.CharField(max_length=255, blank=True)
    raw_response = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "attempt"], name="one_payment_per_attempt"),
            # However the success arrives (return page, webhook, both), an order is paid once.
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(status="succeeded"),
                name="one_successful_payment",
            ),
        ]
        indexes = [
            # The dashboard's payments to settle by hand.
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="flagged"),
                name="payment_flagged",
            )
        ]

    def __str__(self):
        return f"{self.order.number} attempt {self.attempt}: {self.status}"

    @property
    def idempotency_key(self) -> str:
        return f"shop-order-{self.order.number}-attempt-{self.attempt}"


class WebhookEvent(models.Model):
    """The inbox: each gateway event is stored once, so a repeat has no effect. An
    event whose handling failed stays, marked failed: its redelivery or a replay
    from the admin runs it again."""

    class Status(models.TextChoices):
        HANDLED = "handled", "handled"
        SKIPPED = "skipped", "skipped"  # about nothing the shop knows, or of no interest
        FAILED = "failed", "failed"

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HANDLED)
    outcome = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(
                fields=["-received_at"],
                condition=models.Q(status="failed"),
                name="webhook_failures",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["gateway", "event_id"], name="one_event_per_gateway_id")
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    """Money given back for an order: returned lines, shipping or a goodwill amount.

    Recorded as pending before the gateway is called, then marked succeeded (with its
    credit note, restock and tax) or failed once the gateway has answered."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    amount = models.DecimalField(**MONEY_FIELD)
    shipping_amount = models.DecimalField(**MONEY_FIELD, default=0)
    # The order's tax in proportion, fixed when the refund succeeds.
    tax_amount = models.DecimalField(**MONEY_FIELD, null=True, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    gateway_refund_id = models.CharField(max_length=255, blank=True, db_index=True)
    reason = models.CharField(max_length=255, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    credit_note_number = models.PositiveIntegerField(unique=True, null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="succeeded")
                | models.Q(credit_note_number__isnull=False),
                name="succeeded_refund_has_credit_note",
            ),
        ]

    def __str__(self):
        return self.credit_note_display_number or f"refund {self.pk} ({self.status})"

    @property
    def credit_note_display_number(self) -> str:
        if self.credit_note_number is None:
            return ""
        return f"CN-{self.credit_note_number:06d}"

    @property
    def goodwill_amount(self):
        """What is given back beyond the returned lines and shipping."""
        lines = sum((line.amount for line in self.lines.all()), 0)
        return self.amount - self.shipping_amount - lines


class RefundLine(models.Model):
    """Units of one order line given back by a refund, and whether they return to stock."""

    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(OrderItem, on_delete=models.PROTECT, related_name="refund_lines")
    quantity = models.PositiveIntegerField()
    restock = models.BooleanField(default=False)
    amount = models.DecimalField(**MONEY_FIELD)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="refund_line_quantity"
            ),
            models.UniqueConstraint(fields=["refund", "item"], name="one_refund_line_per_item"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.item.sku}"
