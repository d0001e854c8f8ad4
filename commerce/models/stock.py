from django.conf import settings
from django.db import models


class StockRecord(models.Model):
    """Units of one variant. Kept out of page revisions so that publishing or
    reverting a product page can never change stock; only inventory services
    change it."""

    variant = models.OneToOneField(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stock"
    )
    num_on_hand = models.PositiveIntegerField("on hand", default=0)
    num_reserved = models.PositiveIntegerField("reserved", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(num_reserved__lte=models.F("num_on_hand")),
                name="stock_reserved_within_on_hand",
            )
        ]
        indexes = [
            # Low stock on the dashboard: the fewest units free first.
            models.Index(
                models.F("num_on_hand") - models.F("num_reserved"),
                "variant",
                name="stock_available",
            )
        ]

    def __str__(self):
        return f"{self.variant.sku}: {self.num_available} available"

    @property
    def num_available(self) -> int:
        return self.num_on_hand - self.num_reserved


class StockMovement(models.Model):
    """One change of a variant's units on hand or reserved, written by the stock
    services in the transaction that makes it: a record's units are always the sums of
    its movements (`manage.py check_stock_ledger` says where they are not)."""

    class Reason(models.TextChoices):
        RECEIVED = "received", "Received"
        CORRECTION = "correction", "Correction"
        DAMAGED = "damaged", "Damaged"
        ORDER_PLACED = "order_placed", "Order placed"
        RESERVATION_RELEASED = "reservation_released", "Reservation released"
        SOLD = "sold", "Sold"
        REFUND_RESTOCK = "refund_restock", "Refund restock"

    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stock_movements"
    )
    on_hand_change = models.IntegerField(default=0)
    reserved_change = models.IntegerField(default=0)
    reason = models.CharField(max_length=24, choices=Reason.choices)
    order = models.ForeignKey(
        "commerce.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stock_movements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["variant", "created_at"])]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.on_hand_change:+d} on hand"
