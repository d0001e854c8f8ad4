"""Who must use two-factor sign-in: people who can reach the admin, when required."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings


def can_reach_admin(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def two_factor_required(user) -> bool:
    return settings.STAFF_REQUIRE_2FA and can_reach_admin(user)


def needs_two_factor_setup(user) -> bool:
    return two_factor_required(user) and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
