"""The names shared pages depend on (core.shared_pages) for the stock state they show,
expired by the stock services: a product's page and the grids and search results
holding its card depend on the product's tag; a category's listing, on the listing's
tag, which a change to any product below it expires."""

from wagtail.models import Page

from catalog.models import CategoryPage


def product(pk: int) -> str:
    return f"product:{pk}"


def products(pks) -> list[str]:
    return [product(pk) for pk in pks]


def listing(category_pk: int) -> str:
    return f"listing:{category_pk}"


def for_stock_of(product_pk: int) -> list[str]:
    """What a change of the product's stock state makes stale: its own tag, and the
    listings of every category above it."""
    path = Page.objects.filter(pk=product_pk).values_list("path", flat=True).first() or ""
    above = [path[:end] for end in range(Page.steplen, len(path), Page.steplen)]
    categories = CategoryPage.objects.filter(path__in=above).values_list("pk", flat=True)
    return [product(product_pk), *(listing(pk) for pk in categories)]
