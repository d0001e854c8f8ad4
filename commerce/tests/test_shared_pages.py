"""Whole pages shared by shoppers without a session: what is kept, what is not, what
empties them, and how such a shopper still adds to the cart."""

import gzip
import http.server
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from catalog.tests.factories import CategoryPageFactory, ProductPageFactory, make_product
from commerce.services.stock import set_stock_on_hand
from commerce.tests.factories import cart_holding, guest_details, place_cart
from core import shared_pages
from home.models import ContentPage

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=0, s-maxage=60, stale-while-revalidate=30"


@pytest.fixture
def product(category):
    return make_product(parent=category, title="Teapot", stock=10, images=1)


def served_from_cache(client, url, **extra) -> bool:
    """Whether `url` was answered from the shared-page cache: no view ran, no query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response.context is None and len(queries) == 0


def test_a_page_is_rendered_once_then_shared(client, product, category):
    first = client.get(category.url)
    assert first.context is not None
    assert first["Cache-Control"] == SHARED
    assert first["ETag"]
    assert served_from_cache(client, category.url)
    assert served_from_cache(client, product.url) is False  # each page is its own
    assert served_from_cache(client, product.url)
    shown = client.get(category.url)
    assert shown.content == first.content
    assert shown["ETag"] == first["ETag"] and shown["Cache-Control"] == SHARED


def test_each_sort_and_page_is_its_own_and_other_queries_are_rendered(client, category):
    make_product(parent=category, title="Teapot", images=0)
    client.get(category.url, {"sort": "price"})
    assert served_from_cache(client, category.url + "?sort=price")
    assert served_from_cache(client, category.url + "?sort=name") is False
    assert served_from_cache(client, category.url + "?page=1&sort=price") is False
    # A parameter outside the list (a campaign's, say) is rendered every time.
    for _ in range(2):
        assert served_from_cache(client, category.url + "?utm_source=mail") is False


def test_pages_are_kept_compressed(client, category):
    make_product(parent=category, title="Teapot", images=0)
    body = client.get(category.url).content
    kept = cache.get(shared_pages.key_for(RequestFactory().get(category.url)))
    assert kept.compressed and len(kept.body) < len(body) / 2


def test_browsers_get_the_page_gzipped_as_kept(client, product):
    plain = client.get(product.url).content
    zipped = client.get(product.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    assert int(zipped["Content-Length"]) == len(zipped.content)
    unzipped = client.get(product.url)
    assert unzipped.content == plain and not unzipped.has_header("Content-Encoding")


def test_a_matching_etag_gets_a_304(client, product):
    etag = client.get(product.url)["ETag"]
    not_modified = client.get(product.url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and not_modified["Cache-Control"] == SHARED
    assert client.get(product.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_browsing_sets_no_cookie(client, home_page, category, product):
    content = ContentPage(title="Delivery", slug="delivery")
    home_page.add_child(instance=content)
    for url in ["/", category.url, product.url, content.url, "/search/?q=teapot", "/search/"]:
        for _ in range(2):  # rendered, then shared
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.cookies, (url, response.cookies)
    assert not client.cookies


def test_a_signed_in_customer_gets_pages_of_their_own(client, product):
    client.get(product.url)  # shared
    client.force_login(User.objects.create_user(email="ann@example.com", first_name="Ann"))
    for _ in range(2):
        response = client.get(product.url)
        assert response.context is not None
        assert "Ann" in response.content.decode()
        assert "private" in response["Cache-Control"]


def test_a_cart_holder_gets_pages_of_their_own(client, product, category):
    client.get(category.url)  # shared
    variant = product.variants.get()
    client.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 2}, HTTP_ORIGIN="http://testserver"
    )
    assert client.cookies["sessionid"]
    response = client.get(category.url)
    assert response.context is not None
    assert 'data-cart-count aria-hidden="true">2</span>' in response.content.decode()
    assert served_from_cache(Client(), category.url)  # the others still share it


def test_a_draft_seen_by_staff_is_never_shared(client, product, admin_user):
    product.title = "Teapot (new name)"
    product.save_revision()
    staff = Client()
    staff.force_login(admin_user)
    draft = staff.get(f"/admin/pages/{product.pk}/view_draft/")
    assert "Teapot (new name)" in draft.content.decode()
    live = client.get(product.url)
    assert live.context is not None and "new name" not in live.content.decode()


def test_publishing_shows_on_the_next_request(client, category, committed):
    make_product(parent=category, title="Teapot", images=0)
    client.get(category.url)
    with committed():
        ProductPageFactory(parent=category, title="Kettle").save_revision().publish()
    assert "Kettle" in client.get(category.url).content.decode()
    kettle = category.get_descendants().get(title="Kettle")
    with committed():
        kettle.unpublish()
    assert "Kettle" not in client.get(category.url).content.decode()


def test_selling_out_shows_on_the_next_request(
    client, category, product, standard_shipping, rules, committed
):
    """The last unit is reserved by an order: the category and product pages kept
    before say "sold out" on the very next request."""
    last = make_product(parent=category, title="Last lamp", stock=1, images=0)
    client.get(category.url)
    client.get(last.url)
    assert served_from_cache(client, category.url) and served_from_cache(client, last.url)

    cart = cart_holding(last.variants.get(), 1)
    with committed():
        place_cart(cart, guest_details(standard_shipping), rules)

    listing = client.get(category.url)
    assert listing.context is not None  # rendered anew
    [card] = [card for card in listing.context["listing"].cards if card.title == "Last lamp"]
    assert card.availability.is_sold_out
    assert "Sold out" in client.get(last.url).content.decode()
    assert served_from_cache(client, category.url)  # and shared again


def test_a_sell_out_below_shows_on_every_listing_above(client, category, committed):
    mugs = CategoryPageFactory(parent=category, title="Mugs")
    mug = make_product(parent=mugs, title="Tall mug", stock=1, images=0)
    client.get(category.url)
    client.get(mugs.url)
    with committed():
        set_stock_on_hand(variant_id=mug.variants.get().pk, num_on_hand=0)
    for listing in (category, mugs):
        assert "card--sold-out" in client.get(listing.url).content.decode()


def test_a_count_well_in_stock_may_lag_but_a_low_one_does_not(client, product, committed):
    variant = product.variants.get()
    client.get(product.url)
    with committed():
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=9)  # still "in stock"
    assert served_from_cache(client, product.url)
    with committed():
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=4)
    assert "Only 4 left" in client.get(product.url).content.decode()
    with committed():
        set_stock_on_hand(variant_id=variant.pk, num_on_hand=3)  # low counts stay exact
    assert "Only 3 left" in client.get(product.url).content.decode()


def test_a_search_served_from_the_cache_is_still_counted(client, product):
    from wagtail.contrib.search_promotions.models import Query

    for _ in range(3):
        client.get("/search/", {"q": "teapot"})
    assert Query.get("teapot").hits == 3


def test_session_answers_what_a_shared_page_leaves_out(client, product):
    anonymous = client.get("/session/")
    assert anonymous["Cache-Control"] == "private, no-store"
    assert anonymous.json() == {
        "signed_in": False,
        "name": "",
        "cart_count": 0,
        "csrf_token": None,
    }
    assert not anonymous.cookies

    variant = product.variants.get()
    client.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 3}, HTTP_ORIGIN="http://testserver"
    )
    holder = client.get("/session/").json()
    assert holder["cart_count"] == 3 and holder["csrf_token"]

    client.force_login(User.objects.create_user(email="ann@example.com", first_name="Ann"))
    signed_in = client.get("/session/").json()
    assert signed_in["signed_in"] is True and signed_in["name"] == "Ann"


def test_the_shared_page_asks_for_the_session_and_the_personal_one_does_not(client, product):
    assert 'data-session="/session/"' in client.get(product.url).content.decode()
    client.force_login(User.objects.create_user(email="ann@example.com"))
    assert "data-session=" not in client.get(product.url).content.decode()


@pytest.fixture
def shopper():
    """A browser client that checks CSRF tokens as a real one is checked."""
    return Client(enforce_csrf_checks=True)


def test_adding_to_the_cart_from_a_shared_page_without_javascript(shopper, product):
    page = shopper.get(product.url)
    assert "csrfmiddlewaretoken" not in page.content.decode()
    variant = product.variants.get()
    response = shopper.post(
        "/cart/add/",
        {"variant": variant.pk, "quantity": 1},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302 and response["Location"] == "/cart/"
    assert "Teapot" in shopper.get("/cart/").content.decode()


def test_adding_to_the_cart_from_a_shared_page_with_javascript(shopper, product):
    variant = product.variants.get()
    response = shopper.post(
        "/cart/add/",
        {"variant": variant.pk, "quantity": 2},
        HTTP_ACCEPT="application/json",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200 and response.json()["count"] == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {},  # neither header, and no token
    ],
)
def test_adding_to_the_cart_from_elsewhere_is_refused(shopper, product, headers):
    variant = product.variants.get()
    response = shopper.post("/cart/add/", {"variant": variant.pk, "quantity": 1}, **headers)
    assert response.status_code == 403
    assert not shopper.cookies.get("sessionid")


def test_a_client_without_those_headers_may_still_send_the_token(shopper, product):
    shopper.get("/account/login/")  # a page with a form gives the CSRF cookie
    token = shopper.cookies["csrftoken"].value
    variant = product.variants.get()
    response = shopper.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 1, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_changing_a_cart_line_still_needs_the_token(shopper, product):
    variant = product.variants.get()
    shopper.post(
        "/cart/add/", {"variant": variant.pk, "quantity": 1}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    line = shopper.get("/cart/").context["cart"].rows[0].line
    refused = shopper.post(
        f"/cart/lines/{line.pk}/", {"quantity": 3}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert refused.status_code == 403


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    purged: list[tuple[str, str]] = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    """A cache in front, on a port of its own, that records the purges it is sent."""
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "core.edge.PurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    PurgeRecorder.purged = []
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_what_empties_the_shared_pages_purges_them_from_the_edge(
    edge, client, category, product, committed
):
    client.get(category.url)
    client.get(product.url, {"utm_source": "mail"})  # not shared: an unknown parameter
    client.get(product.url)
    sent = sorted([("testserver", category.url), ("testserver", product.url)])

    with committed():
        ProductPageFactory(parent=category, title="Kettle").save_revision().publish()
    assert sorted(set(edge)) == sent
    edge.clear()
    with committed():
        set_stock_on_hand(variant_id=product.variants.get().pk, num_on_hand=0)
    assert sorted(edge) == sent
