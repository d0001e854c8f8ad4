from django.db import models

from commerce.models.orders import Order


class NumberSequence(models.Model):
    """A gapless numbering (invoices, credit notes): the row is locked while a
    number is taken, in the same transaction as the document that uses it, so a
    rolled-back transaction gives its number back."""

    name = models.CharField(max_length=40, primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name}: {self.last_number}"


class Invoice(models.Model):
    """Issued when an order becomes paid. The seller's details are copied, so a
    later change of the store settings never rewrites an issued invoice."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="invoice")
    number = models.PositiveIntegerField(unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    seller_name = models.CharField(max_length=80)
    seller_address = models.TextField(blank=True)
    seller_email = models.EmailField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"INV-{self.number:06d}"
