"""The cache in front (nginx's proxy_cache or a CDN), through Wagtail's frontend-cache
backends (WAGTAILFRONTENDCACHE). Whatever empties the shop's own shared pages purges
the edge of each site entirely: such changes are rare, and the edge refills from the
shop's cache, which re-renders only the pages that changed."""

from django.conf import settings
from django.db import transaction


def is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_on_commit() -> None:
    if is_configured():
        from core.tasks import purge_edge_task

        transaction.on_commit(purge_edge_task.delay)
