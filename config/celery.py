import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def refuse_unsafe_settings(**kwargs) -> None:
    """Workers and beat refuse unsafe production settings, as web processes do. Celery
    logs and swallows a signal handler's errors, so this one exits."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    django.setup()
    from config.startup import refuse_unsafe_settings as refuse

    try:
        refuse()
    except ImproperlyConfigured as error:
        raise SystemExit(str(error)) from error
