"""Web processes refuse to start on unsafe settings, as manage.py does: gunicorn and
uvicorn run no system checks of their own."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from core.checks import SHOP_TAG


def refuse_unsafe_settings() -> None:
    errors = [message for message in checks.run_checks(tags=[SHOP_TAG]) if message.is_serious()]
    if errors:
        raise ImproperlyConfigured(
            "The shop refuses to start:\n"
            + "\n".join(f"{error.msg} {error.hint or ''}".strip() for error in errors)
        )
