"""Product search: the configured search server ranks, the database filters and counts.
If the search server cannot be reached, the database backend answers instead."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog import filters
from catalog.models import ProductPage
from catalog.selectors import products_for_sale
from commerce.models import OrderItem
from commerce.selectors import units_available
from home import page_cache

logger = logging.getLogger(__name__)

# Relevance is kept for this many best matches; more is noise to a shopper.
MAX_MATCHES = 500
SUGGESTIONS = 8


def _ranked_ids(query: str, *, autocomplete: bool, limit: int) -> list[int]:
    def ids(backend):
        pages = ProductPage.objects.live().only("pk")  # ids are all that is needed
        if autocomplete:
            results = pages.autocomplete(query, backend=backend)
        else:  # every word must match: more words narrow the results, as shoppers expect
            results = pages.search(query, backend=backend, operator="and")
        return [page.pk for page in results[:limit]]

    try:
        return ids("default")
    except Exception as error:  # noqa: BLE001 - any search-server failure falls back
        if "database" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Search server unavailable (%s); searching the database instead.", error)
        return ids("database")


def _digest(query: str) -> str:
    return hashlib.sha256(normalise_query_string(query).encode()).hexdigest()


def matches(query: str) -> list[filters.ProductFacts]:
    """Products for sale matching `query`, best first, with the facts their facets count.
    Kept with the page chrome, so the cache empties whenever a page is published;
    stock is always read fresh."""

    def build():
        ranked = _ranked_ids(query, autocomplete=False, limit=MAX_MATCHES)
        facts = filters.facts_of(products_for_sale().filter(pk__any_of=ranked))
        return [facts[pk] for pk in ranked if pk in facts]

    return page_cache.cached("search-matches:" + _digest(query), build)


def suggestions(query: str) -> list[ProductPage]:
    """Up to eight products whose title or SKU starts like `query`, with their prices."""
    key = "suggest:" + _digest(query)
    ids = page_cache.cached(key, lambda: _ranked_ids(query, autocomplete=True, limit=SUGGESTIONS))
    products = products_for_sale().filter(pk__in=ids).only("pk", "title", "url_path", "path")
    by_id = {product.pk: product for product in products}
    return [by_id[pk] for pk in ids if pk in by_id]


def promotions_for(query: str) -> QuerySet[SearchPromotion]:
    return SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query), page__live=True
    ).select_related("page")


def filtered_ids(
    matches: list[filters.ProductFacts], rules: filters.ProductRules, sort: str
) -> list[int]:
    """The matches that pass `rules`, in `sort` order (relevance when `sort` is empty)."""
    ranked = [match.pk for match in matches]
    if rules == filters.ProductRules() and sort not in filters.SORTS:
        return ranked  # the matches are all for sale, and already in relevance order
    products = filters.apply_rules(products_for_sale().filter(pk__any_of=ranked), rules)
    if sort in filters.SORTS:
        return list(filters.sorted_by(products, sort).values_list("pk", flat=True))
    allowed = set(products.values_list("pk", flat=True))
    return [pk for pk in ranked if pk in allowed]


def facets_for(matches: list[filters.ProductFacts]) -> filters.Facets:
    variant_ids = [pk for match in matches for pk in match.variant_ids]
    return filters.facets_of(matches, units_available(variant_ids))


def popular_ids(count: int = 8) -> list[int]:
    """The most ordered products of the last 90 days, topped up with the newest in stock."""
    since = timezone.now() - timedelta(days=90)
    ordered = (
        OrderItem.objects.filter(order__created_at__gte=since, variant__isnull=False)
        .values("variant__product")
        .annotate(units=Sum("quantity"))
        .order_by("-units")
        .values_list("variant__product", flat=True)[:count]
    )
    for_sale = products_for_sale().filter(filters.in_stock_condition())
    ids = list(for_sale.filter(pk__in=list(ordered)).values_list("pk", flat=True))
    newest = filters.sorted_by(for_sale.exclude(pk__in=ids), "newest")
    return ids + list(newest.values_list("pk", flat=True)[: count - len(ids)])
