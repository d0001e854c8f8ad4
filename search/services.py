from wagtail.contrib.search_promotions.models import Query


def log_search_query(query: str) -> None:
    """Count a search for the admin's search-terms report."""
    Query.get(query).add_hit()
