"""The customer's order emails, in HTML and text, with the invoice when paid. Each
kind goes once to an order: it is claimed before sending (a claim runs out after
SHOP_EMAIL_CLAIM_SECONDS, should its sender die; sending times out well before) and
marked sent after."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from commerce.models import Order, SentEmail
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


class EmailBeingSent(Exception):
    """Another sender holds the claim on this email; it runs out at `until`."""

    def __init__(self, until):
        super().__init__(f"Being sent elsewhere until {until:%H:%M:%S}")
        self.until = until


def send_order_email(order: Order, *, kind: str) -> bool:
    """Send the `kind` email of `order` unless it was sent already; raise EmailBeingSent
    while another sender is at it (or died at it, until its claim runs out)."""
    if not _claim(order, kind):
        claimed_at = _emails_of(order, kind).filter(sent_at=None).values_list("claimed_at")
        if claimed_at := claimed_at.first():
            raise EmailBeingSent(until=claimed_at[0] + _claim_runs_out())
        return False
    try:
        _message(order, kind).send()
    except Exception:
        _emails_of(order, kind).update(claimed_at=None)  # the retry may claim it again
        raise
    _emails_of(order, kind).update(sent_at=timezone.now())
    return True


def resend_order_email(order: Order, *, kind: str) -> None:
    """Send the `kind` email again, whether or not it went before: staff asked."""
    _message(order, kind).send()


def _claim(order: Order, kind: str) -> bool:
    SentEmail.objects.get_or_create(order=order, kind=kind)
    now = timezone.now()
    unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _claim_runs_out())
    return bool(
        _emails_of(order, kind).filter(unclaimed, sent_at__isnull=True).update(claimed_at=now)
    )


def _claim_runs_out() -> timedelta:
    return timedelta(seconds=settings.SHOP_EMAIL_CLAIM_SECONDS)


def _emails_of(order: Order, kind: str):
    return SentEmail.objects.filter(order=order, kind=kind)


def _message(order: Order, kind: str) -> EmailMultiAlternatives:
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
    return message
