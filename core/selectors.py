"""Reads of what every app shows: the store's settings and the request's site."""

from wagtail.models import Site

from core import page_cache
from core.models import StoreSettings


def store_settings(*, request) -> StoreSettings:
    """The store settings of the request's site, looked up once per request."""
    if not hasattr(request, "_store_settings"):
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        request._store_settings = _settings_of(site)
    return request._store_settings


def fresh_store_settings(*, request) -> StoreSettings:
    """The store settings read from the database, for checkout: tax rules and currency
    an order is placed under must never come from a cache."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return StoreSettings.for_site(site)


def site_key(request) -> int:
    """The id of the request's site (0 for none), for keys of what differs per site."""
    site = Site.find_for_request(request)
    return site.pk if site else 0


def default_store_settings() -> StoreSettings:
    """The default site's store settings, for work done outside a request (emails, invoices)."""
    return _settings_of(Site.objects.get(is_default_site=True))


def _settings_of(site) -> StoreSettings:
    return page_cache.cached(f"settings:{site.pk}", lambda: _loaded(site))


def _loaded(site) -> StoreSettings:
    found = StoreSettings.for_site(site)
    found.returns_page  # noqa: B018 - read now, so that the cached copy holds it
    return found
