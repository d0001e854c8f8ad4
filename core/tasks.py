from celery import shared_task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from core import edge, outbox


@shared_task
def purge_edge_task():
    """Purge from the cache in front every address a shared page went out for lately.
    Wagtail's backends log a purge that fails; the edge then keeps that page until its
    s-maxage ends."""
    urls = sorted(edge.addresses_sent())
    if urls:
        purge_urls_from_cache(urls)


@shared_task(ignore_result=True)
def relay_outbox_task() -> int:
    """Send the tasks that could not reach the broker when their change committed."""
    return outbox.relay()
