"""Pages behind a view restriction stay out of listings, cards and search."""

from django.db.models import Q, QuerySet
from wagtail.models import PageViewRestriction

from core import page_cache


def restricted_paths() -> list[str]:
    """Tree paths of the pages that have view restrictions; cached until they change."""
    return page_cache.cached(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public(pages: QuerySet) -> QuerySet:
    """Wagtail's public(), without its query when the restricted paths are cached."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return pages.exclude(private) if private else pages
