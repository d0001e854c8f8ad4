from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Address


def addresses_of(user) -> QuerySet[Address]:
    return Address.objects.filter(user=user)


def address_of(user, address_id) -> Address:
    """The user's own address, or 404: another person's address does not exist here."""
    return get_object_or_404(addresses_of(user), pk=address_id)
