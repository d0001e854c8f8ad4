"""Rules that pick products, with one set of price bands and sorts. Editors' product
grids apply them in SQL to the whole catalog; search applies them in memory to its
few hundred matches, and a test holds the two to the same picks and order."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from catalog.models import CategoryPage, ProductAttribute, ProductPage, ProductVariant
from commerce import inventory
from core import page_cache

# Price bands as (key, lowest, below); None is open-ended.
PRICE_BANDS = [
    ("0-25", None, Decimal(25)),
    ("25-50", Decimal(25), Decimal(50)),
    ("50-100", Decimal(50), Decimal(100)),
    ("100-", Decimal(100), None),
]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "price": ("from_price", "pk"),
    "-price": ("-from_price", "pk"),
    "name": ("title", "pk"),
}


@dataclass(frozen=True)
class ProductRules:
    category: CategoryPage | None = None
    on_sale: bool = False
    in_stock: bool = False
    price_band: str = ""
    attribute_name: str = ""
    attribute_value: str = ""


def on_sale_condition() -> Exists:
    return Exists(
        ProductVariant.objects.filter(
            product=OuterRef("pk"), is_active=True, compare_at_price__gt=F("price")
        )
    )


def price_band_condition(key: str) -> Q:
    for band_key, lowest, below in PRICE_BANDS:
        if band_key == key:
            condition = Q()
            if lowest is not None:
                condition &= Q(from_price__gte=lowest)
            if below is not None:
                condition &= Q(from_price__lt=below)
            return condition
    return Q()


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
        products = products.filter(
            Exists(
                ProductAttribute.objects.filter(
                    product=OuterRef("pk"),
                    name__iexact=rules.attribute_name,
                    value__iexact=rules.attribute_value,
                )
            )
        )
    return products


def sorted_by(products: QuerySet[ProductPage], sort: str) -> QuerySet[ProductPage]:
    return products.order_by(*SORTS.get(sort, SORTS["newest"]))


@dataclass(frozen=True)
class ProductFacts:
    """What search narrows, sorts and counts a product by, in memory. Only publishing
    changes these; stock is read fresh, as the ids of `variant_ids` with units to sell."""

    pk: int
    path: str
    from_price: Decimal | None
    published_at: datetime | None
    variant_ids: tuple[int, ...]  # the active ones


def facts_of(products: QuerySet[ProductPage]) -> dict[int, ProductFacts]:
    """Facts about `products` (annotated with `from_price`), by id: two queries."""
    rows = list(products.order_by().values_list("pk", "path", "from_price", "first_published_at"))
    variants = ProductVariant.objects.filter(
        product_id__any_of=[row[0] for row in rows], is_active=True
    ).order_by("sort_order", "pk")
    variant_ids = defaultdict(list)
    for product_id, variant_id in variants.values_list("product_id", "pk"):
        variant_ids[product_id].append(variant_id)
    return {row[0]: ProductFacts(*row, tuple(variant_ids[row[0]])) for row in rows}


def stocked_variant_ids(products: list[ProductFacts]) -> set[int]:
    """The variants of `products` with a unit to sell, read fresh."""
    return inventory.stocked_variant_ids([pk for product in products for pk in product.variant_ids])


def narrowed(products: list[ProductFacts], rules: ProductRules, stocked: set[int]):
    """The `products` that pass `rules`, in memory, as apply_rules picks them in SQL
    (a test holds the two together). Search offers category, stock and price rules."""
    if rules.on_sale or rules.attribute_name:
        raise ValueError("On-sale and attribute rules are applied in SQL only.")
    known_band = rules.price_band in {key for key, _, _ in PRICE_BANDS}
    return [
        product
        for product in products
        if (rules.category is None or product.path.startswith(rules.category.path))
        and (not rules.in_stock or not stocked.isdisjoint(product.variant_ids))
        and (not known_band or _band_of(product.from_price) == rules.price_band)
    ]


def in_order(products: list[ProductFacts], sort: str) -> list[ProductFacts]:
    """`products` in `sort` order, as sorted_by puts them in SQL, where a missing value
    sorts as the largest. Sorts not known here keep the order given."""
    if sort == "price":
        return sorted(products, key=_cheapest_first)
    if sort == "-price":
        return sorted(products, key=_dearest_first)
    if sort == "newest":
        return sorted(products, key=_oldest_first, reverse=True)
    return list(products)


def _cheapest_first(product: ProductFacts) -> tuple:
    return (product.from_price is None, product.from_price or 0, product.pk)


def _dearest_first(product: ProductFacts) -> tuple:
    return (product.from_price is not None, -(product.from_price or 0), product.pk)


def _oldest_first(product: ProductFacts) -> tuple:
    return (product.published_at is None, product.published_at or EPOCH, product.pk)


@dataclass(frozen=True)
class Facets:
    categories: list[tuple[CategoryPage, int]]
    price_bands: list[tuple[str, int]]
    in_stock: int


def facets_of(products: list[ProductFacts], stocked: set[int]) -> Facets:
    """How many of `products` fall in each category's subtree (as the category filter
    takes it) and price band, and how many have a variant among the `stocked` ids.
    Category titles come from the page-chrome cache."""
    steplen = ProductPage.steplen
    # A product counts for its parent and every category above it.
    per_category = Counter(
        product.path[:depth]
        for product in products
        for depth in range(steplen, len(product.path), steplen)
    )
    per_band = Counter(_band_of(product.from_price) for product in products)
    categories = [
        (category, per_category[category.path])
        for category in category_pages()
        if category.path in per_category
    ]
    return Facets(
        categories=categories,
        price_bands=[(key, per_band[key]) for key, _, _ in PRICE_BANDS if per_band[key]],
        in_stock=sum(not stocked.isdisjoint(product.variant_ids) for product in products),
    )


def category_pages() -> list[CategoryPage]:
    """Every live category, by title; cached until a page is published."""
    return page_cache.cached(
        "category-pages", lambda: list(CategoryPage.objects.live().order_by("title"))
    )


def _band_of(price: Decimal | None) -> str:
    if price is None:
        return ""
    for key, lowest, below in PRICE_BANDS:
        if (lowest is None or price >= lowest) and (below is None or price < below):
            return key
    return ""
