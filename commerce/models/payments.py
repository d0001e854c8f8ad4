from django.db import models

from commerce.models.fields import MONEY
from commerce.models.orders import Order


class Payment(models.Model):
    """One attempt to pay an order through a gateway."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        REQUIRES_ACTION = "requires_action", "needs the shopper's action"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"
        CANCELED = "canceled", "canceled"
        FLAGGED = "flagged", "flagged for review"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(max_length=20)
    attempt = models.PositiveIntegerField()
    transaction_id = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    amount = models.DecimalField(**MONEY)
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

    def __str__(self):
        return f"{self.order.number} attempt {self.attempt}: {self.status}"

    @property
    def idempotency_key(self) -> str:
        return f"shop-order-{self.order.number}-attempt-{self.attempt}"


class WebhookEvent(models.Model):
    """The inbox: each gateway event is stored once, so a repeat has no effect."""

    gateway = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    """Money given back for an order, with its credit note number."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(**MONEY)
    idempotency_key = models.CharField(max_length=255, unique=True)
    gateway_refund_id = models.CharField(max_length=255, blank=True)
    restocked = models.BooleanField(default=False)
    reason = models.CharField(max_length=255, blank=True)
    credit_note_number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.credit_note_display_number

    @property
    def tax_amount(self):
        """The tax inside this refund, at the order's rate."""
        from commerce.pricing import HUNDRED, TaxRules  # pricing imports the models

        rate = self.order.tax_rate
        rules = TaxRules(self.order.currency, rate, self.order.prices_include_tax)
        return rules.round(self.amount * rate / (HUNDRED + rate))

    @property
    def credit_note_display_number(self) -> str:
        return f"CN-{self.credit_note_number:06d}"
