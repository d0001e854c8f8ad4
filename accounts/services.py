"""Changes to a customer's profile and address book, and what staff do to an account."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts import locks
from accounts.models import Address, User

DEFAULT_FLAGS = {
    Address.Kind.SHIPPING: "is_default_shipping",
    Address.Kind.BILLING: "is_default_billing",
}


def update_profile(user: User, *, first_name: str, last_name: str, marketing_consent: bool):
    if marketing_consent and not user.marketing_consent:
        user.marketing_consent_at = timezone.now()
    user.first_name = first_name
    user.last_name = last_name
    user.marketing_consent = marketing_consent
    user.save(
        update_fields=["first_name", "last_name", "marketing_consent", "marketing_consent_at"]
    )
    return user


@transaction.atomic
def save_address(address: Address, *, defaults: set[str]) -> Address:
    """Save a new or edited address as the default for exactly the uses in `defaults`.

    A person's first address becomes the default for shipping and billing.
    """
    locks.address_book(address.user)
    if address.pk is None and not Address.objects.filter(user=address.user).exists():
        defaults = set(DEFAULT_FLAGS)
    for kind, flag in DEFAULT_FLAGS.items():
        is_default = kind in defaults
        if is_default:
            Address.objects.filter(user=address.user, **{flag: True}).exclude(pk=address.pk).update(
                **{flag: False}
            )
        setattr(address, flag, is_default)
    address.save()
    return address


def make_default(address: Address, *, kind: str) -> Address:
    current = {k for k, flag in DEFAULT_FLAGS.items() if getattr(address, flag)}
    return save_address(address, defaults=current | {kind})


@transaction.atomic
def delete_address(address: Address) -> None:
    locks.address_book(address.user)
    address.delete()


def resend_verification(user: User, *, request) -> bool:
    """Send `user` a new link to verify their email address; False when it is verified."""
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False}
    )
    if address.verified:
        return False
    address.send_confirmation(request)
    return True


def set_active(user: User, *, active: bool) -> None:
    """Open or close an account. A closed one cannot sign in, and its sessions end at
    their next request: Django lets no inactive user through."""
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
