"""Tests run on the local PostgreSQL and Redis servers (`make test` starts them)."""

from .base import *  # noqa: F403
from .base import env

DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405 - the base's connection rules
        **env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/shop"),
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=0),
    }
}
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/1")
CACHES = redis_caches(REDIS_URL, key_prefix="shop-test")  # noqa: F405
SESSION_CACHE_ALIAS = "sessions"

# Task code runs for real, in process; a test that needs a worker starts one.
CELERY_BROKER_URL = REDIS_URL
# (A worker started by a test sets CELERY_TASK_ALWAYS_EAGER=false: its retries are sent.)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not env("EMAIL_URL", default=""):  # a worker started by a test may send by SMTP
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")  # noqa: F405
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH}  # noqa: F405
# A worker started by a test looks for what a killed worker left every second.
CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
# Tests run offline: the admin does not ask releases.wagtail.org for a newer Wagtail.
WAGTAIL_ENABLE_UPDATE_CHECK = False
