"""axe-core finds no serious or critical violation on the pages shoppers use, on a
phone and on a desktop, and none of them logs an error."""

import pytest

from browser.conftest import DESKTOP, PHONE, axe_violations, console_errors
from catalog.models import CategoryPage, ProductPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def violations_on_the_shoppers_pages(page) -> dict[str, list[str]]:
    category = CategoryPage.objects.live().filter(depth=5).order_by("pk").first()
    product = ProductPage.objects.live().order_by("pk").first()
    found = {}
    for name, url in [
        ("home", "/"),
        ("category", category.url),
        ("product", product.url),
        ("search", "/search/?q=mug"),
        ("sign-in", "/account/login/"),
        ("sign-up", "/account/signup/"),
    ]:
        page.goto(url)
        found[name] = axe_violations(page)
    page.goto(product.url)
    page.locator("[data-buy-button]").click()
    page.locator(".cart-panel").wait_for()
    found["cart panel"] = axe_violations(page)
    page.goto("/cart/")
    found["cart"] = axe_violations(page)
    page.goto("/checkout/")
    found["checkout"] = axe_violations(page)
    page.locator("button", has_text="Review order").click()  # nothing filled in: errors
    found["checkout with errors"] = axe_violations(page)
    return {name: problems for name, problems in found.items() if problems}


def test_the_shoppers_pages_have_no_serious_violations(store, browse):
    for size in (PHONE, DESKTOP):
        page = browse(size, axe=True)
        assert violations_on_the_shoppers_pages(page) == {}, size
        assert console_errors(page) == [], size
