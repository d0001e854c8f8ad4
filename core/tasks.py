from celery import shared_task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site


@shared_task
def purge_edge_task():
    """Purge every page of every site from the cache in front: one wildcard purge each
    (ngx_cache_purge and CDNs take a trailing `*` as a prefix). Wagtail's backends log
    a purge that fails; the edge then serves the page until its s-maxage ends."""
    purge_urls_from_cache([f"{site.root_url}/*" for site in Site.objects.all()])
