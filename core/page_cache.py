"""What changes only when editors publish: navigation, breadcrumbs, store settings,
the private sections, sites, product cards and search matches. It is cached under a
generation number that every publish, unpublish, move or deletion of a page, and
every change of settings, sites, page privacy or promoted results, replaces."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

from core import edge

GENERATION_KEY = "pages:generation"
TIMEOUT = 60 * 60

_pinned: ContextVar[int | None] = ContextVar("pinned_page_generation", default=None)


def generation() -> int:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = time.time_ns()
        cache.add(GENERATION_KEY, current, timeout=None)
    return current


@contextmanager
def pinned():
    """One read of the generation for everything inside: a request sees one
    consistent set of page chrome, and asks the cache for the generation once."""
    token = _pinned.set(generation())
    try:
        yield
    finally:
        _pinned.reset(token)


def invalidate_on_commit() -> None:
    """Invalidate once the change commits: a request served in between must not
    rebuild the old data under a new generation (or the new data not yet visible)."""
    transaction.on_commit(invalidate)


def invalidate() -> None:
    current = time.time_ns()
    cache.set(GENERATION_KEY, current, timeout=None)
    edge.purge_on_commit()
    if _pinned.get() is not None:
        _pinned.set(current)  # what this request reads next is built anew


def _prefix() -> str:
    return f"pages:{generation()}:"


def cached(name: str, build):
    """The value `build()` returns, shared until the next invalidation."""
    key = _prefix() + name
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def cached_many(names: list[str], build_missing):
    """The values of `names`, by name: those not shared yet come from
    `build_missing(missing_names)`, which returns them by name (leaving out any
    that do not exist) and shares them until the next invalidation."""
    prefix = _prefix()
    found = {
        key.removeprefix(prefix): value
        for key, value in cache.get_many([prefix + name for name in names]).items()
    }
    missing = [name for name in names if name not in found]
    if missing:
        built = build_missing(missing)
        cache.set_many({prefix + name: value for name, value in built.items()}, TIMEOUT)
        found.update(built)
    return found
