from wagtail.images import get_image_model

from catalog import selectors

# Every rendition the storefront templates ask for, so that a warm store never
# makes one while a shopper waits.
STOREFRONT_RENDITIONS = (
    selectors.CARD_RENDITIONS
    + selectors.GALLERY_RENDITIONS
    + selectors.THUMB_RENDITIONS
    + selectors.TILE_RENDITIONS
)


def warm_renditions(*, image_ids: list[int] | None = None) -> int:
    """Make the storefront renditions of `image_ids` (all images when None) ahead of time.

    Safe to run again: renditions that exist are found, not redrawn."""
    images = get_image_model().objects.order_by("pk")
    if image_ids is not None:
        images = images.filter(pk__in=image_ids)
    count = 0
    for image in images.iterator(chunk_size=100):
        image.get_renditions(*STOREFRONT_RENDITIONS)
        count += 1
    return count
