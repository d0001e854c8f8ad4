"""The store's settings, edited per site in the admin. The table keeps the name it
was created under in the content app."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

CURRENCIES = [("EUR", "Euro (EUR)"), ("USD", "US dollar (USD)"), ("GBP", "Pound sterling (GBP)")]


@register_setting(icon="site")
class StoreSettings(BaseSiteSetting):
    store_name = models.CharField(max_length=80, default="Shop")
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="EUR")
    tax_rate = models.DecimalField(
        "tax rate (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    prices_include_tax = models.BooleanField(default=True)
    contact_email = models.EmailField(default="hello@example.com")
    address = models.TextField(blank=True, help_text="Printed on invoices.")
    country = CountryField(
        blank=True,
        help_text="Where most customers live: checkout's address forms start with it. "
        "Empty: the country of the shopper's browser language.",
    )
    returns_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Delivery and returns: linked from checkout.",
    )

    panels = [
        FieldPanel("store_name"),
        MultiFieldPanel(
            [FieldPanel("currency"), FieldPanel("tax_rate"), FieldPanel("prices_include_tax")],
            heading="Prices",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("address"), FieldPanel("country")],
            heading="Contact",
        ),
        FieldPanel("returns_page"),
    ]

    class Meta:
        verbose_name = "store settings"
        db_table = "home_storesettings"


class OutboxMessage(models.Model):
    """A Celery task written in the transaction of the change it follows, and sent to
    the broker after that commits (core/outbox.py). Sent, the row is deleted."""

    task = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.task} {self.kwargs}"
