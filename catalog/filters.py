"""Rules that pick products, in SQL only: editors' product grids apply them to the
whole catalog, category pages to their subtree, search to its few hundred best matches.
Facets count products per category subtree, price band, stock, size and colour from
what two queries say of each."""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length, Substr

from catalog.models import CategoryPage, ProductAttribute, ProductPage, ProductVariant
from catalog.vocabulary import PRICE_BANDS, SORTS, size_order, sort_or_default
from commerce import inventory
from core import page_cache


@dataclass(frozen=True)
class ProductRules:
    category: CategoryPage | None = None
    on_sale: bool = False
    in_stock: bool = False
    price_band: str = ""
    attribute_name: str = ""
    attribute_value: str = ""
    size: str = ""
    colour: str = ""


MAX_OPTION = 40  # a variant's size or colour is no longer


def rules_from(params, *, categories: list[CategoryPage]) -> ProductRules:
    """The rules a shopper chose with the facets' query parameters; a category must be
    one of `categories`, and anything unknown is left out."""
    by_id = {str(category.pk): category for category in categories}
    return ProductRules(
        category=by_id.get(params.get("category", "")),
        in_stock=params.get("in_stock") == "1",
        price_band=params.get("price", "") if params.get("price", "") in PRICE_BANDS else "",
        size=params.get("size", "")[:MAX_OPTION],
        colour=params.get("colour", "")[:MAX_OPTION],
    )


def on_sale_condition() -> Exists:
    return Exists(
        ProductVariant.objects.offered().filter(
            product=OuterRef("pk"), compare_at_price__gt=F("price")
        )
    )


def price_band_condition(key: str, price: str = "from_price") -> Q:
    """Whether `price` (a product's from-price, or a variant's own) is in the band `key`."""
    band = PRICE_BANDS.get(key)
    condition = Q()
    if band is not None and band.lowest is not None:
        condition &= Q(**{f"{price}__gte": band.lowest})
    if band is not None and band.below is not None:
        condition &= Q(**{f"{price}__lt": band.below})
    return condition


def option_condition(option: str, value: str) -> Exists:
    """A product with an offered variant whose `option` ("size" or "colour") is `value`."""
    return Exists(
        ProductVariant.objects.offered().filter(
            product=OuterRef("pk"), **{f"{option}__iexact": value}
        )
    )


def attribute_condition(name: str, value: str) -> Exists:
    return Exists(
        ProductAttribute.objects.filter(
            product=OuterRef("pk"), name__iexact=name, value__iexact=value
        )
    )


def apply_rules(products: QuerySet[ProductPage], rules: ProductRules) -> QuerySet[ProductPage]:
    """`products` (annotated with `from_price`) narrowed to what the rules allow."""
    if rules.category is not None:
        products = products.filter(path__startswith=rules.category.path)
    if rules.on_sale:
        products = products.filter(on_sale_condition())
    if rules.in_stock:
        products = products.filter(inventory.in_stock_condition())
    if rules.price_band:
        products = products.filter(price_band_condition(rules.price_band))
    if rules.attribute_name and rules.attribute_value:
        products = products.filter(attribute_condition(rules.attribute_name, rules.attribute_value))
    if rules.size:
        products = products.filter(option_condition("size", rules.size))
    if rules.colour:
        products = products.filter(option_condition("colour", rules.colour))
    return products


def sorted_by(products: QuerySet[ProductPage], sort: str) -> QuerySet[ProductPage]:
    return products.order_by(*SORTS[sort_or_default(sort)].ordering)


@dataclass(frozen=True)
class Facets:
    categories: list[tuple[CategoryPage, int]]
    price_bands: list[tuple[str, int]]
    in_stock: int
    sizes: list[tuple[str, int]] = ()
    colours: list[tuple[str, int]] = ()

    def below(self, category: CategoryPage) -> "Facets":
        """These facets with only the categories inside `category`, for its own page."""
        inside = [
            (page, count)
            for page, count in self.categories
            if page.path.startswith(category.path) and page.path != category.path
        ]
        return replace(self, categories=inside)


