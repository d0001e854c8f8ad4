from django.conf import settings
from django.db import models

from accounts.models import Address
from commerce.models.fields import MONEY


class OrderStatus(models.TextChoices):
    PENDING = "pending", "pending"
    AWAITING_PAYMENT = "awaiting_payment", "awaiting payment"
    PAID = "paid", "paid"
    SHIPPED = "shipped", "shipped"
    FULFILLED = "fulfilled", "fulfilled"
    CANCELLED = "cancelled", "cancelled"
    PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
    REFUNDED = "refunded", "refunded"


class Order(models.Model):
    """A placed order. Lines, prices, addresses and totals are snapshots: later
    changes to the catalog, vouchers or settings never change an order."""

    number = models.CharField(max_length=12, unique=True, editable=False)
    # One checkout (its review step) makes at most one order, however often it is posted.
    checkout_key = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField()
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, editable=False
    )
    currency = models.CharField(max_length=3)
    shipping_address = models.JSONField()
    billing_address = models.JSONField()
    shipping_method = models.ForeignKey(
        "commerce.ShippingMethod", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shipping_method_name = models.CharField(max_length=80)
    voucher = models.ForeignKey(
        "commerce.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    voucher_code = models.CharField(max_length=40, blank=True)
    prices_include_tax = models.BooleanField()
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2)
    goods_total = models.DecimalField(**MONEY)
    discount_total = models.DecimalField(**MONEY)
    shipping_total = models.DecimalField(**MONEY)
    tax_total = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    # Stock stays reserved for an unpaid order until then.
    reserved_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["reserved_until"],
                condition=models.Q(status__in=["pending", "awaiting_payment"]),
                name="order_unpaid_reservations",
            )
        ]

    def __str__(self):
        return f"Order {self.number}"

    @property
    def shipping_lines(self) -> list[str]:
        return _address_lines(self.shipping_address)

    @property
    def billing_lines(self) -> list[str]:
        return _address_lines(self.billing_address)

    @property
    def totals(self):
        """The order's totals in the shape checkout shows them."""
        from commerce.pricing import Totals  # pricing imports the models: imported late

        return Totals(
            self.goods_total, self.discount_total, self.shipping_total, self.tax_total, self.total
        )


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=255)
    sku = models.CharField("SKU", max_length=64)
    options = models.JSONField(default=dict, blank=True)
    unit_price = models.DecimalField(**MONEY)
    quantity = models.PositiveIntegerField()
    # Units put back on the shelf by refunds, so that restocking happens once.
    quantity_restocked = models.PositiveIntegerField(default=0)
    line_total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"

    @property
    def label(self) -> str:
        return " / ".join(self.options.values())


class OrderEvent(models.Model):
    """One line of an order's timeline: a change of status, when and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order.number}: {self.from_status or 'new'} → {self.to_status}"


def _address_lines(snapshot: dict) -> list[str]:
    return Address.from_snapshot(snapshot).lines
