"""People's journeys through the shop in a real browser, end to end: a shopper paying
with the demo gateway, a new customer from sign-up to their order page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from browser.conftest import DESKTOP, console_errors
from catalog.models import CategoryPage
from commerce.models import Order, PaymentStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = {
    "full_name": "Grace Hopper",
    "line1": "3 Quay Road",
    "city": "Falmouth",
    "postcode": "TR11 3QA",
}


def fill_address(page, prefix: str = "") -> None:
    for field, value in ADDRESS.items():
        page.locator(f"#id_{prefix}{field}").fill(value)


def choose_a_size_and_add_to_cart(page) -> str:
    """From the home page, through Knitwear filtered to size M, to a cardigan in the
    cart; returns the product's title."""
    page.goto("/")
    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Clothing").click()
    page.get_by_role("navigation", name="Subcategories").get_by_role(
        "link", name="Knitwear"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knitwear")
    page.locator("label.facet-option", has_text=re.compile(r"^M\b")).click()
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(re.compile(r"size=M"))
    page.locator(".card__link").first.click()
    title = page.get_by_role("heading", level=1).inner_text()
    page.locator(
        "label.variant", has=page.locator(".variant__label", has_text=re.compile("^M$"))
    ).click()
    page.locator("[data-buy-button]").click()
    panel = page.get_by_role("dialog", name="Added to your cart")
    expect(panel).to_contain_text(title)
    panel.get_by_role("link", name="View cart").click()
    expect(page.locator("main")).to_contain_text(title)
    return title


def check_out_as_guest(page, email: str, *, title: str = "") -> None:
    """From the cart, through details and review, to the payment page."""
    page.get_by_role("link", name="Check out").first.click()
    page.get_by_label("Email").fill(email)
    fill_address(page, "shipping-")
    page.get_by_role("button", name="Review order").click()
    expect(page).to_have_url(re.compile(r"/checkout/review/$"))
    expect(page.locator("main")).to_contain_text(title)
    expect(page.locator("main")).to_contain_text("3 Quay Road")
    page.get_by_role("button", name=re.compile("^Place order")).click()


def test_a_guest_pays_with_the_demo_gateway_and_finds_the_order(store, browse):
    page = browse(DESKTOP)
    title = choose_a_size_and_add_to_cart(page)

    check_out_as_guest(page, "grace@example.com", title=title)

    expect(page.get_by_text("Demo payment: no money moves")).to_be_visible()
    page.get_by_role("button", name="Pay (demo)").click()
    order = Order.objects.get(email="grace@example.com")
    expect(page.locator("main")).to_contain_text(order.number)
    expect(page.locator("main")).to_contain_text(title)
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.PAID

    # Later, from another browser: the order found by its number and email.
    later = browse(DESKTOP)
    later.goto("/orders/find/")
    later.get_by_label("Order number").fill(order.number)
    later.get_by_label("Email used for the order").fill("grace@example.com")
    later.get_by_role("button", name="Find order").click()
    expect(later.locator("main")).to_contain_text(order.number)
    expect(later.locator("main")).to_contain_text("Paid")
    assert console_errors(page) == [] and console_errors(later) == []


def test_a_new_customer_signs_up_saves_an_address_and_checks_out_with_it(store, browse):
    page = browse(DESKTOP)
    page.goto("/account/signup/")
    page.get_by_label("Email").fill("ada.new@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-harbour-walk")
    page.get_by_label("Password (again)").fill("a-long-harbour-walk")
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator("main")).to_contain_text("ada.new@example.com")

    link = re.search(r"https?://\S+(/account/confirm-email/\S+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("Successfully signed in as ada.new@example.com")
    # Another day: signed out, and back in with the new password.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/account/login/")
    page.get_by_label("Email").fill("ada.new@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-harbour-walk")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/account/addresses/new/")
    fill_address(page)
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.locator("main")).to_contain_text("3 Quay Road")

    choose_a_size_and_add_to_cart(page)
    page.get_by_role("link", name="Check out").first.click()
    expect(page.locator("main")).to_contain_text("3 Quay Road")  # the saved address
    page.get_by_role("button", name="Review order").click()
    page.get_by_role("button", name=re.compile("^Place order")).click()
    page.get_by_role("button", name="Pay (demo)").click()

    order = Order.objects.get(email="ada.new@example.com")
    page.goto("/account/orders/")
    page.get_by_role("link", name=re.compile(order.number)).click()
    expect(page.locator("main")).to_contain_text("3 Quay Road")
    expect(page.locator("main")).to_contain_text("Paid")
    assert CategoryPage.objects.filter(title="Knitwear").exists()
    assert console_errors(page) == []
