"""Every Shop page a merchant can reach from the dashboard opens, and every link and
button on it leads somewhere: a crawl of the admin over a shop that has sold,
shipped and refunded."""

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from commerce.models import WebhookEvent
from commerce.services import payments

pytestmark = pytest.mark.django_db

SHOP_PATHS = re.compile(
    r"^/admin/(commerce/|accounts/user/|shop-orders/|shop-reports/|shop-customers/|pages/\d+/edit/)"
)
LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>')
MENU_ITEM = re.compile(r'"url": "(/admin/[^"]*)"')  # the sidebar's menu, drawn by its script
# Wagtail's own: its release notice sets its link, its breadcrumbs' last item is the page.
FILLED_BY_WAGTAIL = "data-w-upgrade-target"
BREADCRUMBS = re.compile(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', re.DOTALL)
SKIPPED = re.compile(r"(^|&)(export|o|p)=")  # downloads, and the same list sorted or paged
VARIANTS_PER_PATH = 3  # a list under a few of its filters, not under every combination
PAGES_AT_MOST = 150


@pytest.fixture
def busy_shop(client, place, variant):
    """A shipped order with a line refunded and restocked, a customer and a webhook."""
    order = place(variant, 2)
    payments.pay(order, data={"outcome": "pay"})
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(f"/admin/shop-orders/{order.pk}/ship/", {"carrier": "DPD", "tracking_number": "9"})
    item = order.items.get()
    url = f"/admin/shop-orders/{order.pk}/refund/"
    key = client.get(url).context["form"].initial["idempotency_key"]
    client.post(url, {"idempotency_key": key, f"quantity_{item.pk}": 1, f"restock_{item.pk}": "on"})
    UserFactory(email="shopper@example.com")
    WebhookEvent.objects.create(
        gateway="stripe", event_id="evt_1", type="charge.refunded", payload={}, status="failed"
    )
    return client


def crawl(client: Client, start: str) -> dict[str, str]:
    """Each Shop page reached from `start`, with the page it was linked from."""
    found, queue, per_path = {start: "(start)"}, [start], Counter()
    while queue and len(found) < PAGES_AT_MOST:
        page = queue.pop(0)
        response = client.get(page)
        assert response.status_code == 200, f"{page} (linked from {found[page]})"
        if "html" not in response.get("Content-Type", "") or response.streaming:
            continue
        html = response.content.decode()
        links = list(LINK.finditer(BREADCRUMBS.sub("", html)))
        empty = [tag for tag in links if not tag[1] and FILLED_BY_WAGTAIL not in tag[0]]
        assert not empty, f"an empty link on {page}: {empty[0][0]}"
        assert "/static/admin/img/icon-" not in html, f"Django admin's missing icons on {page}"
        hrefs = [tag[1] for tag in links] + MENU_ITEM.findall(html)
        for href in hrefs:
            target = urljoin(page, href.replace("&amp;", "&")).split("#")[0]
            parts = urlsplit(target)
            if parts.netloc or not SHOP_PATHS.match(parts.path) or SKIPPED.search(parts.query):
                continue
            if target not in found and per_path[parts.path] < VARIANTS_PER_PATH:
                per_path[parts.path] += 1
                found[target] = page
                queue.append(target)
    return found


def test_every_shop_page_opens_and_links_somewhere(busy_shop):
    found = crawl(busy_shop, "/admin/")

    reached = {urlsplit(url).path for url in found}
    for expected in (
        "/admin/commerce/order/",
        "/admin/commerce/stockrecord/",
        "/admin/commerce/stockmovement/",
        "/admin/accounts/user/",
        "/admin/commerce/webhookevent/",
        "/admin/shop-reports/sales/",
    ):
        assert expected in reached
    assert any(re.match(r"^/admin/shop-orders/\d+/refund/$", path) for path in reached)
