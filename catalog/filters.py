"""Rules that pick products, in SQL only: editors' product grids apply them to the
whole catalog, search to its few hundred best matches. Facets count the matches per
category subtree, price band and stock in one grouped query."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr

from catalog.models import CategoryPage, ProductAttribute, ProductPage, ProductVariant
from catalog.vocabulary import PRICE_BANDS, SORTS, sort_or_default
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


def on_sale_condition() -> Exists:
    return Exists(
        ProductVariant.objects.offered().filter(
            product=OuterRef("pk"), compare_at_price__gt=F("price")
        )
    )


def price_band_condition(key: str) -> Q:
    band = PRICE_BANDS.get(key)
    condition = Q()
    if band is not None and band.lowest is not None:
        condition &= Q(from_price__gte=band.lowest)
    if band is not None and band.below is not None:
        condition &= Q(from_price__lt=band.below)
    return condition


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
    return products


def sorted_by(products: QuerySet[ProductPage], sort: str) -> QuerySet[ProductPage]:
    return products.order_by(*SORTS[sort_or_default(sort)].ordering)


@dataclass(frozen=True)
class Facets:
    categories: list[tuple[CategoryPage, int]]
    price_bands: list[tuple[str, int]]
    in_stock: int


def facets_of(products: QuerySet[ProductPage]) -> Facets:
    """How many of `products` (annotated with `from_price`) fall in each category's
    subtree (as the category rule takes it) and price band, and how many are in stock:
    one query, grouped by parent, band and stock. Category titles come from the
    page-chrome cache."""
    steplen = ProductPage.steplen
    groups = (
        products.order_by()
        .annotate(
            parent_path=Substr("path", 1, Length("path") - steplen),
            band=_band_case(),
            stocked=inventory.in_stock_condition(),
        )
        .values_list("parent_path", "band", "stocked")
        .annotate(products=Count("pk"))
    )
    per_category, per_band, in_stock = Counter(), Counter(), 0
    for parent_path, band, stocked, count in groups:
        # A product counts for its parent and every category above it.
        for depth in range(steplen, len(parent_path) + 1, steplen):
            per_category[parent_path[:depth]] += count
        per_band[band] += count
        in_stock += count if stocked else 0
    return Facets(
        categories=[
            (category, per_category[category.path])
            for category in category_pages()
            if category.path in per_category
        ],
        price_bands=[(key, per_band[key]) for key in PRICE_BANDS if per_band[key]],
        in_stock=in_stock,
    )


def _band_case() -> Case:
    return Case(
        *(When(price_band_condition(key), then=Value(key)) for key in PRICE_BANDS),
        default=Value(""),
        output_field=CharField(),
    )


def category_pages() -> list[CategoryPage]:
    """Every live category, by title; cached until a page is published."""
    return page_cache.cached(
        "category-pages", lambda: list(CategoryPage.objects.live().order_by("title"))
    )
