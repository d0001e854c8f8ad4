"""The row locks of the accounts app; nothing else here takes one."""

from accounts.models import User


def address_book(user: User) -> None:
    """Serialises changes to one person's defaults, so two tabs cannot both win."""
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
