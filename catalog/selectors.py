"""Catalog reads. Each keeps its query count flat however many products there are."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from wagtail.images import get_image_model

from catalog import cache_tags, filters, privacy, renditions, vocabulary
from catalog.models import (
    CatalogIndexPage,
    CategoryPage,
    ProductAttribute,
    ProductImage,
    ProductPage,
    ProductVariant,
)
from commerce.inventory import (
    Availability,
    in_stock_condition,
    units_available,
)
from core import page_cache, shared_pages
from core.selectors import site_key


@dataclass(frozen=True)
class ProductCard:
    pk: int
    title: str
    url: str
    image_html: str
    image_sources: tuple[tuple[str, int, int], ...]  # (url, width, height) at the card size
    image_alt: str
    price: Decimal | None
    compare_at_price: Decimal | None
    availability: Availability
    has_price_range: bool
    variant_ids: tuple[int, ...]  # the active ones, whose stock the availability sums

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None


@dataclass(frozen=True)
class Listing:
    page: PaginatorPage
    cards: list[ProductCard]
    sort: str
    sorts: list[tuple[str, str]]
    rules: filters.ProductRules = filters.ProductRules()
    facets: filters.Facets | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str


class KnownCountPaginator(Paginator):
    """A paginator told its count, so that it does not ask the database."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


@dataclass(frozen=True)
class Picture:
    """An image as the storefront shows it, with the words for those who cannot see it."""

    image: object  # a Wagtail image
    alt: str


def variant_picture(variant: ProductVariant, product_images: list[ProductImage]) -> Picture | None:
    """What shows a variant: its own picture, else its product's first."""
    if variant.image_id:
        alt = next(
            (item.alt for item in product_images if item.image_id == variant.image_id),
            f"{variant.product.title}, {variant.label}".rstrip(", "),
        )
        return Picture(variant.image, alt)
    first = product_images[0] if product_images else None
    return Picture(first.image, first.alt) if first else None


@dataclass(frozen=True)
class VariantChoice:
    variant: ProductVariant
    availability: Availability


@dataclass(frozen=True)
class ProductDetail:
    product: ProductPage
    images: list[Picture]  # the product's, then those of variants shown nowhere else
    choices: list[VariantChoice]
    attributes: list
    card: ProductCard

    @property
    def can_buy(self) -> bool:
        return not self.card.availability.is_sold_out

    @property
    def option_legend(self) -> str:
        """What the variant selector asks, named by what the variants differ in:
        "Choose a size", or "Colour" for a single one."""
        names = [
            name
            for name in ("Size", "Colour")
            if any(name in choice.variant.options for choice in self.choices)
        ]
        what = " and ".join(names).lower() or "option"
        return f"Choose a {what}" if len(self.choices) > 1 else what.capitalize()

    @property
    def default_variant_id(self) -> int | None:
        """The first option that can be bought, preselected in the form."""
        available = (c.variant.pk for c in self.choices if not c.availability.is_sold_out)
        return next(available, None)


def _offered_variants() -> QuerySet[ProductVariant]:
    return ProductVariant.objects.offered().order_by("sort_order", "pk")


def _detail_data() -> list[Prefetch]:
    """Every image (with the product page's renditions), every active variant with its
    own picture, and the attributes."""
    Rendition = get_image_model().get_rendition_model()
    wanted = Rendition.objects.filter(filter_spec__in=renditions.PRODUCT_SPECS)
    with_renditions = Prefetch(
        "image__renditions", queryset=wanted, to_attr="prefetched_renditions"
    )
    images = (
        ProductImage.objects.select_related("image")
        .prefetch_related(with_renditions)
        .order_by("sort_order", "pk")
    )
    variants = _offered_variants().select_related("image").prefetch_related(with_renditions)
    return [
        Prefetch("images", queryset=images),
        Prefetch("variants", queryset=variants),
        "attributes",
    ]


def _active_variants(product: ProductPage) -> list[ProductVariant]:
    return [variant for variant in product.variants.all() if variant.is_active]


def _card(
    product: ProductPage, request, *, variants, image, alt: str, availability: Availability
) -> ProductCard:
    cheapest = min(variants, key=lambda variant: variant.price, default=None)
    image_html = ""
    if image:
        image_html = renditions.img_tag(
            image, "card", alt=alt or image.title, loading="lazy", decoding="async"
        )
    return ProductCard(
        pk=product.pk,
        title=product.title,
        url=product.get_url(request),
        image_html=image_html,
        image_sources=renditions.sources(image, "card"),
        image_alt=(alt or image.title) if image else "",
        price=cheapest.price if cheapest else None,
        compare_at_price=cheapest.compare_at_price if cheapest and cheapest.on_sale else None,
        availability=availability,
        has_price_range=len({variant.price for variant in variants}) > 1,
        variant_ids=tuple(variant.pk for variant in variants),
    )


