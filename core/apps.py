from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app stands on, and which stands on none of them."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import checks, lookups, signals  # noqa: F401
