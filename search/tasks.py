from celery import shared_task

from search import services


@shared_task(ignore_result=True)
def log_search_query_task(query: str) -> None:
    """Counts a search off the request's path."""
    services.log_search_query(query)


@shared_task(ignore_result=True)
def refresh_search_terms_task() -> None:
    services.refresh_search_terms()
