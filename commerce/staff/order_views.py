"""The order page's actions. Each asks for confirmation on a page of its own, checks
its permission and the order's state, and hands the change to a service."""

import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from commerce.emails import SUBJECTS
from commerce.exceptions import CommerceError
from commerce.models import Order, Refund
from commerce.services import invoices, refunds
from commerce.services import orders as order_services
from commerce.staff import actions
from core.money import format_money

ORDER_PAGE = "commerce_order_modeladmin_inspect"


def order_page_url(order: Order) -> str:
    return reverse(ORDER_PAGE, args=[order.pk])


class ShipForm(forms.Form):
    carrier = forms.CharField(
        max_length=80,
        widget=forms.TextInput(attrs={"list": "shop-carriers", "autocomplete": "off"}),
        help_text="A carrier the shop knows gives the customer a tracking link.",
    )
    tracking_number = forms.CharField(max_length=80, required=False)

    def clean_tracking_number(self):
        number = self.cleaned_data["tracking_number"].strip()
        if "\x00" in number:
            raise forms.ValidationError("The tracking number holds a character it cannot have.")
        return number


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Seen by staff only, never by the customer.",
    )


class ResendForm(forms.Form):
    kind = forms.ChoiceField(label="Email", widget=forms.RadioSelect)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, SUBJECTS[k].format(number="…")) for k in kinds]


def order_action(request, order_id: int, name: str):
    action = actions.ACTIONS.get(name)
    if action is None:
        raise Http404("No such action.")
    if not request.user.has_perm(action.permission):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    if not actions.allowed(request.user, order, name):
        messages.error(request, f"Order {order.number}: “{action.label}” does not fit it now.")
        return redirect(order_page_url(order))
    if name in ("refund", "cancel_paid"):
        return _refund(request, order, whole=name == "cancel_paid")
    return _confirmed_change(request, order, action)


def _confirmed_change(request, order: Order, action: actions.OrderAction):
    form = _form_for(request, order, action.name)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _apply(order, action.name, form.cleaned_data if form else {}, by=request.user)
        except CommerceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Order {order.number}: {action.label.lower()}, done.")
        return redirect(order_page_url(order))
    context = {
        "order": order,
        "action": action,
        "form": form,
        "carriers": settings.SHOP_CARRIERS,
        "question": QUESTIONS[action.name].format(order=order),
        "order_url": order_page_url(order),
    }
    return TemplateResponse(request, "commerce/admin/order_action.html", context)


QUESTIONS = {
    "ship": "Mark order {order.number} shipped? The customer gets an email with the tracking.",
    "deliver": "Mark order {order.number} delivered?",
    "cancel": "Cancel order {order.number}? Its stock is released and the customer is told.",
    "email": "Send this email to {order.email} again?",
    "note": "Add this note to the timeline of order {order.number}?",
}


def _form_for(request, order: Order, name: str):
    data = request.POST if request.method == "POST" else None
    if name == "ship":
        return ShipForm(data)
    if name == "note":
        return NoteForm(data)
    if name == "email":
        return ResendForm(data, kinds=order_services.resendable_emails(order))
    return None


def _apply(order: Order, name: str, data: dict, *, by) -> None:
    if name == "ship":
        order_services.mark_shipped(
            order, carrier=data["carrier"], tracking=data["tracking_number"], by=by
        )
    elif name == "deliver":
        order_services.mark_delivered(order, by=by)
    elif name == "cancel":
        order_services.cancel(order, note="Cancelled by the shop.", by=by)
    elif name == "email":
        order_services.resend_email(order, kind=data["kind"], by=by)
    elif name == "note":
        order_services.add_note(order, text=data["text"], by=by)


