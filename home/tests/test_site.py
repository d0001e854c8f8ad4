import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from catalog.tests.factories import CategoryPageFactory, make_product
from core.models import StoreSettings
from core.tests.helpers import forget_shared_page
from home.models import ContentPage

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages(client, category):
    product = make_product(parent=category, title="Listed", images=0)
    draft = make_product(parent=category, title="Hidden", images=0)
    draft.unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    body = response.content.decode()
    assert product.url in body and category.url in body
    assert draft.url_path.split("/")[-2] not in body


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_routing_finds_nested_pages_and_refuses_drafts_and_unknown_paths(client, category):
    sub = CategoryPageFactory(parent=category, title="Cups", slug="cups")
    product = make_product(parent=sub, title="Cup", slug="cup", images=0)

    assert client.get("/shop/kitchen/cups/cup/").context["page"] == product
    sub.unpublish()
    assert client.get("/shop/kitchen/cups/").status_code == 404
    assert client.get("/shop/kitchen/nothing/").status_code == 404


def test_a_page_type_with_its_own_routing_is_asked_on_the_way(client, category, monkeypatch):
    """The one-query shortcut must not skip a page that routes the rest of its path."""
    from wagtail.url_routing import RouteResult

    from catalog.models import CategoryPage
    from home.models import every_page_routes_plainly

    make_product(parent=category, title="Cup", slug="cup", images=0)
    catalog_index = category.get_parent().specific

    def route_to_itself(page, request, path_components):
        return RouteResult(catalog_index)  # "cup" is this category's own sub-URL, say

    monkeypatch.setattr(CategoryPage, "route", route_to_itself)
    every_page_routes_plainly.cache_clear()
    try:
        assert client.get("/shop/kitchen/cup/").context["page"] == catalog_index
    finally:
        monkeypatch.undo()
        every_page_routes_plainly.cache_clear()
        forget_shared_page("/shop/kitchen/cup/")  # new code comes with a deploy, which does
    assert client.get("/shop/kitchen/cup/").context["page"].title == "Cup"


def test_not_found_page_uses_the_shop_layout(client, home_page):
    response = client.get("/no-such-thing/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_private_sections_stay_out_of_listings(client, category):
    private = CategoryPageFactory(parent=category, title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_product(parent=private, title="Staff discount mug", images=0)
    make_product(parent=category, title="Public mug", images=0)

    html = client.get(category.url).content.decode()

    assert "Public mug" in html
    assert "Staff discount mug" not in html and "Staff only" not in html


def test_header_navigation_and_settings_refresh_after_changes(
    client, category, home_page, committed
):
    category.show_in_menus = True
    with committed():
        category.save_revision().publish()
    assert 'href="/shop/kitchen/"' in client.get("/").content.decode()

    new = CategoryPageFactory(parent=category.get_parent(), title="Garden", show_in_menus=True)
    settings = StoreSettings.for_site(home_page.get_site())
    settings.store_name = "Renamed Store"
    with committed():
        new.save_revision().publish()
        settings.save()
        # Until the change commits, what is kept stays: no request rebuilds the old data.
        assert f'href="{new.url}"' not in client.get("/").content.decode()

    html = client.get("/").content.decode()
    assert f'href="{new.url}"' in html
    assert "Renamed Store" in html


def test_the_site_is_looked_up_once_until_sites_change(client, home_page, committed):
    def site_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/").status_code == 200
        return sum('"wagtailcore_site"' in query["sql"] for query in queries)

    with committed():
        client.get("/search/")  # makes the store settings, which empties the page chrome
    assert site_queries() == 1
    assert site_queries() == 0

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    with committed():
        site.save()

    assert site_queries() == 1


def test_restricted_pages_and_their_aliases_ask_shoppers_to_sign_in(
    client, category, home_page, committed
):
    private = CategoryPageFactory(parent=category, title="Staff only")
    mug = make_product(parent=private, title="Staff discount mug", images=0)
    assert client.get(mug.url).status_code == 200
    with committed():
        PageViewRestriction.objects.create(page=private, restriction_type="login")
    for _ in range(2):  # the restriction holds when cached facts are used
        response = client.get(mug.url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]

    trade = ContentPage(title="Trade prices", slug="trade")
    home_page.add_child(instance=trade)
    with committed():
        alias = trade.create_alias(parent=home_page, update_slug="trade-copy")
    client.get(alias.url)
    with committed():  # an alias has its source's restrictions, even ones added later
        PageViewRestriction.objects.create(page=trade, restriction_type="login")
    response = client.get(alias.url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