def first_image_of_product() -> QuerySet[ProductImage]:
    """The first picture of the outer query's product, for a subquery."""
    return ProductImage.objects.filter(product=OuterRef("pk")).order_by("sort_order", "pk")


def _new_cards(ids: list[int], request) -> dict[int, ProductCard]:
    """Cards of the products `ids` that are for sale, by id, in four queries and
    without the objects a card does not show: only each product's first image is
    read, and no stock. Their availability is left empty, for the caller to fill."""
    first_image = first_image_of_product()
    products = list(
        ProductPage.objects.for_sale()
        .filter(pk__in=ids)
        .defer("body")
        .annotate(
            card_image_id=Subquery(first_image.values("image_id")[:1]),
            card_image_alt=Subquery(first_image.values("alt_text")[:1]),
        )
        .prefetch_related(Prefetch("variants", queryset=_offered_variants()))
    )
    image_ids = [product.card_image_id for product in products if product.card_image_id]
    images = get_image_model().objects.filter(pk__in=image_ids)
    by_id = {image.pk: image for image in images.prefetch_renditions(*renditions.CARD.specs)}
    return {
        product.pk: _card(
            product,
            request,
            variants=_active_variants(product),
            image=by_id.get(product.card_image_id),
            alt=product.card_image_alt,
            availability=Availability(quantity=0),
        )
        for product in products
    }


def category_listing(*, category: CategoryPage, request, sort: str, page_number, params) -> Listing:
    """One page of the live products in `category` and all its subcategories that pass
    the facets chosen in `params`, with the facets of them all."""
    sort = vocabulary.sort_or_default(sort)
    products = ProductPage.objects.for_sale().descendant_of(category)
    below = [page for page in filters.category_pages() if page.path.startswith(category.path)]
    rules = filters.rules_from(params, categories=below)
    # Which products are listed, and what the facets count of them, change only when
    # pages are published: kept with the page chrome. Stock is always read fresh.
    count, facets = page_cache.cached(
        f"category-facets:{category.pk}", lambda: _published_facets(products)
    )
    shared_pages.depends_on(request, [cache_tags.listing(category.pk)])
    in_stock = privacy.public(ProductPage.objects.live().descendant_of(category))
    facets = replace(facets, in_stock=in_stock.filter(in_stock_condition()).count())
    picked = filters.sorted_by(filters.apply_rules(products, rules), sort)
    if rules != filters.ProductRules():
        count = picked.count()
    paginator = KnownCountPaginator(
        picked.values_list("pk", flat=True), settings.SHOP_PRODUCTS_PER_PAGE, count=count
    )
    page = paginator.get_page(page_number)
    return Listing(
        page=page,
        cards=product_cards_by_id(
            ids=list(page.object_list),
            request=request,
            stock_tags=[cache_tags.listing(category.pk)],
        ),
        sort=sort,
        sorts=vocabulary.sort_choices(),
        rules=rules,
        facets=facets.below(category),
    )


def _published_facets(products) -> tuple[int, filters.Facets]:
    facts = filters.facet_facts(products)
    return len(facts), filters.published_facets(facts)


def rule_based_ids(*, rules, sort: str, count: int) -> list[int]:
    """The first `count` products for sale that the rules pick, in `sort` order: one query."""
    products = filters.sorted_by(filters.apply_rules(ProductPage.objects.for_sale(), rules), sort)
    return list(products.values_list("pk", flat=True)[:count])


def product_cards_by_id(
    *,
    ids: list[int],
    request,
    available: dict[int, int] | None = None,
    stock_tags: list[str] | None = None,
) -> list[ProductCard]:
    """Cards for the products `ids`, in that order; drafts and private products drop out.
    Cards are kept with the page chrome, as only publishing changes them; their
    availability is read fresh, in one query, unless the caller has just read the
    units `available` of their variants, having first told a shared page that it
    depends on these products (`depends_on_products`). A shared page depends on their
    stock by `stock_tags`, or else by each product's tag."""
    site = site_key(request)
    pk_of = {f"card:{site}:{pk}": pk for pk in ids}

    def build(names):
        cards = _new_cards([pk_of[name] for name in names], request)
        return {name: cards[pk_of[name]] for name in names if pk_of[name] in cards}

    names = [f"card:{site}:{pk}" for pk in ids]  # in order, repeats and all
    # Signed image URLs expire, so cards holding them are not kept.
    keep = not renditions.signed_media_urls()
    cards = page_cache.cached_many(names, build) if keep else build(names)
    found = [cards[name] for name in names if name in cards]
    if available is None:
        shared_pages.depends_on(
            request, cache_tags.products(ids) if stock_tags is None else stock_tags
        )
        available = units_available([pk for card in found for pk in card.variant_ids])
    return [replace(card, availability=_availability(card, available)) for card in found]


