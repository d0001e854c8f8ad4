from celery import shared_task
from wagtail.contrib.search_promotions.models import Query


@shared_task(ignore_result=True)
def log_search_query(query: str) -> None:
    """Count a search for the admin's search-terms report, off the request's path."""
    Query.get(query).add_hit()
