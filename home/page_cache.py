"""Page chrome that changes only when editors publish: navigation, breadcrumbs,
store settings and the list of private sections. It is cached under a generation
number that every publish, unpublish, move or deletion of a page, and every change
of settings or page privacy, replaces."""

import time

from django.core.cache import cache

GENERATION_KEY = "pages:generation"
TIMEOUT = 60 * 60


def generation() -> int:
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = time.time_ns()
        cache.add(GENERATION_KEY, current, timeout=None)
    return current


def invalidate() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def cached(name: str, build):
    """The value `build()` returns, shared until the next invalidation."""
    key = f"pages:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
