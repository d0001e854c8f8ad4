import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import UserFactory
from commerce.models import Order, OrderStatus
from commerce.services import orders, payments
from commerce.tests.conftest import stock_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_list_orders_and_mark_a_paid_one_shipped(staff_client, place, variant):
    order = place(variant)
    orders.mark_paid(order)
    listing = staff_client.get("/admin/commerce/order/")
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    assert "Mark shipped" in listing.content.decode()

    move = f"/admin/shop-orders/{order.pk}/move/shipped/"
    assert staff_client.get(move).status_code == 200
    response = staff_client.post(move)

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    assert order.events.last().note.startswith("By ")


def test_an_illegal_move_from_the_admin_changes_nothing(staff_client, place, variant):
    order = place(variant)  # awaiting payment: cannot ship yet

    response = staff_client.post(f"/admin/shop-orders/{order.pk}/move/shipped/", follow=True)

    assert "cannot go from awaiting_payment to shipped" in response.content.decode()
    assert Order.objects.get().status == OrderStatus.AWAITING_PAYMENT


def test_shipping_methods_and_vouchers_are_snippets(staff_client):
    assert staff_client.get("/admin/snippets/commerce/shippingmethod/").status_code == 200
    assert staff_client.get("/admin/snippets/commerce/voucher/add/").status_code == 200


def test_shoppers_cannot_move_orders(client, place, variant):
    order = place(variant)
    client.force_login(UserFactory())
    client.post(f"/admin/shop-orders/{order.pk}/move/cancelled/")
    assert Order.objects.get().status == OrderStatus.AWAITING_PAYMENT


def test_editors_without_the_order_permission_cannot_move_orders(client, place, variant):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    order = place(variant)

    response = client.post(f"/admin/shop-orders/{order.pk}/move/cancelled/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert Order.objects.get().status == OrderStatus.AWAITING_PAYMENT


def test_staff_refund_a_paid_order_once_with_restock(staff_client, place, variant):
    order = place(variant, 2)
    payments.pay(order, {"outcome": "pay"})  # the demo gateway
    url = f"/admin/shop-orders/{order.pk}/refund/"
    form = staff_client.get(url).context["form"]
    data = {
        "amount": "44.95",
        "restock": "on",
        "reason": "Arrived damaged",
        "idempotency_key": form.initial["idempotency_key"],
    }

    first = staff_client.post(url, data)
    second = staff_client.post(url, data)  # a double click

    assert (first.status_code, second.status_code) == (302, 302)  # the same refund, once
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert order.refunds.count() == 1
    assert stock_of(variant) == (10, 0)
