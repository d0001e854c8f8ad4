"""What the storefront's views share in answering: selectors say "not found" with
None, and the views turn that into a 404; forms on shared pages are checked by origin."""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt, csrf_protect


def found_or_404(found, message: str = "Not found."):
    if found is None:
        raise Http404(message)
    return found


def same_origin_or_csrf_token(view):
    """For a form on a shared page, which holds no CSRF token (add to cart): a POST that
    the browser says comes from this site's own pages passes, by its Sec-Fetch-Site
    header, or else its Origin; any other needs Django's CSRF token as usual. Browsers
    set both headers themselves and let no page's script forge them, and the session
    cookie (SameSite=Lax) is not sent on a cross-site POST anyway."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if _from_own_pages(request):
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return checked


def _from_own_pages(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    own = f"{request.scheme}://{request.get_host()}"
    return origin is not None and (origin == own or origin in settings.CSRF_TRUSTED_ORIGINS)


def preferred_country(request, *, store_country: str = "") -> str:
    """The country to preselect in an address form: the store's own, where it has one;
    else the region of the browser's first language that names one ("en-GB" → "GB");
    else ""."""
    if store_country:
        return store_country
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        language, _, region = tag.partition("-")
        if len(region) == 2 and region.isalpha() and language:
            return region.upper()
    return ""
