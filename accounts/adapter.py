"""How django-allauth signs shoppers and staff in, adapted to the shop."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.staff import two_factor_required
from core.security import client_ip, log_security_event
from core.selectors import store_settings


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Failed sign-ins are counted per account *and* client address, so that a
        # stranger guessing passwords cannot lock the owner out from elsewhere.
        # (The per-address limit across accounts is a separate rate.)
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{client_ip(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            log_security_event("login_blocked", request, email=_login_of(credentials))
            raise

    def authentication_failed(self, request, **credentials) -> None:
        log_security_event("login_failed", request, email=_login_of(credentials))

    def send_password_reset_mail(self, user, email, context) -> None:
        log_security_event("password_reset_requested", self.request, email=email, user_id=user.pk)
        super().send_password_reset_mail(user, email, context)

    def send_mail(self, template_prefix, email, context) -> None:
        context = {"email": email, **context, "store": store_settings(request=self.request)}
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject) -> str:
        return f"{store_settings(request=self.request).store_name}: {subject.strip()}"


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        # The authenticator app lists the code under the store's name.
        return settings.MFA_TOTP_ISSUER or store_settings(request=context.request).store_name

    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff who must use two-factor cannot switch it off.
        if authenticator.type == Authenticator.Type.TOTP and two_factor_required(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)


def _login_of(credentials) -> str:
    return (credentials.get("email") or "").strip().lower()
