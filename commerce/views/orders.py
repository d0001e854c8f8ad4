from allauth.core.ratelimit import consume_or_429
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from commerce import selectors
from commerce.forms import OrderLookupForm
from commerce.services import invoices, refunds
from commerce.tokens import order_token
from core.http import found_or_404

NO_ORDER = "No such order."


def order_by_token(request, token):
    order = _order_for(token)
    return _detail(request, order, invoice_url=reverse("order_invoice_by_token", args=[token]))


def invoice_by_token(request, token):
    return _invoice(_order_for(token))


@login_required
def account_orders(request):
    return render(
        request, "commerce/account_orders.html", {"orders": selectors.orders_of(request.user)}
    )


@login_required
def account_order(request, number):
    order = found_or_404(selectors.order_of(request.user, number), NO_ORDER)
    return _detail(request, order, invoice_url=reverse("account_order_invoice", args=[number]))


@login_required
def account_invoice(request, number):
    return _invoice(found_or_404(selectors.order_of(request.user, number), NO_ORDER))


def lookup(request):
    """A guest finds an order by its number and the email it was placed with."""
    form = OrderLookupForm(request.POST or None)
    if request.method == "POST":
        limited = consume_or_429(request, action="order_lookup")
        if limited:
            return limited
        if form.is_valid():
            order = selectors.order_for_lookup(
                number=form.cleaned_data["number"], email=form.cleaned_data["email"]
            )
            if order is not None:
                return redirect("order_detail_by_token", token=order_token(order))
            form.add_error(None, "We found no order with that number and email address.")
    return render(request, "commerce/order_lookup.html", {"form": form})


def _detail(request, order, *, invoice_url):
    token = order_token(order)
    context = {
        "order": order,
        "token": token,
        "summary": selectors.order_summary(order),
        "refunds": order.credited_refunds,
        "shipping_address": order.shipping_lines,
        "billing_address": order.billing_lines,
        "invoice_url": invoice_url if hasattr(order, "invoice") else None,
    }
    return render(request, "commerce/order_detail.html", context)


def _invoice(order):
    invoice = getattr(order, "invoice", None)
    if invoice is None:
        raise Http404("This order has no invoice yet.")
    response = HttpResponse(invoices.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoices.invoice_filename(invoice)}"'
    return response


def credit_note_by_token(request, token, refund_id):
    order = _order_for(token)
    refund = found_or_404(selectors.credited_refund_of(order, refund_id), "No such credit note.")
    response = HttpResponse(refunds.credit_note_pdf(refund), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{refund.credit_note_display_number}.pdf"'
    return response


def _order_for(token):
    return found_or_404(selectors.order_for_token(token), NO_ORDER)
