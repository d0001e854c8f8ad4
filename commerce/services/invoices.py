"""Invoices: numbered without gaps, in the transaction that marks the order paid."""

from django.template.loader import render_to_string
from weasyprint import HTML

from commerce import locks
from commerce.models import Invoice, Order
from core.selectors import default_store_settings

INVOICE_SEQUENCE = "invoice"


def next_number(sequence_name: str) -> int:
    """Take the next number of a gapless sequence. The caller's transaction holds
    the row lock until it ends; if it rolls back, so does the number."""
    sequence = locks.number_sequence(sequence_name)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def issue_invoice(order: Order) -> Invoice:
    store = default_store_settings()
    return Invoice.objects.create(
        order=order,
        number=next_number(INVOICE_SEQUENCE),
        seller_name=store.store_name,
        seller_address=store.address,
        seller_email=store.contact_email,
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    order = invoice.order
    html = render_to_string(
        "commerce/invoice.html",
        {"invoice": invoice, "order": order, "items": order.items.all()},
    )
    return HTML(string=html).write_pdf()


def invoice_filename(invoice: Invoice) -> str:
    return f"{invoice.display_number}.pdf"