class RefundForm(forms.Form):
    """Lines and quantities to give back, each optionally restocked; shipping; an
    amount beyond them. The amount refunded is worked out from the order's lines."""

    shipping = forms.BooleanField(required=False, label="Refund the shipping")
    goodwill = forms.DecimalField(
        required=False,
        min_value=Decimal("0.00"),
        decimal_places=2,
        max_digits=10,
        label="Goodwill amount",
        help_text="Given back beyond the lines, e.g. for a late delivery.",
    )
    reason = forms.CharField(required=False, max_length=255)
    # Fixed when the form is shown: submitting it twice refunds once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            left = item.quantity - item.quantity_refunded
            # The service checks what is left, after a double-submitted form has found
            # the refund it already made; the browser is only told the most.
            self.fields[f"quantity_{item.pk}"] = forms.IntegerField(
                required=False,
                min_value=0,
                initial=0,
                label=f"{item.title} ({item.sku})",
                widget=forms.NumberInput(attrs={"max": left}),
            )
            self.fields[f"restock_{item.pk}"] = forms.BooleanField(
                required=False, label="Put back in stock", disabled=item.variant_id is None
            )

    def other_fields(self):
        return [self[name] for name in ("shipping", "goodwill", "reason", "idempotency_key")]

    def item_rows(self):
        return [
            (item, self[f"quantity_{item.pk}"], self[f"restock_{item.pk}"]) for item in self.items
        ]

    def refund_request(self) -> refunds.RefundRequest:
        data = self.cleaned_data
        lines = tuple(
            refunds.ReturnedLine(
                item_id=item.pk,
                quantity=data[f"quantity_{item.pk}"],
                restock=data[f"restock_{item.pk}"],
            )
            for item in self.items
            if data[f"quantity_{item.pk}"]  # empty or 0: nothing of that line
        )
        return refunds.RefundRequest(
            lines=lines,
            shipping=data["shipping"],
            goodwill=data["goodwill"] or Decimal("0.00"),
            reason=data["reason"],
        )


def _whole_order(order: Order, items) -> dict:
    """Everything still unrefunded, every unit back in stock: a paid order cancelled."""
    initial = {"reason": "Cancelled before shipping.", "shipping": order.shipping_total > 0}
    for item in items:
        initial[f"quantity_{item.pk}"] = item.quantity - item.quantity_refunded
        initial[f"restock_{item.pk}"] = item.variant_id is not None
    return initial


def _refund(request, order: Order, *, whole: bool):
    items = list(order.items.all())
    initial = {"idempotency_key": uuid.uuid4().hex, **(_whole_order(order, items) if whole else {})}
    form = RefundForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            made = refunds.refund(
                order_id=order.pk,
                request=form.refund_request(),
                idempotency_key=f"admin-{form.cleaned_data['idempotency_key']}",
                by=request.user,
            )
        except CommerceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Refunded {format_money(made.amount, order.currency)} on order {order.number} "
                f"({made.credit_note_display_number}).",
            )
            return redirect(order_page_url(order))
    context = {
        "order": order,
        "form": form,
        "title": "Cancel and refund" if whole else "Refund",
        "left": format_money(order.total - refunds.refunded_total(order), order.currency),
        "order_url": order_page_url(order),
    }
    return TemplateResponse(request, "commerce/admin/refund.html", context)


def invoice(request, order_id: int):
    if not request.user.has_perm("commerce.view_order"):
        raise PermissionDenied
    order = get_object_or_404(Order.objects.select_related("invoice"), pk=order_id)
    issued = getattr(order, "invoice", None)
    if issued is None:
        raise Http404("This order has no invoice yet.")
    return _pdf(invoices.invoice_pdf(issued), invoices.invoice_filename(issued))


def credit_note(request, order_id: int, refund_id: int):
    if not request.user.has_perm("commerce.view_order"):
        raise PermissionDenied
    credited = Refund.objects.filter(status=Refund.Status.SUCCEEDED, order_id=order_id)
    made = get_object_or_404(credited.select_related("order"), pk=refund_id)
    return _pdf(refunds.credit_note_pdf(made), f"{made.credit_note_display_number}.pdf")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
