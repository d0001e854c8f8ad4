"""A system check for the cache that pages, settings and stock states are kept in."""

from django.conf import settings
from django.core.checks import Error, register

SHOP_TAG = "shop"  # the checks web processes run before they serve (config/startup.py)
PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(SHOP_TAG)
def check_shared_cache(app_configs=None, **kwargs) -> list[Error]:
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS or settings.SHOP_ALLOW_LOCAL_CACHE:
        return []
    return [
        Error(
            "The cache lives in each process: other workers would keep pages, privacy and "
            "store settings stale after an editor's change.",
            hint="Set REDIS_URL, or SHOP_ALLOW_LOCAL_CACHE=true to run one process on purpose.",
            id="shop.E010",
        )
    ]
