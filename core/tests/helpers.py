import socket

from django.test import RequestFactory

from core import shared_pages


def forget_shared_page(url: str) -> None:
    """Drop the whole page kept for `url`, so that the next request renders it."""
    shared_pages.forget(shared_pages.key_for(RequestFactory().get(url)))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (until a test starts something there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