def depends_on_products(request, ids) -> None:
    """The page being drawn shows the stock state of products `ids`: call before reading it."""
    shared_pages.depends_on(request, cache_tags.products(ids))


def _availability(card: ProductCard, available: dict[int, int]) -> Availability:
    return Availability(quantity=sum(available.get(pk, 0) for pk in card.variant_ids))


@dataclass(frozen=True)
class ProductParts:
    """What a product page shows that only publishing changes."""

    images: list[ProductImage]
    variants: list[ProductVariant]  # the active ones
    attributes: list[ProductAttribute]

    @property
    def gallery(self) -> list[Picture]:
        """The product's pictures, then each variant's own that is not among them."""
        pictures = [Picture(item.image, item.alt) for item in self.images]
        shown = {item.image_id for item in self.images}
        for variant in self.variants:
            if variant.image_id and variant.image_id not in shown:
                shown.add(variant.image_id)
                pictures.append(variant_picture(variant, self.images))
        return pictures


def _parts_of(product: ProductPage) -> ProductParts:
    return ProductParts(
        images=list(product.images.all()),
        variants=_active_variants(product),
        attributes=list(product.attributes.all()),
    )


def product_parts(product: ProductPage) -> ProductParts:
    """The product's parts, kept with the page chrome; read from the page routed to."""

    def build():
        prefetch_related_objects([product], *_detail_data())
        parts = _parts_of(product)
        for picture in parts.gallery:
            renditions.make_product_renditions(picture.image)
        return parts

    # Signed image URLs expire, so parts holding them are not kept.
    if renditions.signed_media_urls():
        return build()
    return page_cache.cached(f"product-parts:{product.pk}", build)


def product_detail(*, product: ProductPage, request) -> ProductDetail:
    depends_on_products(request, [product.pk])
    # A preview shows the editor's unsaved variants and images, held in memory.
    preview = getattr(request, "is_preview", False)
    parts = _parts_of(product) if preview else product_parts(product)
    available = units_available([variant.pk for variant in parts.variants if variant.pk])
    choices = [VariantChoice(v, Availability(available.get(v.pk, 0))) for v in parts.variants]
    first = parts.images[0] if parts.images else None
    return ProductDetail(
        product=product,
        images=parts.gallery,
        choices=choices,
        attributes=parts.attributes,
        card=_card(
            product,
            request,
            variants=parts.variants,
            image=first.image if first else None,
            alt=first.alt_text if first else "",
            availability=Availability(sum(choice.availability.quantity for choice in choices)),
        ),
    )


def _with_tile_image(categories: QuerySet[CategoryPage]) -> QuerySet[CategoryPage]:
    images = get_image_model().objects.prefetch_renditions(*renditions.TILE.specs)
    return categories.prefetch_related(Prefetch("image", queryset=images))


def child_categories(*, parent) -> QuerySet[CategoryPage]:
    return privacy.public(CategoryPage.objects.live().child_of(parent)).order_by("path")


def subcategory_links(*, parent, request) -> list[Link]:
    """Links to the child categories of `parent`; cached until a publish."""

    def build():
        return [
            Link(title=page.title, url=page.get_url(request), path=page.path)
            for page in child_categories(parent=parent)
        ]

    return page_cache.cached(f"subcategories:{site_key(request)}:{parent.pk}", build)


def category_tiles(*, parent) -> QuerySet[CategoryPage]:
    """Child categories with their pictures, for a grid of tiles."""
    return _with_tile_image(child_categories(parent=parent))


def categories_by_id(*, ids: list[int]) -> list[CategoryPage]:
    chosen = privacy.public(CategoryPage.objects.live().filter(pk__in=ids))
    by_id = {page.pk: page for page in _with_tile_image(chosen)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _top_level_categories() -> QuerySet[CategoryPage]:
    index_paths = CatalogIndexPage.objects.live().values("path")
    steplen = CategoryPage.steplen
    return (
        CategoryPage.objects.live()
        .in_menu()
        .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
        .filter(parent_path__in=Subquery(index_paths))
        .order_by("path")
    )


def navigation(*, request) -> list[Link]:
    """Categories directly under a catalog index, for the header; cached until a publish."""

    def build():
        return [
            Link(title=page.title, url=page.get_url(request), path=page.path)
            for page in _top_level_categories()
        ]

    return page_cache.cached(f"nav:{site_key(request)}", build)


def breadcrumbs(*, page, request) -> list[Link]:
    """The ancestors of `page` below the tree's root, home first; cached until a publish."""

    def build():
        return [
            Link(
                title="Home" if ancestor.depth == 2 else ancestor.title,
                url=ancestor.get_url(request),
                path=ancestor.path,
            )
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]

    return page_cache.cached(f"crumbs:{site_key(request)}:{page.pk}", build)
