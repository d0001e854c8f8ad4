from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from home import page_cache


class PageChromeMiddleware:
    """Reads the page-chrome generation once for the whole request, and finds the
    request's Wagtail site in the page-chrome cache rather than with a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with page_cache.pinned():
            # Wagtail keeps the site it found here; setting it spares every request
            # the query of Site.find_for_request.
            request._wagtail_site = _site_for(request)
            return self.get_response(request)


def _site_for(request) -> Site | None:
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()

    def find():
        try:
            return get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None

    return page_cache.cached(f"site:{hostname}:{port}", find)
