"""Product search: the configured search server ranks; the best matches, with what
their facets count, are kept until the next publish. The catalog's rules narrow them
in SQL, and stock is always read fresh. If the search server cannot be reached, the
database backend answers instead."""

import hashlib
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog import filters
from catalog.models import ProductPage
from catalog.vocabulary import SORTS
from commerce import inventory
from core import page_cache
from core.selectors import site_key

logger = logging.getLogger(__name__)

# Relevance is kept for this many best matches; more is noise to a shopper.
MAX_MATCHES = 500
SUGGESTIONS = 8


def _ranked_ids(query: str, *, autocomplete: bool, limit: int) -> list[int]:
    def ids(backend):
        pages = ProductPage.objects.live()
        from_database = _is_database(backend)
        # The database backend answers with rows of the queryset itself, so it can hand
        # over bare ids; a search server's hits are looked up as pages, of which only
        # the id is needed. Making hundreds of page objects would double a search's time.
        pages = pages.values_list("pk", flat=True) if from_database else pages.only("pk")
        if autocomplete:
            results = pages.autocomplete(query, backend=backend)
        else:  # every word must match: more words narrow the results, as shoppers expect
            results = pages.search(query, backend=backend, operator="and")
        found = list(results[:limit])
        return found if from_database else [page.pk for page in found]

    try:
        return ids("default")
    except Exception as error:  # noqa: BLE001 - any search-server failure falls back
        if "database" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Search server unavailable (%s); searching the database instead.", error)
        return ids("database")


def _is_database(backend: str) -> bool:
    return settings.WAGTAILSEARCH_BACKENDS[backend]["BACKEND"] == "wagtail.search.backends.database"


def _digest(query: str) -> str:
    return hashlib.sha256(normalise_query_string(query).encode()).hexdigest()


@dataclass(frozen=True)
class Matches:
    """The products for sale that match a query: their ids, best first, and what only
    publishing changes of each for the facets to count."""

    ids: list[int]
    facts: list[filters.FacetFacts]


def matches(query: str) -> Matches:
    """The matches of `query`, kept with the page chrome, so the cache empties whenever
    a page is published."""

    def build():
        ranked = _ranked_ids(query, autocomplete=False, limit=MAX_MATCHES)
        facts = filters.facet_facts(ProductPage.objects.for_sale().filter(pk__any_of=ranked))
        for_sale = {fact.pk for fact in facts}
        return Matches(ids=[pk for pk in ranked if pk in for_sale], facts=facts)

    return page_cache.cached("search-results:" + _digest(query), build)


def results(matches: Matches, rules: filters.ProductRules, sort: str) -> list[int]:
    """The ids of `matches` that pass `rules`, in `sort` order: relevance, as ranked,
    when `sort` is none of the catalog's."""
    if rules == filters.ProductRules() and sort not in SORTS:
        return matches.ids  # nothing to narrow or reorder: no query
    picked = filters.apply_rules(_products(matches.ids), rules)
    if sort in SORTS:
        return list(filters.sorted_by(picked, sort).values_list("pk", flat=True))
    passing = set(picked.values_list("pk", flat=True))
    return [pk for pk in matches.ids if pk in passing]


def units_available(matches: Matches) -> dict[int, int]:
    """Units free to sell of every offered variant of `matches`, read fresh in one query:
    the facets count them and the cards show them."""
    return inventory.units_available(filters.offered_variant_ids(matches.facts))


def facets(matches: Matches, *, available: dict[int, int]) -> filters.Facets:
    return filters.count_facets(matches.facts, available)


def _products(ids: list[int]):
    """The products `ids` of some matches, which are for sale: they were picked from the products
    for sale, and every publish, unpublish or change of privacy empties the cache that
    holds them. Not asking again spares the join to the page table unless a rule or a
    sort needs it."""
    return ProductPage.objects.filter(pk__any_of=ids).with_from_price()


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    from_price: Decimal | None


def suggestions(query: str, *, request) -> list[Suggestion]:
    """Up to eight products whose title or SKU starts like `query`, with their prices.
    Nothing here depends on stock, so the whole answer is kept with the page chrome."""

    def build():
        # A few more than shown, so that titles can go before SKUs that merely match.
        ids = _ranked_ids(query, autocomplete=True, limit=SUGGESTIONS * 3)
        products = (
            ProductPage.objects.for_sale()
            .filter(pk__in=ids)
            .only("pk", "title", "url_path", "path")
        )
        by_id = {product.pk: product for product in products}
        found = [by_id[pk] for pk in ids if pk in by_id]
        found.sort(key=lambda product: not _title_starts_like(product.title, query))
        return [
            Suggestion(product.title, product.get_url(request), product.from_price)
            for product in found[:SUGGESTIONS]
        ]

    return page_cache.cached(f"suggest:{site_key(request)}:{_digest(query)}", build)


def _title_starts_like(title: str, query: str) -> bool:
    """Whether every word typed begins a word of `title`."""
    title_words = title.lower().split()
    return all(
        any(word.startswith(typed) for word in title_words) for typed in query.lower().split()
    )


def promotions_for(query: str) -> list[SearchPromotion]:
    """The editors' picks for `query`; kept with the page chrome, which a change of
    promotions empties too."""

    def build():
        promotions = SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query), page__live=True
        )
        return list(promotions.select_related("page"))

    return page_cache.cached("promotions:" + _digest(query), build)
