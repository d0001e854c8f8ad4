"""Security log lines for what django-allauth reports through its signals."""

from allauth.account.signals import password_reset
from allauth.mfa.signals import authentication_failed
from django.dispatch import receiver

from core.security import log_security_event


@receiver(password_reset, dispatch_uid="log_password_reset")
def log_password_reset(sender, request, user, **kwargs):
    log_security_event("password_reset", request, email=user.email, user_id=user.pk)


@receiver(authentication_failed, dispatch_uid="log_two_factor_failure")
def log_two_factor_failure(sender, request, user, authenticator, **kwargs):
    log_security_event(
        "two_factor_failed",
        request,
        email=user.email,
        user_id=user.pk,
        reauthentication=kwargs.get("reauthentication", False),
    )
