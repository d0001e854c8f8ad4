from urllib.parse import quote as urlquote

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

from accounts.models import Address
from core.money import MONEY_FIELD


class PaymentStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", "awaiting payment"
    PAID = "paid", "paid"
    PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
    REFUNDED = "refunded", "refunded"
    CANCELLED = "cancelled", "cancelled"


class FulfilmentStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", "not shipped yet"
    SHIPPED = "shipped", "shipped"
    DELIVERED = "delivered", "delivered"


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
    # Money and goods move apart: a shipped order can be partly refunded and stay shipped.
    payment_status = models.CharField(
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.AWAITING_PAYMENT,
        editable=False,
    )
    fulfilment_status = models.CharField(
        max_length=20,
        choices=FulfilmentStatus.choices,
        default=FulfilmentStatus.UNFULFILLED,
        editable=False,
    )
    carrier = models.CharField(max_length=80, blank=True)
    tracking_number = models.CharField(max_length=80, blank=True)
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
    goods_total = models.DecimalField(**MONEY_FIELD)
    discount_total = models.DecimalField(**MONEY_FIELD)
    shipping_total = models.DecimalField(**MONEY_FIELD)
    tax_total = models.DecimalField(**MONEY_FIELD)
    total = models.DecimalField(**MONEY_FIELD)
    # Stock stays reserved for an unpaid order until then.
    reserved_until = models.DateTimeField(null=True, blank=True)
    # Who placed it, so that one client cannot hold the shelves in unpaid orders. The
    # session is kept as a digest: its key is a credential.
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    client_session = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # What staff may do to an order beyond seeing it: each action its own right.
        permissions = [
            ("ship_order", "Can mark orders shipped and delivered"),
            ("cancel_order", "Can cancel orders"),
            ("refund_order", "Can refund orders"),
            ("note_order", "Can add internal notes to orders"),
            ("email_order", "Can resend order emails"),
        ]
        indexes = [
            # Sales by day, the dashboard and the newest-first list read by date.
            models.Index(fields=["created_at"], name="order_created"),
            # The orders waiting to ship.
            models.Index(
                fields=["created_at"],
                condition=models.Q(
                    payment_status__in=["paid", "partially_refunded"],
                    fulfilment_status="unfulfilled",
                ),
                name="order_to_ship",
            ),
            models.Index(
                fields=["reserved_until"],
                condition=models.Q(payment_status="awaiting_payment"),
                name="order_unpaid_reservations",
            ),
            models.Index(
                Upper("email"),
                condition=models.Q(payment_status="awaiting_payment"),
                name="order_unpaid_by_email",
            ),
            models.Index(
                fields=["client_ip"],
                condition=models.Q(payment_status="awaiting_payment"),
                name="order_unpaid_by_client_ip",
            ),
        ]

    def __str__(self):
        return f"Order {self.number}"

    @property
    def tracking_url(self) -> str:
        """The carrier's page for the parcel, when the carrier is one the shop knows."""
        pattern = settings.SHOP_CARRIERS.get(self.carrier, "")
        if not (pattern and self.tracking_number):
            return ""
        return pattern.format(number=urlquote(self.tracking_number, safe=""))

    @property
    def shipping_lines(self) -> list[str]:
        return Address.snapshot_lines(self.shipping_address)

    @property
    def billing_lines(self) -> list[str]:
        return Address.snapshot_lines(self.billing_address)

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
    unit_price = models.DecimalField(**MONEY_FIELD)
    quantity = models.PositiveIntegerField()
    # Units refunded, and of those put back on the shelf: each happens once per unit.
    quantity_refunded = models.PositiveIntegerField(default=0)
    quantity_restocked = models.PositiveIntegerField(default=0)
    line_total = models.DecimalField(**MONEY_FIELD)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity_refunded__lte=models.F("quantity")),
                name="item_refunded_within_quantity",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_restocked__lte=models.F("quantity_refunded")),
                name="item_restocked_within_refunded",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"

    @property
    def label(self) -> str:
        return " / ".join(self.options.values())


class OrderEvent(models.Model):
    """One line of an order's timeline: a move of its payment or fulfilment status,
    an internal note or an email sent again; when, why and by whom."""

    class Kind(models.TextChoices):
        PLACED = "placed", "placed"
        PAYMENT = "payment", "payment"
        FULFILMENT = "fulfilment", "fulfilment"
        NOTE = "note", "internal note"
        EMAIL = "email", "email sent again"

    # What the customer's own order page shows; notes and resends are the shop's.
    CUSTOMER_KINDS = (Kind.PLACED, Kind.PAYMENT, Kind.FULFILMENT)

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.CharField(max_length=1000, blank=True)
    # Staff who made the move; shown in the admin, never to the customer.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order.number}: {self.from_status or 'new'} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        if self.kind in (self.Kind.NOTE, self.Kind.EMAIL):
            return self.get_kind_display()
        choices = FulfilmentStatus if self.kind == self.Kind.FULFILMENT else PaymentStatus
        return dict(choices.choices).get(self.to_status, self.to_status)
