from django.db import transaction
from wagtail.contrib.search_promotions.models import Query

from search import selectors
from search.models import SearchTerm


def log_search_query(query: str) -> None:
    """Count a search for the admin's search-terms report."""
    Query.get(query).add_hit()


def refresh_search_terms() -> None:
    """Make the vocabulary that "Did you mean" draws on the catalog's words as they are
    now. Running it twice, or two at once, leaves the same words."""
    words = selectors.catalog_words()
    known = set(SearchTerm.objects.values_list("word", flat=True))
    with transaction.atomic():
        SearchTerm.objects.filter(word__in=known - words).delete()
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word) for word in sorted(words - known)], ignore_conflicts=True
        )
