"""Whole storefront pages shared by every shopper without a session.

A page is shared when the request carries no session or messages cookie and no query
parameter outside SHOP_SHARED_QUERY_PARAMS, and the response is a 200 of a shared view
that set no cookie and did not ask for privacy. It is kept in the Django cache with
what it was built from: the page-chrome generation, and the version of every tag the
page showed (each product's stock state). A hit reads both afresh, in the same round
trip as the page, so a publish, or a product selling out, shows on the very next
request, however many pages held it: an expired tag needs no list of pages to delete."""

import gzip
import hashlib
import re
import time
import zlib
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from core import edge, page_cache

TAG_TIMEOUT = 24 * 60 * 60  # longer than any page lives; an evicted tag only costs a render
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
STALE_WHILE_REVALIDATE = 30
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP = 16 + zlib.MAX_WBITS  # zlib's window bits for the gzip format
# The shared pages this process served last, by key (a few MB at most): one still
# built from the current generation and tags, and young enough, is served again
# without fetching it, after one read of the generation and its tags.
RECENT_MAX = 2_000
_recent: dict[str, "SharedPage"] = {}

# Sent when a page is answered from the cache, for what a view would have done besides
# rendering it (search counts the query).
page_served_from_cache = Signal()


class SharedPage(NamedTuple):
    view: str
    generation: int
    tags: tuple[tuple[str, int | None], ...]  # (tag key, version when the page was built)
    headers: tuple[tuple[str, str], ...]
    body: bytes
    compressed: bool
    etag: str
    built_at: float

    def is_current(self, found: dict) -> bool:
        """Whether the page is young enough and was built from the generation and tag
        versions in `found` (as just read from the cache)."""
        return (
            time.time() - self.built_at < settings.SHOP_PAGE_CACHE_SECONDS
            and found.get(page_cache.GENERATION_KEY) == self.generation
            and all(found.get(key) == version for key, version in self.tags)
        )


def is_shareable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(settings.STATIC_URL):
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    return set(request.GET).issubset(settings.SHOP_SHARED_QUERY_PARAMS)


def key_for(request) -> str:
    query = sorted(request.GET.lists())
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "shared-page:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def start(request) -> None:
    """Let the views of this request record what their page shows (see `depends_on`);
    templates leave out anything personal (the header asks `/session/` for it)."""
    request.is_shared_page = True
    request.shared_page_tags = {}


def depends_on(request, tags) -> None:
    """The page being built shows what `tags` name. Call it before reading what they
    stand for: a tag expired after this read then makes the page stale, never lost."""
    recorded = getattr(request, "shared_page_tags", None)
    if recorded is None:
        return
    keys = [_tag_key(tag) for tag in tags if _tag_key(tag) not in recorded]
    if keys:
        versions = cache.get_many(keys)
        recorded.update({key: versions.get(key) for key in keys})


def expire_on_commit(tags) -> None:
    """Every shared page showing one of `tags` is stale once this transaction commits."""
    keys = [_tag_key(tag) for tag in tags]
    if keys:
        transaction.on_commit(lambda: _expire(keys))


def _expire(keys: list[str]) -> None:
    now = time.time_ns()
    cache.set_many(dict.fromkeys(keys, now), TAG_TIMEOUT)
    edge.purge_on_commit()


def _tag_key(tag: str) -> str:
    return f"shared-tag:{tag}"


def is_shared_view(request) -> bool:
    match = request.resolver_match
    return match is not None and match.url_name in settings.SHOP_SHARED_VIEWS


def is_shareable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and is_shared_view(request)
        and not {"private", "no-store", "no-cache"} & _cache_directives(response)
    )


def _cache_directives(response) -> set[str]:
    return {part.split("=")[0].strip() for part in response.get("Cache-Control", "").split(",")}


def keep(request, response, *, generation: int) -> None:
    """Store `response` as the shared page of `request`, and mark it for caches in front."""
    body = response.content
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    _mark_shared(response, _etag(body))
    page = SharedPage(
        view=request.resolver_match.url_name,
        generation=generation,
        tags=tuple(request.shared_page_tags.items()),
        headers=tuple(response.items()),
        body=packed if len(packed) < len(body) else body,
        compressed=len(packed) < len(body),
        etag=response["ETag"],
        built_at=time.time(),
    )
    key = key_for(request)
    cache.set(key, page, settings.SHOP_PAGE_CACHE_SECONDS)
    _remember(key, page)
    edge.sent(request.build_absolute_uri())


def _etag(body: bytes) -> str:
    """Weak: the page is the same whether sent compressed or not."""
    return f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def _mark_shared(response, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.SHOP_PAGE_CACHE_SECONDS,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])


def fresh_page(request) -> SharedPage | None:
    """The shared page of `request`, if it was built from what is current. One round
    trip reads the generation and the tags of the copy this process holds, or else the
    page itself too; a second reads the tags of a page this process had not seen."""
    key = key_for(request)
    recent = _recent.get(key)
    recent_tags = [tag_key for tag_key, _ in recent.tags] if recent else []
    if recent is not None:
        found = cache.get_many([page_cache.GENERATION_KEY, *recent_tags])
        if recent.is_current(found):
            return recent
    found = cache.get_many([key, page_cache.GENERATION_KEY, *recent_tags])
    page = found.pop(key, None)
    if page is None:
        return None
    missing = [tag_key for tag_key, _ in page.tags if tag_key not in found]
    if missing:
        found.update(cache.get_many(missing))
    if not page.is_current(found):
        return None
    _remember(key, page)
    return page


def forget(key: str) -> None:
    """Drop the shared page kept under `key`, here and in the cache."""
    _recent.pop(key, None)
    cache.delete(key)


def _remember(key: str, page: SharedPage) -> None:
    if len(_recent) >= RECENT_MAX:
        _recent.clear()
    _recent[key] = page


def answer(request, page: SharedPage):
    """The response for `request` from its shared page: a 304 when the client has it,
    and the page as kept, gzipped, when the client takes that (every browser does)."""
    page_served_from_cache.send(sender=page.view, request=request)
    sends_gzip = page.compressed and ACCEPTS_GZIP.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    body = page.body if sends_gzip or not page.compressed else zlib.decompress(page.body, GZIP)
    response = HttpResponse(body)
    for name, value in page.headers:
        response[name] = value
    response["Content-Length"] = len(body)
    if sends_gzip:
        response["Content-Encoding"] = "gzip"
    return get_conditional_response(request, etag=page.etag, response=response)


def personal(response) -> None:
    """A page of a shared view drawn for one shopper: no cache in front may keep it."""
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])


def conditional(request, response):
    """The response, or a 304 when the client already holds what it says."""
    return get_conditional_response(request, etag=response["ETag"], response=response)
