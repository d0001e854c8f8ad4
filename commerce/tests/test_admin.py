from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import UserFactory
from commerce.models import Order, PaymentStatus
from commerce.services import orders, payments
from commerce.tests.conftest import stock_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_open_a_paid_order_and_mark_it_shipped(staff_client, place, variant):
    order = place(variant)
    orders.mark_paid(order)
    listing = staff_client.get("/admin/commerce/order/")
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    page = staff_client.get(f"/admin/commerce/order/inspect/{order.pk}/").content.decode()
    assert "Mark shipped" in page and variant.sku in page

    move = f"/admin/shop-orders/{order.pk}/ship/"
    assert staff_client.get(move).status_code == 200
    assert staff_client.post(move, {"tracking_number": "X1"}).status_code == 200  # no carrier
    response = staff_client.post(move, {"carrier": "DHL", "tracking_number": "JD0123"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/commerce/order/inspect/{order.pk}/"
    order.refresh_from_db()
    assert (order.payment_status, order.fulfilment_status) == ("paid", "shipped")
    assert (order.carrier, order.tracking_number) == ("DHL", "JD0123")
    shipped = order.events.last()
    assert shipped.actor.is_superuser
    assert "admin" not in shipped.note and "@" not in shipped.note  # the customer sees notes
    page = staff_client.get(f"/admin/commerce/order/inspect/{order.pk}/").content.decode()
    assert "Mark shipped" not in page and "Mark delivered" in page


def test_an_illegal_move_from_the_admin_changes_nothing(staff_client, place, variant):
    order = place(variant)  # awaiting payment: cannot ship yet

    response = staff_client.post(
        f"/admin/shop-orders/{order.pk}/ship/", {"carrier": "DHL"}, follow=True
    )

    assert "does not fit it now" in response.content.decode()
    assert Order.objects.get().payment_status == PaymentStatus.AWAITING_PAYMENT


def test_shipping_methods_and_vouchers_are_snippets(staff_client):
    assert staff_client.get("/admin/snippets/commerce/shippingmethod/").status_code == 200
    assert staff_client.get("/admin/snippets/commerce/voucher/add/").status_code == 200


def test_shoppers_cannot_move_orders(client, place, variant):
    order = place(variant)
    client.force_login(UserFactory())
    client.post(f"/admin/shop-orders/{order.pk}/cancel/")
    assert Order.objects.get().payment_status == PaymentStatus.AWAITING_PAYMENT


def test_editors_without_the_order_permission_cannot_move_orders(client, place, variant):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    order = place(variant)

    response = client.post(f"/admin/shop-orders/{order.pk}/cancel/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert Order.objects.get().payment_status == PaymentStatus.AWAITING_PAYMENT


def refund_form(staff_client, order):
    url = f"/admin/shop-orders/{order.pk}/refund/"
    form = staff_client.get(url).context["form"]
    return url, {"idempotency_key": form.initial["idempotency_key"]}


def test_staff_refund_one_line_of_a_shipped_order_with_restock(
    staff_client, place, variant_with_stock
):
    apron = variant_with_stock(stock=10, price="20.00")
    mug = variant_with_stock(stock=8, price="12.00", title="Stoneware mug")
    order = place(apron, 2, (mug, 2))  # 40.00 + 24.00 + 4.95 shipping
    payments.pay(order, data={"outcome": "pay"})  # the demo gateway
    orders.mark_shipped(order, carrier="DHL", tracking="JD1")
    mugs = order.items.get(sku=mug.sku)
    url, data = refund_form(staff_client, order)
    data |= {f"quantity_{mugs.pk}": "2", f"restock_{mugs.pk}": "on", "reason": "Chipped"}

    first = staff_client.post(url, data)
    second = staff_client.post(url, data)  # a double click

    assert (first.status_code, second.status_code) == (302, 302)  # the same refund, once
    order.refresh_from_db()
    assert (order.payment_status, order.fulfilment_status) == ("partially_refunded", "shipped")
    refund = order.refunds.get()
    assert (refund.amount, refund.credit_note_display_number) == (Decimal("24.00"), "CN-000001")
    assert stock_of(mug) == (8, 0)  # 6 left after the sale, and the 2 returned
    assert stock_of(apron) == (8, 0)  # untouched
    mugs.refresh_from_db()
    assert (mugs.quantity_refunded, mugs.quantity_restocked) == (2, 2)
    page = staff_client.get(f"/admin/commerce/order/inspect/{order.pk}/").content.decode()
    assert "Mark shipped" not in page and "Refund" in page and "CN-000001" in page

    again = refund_form(staff_client, order)
    refused = staff_client.post(again[0], again[1] | {f"quantity_{mugs.pk}": "1"})
    assert refused.status_code == 200  # nothing left of that line
    assert order.refunds.count() == 1 and stock_of(mug) == (8, 0)


def test_a_refund_the_gateway_refuses_is_recorded_and_changes_nothing(
    staff_client, place, variant, settings
):
    order = place(variant, 2)
    payments.pay(order, data={"outcome": "pay"})
    item = order.items.get()
    settings.SHOP_PAYMENT_GATEWAYS = []  # the gateway it was paid through is gone
    url, data = refund_form(staff_client, order)

    response = staff_client.post(
        url, data | {f"quantity_{item.pk}": "1", f"restock_{item.pk}": "on"}
    )

    assert response.status_code == 200
    assert "No payment gateway named 'demo'" in response.context["form"].non_field_errors()[0]
    refund = order.refunds.get()
    assert (refund.status, refund.credit_note_number) == ("failed", None)
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert stock_of(variant) == (8, 0)
