"""The customers as the merchant sees them: accounts with their paid orders counted,
what they spent and when they last ordered."""

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accounts.models import User
from commerce.models import Order
from commerce.selectors.figures import SOLD
from commerce.selectors.reports import MONEY
from core.money import ZERO

PAID = Q(orders__payment_status__in=SOLD)


def customers() -> QuerySet[User]:
    """Shoppers' accounts (not staff), with `orders_count`, `spent` and `last_order_at`."""
    return User.objects.filter(is_staff=False).annotate(
        orders_count=Count("orders", filter=PAID),
        spent=Coalesce(Sum("orders__total", filter=PAID), ZERO, output_field=MONEY),
        last_order_at=Max("orders__created_at"),
    )


def orders_of_customer(user: User) -> QuerySet[Order]:
    """Every order of the account, paid or not, newest first."""
    return Order.objects.filter(user=user).order_by("-created_at", "-pk")
