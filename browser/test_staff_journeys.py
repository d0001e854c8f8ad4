"""Staff in the Wagtail admin, in a real browser: an editor makes and publishes a
product (a variant, an uploaded picture, stock) and schedules another; a merchant
ships an order, refunds a line with restock and downloads the invoice."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from browser.conftest import DESKTOP, console_errors
from catalog.models import CategoryPage, ProductPage, ProductVariant
from commerce.models import PaymentStatus, StockRecord
from commerce.services import payments
from commerce.tests.factories import OrderFactory
from home.tasks import publish_scheduled_task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff_page(browse):
    """The admin, signed in as a superuser through the storefront's sign-in."""
    UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    page = browse(DESKTOP)
    page.goto("/admin/")
    page.get_by_label("Email").fill("staff@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def picture() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 640), (40, 90, 120)).save(buffer, "JPEG")
    return {"name": "harbour-jumper.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def start_product(page, parent: CategoryPage, title: str, sku: str) -> None:
    page.goto(f"/admin/pages/add/catalog/productpage/{parent.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_variants-0-sku").fill(sku)
    page.locator("#id_variants-0-size").fill("M")
    page.locator("#id_variants-0-price").fill("49.00")


def publish(page, action: str = "Publish") -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=action).click()


def test_an_editor_publishes_a_product_and_schedules_another(store, staff_page, browse):
    page = staff_page
    knitwear = CategoryPage.objects.get(title="Knitwear")
    start_product(page, knitwear, "Harbour Rib Jumper", "HRJ-M")
    page.get_by_role("button", name="Add Images").click()
    page.locator("#id_images-0-image-chooser").get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.locator("input[type=file]").set_input_files(picture())
    dialog.get_by_label("Title").fill("Harbour rib jumper")
    dialog.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.locator("#id_images-0-alt_text").fill("A deep blue rib jumper, folded")
    publish(page)
    expect(page.get_by_text("Page 'Harbour Rib Jumper' created and published.")).to_be_visible()
    # The admin warns that the product is live with nothing to sell.
    expect(page.get_by_text("none of its variants for sale has stock")).to_be_visible()
    page.get_by_role("link", name="Set stock").click()
    page.get_by_role("link", name="Edit").first.click()
    page.locator("#id_change").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Stock record 'HRJ-M: 12")).to_be_visible()
    assert StockRecord.objects.get(variant__sku="HRJ-M").num_on_hand == 12
    product = ProductPage.objects.get(title="Harbour Rib Jumper")

    shop = browse(DESKTOP)  # a shopper, elsewhere
    shop.goto(knitwear.url)
    expect(shop.get_by_role("link", name=re.compile("Harbour Rib Jumper"))).to_be_visible()
    shop.goto("/search/?q=rib+jumper")
    expect(shop.get_by_role("link", name=re.compile("Harbour Rib Jumper"))).to_be_visible()
    shop.goto(product.url)
    expect(shop.get_by_role("img", name="A deep blue rib jumper, folded").first).to_be_visible()
    expect(shop.locator("[data-buy-button]")).to_be_enabled()

    # Another, for a minute from now: it waits, and beat's task publishes it.
    start_product(page, knitwear, "Harbour Cable Scarf", "HCS-M")
    go_live = timezone.localtime() + timedelta(minutes=1)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    page.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The open date picker lies over the dialog's button, as it does for a mouse user
    # until they click elsewhere.
    page.get_by_role("button", name="Save schedule").evaluate("button => button.click()")
    expect(page.get_by_text("Once scheduled:")).to_be_visible()
    publish(page, "Schedule to publish")
    scarf = ProductPage.objects.get(title="Harbour Cable Scarf")
    assert not scarf.live
    shop.goto(knitwear.url)
    expect(shop.get_by_role("link", name=re.compile("Harbour Cable Scarf"))).to_have_count(0)

    with time_machine.travel(go_live + timedelta(seconds=30)):
        publish_scheduled_task.delay()
    scarf.refresh_from_db()
    assert scarf.live
    shop.goto(knitwear.url)
    expect(shop.get_by_role("link", name=re.compile("Harbour Cable Scarf"))).to_be_visible()
    assert console_errors(shop) == []


def test_a_merchant_ships_refunds_a_line_with_restock_and_gets_the_invoice(store, staff_page):
    page = staff_page
    in_stock = ProductVariant.objects.filter(product__live=True, stock__num_on_hand__gt=5)
    mug = in_stock.filter(product__title__endswith="Mug").order_by("pk").first()
    cardigan = in_stock.filter(product__title__endswith="Cardigan").order_by("pk").first()
    order = OrderFactory(lines=[(mug, 1), (cardigan, 2)], email="buyer@example.com")
    payments.pay(order, data={"outcome": "pay"})  # through the demo gateway
    cardigan_on_hand = StockRecord.objects.get(variant=cardigan).num_on_hand

    page.goto(reverse("commerce_order_modeladmin_index"))
    page.get_by_placeholder("Search orders").fill(order.number)
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 order", exact=True)).to_be_visible()
    page.get_by_role("row", name=re.compile(order.number)).get_by_role("link", name="Open").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)

    page.get_by_role("link", name="Mark shipped").click()
    page.get_by_label("Carrier").fill("Royal Mail")
    page.get_by_label("Tracking number").fill("RM123456789GB")
    page.get_by_role("button", name="Yes: mark shipped").click()
    expect(page.get_by_text("Sent with Royal Mail")).to_be_visible()
    expect(page.get_by_role("link", name="RM123456789GB")).to_be_visible()

    page.get_by_role("link", name="Refund", exact=True).click()
    row = page.get_by_role("row", name=re.compile(cardigan.sku))
    row.get_by_role("spinbutton").fill("1")
    row.get_by_label("Put back in stock").check()
    page.get_by_role("button", name="Yes: refund").click()
    expect(page.get_by_role("link", name=re.compile(r"\(PDF\)$")).last).to_be_visible()
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PARTIALLY_REFUNDED
    assert StockRecord.objects.get(variant=cardigan).num_on_hand == cardigan_on_hand + 1

    invoice = page.get_by_role("link", name=re.compile(r"^Invoice .* \(PDF\)$"))
    response = page.request.get(invoice.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert console_errors(page) == []
