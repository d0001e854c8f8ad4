from django.db.models import QuerySet

from accounts.models import Address


def addresses_of(user) -> QuerySet[Address]:
    return Address.objects.filter(user=user)


def address_of(user, address_id) -> Address | None:
    """The user's own address, or None: another person's address does not exist here."""
    return addresses_of(user).filter(pk=address_id).first()
