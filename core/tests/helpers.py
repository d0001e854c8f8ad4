from django.test import RequestFactory

from core import shared_pages


def forget_shared_page(url: str) -> None:
    """Drop the whole page kept for `url`, so that the next request renders it."""
    shared_pages.forget(shared_pages.key_for(RequestFactory().get(url)))
