from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from core import page_cache, shared_pages


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
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific  # where every route starts, kept with it
        return site

    return page_cache.cached(f"site:{hostname}:{port}", find)


NUL = "\x00"


class RefuseNulBytesMiddleware:
    """A NUL character in the path or the query string is no shopper's input, and
    PostgreSQL refuses it in any text it is sent: answer 400 before a view passes it on.
    Form fields refuse it themselves (Django's CharField does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in query.getlist(key)) for key in query
        ):
            return HttpResponseBadRequest("Requests cannot contain NUL characters.")
        return self.get_response(request)


# Set on a response by django-csp's decorators, to change its policy.
PER_RESPONSE_POLICY = [
    f"_csp_{what}{mode}"
    for what in ("config", "update", "replace", "exempt")
    for mode in ("", "_ro")
]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The storefront's strict policy everywhere but the admin, which gets the looser
    one Wagtail's own pages need. Both are the same for every response that uses no
    nonce and no per-view change, so each is built once per process."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.policies = {}  # the header, by whether the path is the admin's

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE_POLICY
        ):
            return super().process_response(request, response)
        in_admin = request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        if in_admin not in self.policies:
            response = super().process_response(request, response)
            if HEADER in response and HEADER_REPORT_ONLY not in response:
                self.policies[in_admin] = response[HEADER]
            return response
        response.headers.setdefault(HEADER, self.policies[in_admin])
        return response

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = parts.config or settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class SharedPageMiddleware:
    """Answers shoppers without a session from the shared-page cache, and keeps the
    shared pages it renders for them (core.shared_pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not shared_pages.is_shareable_request(request):
            response = self.get_response(request)
            if shared_pages.is_shared_view(request):
                shared_pages.personal(response)
            return response
        page = shared_pages.fresh_page(request)
        if page is not None:
            return shared_pages.answer(request, page)
        shared_pages.start(request)
        with page_cache.pinned():  # the generation the page is built from
            generation = page_cache.generation()
            response = self.get_response(request)
        if not shared_pages.is_shareable_response(request, response):
            return response
        shared_pages.keep(request, response, generation=generation)
        return shared_pages.conditional(request, response)
