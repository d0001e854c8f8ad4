"""Pages behind a view restriction stay out of listings, cards and search."""

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

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


def any_aliases() -> bool:
    """Whether any page is an alias of another; cached until the next publish or alias."""
    return page_cache.cached(
        "any-aliases", lambda: Page.objects.filter(alias_of__isnull=False).exists()
    )


class KnownRestrictions:
    """Wagtail asks each page it serves for its view restrictions, in two queries. The
    cache knows which paths are restricted: a page below none of them has none. Aliases
    take their source's restrictions, so while any exist Wagtail's own check runs."""

    def get_view_restrictions(self):
        if any_aliases() or any(self.path.startswith(path) for path in restricted_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
