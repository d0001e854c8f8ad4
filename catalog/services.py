from wagtail.images import get_image_model

from catalog import renditions


def warm_renditions(*, image_ids: list[int] | None = None) -> int:
    """Make the storefront renditions of `image_ids` (all images when None) ahead of time.

    Safe to run again: renditions that exist are found, not redrawn."""
    images = get_image_model().objects.order_by("pk")
    if image_ids is not None:
        images = images.filter(pk__in=image_ids)
    count = 0
    for image in images.iterator(chunk_size=100):
        image.get_renditions(*renditions.PRODUCT_SPECS, *renditions.TILE.specs)
        count += 1
    return count