@dataclass(frozen=True)
class FacetFacts:
    """What only publishing changes about a product that facets count it by."""

    pk: int
    parent_path: str
    band: str
    variant_ids: tuple[int, ...]  # the offered ones, whose stock says whether it is in stock
    sizes: tuple[str, ...] = ()  # of the offered variants
    colours: tuple[str, ...] = ()


def facets_of(products: QuerySet[ProductPage]) -> Facets:
    """How many of `products` fall in each category's subtree (as the category rule
    takes it) and price band, and how many are in stock: three queries."""
    facts = facet_facts(products)
    return count_facets(facts, inventory.units_available(offered_variant_ids(facts)))


def facet_facts(products: QuerySet[ProductPage]) -> list[FacetFacts]:
    """The facet facts of `products` in two queries, for callers that keep them until
    the next publish."""
    steplen = ProductPage.steplen
    rows = products.order_by().annotate(
        parent_path=Substr("path", 1, Length("path") - steplen), band=_cheapest_variant_band()
    )
    rows = list(rows.values_list("pk", "parent_path", "band"))
    variants = ProductVariant.objects.offered().filter(product_id__any_of=[row[0] for row in rows])
    variant_ids, sizes, colours = defaultdict(list), defaultdict(dict), defaultdict(dict)
    for product_id, variant_id, size, colour in variants.values_list(
        "product_id", "pk", "size", "colour"
    ):
        variant_ids[product_id].append(variant_id)
        sizes[product_id][size] = colours[product_id][colour] = None  # in order, once each
    return [
        FacetFacts(
            *row,
            variant_ids=tuple(variant_ids[row[0]]),
            sizes=tuple(size for size in sizes[row[0]] if size),
            colours=tuple(colour for colour in colours[row[0]] if colour),
        )
        for row in rows
    ]


def offered_variant_ids(facts: list[FacetFacts]) -> list[int]:
    return [pk for fact in facts for pk in fact.variant_ids]


def count_facets(facts: list[FacetFacts], available: dict[int, int]) -> Facets:
    """The facets of the products `facts` describe, with the units `available` of their
    variants."""
    stocked = inventory.stocked_of(available)
    in_stock = sum(not stocked.isdisjoint(fact.variant_ids) for fact in facts)
    return replace(published_facets(facts), in_stock=in_stock)


def published_facets(facts: list[FacetFacts]) -> Facets:
    """The facets of the products `facts` describe that only publishing changes: all
    but the in-stock count, left at 0. Category titles come from the page-chrome cache."""
    steplen = ProductPage.steplen
    per_category, per_band, per_size, per_colour = Counter(), Counter(), Counter(), Counter()
    for fact in facts:
        # A product counts for its parent and every category above it.
        for depth in range(steplen, len(fact.parent_path) + 1, steplen):
            per_category[fact.parent_path[:depth]] += 1
        per_band[fact.band] += 1
        per_size.update({size.upper() for size in fact.sizes})
        per_colour.update({colour.capitalize() for colour in fact.colours})
    return Facets(
        categories=[
            (category, per_category[category.path])
            for category in category_pages()
            if category.path in per_category
        ],
        price_bands=[(key, per_band[key]) for key in PRICE_BANDS if per_band[key]],
        in_stock=0,
        sizes=sorted(per_size.items(), key=lambda item: size_order(item[0])),
        colours=sorted(per_colour.items()),
    )


def _cheapest_variant_band() -> Subquery:
    """The band of the product's from-price, found with its cheapest offered variant:
    one lookup per product, where a case over `from_price` would repeat its subquery
    in every branch."""
    band = Case(
        *(When(price_band_condition(key, "price"), then=Value(key)) for key in PRICE_BANDS),
        default=Value(""),
        output_field=CharField(),
    )
    cheapest = ProductVariant.objects.offered().filter(product=OuterRef("pk")).order_by("price")
    return Subquery(cheapest.annotate(band=band).values("band")[:1])


def category_pages() -> list[CategoryPage]:
    """Every live category, by title; cached until a page is published."""
    return page_cache.cached(
        "category-pages", lambda: list(CategoryPage.objects.live().order_by("title"))
    )
