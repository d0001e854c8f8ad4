"""The merchant's order page and its actions, through the admin views, with the
shop's roles: each action needs its own right."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.tests.factories import UserFactory
from commerce.models import OrderEvent, StockMovement, WebhookEvent
from commerce.services import orders, payments
from commerce.tests.conftest import stock_of
from commerce.tokens import order_token

pytestmark = pytest.mark.django_db


def staff_in(client, *groups, **flags):
    user = UserFactory(is_staff=True, email="ops@shop.test", **flags)
    user.groups.add(*Group.objects.filter(name__in=groups))
    client.force_login(user)
    return user


@pytest.fixture
def merchant(client, home_page):
    staff_in(client, is_superuser=True)
    return client


@pytest.fixture
def paid(place, variant):
    order = place(variant, 2)
    payments.pay(order, data={"outcome": "pay"})  # the demo gateway
    order.refresh_from_db()
    return order


def page_of(client, order) -> str:
    response = client.get(f"/admin/commerce/order/inspect/{order.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_order_page_shows_what_to_ship_and_who_did_what(merchant, paid, variant):
    orders.add_note(paid, text="Gift wrap, please.", by=None)
    page = page_of(merchant, paid)

    for expected in (variant.sku, "Invoice INV-", "Ship to", "Demo", "Gift wrap", "Mark shipped"):
        assert expected in page
    assert "€" in page or "£" in page  # money with its currency, never bare
    for action in ("ship", "refund", "cancel_paid", "email", "note"):
        assert f'href="/admin/shop-orders/{paid.pk}/{action}/"' in page


def test_notes_and_staff_never_show_on_the_customers_page(merchant, paid):
    merchant.post(f"/admin/shop-orders/{paid.pk}/note/", {"text": "Customer rang twice."})
    merchant.post(f"/admin/shop-orders/{paid.pk}/ship/", {"carrier": "DPD", "tracking_number": "1"})
    staff = OrderEvent.objects.filter(order=paid).exclude(actor=None).first().actor
    assert OrderEvent.objects.filter(order=paid, kind="note").exists()

    customer_page = Client().get(f"/orders/{order_token(paid)}/").content.decode()

    assert "rang twice" not in customer_page
    assert staff.email not in customer_page
    assert "Shipped" in customer_page and "track.dpd.co.uk" in customer_page


def test_the_shipped_email_links_to_the_carriers_tracking(merchant, paid, mailoutbox, committed):
    with committed():
        merchant.post(
            f"/admin/shop-orders/{paid.pk}/ship/",
            {"carrier": "Royal Mail", "tracking_number": "AB 1"},
        )
    shipped = [m for m in mailoutbox if "on its way" in m.subject]
    assert len(shipped) == 1
    assert "royalmail.com/track-your-item#/tracking-results/AB%201" in shipped[0].body


def test_resending_an_email_sends_it_again_and_says_so(merchant, paid, mailoutbox, committed):
    before = len(mailoutbox)
    form = merchant.get(f"/admin/shop-orders/{paid.pk}/email/").context["form"]
    assert [kind for kind, _ in form.fields["kind"].choices] == ["received", "paid"]

    for _ in range(2):
        with committed():
            merchant.post(f"/admin/shop-orders/{paid.pk}/email/", {"kind": "paid"})

    assert [m.subject for m in mailoutbox[before:]] == [mailoutbox[before].subject] * 2
    assert "Payment received" in mailoutbox[before].subject
    assert OrderEvent.objects.filter(order=paid, kind="email").count() == 2
    refused = merchant.post(f"/admin/shop-orders/{paid.pk}/email/", {"kind": "shipped"})
    assert refused.status_code == 200 and len(mailoutbox) == before + 2  # not reached yet


def test_cancelling_an_unpaid_order_releases_its_stock(merchant, place, variant):
    order = place(variant, 3)
    assert stock_of(variant) == (10, 3)
    assert merchant.get(f"/admin/shop-orders/{order.pk}/cancel/").status_code == 200

    merchant.post(f"/admin/shop-orders/{order.pk}/cancel/")

    order.refresh_from_db()
    assert order.payment_status == "cancelled"
    assert stock_of(variant) == (10, 0)
    released = StockMovement.objects.get(order=order, reason="reservation_released")
    assert released.created_by.email == "ops@shop.test"  # who cancelled it


def test_cancelling_a_paid_order_refunds_it_whole_with_restock(merchant, paid, variant):
    assert stock_of(variant) == (8, 0)
    url = f"/admin/shop-orders/{paid.pk}/cancel_paid/"
    form = merchant.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (False, None)}

    assert merchant.post(url, data).status_code == 302

    paid.refresh_from_db()
    assert paid.payment_status == "refunded"
    assert stock_of(variant) == (10, 0)


def test_ship_several_orders_at_once(merchant, place, variant_with_stock):
    apron = variant_with_stock(stock=10)
    first, second, left = (place(apron) for _ in range(3))
    for order in (first, second, left):
        payments.pay(order, data={"outcome": "pay"})
    data = {
        "carrier": "DHL",
        f"ship_{first.pk}": "on",
        f"tracking_{first.pk}": "T1",
        f"ship_{second.pk}": "on",
    }

    asked = merchant.post("/admin/shop-orders/ship/", data)
    assert asked.context["confirming"] and first.refresh_from_db() is None
    assert first.fulfilment_status == "unfulfilled"  # nothing until confirmed
    merchant.post("/admin/shop-orders/ship/", data | {"confirmed": "on"})

    for order in (first, second, left):
        order.refresh_from_db()
    assert [o.fulfilment_status for o in (first, second, left)] == [
        "shipped",
        "shipped",
        "unfulfilled",
    ]
    assert first.tracking_number == "T1"


def test_the_filtered_orders_list_exports_to_csv_and_xlsx(merchant, place, variant, paid):
    place(variant)  # unpaid: filtered out
    query = "?show=to_ship"

    exported = merchant.get(f"/admin/commerce/order/{query}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    xlsx = merchant.get(f"/admin/commerce/order/{query}&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active

    assert rows[0][0] == "Number" and [row[0] for row in rows[1:]] == [paid.number]
    assert [cell.value for cell in sheet[2]][0] == paid.number
    total_column = rows[0].index("Total")
    assert rows[1][total_column] == str(paid.total)


def test_orders_are_found_by_sku_and_name(merchant, paid, variant):
    found = merchant.get(f"/admin/commerce/order/?q={variant.sku}").content.decode()
    name = paid.shipping_address["full_name"].split()[0]
    by_name = merchant.get(f"/admin/commerce/order/?q={name}").content.decode()
    assert paid.number in found and paid.number in by_name
    bad = merchant.get("/admin/commerce/order/?created_at__gte=nonsense&created_at__lt=2026-13-01")
    assert bad.status_code == 302 and "created_at" not in bad["Location"]
    assert merchant.get("/admin/commerce/order/?created_at__lt=%00").status_code == 400


def test_fulfilment_ships_and_notes_but_cannot_refund_or_edit_pages(client, paid, home_page):
    staff_in(client, "Fulfilment")

    assert client.get(f"/admin/commerce/order/inspect/{paid.pk}/").status_code == 200
    assert client.get(f"/admin/shop-orders/{paid.pk}/refund/").status_code in (302, 403)
    assert client.post(f"/admin/shop-orders/{paid.pk}/cancel_paid/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code in (302, 403)
    client.post(f"/admin/shop-orders/{paid.pk}/ship/", {"carrier": "DHL"})

    paid.refresh_from_db()
    assert (paid.payment_status, paid.fulfilment_status) == ("paid", "shipped")
    assert not paid.refunds.exists()


def test_a_merchandiser_edits_pages_and_stock_but_cannot_see_orders(client, paid, home_page):
    staff_in(client, "Merchandiser")

    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200
    assert client.get("/admin/commerce/stockrecord/").status_code == 200
    assert client.get("/admin/commerce/order/").status_code in (302, 403)
    assert client.get(f"/admin/commerce/order/inspect/{paid.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/shop-orders/{paid.pk}/invoice.pdf").status_code in (302, 403)


def test_staff_download_the_invoice(merchant, paid):
    response = merchant.get(f"/admin/shop-orders/{paid.pk}/invoice.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_webhook_inbox_lists_and_replays_a_skipped_event(merchant, settings):
    settings.SHOP_PAYMENT_GATEWAYS = ["commerce.payments.stripe_gateway.StripeGateway"]
    event = WebhookEvent.objects.create(
        gateway="stripe",
        event_id="evt_1",
        type="customer.created",
        payload={"id": "evt_1", "type": "customer.created", "data": {"object": {"id": "cus_1"}}},
        status="failed",
        error="RuntimeError: down",
    )
    listing = merchant.get("/admin/commerce/webhookevent/?status=failed").content.decode()
    assert "customer.created" in listing and "RuntimeError: down" in listing
    assert "Replay" in listing

    merchant.post(f"/admin/shop-webhooks/{event.pk}/replay/")

    event.refresh_from_db()
    assert (event.status, event.outcome, event.error) == ("skipped", "ignored", "")
    again = merchant.post(f"/admin/shop-webhooks/{event.pk}/replay/", follow=True)
    assert "Only a failed or skipped" not in again.content.decode()  # skipped may run again


def test_a_line_refund_with_restock_from_the_order_page_goes_through_stripe(
    client, stripe_api, place, variant
):
    from commerce.tests import stripe_peer
    from commerce.tests.test_stripe import PAYS, pay

    order = place(variant, 2)  # two units at 20.00
    pay(Client(), order, stripe_api, PAYS)
    staff = staff_in(client, is_superuser=True)
    item = order.items.get()
    url = f"/admin/shop-orders/{order.pk}/refund/"
    key = client.get(url).context["form"].initial["idempotency_key"]

    response = client.post(
        url, {"idempotency_key": key, f"quantity_{item.pk}": 1, f"restock_{item.pk}": "on"}
    )

    assert response.status_code == 302
    order.refresh_from_db()
    made = order.refunds.get()
    assert (made.status, made.amount, order.payment_status) == (
        "succeeded",
        item.unit_price,
        "partially_refunded",
    )
    assert made.gateway_refund_id.startswith("re_")
    assert stock_of(variant) == (9, 0)
    restocked = StockMovement.objects.get(variant=variant, reason="refund_restock")
    assert (restocked.on_hand_change, restocked.order_id, restocked.created_by) == (
        1,
        order.pk,
        staff,
    )
    at_stripe = stripe_peer.sdk(stripe_api).v1.refunds.list(
        params={"payment_intent": order.payments.get().transaction_id}
    )
    assert [refund.amount for refund in at_stripe.data] == [2000]
    assert f"/admin/shop-orders/{order.pk}/credit-notes/{made.pk}.pdf" in page_of(client, order)
