"""The cache in front (nginx's proxy_cache with ngx_cache_purge, or a CDN), through
Wagtail's frontend-cache backends (WAGTAILFRONTENDCACHE). Whatever empties the shop's
own shared pages purges, from the edge, every address the shop has sent a shared page
for lately: the edge can hold nothing else. Such changes are rare, and the edge refills
from the shop's cache, which renders anew only the pages that changed.

The addresses are kept in Redis sets, one a minute, for as long as an edge can keep a
page that the shop kept (its lifetime twice, and the stale-while-revalidate time)."""

import contextlib
import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import cache
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

from core import outbox
from core.cache import UNREACHABLE

logger = logging.getLogger(__name__)
MINUTES_KEPT = 4


def is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def sent(url: str) -> None:
    """Note that a shared page went out for `url` (an absolute address)."""
    client = _redis()
    if client is None:
        return
    key = _minute_key(time.time() // 60)
    # Unreachable, the cache's own calls log it; the edge keeps the page its s-maxage.
    with contextlib.suppress(UNREACHABLE):
        client.pipeline().sadd(key, url).expire(key, MINUTES_KEPT * 60).execute()


def addresses_sent() -> set[str]:
    """The addresses shared pages went out for in the last few minutes."""
    client = _redis()
    if client is None:
        return set()
    now = time.time() // 60
    keys = [_minute_key(now - ago) for ago in range(MINUTES_KEPT)]
    try:
        return {url.decode() for url in client.sunion(keys)}
    except UNREACHABLE:
        logger.error("Could not read what to purge from the edge: the cache cannot be reached")
        return set()


def purge_on_commit() -> None:
    if is_configured():
        from core.tasks import purge_edge_task

        outbox.enqueue(purge_edge_task)


def _minute_key(minute: float) -> str:
    return cache.make_key(f"edge-sent:{int(minute)}")


def _redis():
    """The Redis client behind the cache, when there is an edge to purge: production
    has both (it refuses a per-process cache)."""
    if not is_configured() or not hasattr(cache, "client"):
        return None
    return cache.client.get_client(write=True)


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend, to which a 404 is no error: the edge was not
    holding that page (ngx_cache_purge answers so)."""

    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": parts.netloc},
        )
        try:
            # The purge server configured in settings, over HTTP(S).
            urlopen(request, timeout=10)  # noqa: S310  # nosec B310
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the edge: HTTP %s", url, error.code)
        except URLError as error:
            logger.error("Could not purge %s from the edge: %s", url, error.reason)
