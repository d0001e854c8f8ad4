"""Builds the demo store. Every step creates only what is missing, so running
it again changes nothing, and a larger --products adds just the new ones."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Site
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalog.models import (
    CatalogIndexPage,
    CategoryPage,
    ProductAttribute,
    ProductImage,
    ProductPage,
    ProductVariant,
)
from commerce.models import StockMovement, StockRecord
from core import page_cache
from core.models import StoreSettings
from demo import art
from demo.catalogue import (
    ADJECTIVES,
    CATEGORIES,
    COLOURS,
    PRICES,
    SIZES,
    STORIES,
    SUMMARIES,
    TOP_SLUGS,
)
from demo.checkout import ensure_checkout_options
from demo.customer import ensure_demo_customer
from demo.purchase import ensure_demo_purchase
from home.models import ContentPage, HomePage, StoryIndexPage, StoryPage
from search.services import refresh_search_terms

PICTURES_PER_CATEGORY = 8
BATCH = 250
STORE_NAME = "Harbour & Field"


@dataclass
class Subcategory:
    page: CategoryPage
    shape: str
    nouns: list[str]
    option: str
    code: str
    materials: list[str]
    pictures: list = field(default_factory=list)
    alts: list[str] = field(default_factory=list)  # what each picture shows
    colour_pictures: dict = field(default_factory=dict)  # by colour, for colour options


@dataclass
class Summary:
    products_created: int = 0
    pages_created: int = 0
    images_created: int = 0


class DemoStore:
    def __init__(self, *, log=print):
        self.log = log
        self.summary = Summary()
        self.collection = None

    def build(self, *, products: int) -> Summary:
        home = HomePage.objects.get(depth=2)
        self._store_settings(home)
        self.collection = self._collection()
        catalog = self._page(
            home,
            CatalogIndexPage,
            "shop",
            title="Shop",
            intro="<p>Everything we make, by category.</p>",
        )
        subcategories = self._categories(catalog)
        self._products(subcategories, count=products)
        stories = self._stories(home, subcategories)
        self._content_pages(home)
        self._home_content(home, catalog, subcategories, stories)
        ensure_demo_customer(log=self.log)
        ensure_checkout_options(log=self.log)
        ensure_demo_purchase(log=self.log)
        # Bulk-made products send no publish signals: what publishing refreshes, the
        # seed refreshes itself.
        page_cache.invalidate_on_commit()
        refresh_search_terms()
        return self.summary

    # --- settings, pictures and pages ---------------------------------------------
    def _store_settings(self, home):
        site = Site.objects.get(root_page=home)
        if not StoreSettings.objects.filter(site=site).exists():
            StoreSettings.objects.create(
                site=site,
                store_name=STORE_NAME,
                contact_email="hello@harbourandfield.example",
                address="Harbour & Field Ltd\n12 Quay Street\nBristol BS1 4DJ\nUnited Kingdom",
                country="GB",
            )

    def _collection(self):
        existing = Collection.objects.filter(name="Demo store").first()
        return existing or Collection.get_first_root_node().add_child(name="Demo store")

    def _picture(self, title: str, draw):
        Image = get_image_model()
        existing = Image.objects.filter(collection=self.collection, title=title).first()
        if existing:
            return existing
        image = Image(title=title, collection=self.collection)
        filename = f"{slugify(title)}.jpg"
        image.file = ImageFile(BytesIO(draw()), name=filename)
        image.save()
        self.summary.images_created += 1
        return image

    def _page(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.summary.pages_created += 1
        return page

    def _categories(self, catalog) -> list[Subcategory]:
        subcategories = []
        for top_number, (top_title, subs) in enumerate(CATEGORIES.items()):
            first_shape = subs[0][1]
            cover = self._picture(
                f"Demo {top_title}",
                lambda s=first_shape, p=top_number: art.product_picture(shape=s, palette=p + 2),
            )
            top = self._page(
                catalog,
                CategoryPage,
                TOP_SLUGS.get(top_title, slugify(top_title)),
                title=top_title,
                image=cover,
                show_in_menus=True,
                intro=f"<p>Our {top_title.lower()}, chosen and made with care.</p>",
            )
            for sub_number, (title, shape, nouns, option, materials) in enumerate(subs):
                palettes = [top_number * 3 + sub_number + n for n in range(PICTURES_PER_CATEGORY)]
                pictures = [
                    self._picture(
                        f"Demo {title} {n + 1}",
                        lambda s=shape, p=top_number * 3 + sub_number + n: art.product_picture(
                            shape=s, palette=p
                        ),
                    )
                    for n in range(PICTURES_PER_CATEGORY)
                ]
                page = self._page(
                    top,
                    CategoryPage,
                    slugify(title),
                    title=title,
                    image=pictures[0],
                    intro=f"<p>{title} for every day.</p>",
                )
                code = slugify(title).replace("-", "")[:3].upper()
                alts = [art.describe(shape=shape, palette=p) for p in palettes]
                subcategories.append(
                    Subcategory(
                        page,
                        shape,
                        nouns,
                        option,
                        code,
                        materials,
                        pictures,
                        alts,
                        self._colour_pictures(shape) if option == "colour" else {},
                    )
                )
        return subcategories

    def _colour_pictures(self, shape: str) -> dict:
        """`shape` in each of the demo's colours: a colour variant's own picture."""
        return {
            colour: self._picture(
                f"Demo {shape} {colour.lower()}",
                lambda c=colour: art.colour_picture(shape=shape, colour=c),
            )
            for colour in COLOURS
        }

    # --- products --------------------------------------------------------------
    def _products(self, subcategories: list[Subcategory], *, count: int):
        # A product is known by the number its slug ends in, so that renaming the demo's
        # words never makes a store built before grow a second set.
        slugs = ProductPage.objects.values_list("slug", flat=True)
        existing = {
            int(slug.rsplit("-", 1)[1]) - 1 for slug in slugs if slug.rsplit("-", 1)[-1].isdigit()
        }
        todo = [n for n in range(count) if n not in existing]
        # Product saves skip the search index, filled in bulk once each batch's variants
        # exist, and Wagtail's reference index, which they would otherwise fill one
        # product at a time (`manage.py rebuild_references_index` fills it).
        backends = {
            name: {**params, "AUTO_UPDATE": False}
            for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
        }
        for start in range(0, len(todo), BATCH):
            with (
                override_settings(WAGTAILSEARCH_BACKENDS=backends),
                disable_reference_index_auto_update(),
                transaction.atomic(),
            ):
                self._product_batch(subcategories, todo[start : start + BATCH])
            self.log(f"  products: {min(start + BATCH, len(todo))}/{len(todo)} new")

    def _product_batch(self, subcategories, numbers):
        variants, images, attributes, pages = [], [], [], []
        now = timezone.now()
        for number in numbers:
            sub = subcategories[number % len(subcategories)]
            title, slug = _product_names(number, subcategories)
            rng = random.Random(f"product-{number}")
            published = now - datetime.timedelta(days=rng.randint(0, 365), minutes=number)
            summary, story = rng.sample(SUMMARIES, 2)  # the body does not repeat the summary
            page = ProductPage(
                title=title,
                slug=slug,
                summary=summary,
                body=[("text", f"<p>{story} {_care_note(sub)}</p>")],
                first_published_at=published,
                last_published_at=published,
                search_description="",
            )
            sub.page.add_child(instance=page)
            pages.append(page)
            product_variants = _variants(page, number, sub, rng)
            variants += product_variants
            images += _pictures(page, number, sub, product_variants, len(subcategories))
            attributes += [
                ProductAttribute(
                    product=page, name="Material", value=_material(number, sub), sort_order=0
                ),
                ProductAttribute(
                    product=page,
                    name="Made in",
                    value=rng.choice(["Portugal", "England", "Japan", "Lithuania"]),
                    sort_order=1,
                ),
            ]
        ProductVariant.objects.bulk_create(variants)
        stock = StockRecord.objects.bulk_create([_stock(variant) for variant in variants])
        StockMovement.objects.bulk_create(
            _received(record) for record in stock if record.num_on_hand
        )
        ProductImage.objects.bulk_create(images)
        ProductAttribute.objects.bulk_create(attributes)
        new_products = ProductPage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(
            "variants", "attributes"
        )
        for backend in get_search_backends():
            backend.add_bulk(ProductPage, new_products)
        self.summary.products_created += len(pages)

    # --- editorial -------------------------------------------------------------
    def _stories(self, home, subcategories) -> list[StoryPage]:
        index = self._page(
            home,
            StoryIndexPage,
            "stories",
            title="Stories",
            intro="<p>Notes from the studio, and the things we use.</p>",
        )
        stories = []
        for number, (title, intro, shapes) in enumerate(STORIES):
            slug = slugify(title)
            if StoryPage.objects.child_of(index).filter(slug=slug).exists():
                stories.append(StoryPage.objects.child_of(index).get(slug=slug))
                continue
            picture = self._picture(
                f"Demo story {title}",
                lambda n=number, s=shapes: art.banner_picture(
                    palette=n + 5, shapes=s, width=1600, height=900
                ),
            )
            products = _products_shaped(shapes, subcategories)  # what the picture shows
            body = [
                (
                    "text",
                    f"<p>{intro} We asked the people who make our things how they use them.</p>",
                ),
                (
                    "quote",
                    {"quote": "Buy less, choose well, make it last.", "attribution": "The studio"},
                ),
                ("products", {"heading": "Shop the look", "products": products}),
                (
                    "text",
                    "<p>Everything here is in stock today, and ships within two working days.</p>",
                ),
            ]
            stories.append(
                self._page(
                    index,
                    StoryPage,
                    slug,
                    title=title,
                    intro=intro,
                    image=picture,
                    date=datetime.date(2026, 9 + number, 12),
                    body=body,
                )
            )
        return stories

    def _content_pages(self, home):
        self._page(
            home,
            ContentPage,
            "about",
            title="About us",
            show_in_menus=False,
            body=[
                (
                    "text",
                    "<p>We are a small team making useful, lasting things "
                    "for home and outdoors.</p>",
                ),
            ],
        )
        returns = self._page(
            home,
            ContentPage,
            "delivery-and-returns",
            title="Delivery and returns",
            body=[
                (
                    "text",
                    "<h2>Delivery</h2><p>Orders ship within two working days.</p>"
                    "<h2>Returns</h2><p>Send anything back within 30 days for a full refund.</p>",
                ),
            ],
        )
        StoreSettings.objects.filter(site__root_page=home, returns_page=None).update(
            returns_page=returns
        )

    def _home_content(self, home, catalog, subcategories, stories):
        if home.sections:
            return
        hero = self._picture(
            "Demo hero", lambda: art.banner_picture(palette=6, shapes=["tee", "mug", "lamp"])
        )
        featured = list(ProductPage.objects.live().order_by("-first_published_at")[:8])
        home.hero_title = "Things made to last"
        home.hero_text = "Everyday goods for home, kitchen and the outdoors, made in small batches."
        home.hero_image = hero
        home.hero_link = catalog
        home.hero_link_text = "Shop all"
        home.sections = [
            (
                "featured_categories",
                {
                    "heading": "Shop by category",
                    "categories": [sub.page for sub in subcategories[:8]],
                },
            ),
            ("featured_products", {"heading": "New in", "products": featured}),
            (
                "text",
                "<h2>Made by people we know</h2><p>Every piece comes from a workshop "
                'we have visited. Read their <a href="/stories/">stories</a>.</p>',
            ),
        ]
        home.save_revision().publish()


def _products_shaped(shapes: list[str], subcategories: list[Subcategory]) -> list[ProductPage]:
    """For each shape, the first live product of the first subcategory drawn that way."""
    products = []
    for shape in shapes:
        sub = next((sub for sub in subcategories if sub.shape == shape), None)
        first = (
            ProductPage.objects.live().child_of(sub.page).order_by("pk").first() if sub else None
        )
        if first is not None:
            products.append(first)
    return products


def _product_names(number: int, subcategories: list[Subcategory]) -> tuple[str, str]:
    """Title and slug of product `number`; the same number always gives the same names."""
    sub = subcategories[number % len(subcategories)]
    adjective = ADJECTIVES[(number // 12) % len(ADJECTIVES)]
    material = _material(number, sub)
    noun = sub.nouns[(number // 7) % len(sub.nouns)]
    title = f"{adjective} {material} {noun}"
    return title, f"{slugify(title)}-{number + 1}"


def _material(number: int, sub: Subcategory) -> str:
    return sub.materials[(number // (12 * len(ADJECTIVES))) % len(sub.materials)]


def _care_note(sub: Subcategory) -> str:
    return "Machine wash cold." if sub.option == "size" else "Wipe clean with a soft cloth."


def _variants(page, number, sub, rng) -> list[ProductVariant]:
    values = SIZES if sub.option == "size" else COLOURS
    chosen = sorted(rng.sample(range(len(values)), rng.choice([1, 2, 3, 4])))
    lowest, highest = PRICES[sub.page.title]
    base = Decimal(rng.randint(lowest, highest)) - (Decimal("0.10") if rng.random() < 0.5 else 0)
    on_sale = rng.random() < 0.2
    return [
        ProductVariant(
            product=page,
            sku=f"{sub.code}-{number + 1:05d}-{k + 1}",
            sort_order=k,
            price=base,
            compare_at_price=(base * Decimal("1.25")).quantize(Decimal("1.00"))
            if on_sale
            else None,
            weight_kg=Decimal(rng.randrange(100, 2500)) / 1000,
            image=sub.colour_pictures.get(values[index]),
            **{sub.option: values[index]},
        )
        for k, index in enumerate(chosen)
    ]


def _pictures(page, number, sub, variants, subcategory_count) -> list[ProductImage]:
    """A colour product shows each of its colours, each variant's own picture; a
    product sold by size, the one colour it comes in."""
    if sub.colour_pictures:
        shown = [
            (variant.image, art.describe_colour(shape=sub.shape, colour=variant.colour))
            for variant in variants
        ]
    else:
        index = (number // subcategory_count) % len(sub.pictures)
        shown = [(sub.pictures[index], sub.alts[index])]
    return [
        ProductImage(product=page, image=image, alt_text=alt, sort_order=k)
        for k, (image, alt) in enumerate(shown)
    ]


def _received(record: StockRecord) -> StockMovement:
    """The demo's first delivery, as the stock ledger records it."""
    return StockMovement(
        variant_id=record.variant_id,
        on_hand_change=record.num_on_hand,
        reason=StockMovement.Reason.RECEIVED,
        note="Demo stock",
    )


def _stock(variant: ProductVariant) -> StockRecord:
    rng = random.Random(variant.sku)
    roll = rng.random()
    on_hand = 0 if roll < 0.08 else rng.randint(1, 5) if roll < 0.2 else rng.randint(6, 80)
    return StockRecord(variant=variant, num_on_hand=on_hand)
