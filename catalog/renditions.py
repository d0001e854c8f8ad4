"""The storefront's named image sizes: the one place for the filter specs that
templates render, selectors prefetch and the warm-up makes ahead of time."""

from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.conf import settings
from wagtail.images.models import Filter, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found

GRID_SIZES = "(min-width: 1200px) 280px, (min-width: 720px) 30vw, 50vw"


@dataclass(frozen=True)
class RenditionSet:
    specs: tuple[str, ...]
    sizes: str = ""

    @cached_property
    def filters(self) -> list[Filter]:
        # Parsed once per process: parsing a spec is a noticeable share of a listing.
        return [Filter(spec=spec) for spec in self.specs]


CARD = RenditionSet(("fill-400x400|format-webp", "fill-800x800|format-webp"), GRID_SIZES)
GALLERY = RenditionSet(
    ("fill-600x600|format-webp", "fill-1200x1200|format-webp"), "(min-width: 960px) 560px, 100vw"
)
THUMB = RenditionSet(("fill-160x160|format-webp",))
TILE = RenditionSet(("fill-480x320|format-webp", "fill-960x640|format-webp"), GRID_SIZES)
STORY_CARD = RenditionSet(TILE.specs, "(min-width: 720px) 30vw, 100vw")
STORY = RenditionSet(
    ("fill-800x450|format-webp", "fill-1600x900|format-webp"), "(min-width: 1200px) 1150px, 100vw"
)
HERO = RenditionSet(("fill-960x540|format-webp", "fill-1920x1080|format-webp"), "100vw")
FIGURE = RenditionSet(
    ("width-640|format-webp", "width-1200|format-webp"), "(min-width: 800px) 760px, 100vw"
)

BY_NAME = {
    "card": CARD,
    "gallery": GALLERY,
    "thumb": THUMB,
    "tile": TILE,
    "story_card": STORY_CARD,
    "story": STORY,
    "hero": HERO,
    "figure": FIGURE,
}

# What product images are shown at, made ahead of time by the warm-up.
PRODUCT_SPECS = CARD.specs + GALLERY.specs + THUMB.specs


def img_tag(image, name: str, **attrs) -> str:
    """An <img> with srcset and sizes for the named size, making missing renditions."""
    if not image:
        return ""
    rendition_set = BY_NAME[name]
    if rendition_set.sizes:
        attrs.setdefault("sizes", rendition_set.sizes)
    found = list(get_renditions_or_not_found(image, rendition_set.filters).values())
    missing_source = any(rendition.pk is None for rendition in found)
    if missing_source or signed_media_urls():
        return ResponsiveImage(dict(enumerate(found)), attrs).__html__()
    return _img_tag(tuple(found), tuple(sorted(attrs.items())))


def sources(image, name: str) -> tuple[tuple[str, int, int], ...]:
    """The named size's renditions of `image` as (url, width, height), for the API."""
    if not image:
        return ()
    found = get_renditions_or_not_found(image, BY_NAME[name].filters).values()
    return tuple((rendition.url, rendition.width, rendition.height) for rendition in found)


def thumbnail_url(image) -> str:
    """The URL of an image's small square rendition, or "" for no image."""
    return image.get_rendition(THUMB.filters[0]).url if image else ""


def make_product_renditions(image) -> None:
    """Make what a product page shows of `image` that is missing, so that a copy of it
    kept in a cache holds all its renditions (they are added to its prefetched ones)."""
    get_renditions_or_not_found(image, [Filter(spec=spec) for spec in PRODUCT_SPECS])


def signed_media_urls() -> bool:
    """Whether media URLs carry an expiring signature, so markup cannot be kept."""
    return bool(settings.AWS_STORAGE_BUCKET_NAME and settings.AWS_QUERYSTRING_AUTH)


@lru_cache(maxsize=4096)
def _img_tag(found: tuple, attrs: tuple) -> str:
    # A rendition never changes its file, so with stable (unsigned) URLs its markup
    # can be reused: building URLs and attributes is a good share of a grid's time.
    return ResponsiveImage(dict(enumerate(found)), dict(attrs)).__html__()
