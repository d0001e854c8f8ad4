import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from catalog.models import ProductVariant
from core.money import MONEY_FIELD


class Cart(models.Model):
    """A shopper's cart: a guest's is found through the session's token, a
    signed-in customer's through their account, on any browser."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"cart {self.token}"


class CartLineQuerySet(models.QuerySet):
    def with_sale_state(self):
        """Each line's `for_sale`: whether its variant can be bought now."""
        for_sale = ProductVariant.objects.for_sale().filter(pk=models.OuterRef("variant_id"))
        return self.annotate(for_sale=models.Exists(for_sale))


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    # A variant an editor deletes leaves the line behind, flagged, with its snapshot.
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=255)
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    price_at_add = models.DecimalField(**MONEY_FIELD)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = CartLineQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="one_line_per_variant"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="cart_line_quantity"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"
