"""Redis unreachable: the shop goes on answering, keeps its shoppers' sessions and its
sign-in limits, and says so in the log once a minute."""

import logging

import pytest
from django.test import Client

import core.cache
from accounts.tests.factories import PASSWORD, UserFactory
from commerce.tests.conftest import checkout_post
from config.settings.base import redis_caches
from core.tests.helpers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_gone(settings):
    """From now on the cache and the sessions' cache point at a port nothing answers."""

    def cut():
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0", key_prefix="gone")

    return cut


@pytest.fixture
def cache_log(caplog, monkeypatch):
    """The cache's log, with Redis tried again on every call (not left alone for a few
    seconds after a failure), so that every request meets the failure."""
    monkeypatch.setattr(core.cache, "RETRY_AFTER_SECONDS", 0)
    caplog.set_level(logging.ERROR, logger="core.cache")
    return lambda: [r for r in caplog.records if r.name == "core.cache"]


def test_pages_cart_and_checkout_answer_without_redis(
    client, variant, standard_shipping, redis_gone, cache_log, settings
):
    product_url = variant.product.url
    # With a cache in front, the addresses sent are noted in Redis too.
    edge = {"BACKEND": "core.edge.PurgeBackend", "LOCATION": f"http://127.0.0.1:{free_port()}"}
    settings.WAGTAILFRONTENDCACHE = {"edge": edge}
    redis_gone()

    for url in ["/", variant.product.get_parent().url, product_url, "/search/?q=apron"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/session/").status_code == 200
    added = client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    assert added.status_code == 302
    assert client.get("/cart/").context["cart"].item_count == 1
    details = client.post("/checkout/", checkout_post(standard_shipping))
    assert details.status_code == 302, details.context["form"].errors
    review = client.get("/checkout/review/")
    assert review.status_code == 200
    placed = client.post("/checkout/review/", {"fingerprint": review.context["fingerprint"]})
    assert placed.status_code == 302 and "/pay/" in placed["Location"]

    (logged,) = cache_log()  # many requests, one line
    assert "cannot be reached" in logged.getMessage()


def test_a_shoppers_session_outlives_the_cache(client, variant, redis_gone):
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 2})
    assert client.get("/cart/").context["cart"].item_count == 2

    redis_gone()

    assert client.get("/cart/").context["cart"].item_count == 2


def test_sign_in_stays_limited_without_redis(home_page, redis_gone):
    shopper = UserFactory(email="ada@example.com")
    redis_gone()
    client = Client(REMOTE_ADDR="203.0.113.70")
    for _ in range(5):
        response = client.post("/account/login/", {"login": shopper.email, "password": "wrong"})
        assert response.status_code == 200 and "not correct" in response.content.decode()

    blocked = client.post("/account/login/", {"login": shopper.email, "password": PASSWORD})

    assert "Too many failed login attempts" in blocked.content.decode()
    assert not client.get("/account/").wsgi_request.user.is_authenticated
    # Someone else signs in as usual.
    other = Client(REMOTE_ADDR="198.51.100.70")
    other.post("/account/login/", {"login": shopper.email, "password": PASSWORD})
    assert other.get("/account/").wsgi_request.user.is_authenticated
