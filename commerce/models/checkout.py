from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.money import MONEY_FIELD


class ShippingMethod(models.Model):
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    price = models.DecimalField(**MONEY_FIELD, validators=[MinValueValidator(0)])
    free_above = models.DecimalField(
        **MONEY_FIELD,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Orders whose goods cost at least this ship free. Empty: never free.",
    )
    countries = CountryField(
        multiple=True, blank=True, help_text="Where it delivers. Empty: everywhere."
    )
    is_active = models.BooleanField("offered", default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("free_above")]),
        FieldPanel("countries"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "price", "pk"]

    def __str__(self):
        return self.name

    def delivers_to(self, country_code: str) -> bool:
        return not self.countries or country_code in {c.code for c in self.countries}

    def price_for(self, goods_total: Decimal) -> Decimal:
        if self.free_above is not None and goods_total >= self.free_above:
            return Decimal("0.00")
        return self.price


class Voucher(models.Model):
    class Kind(models.TextChoices):
        PERCENTAGE = "percentage", "percentage off"
        FIXED = "fixed", "fixed amount off"

    code = models.CharField(
        max_length=40, unique=True, help_text="Shoppers type it; case does not matter."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PERCENTAGE)
    value = models.DecimalField(**MONEY_FIELD, validators=[MinValueValidator(Decimal("0.01"))])
    minimum_spend = models.DecimalField(**MONEY_FIELD, default=Decimal("0.00"))
    valid_from = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many orders may use it. Empty: no limit."
    )
    limit_per_customer = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many orders one email address may use it on. Empty: no limit.",
    )
    is_active = models.BooleanField(default=True)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
        FieldPanel("minimum_spend"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("usage_limit"), FieldPanel("limit_per_customer")]),
        FieldPanel("is_active"),
    ]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="percentage") | models.Q(value__lte=100),
                name="voucher_percentage_at_most_100",
                violation_error_message="A percentage cannot be above 100.",
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)


class VoucherUse(models.Model):
    """One order's use of a voucher. An unpaid order that is cancelled or expires
    gives its use back by deleting this row; the order keeps the code it was placed with."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="uses")
    order = models.OneToOneField(
        "commerce.Order", on_delete=models.CASCADE, related_name="voucher_use"
    )
    email = models.EmailField()  # lower case, for the per-customer limit
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["voucher", "email"], name="voucher_use_by_email")]

    def __str__(self):
        return f"{self.voucher.code} on order {self.order_id}"


class PlacementKey(models.Model):
    """An API client's Idempotency-Key for placing an order, as the order's checkout
    key, with a digest of the body it came with: the same key and body give back the
    same order; the same key with another body is refused."""

    checkout_key = models.UUIDField(unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.checkout_key)
