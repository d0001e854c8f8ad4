"""A shopper on a 375 px phone: the header's cart count, the cart panel after adding,
the buy bar once the form is scrolled past, the filter drawer, the checkout's order
summary with a voucher applied, and a colour's own picture."""

import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from browser.conftest import PHONE, console_errors
from catalog.models import CategoryPage, ProductPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_phone_shopper_adds_filters_and_checks_out(store, browse):
    page = browse(PHONE)
    product = ProductPage.objects.live().filter(variants__colour="").order_by("pk").first()

    page.goto(product.url)
    bar = page.locator("[data-buy-bar]")
    expect(bar).to_be_hidden()
    page.locator(".site-footer").scroll_into_view_if_needed()
    expect(bar).to_be_visible()  # the form has gone off the top
    bar.get_by_role("button", name="Add to cart").click()

    panel = page.get_by_role("dialog", name="Added to your cart")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(product.title)
    expect(panel).to_contain_text("Subtotal (1 item)")
    expect(panel.get_by_role("link", name="View cart")).to_have_attribute("href", "/cart/")
    count = page.locator(".site-header .cart-count")
    expect(count).to_be_visible()
    expect(count).to_have_text("1")
    expect(page.get_by_role("link", name="Cart, 1 item")).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()

    category = CategoryPage.objects.get(title="Knitwear")
    page.goto(category.url)
    drawer = page.locator("#filters")
    expect(drawer).to_be_hidden()
    page.get_by_role("button", name="Filter").click()
    dialog = page.get_by_role("dialog", name="Filter")
    expect(dialog).to_be_visible()
    dialog.locator("label.facet-option", has_text="M").click()
    dialog.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(re.compile(r"size=M"))
    expect(page.get_by_role("link", name=re.compile("Size: M"))).to_be_visible()
    expect(page.get_by_role("button", name="Filter (1)")).to_be_visible()

    page.goto("/checkout/")
    summary = page.locator("details.order-summary--phone")
    expect(page.locator("aside.order-summary--wide")).to_be_hidden()
    expect(summary).to_be_visible()
    expect(summary.locator(".summary-lines")).to_be_hidden()  # folded until asked
    summary.locator("summary").click()
    expect(summary.locator(".summary-line")).to_contain_text(product.title)
    total_before = summary.locator("[data-summary-total]").inner_text()
    page.get_by_label("Voucher code").fill("welcome10")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("[data-voucher-result]")).to_contain_text("Voucher WELCOME10 takes off")
    expect(summary).to_contain_text("Voucher WELCOME10")
    assert summary.locator("[data-summary-total]").inner_text() != total_before
    expect(summary.get_by_role("link", name="Edit cart")).to_be_visible()

    assert console_errors(page) == []


def test_choosing_a_colour_shows_its_picture(store, browse):
    page = browse(PHONE)
    mugs = ProductPage.objects.live().filter(title__endswith="Mug")
    mug = mugs.annotate(colours=Count("variants")).order_by("-colours", "pk").first()
    page.goto(mug.url)
    choices = page.locator("input[name=variant][data-image]:not([disabled])")
    assert choices.count() >= 3

    for index in (choices.count() - 1, 1, 0):  # from one picture to another, either way
        choices.nth(index).check(force=True)
        image = choices.nth(index).get_attribute("data-image")
        # The gallery comes to rest with that picture filling its frame.
        page.wait_for_function(SHOWN, arg=image)
    assert console_errors(page) == []


SHOWN = """(image) => {
  const track = document.querySelector("[data-gallery]").getBoundingClientRect();
  const slide = document.querySelector(`.gallery__slide[data-image="${image}"]`);
  return Math.abs(slide.getBoundingClientRect().left - track.left) < 2;
}"""
