"""The customer's order emails, in HTML and text, with the invoice when paid."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from commerce.models import Order
from commerce.services import invoices
from commerce.tokens import order_token
from core.selectors import default_store_settings

SUBJECTS = {
    "received": "We have your order {number}",
    "paid": "Payment received for order {number}",
    "shipped": "Order {number} is on its way",
    "cancelled": "Order {number} is cancelled",
}


def order_link(order: Order) -> str:
    path = reverse("order_detail_by_token", kwargs={"token": order_token(order)})
    return settings.SHOP_BASE_URL.rstrip("/") + path


def send_order_email(order: Order, kind: str) -> None:
    store = default_store_settings()
    context = {
        "order": order,
        "items": order.items.all(),
        "store": store,
        "kind": kind,
        "order_url": order_link(order),
    }
    message = EmailMultiAlternatives(
        subject=f"{store.store_name}: {SUBJECTS[kind].format(number=order.number)}",
        body=render_to_string(f"commerce/email/order_{kind}.txt", context),
        to=[order.email],
        reply_to=[store.contact_email],
    )
    message.attach_alternative(
        render_to_string(f"commerce/email/order_{kind}.html", context), "text/html"
    )
    invoice = getattr(order, "invoice", None) if kind == "paid" else None
    if invoice is not None:
        message.attach(
            invoices.invoice_filename(invoice), invoices.invoice_pdf(invoice), "application/pdf"
        )
    message.send()
