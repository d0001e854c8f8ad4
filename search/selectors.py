"""Product search: the configured search server ranks; the best matches, with what
their facets count, are kept until the next publish. The catalog's rules narrow them
in SQL, and stock is always read fresh. If the search server cannot be reached, the
database backend answers instead.

A search first wants every word (the last may be half typed). When nothing has them
all, any word will do, ranked by how well each product matches; a search server then
tries close spellings. A word that matches nothing is offered as the catalog spells it
("Did you mean …"), and when nothing else is found the results are that spelling's."""

import difflib
import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import Subquery
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model
from wagtail.search.query import Fuzzy
from wagtail.search.utils import normalise_query_string

from catalog import filters, privacy, renditions
from catalog import selectors as catalog_selectors
from catalog.models import CategoryPage, ProductAttribute, ProductPage, ProductVariant
from catalog.vocabulary import SORTS
from commerce import inventory
from core import page_cache
from core.selectors import site_key
from search.models import SearchTerm

logger = logging.getLogger(__name__)

# Relevance is kept for this many best matches; more is noise to a shopper.
MAX_MATCHES = 500
# After a search server fails, the database answers alone for this many seconds.
SERVER_DOWN_KEY = "search:server-down"
SERVER_RETRY_AFTER = 30
SUGGESTIONS = 6
SUGGESTED_CATEGORIES = 3

EVERY_WORD, ANY_WORD, CLOSE_SPELLING, SPELT_AS_SUGGESTED = "every", "any", "close", "suggested"
# How alike (pg_trgm's similarity, 0 to 1) a catalog word must be to a typed one to be
# offered in its place: "cardgan" and "cardigan" are 0.55, "lamb" and "lamp" 0.43.
CLOSE_WORD_SIMILARITY = 0.4
CLOSE_WORD_RATIO = 0.75  # difflib's measure, where the database is not PostgreSQL
WORD = re.compile(r"[^\W\d_]{3,}")


def _search_ids(query: str, *, how: str, limit: int = MAX_MATCHES) -> list[int]:
    """Live products matching `query`, best first: with every word ("and"), any word
    ("or"), every word with the last one begun in a title or SKU ("begun"), or words
    spelt closely ("fuzzy", which a search server does and the database does not)."""

    def ids(backend):
        from_database = _is_database(backend)
        if how == "fuzzy" and from_database:
            return []  # the database offers the catalog's spelling instead
        pages = ProductPage.objects.live()
        # The database backend answers with rows of the queryset itself, so it can hand
        # over bare ids; a search server's hits are looked up as pages, of which only
        # the id is needed. Making hundreds of page objects would double a search's time.
        pages = pages.values_list("pk", flat=True) if from_database else pages.only("pk")
        if how == "begun":
            results = pages.autocomplete(query, backend=backend, operator="and")
        elif how == "fuzzy":
            results = pages.search(Fuzzy(query), backend=backend)
        else:
            results = pages.search(query, backend=backend, operator=how)
        found = list(results[:limit])
        return found if from_database else [page.pk for page in found]

    fallback = "database" in settings.WAGTAILSEARCH_BACKENDS
    if fallback and cache.get(SERVER_DOWN_KEY):
        return ids("database")
    try:
        return ids("default")
    except Exception as error:  # noqa: BLE001 - any search-server failure falls back
        if not fallback:
            raise
        logger.warning("Search server unavailable (%s); searching the database instead.", error)
        # One search asks the server several times: the next ones go straight on.
        cache.set(SERVER_DOWN_KEY, True, SERVER_RETRY_AFTER)
        return ids("database")


def _is_database(backend: str) -> bool:
    return settings.WAGTAILSEARCH_BACKENDS[backend]["BACKEND"] == "wagtail.search.backends.database"


def _digest(query: str) -> str:
    return hashlib.sha256(normalise_query_string(query).encode()).hexdigest()


def _with_every_word(query: str) -> list[int]:
    """Products with every word of `query`, the last perhaps half typed: those whose
    title starts like the query first (a title is what a shopper types), then by rank."""
    ids = list(dict.fromkeys(_search_ids(query, how="and") + _search_ids(query, how="begun")))
    if not ids:
        return []
    titles = dict(ProductPage.objects.filter(pk__in=ids).values_list("pk", "title"))
    ranked = sorted(ids, key=lambda pk: not _title_starts_like(titles.get(pk, ""), query))
    return ranked[:MAX_MATCHES]


def _title_starts_like(title: str, query: str) -> bool:
    """Whether every word typed begins a word of `title`."""
    title_words = title.lower().split()
    return all(
        any(word.startswith(typed) for word in title_words) for typed in query.lower().split()
    )


def _found(query: str) -> tuple[list[int], str, str]:
    """The ids that match `query`, best first; how they were found; and the query as the
    catalog spells it, when that differs."""
    ids = _with_every_word(query)
    if ids:
        return ids, EVERY_WORD, ""
    suggestion = did_you_mean(query)
    if len(query.split()) > 1 and (ids := _search_ids(query, how="or")):
        return ids, ANY_WORD, suggestion
    if ids := _search_ids(query, how="fuzzy"):
        return ids, CLOSE_SPELLING, suggestion
    if suggestion and (ids := _with_every_word(suggestion)):
        return ids, SPELT_AS_SUGGESTED, suggestion
    return [], EVERY_WORD, suggestion


def did_you_mean(query: str) -> str:
    """`query` with each word that matches nothing replaced by the closest word of the
    catalog, or "" when no word was replaced."""
    words = query.lower().split()
    spelt = [_spelling(word) for word in words]
    return " ".join(spelt) if spelt != words else ""


