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

    def __str__(self):
        return f"{self.variant.sku}: {self.num_available} available"

    @property
    def num_available(self) -> int:
        return self.num_on_hand - self.num_reserved
