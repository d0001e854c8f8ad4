import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_asgi_application()

from config.startup import refuse_unsafe_settings  # noqa: E402 - needs the apps loaded

refuse_unsafe_settings()