def _spelling(word: str) -> str:
    if len(word) < 3 or not word.isalpha() or _search_ids(word, how="and", limit=1):
        return word
    return closest_word(word) or word


def closest_word(typed: str) -> str | None:
    """The catalog's word most like `typed`, if one is alike enough: through the trigram
    index on PostgreSQL, by difflib's ratio elsewhere."""
    terms = SearchTerm.objects.all()
    if connection.vendor != "postgresql":
        words = list(terms.values_list("word", flat=True))
        close = difflib.get_close_matches(typed, words, n=1, cutoff=CLOSE_WORD_RATIO)
        return close[0] if close else None
    # `%` (trigram_similar) is the operator the index serves; the ordering picks the best.
    alike = (
        terms.filter(word__trigram_similar=typed)
        .annotate(similarity=TrigramSimilarity("word", typed))
        .filter(similarity__gte=CLOSE_WORD_SIMILARITY)
        .order_by("-similarity", "word")
    )
    return alike.values_list("word", flat=True).first()


def catalog_words() -> set[str]:
    """The words of what shoppers can find: product and category titles, the colours of
    offered variants and the attributes' values; letters only, three or more."""
    products = privacy.public(ProductPage.objects.live())
    texts = [
        *products.values_list("title", flat=True),
        *privacy.public(CategoryPage.objects.live()).values_list("title", flat=True),
        *ProductVariant.objects.offered()
        .filter(product__in=products)
        .values_list("colour", flat=True)
        .distinct(),
        *ProductAttribute.objects.filter(product__in=products)
        .values_list("value", flat=True)
        .distinct(),
    ]
    return {
        word.lower()
        for text in texts
        for word in WORD.findall(text)
        if len(word) <= SearchTerm._meta.get_field("word").max_length
    }


@dataclass(frozen=True)
class Matches:
    """The products for sale that match a query: their ids, best first, and what only
    publishing changes of each for the facets to count; how they were found, and the
    query as the catalog spells it when a word of it matched nothing."""

    ids: list[int]
    facts: list[filters.FacetFacts]
    found_by: str = EVERY_WORD
    suggestion: str = ""

    @property
    def by_any_word(self) -> bool:
        return self.found_by == ANY_WORD

    @property
    def by_close_spelling(self) -> bool:
        return self.found_by == CLOSE_SPELLING

    @property
    def by_suggestion(self) -> bool:
        return self.found_by == SPELT_AS_SUGGESTED


def matches(query: str) -> Matches:
    """The matches of `query`, kept with the page chrome, so the cache empties whenever
    a page is published."""

    def build():
        ranked, found_by, suggestion = _found(query)
        facts = filters.facet_facts(ProductPage.objects.for_sale().filter(pk__any_of=ranked))
        for_sale = {fact.pk for fact in facts}
        ids = [pk for pk in ranked if pk in for_sale]
        return Matches(ids=ids, facts=facts, found_by=found_by, suggestion=suggestion)

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
    image_url: str  # a small square picture, or ""


@dataclass(frozen=True)
class CategorySuggestion:
    title: str
    url: str


@dataclass(frozen=True)
class Suggestions:
    products: list[Suggestion]
    categories: list[CategorySuggestion]


def suggestions(query: str, *, request) -> Suggestions:
    """The first products of the results page for `query`, in its order, with their
    prices and pictures, and the categories named like the query or holding most of
    its matches. Nothing here depends on stock, so the whole answer is kept with the
    page chrome."""

    def build():
        found = matches(query)
        return Suggestions(
            products=_product_suggestions(found.ids[:SUGGESTIONS], request),
            categories=_category_suggestions(query, found, request),
        )

    return page_cache.cached(f"suggest:{site_key(request)}:{_digest(query)}", build)


def _product_suggestions(ids: list[int], request) -> list[Suggestion]:
    first_image = catalog_selectors.first_image_of_product()
    products = (
        ProductPage.objects.for_sale()
        .filter(pk__in=ids)
        .only("pk", "title", "url_path", "path")
        .annotate(image_id=Subquery(first_image.values("image_id")[:1]))
    )
    by_id = {product.pk: product for product in products}
    images = get_image_model().objects.filter(
        pk__in=[product.image_id for product in by_id.values() if product.image_id]
    )
    thumbs = {image.pk: image for image in images.prefetch_renditions(*renditions.THUMB.specs)}
    found = [by_id[pk] for pk in ids if pk in by_id]
    return [
        Suggestion(
            title=product.title,
            url=product.get_url(request),
            from_price=product.from_price,
            image_url=renditions.thumbnail_url(thumbs.get(product.image_id)),
        )
        for product in found
    ]


def _category_suggestions(query: str, found: Matches, request) -> list[CategorySuggestion]:
    private = privacy.restricted_paths()
    public = [
        category
        for category in filters.category_pages()
        if not any(category.path.startswith(path) for path in private)
    ]
    named = [category for category in public if _title_starts_like(category.title, query)]
    by_path = {category.path: category for category in public}
    holding = Counter(fact.parent_path for fact in found.facts)
    fullest = [by_path[path] for path, _ in holding.most_common() if path in by_path]
    chosen = list(dict.fromkeys(named + fullest))[:SUGGESTED_CATEGORIES]
    return [CategorySuggestion(category.title, category.get_url(request)) for category in chosen]


def promotions_for(query: str) -> list[SearchPromotion]:
    """The editors' picks for `query`; kept with the page chrome, which a change of
    promotions empties too."""

    def build():
        promotions = SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query), page__live=True
        )
        return list(promotions.select_related("page"))

    return page_cache.cached("promotions:" + _digest(query), build)
