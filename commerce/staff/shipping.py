"""Ship orders: the orders waiting to ship, oldest first, with what to pack, marked
shipped several at once with one carrier and a tracking number each."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from commerce import order_states
from commerce.models import Order
from commerce.services import orders as order_services
from commerce.staff.order_views import ShipForm

MOST_AT_ONCE = 100


def waiting_to_ship():
    return (
        Order.objects.filter(order_states.WAITING_TO_SHIP)
        .prefetch_related("items")
        .order_by("created_at", "pk")
    )


class BulkShipForm(forms.Form):
    carrier = ShipForm.base_fields["carrier"]
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.orders = orders
        for order in orders:
            self.fields[f"ship_{order.pk}"] = forms.BooleanField(
                required=False, label=f"Ship order {order.number}"
            )
            self.fields[f"tracking_{order.pk}"] = forms.CharField(
                required=False, max_length=80, label=f"Tracking number of {order.number}"
            )

    def rows(self):
        return [(o, self[f"ship_{o.pk}"], self[f"tracking_{o.pk}"]) for o in self.orders]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"ship_{order.pk}") for order in self.orders):
            raise forms.ValidationError("Tick the orders to mark shipped.")
        return data

    def shipments(self) -> list[tuple[int, str, str]]:
        data = self.cleaned_data
        return [
            (order.pk, data["carrier"], data[f"tracking_{order.pk}"].strip())
            for order in self.orders
            if data[f"ship_{order.pk}"]
        ]


def ship_orders(request):
    if not request.user.has_perm("commerce.ship_order"):
        raise PermissionDenied
    orders = list(waiting_to_ship()[:MOST_AT_ONCE])
    form = BulkShipForm(request.POST or None, orders=orders)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirmed"]:
            shipped, problems = order_services.ship_many(form.shipments(), by=request.user)
            if shipped:
                numbers = ", ".join(order.number for order in shipped)
                messages.success(request, f"Marked shipped: {numbers}.")
            for problem in problems:
                messages.error(request, problem)
            return redirect(reverse("shop_orders_to_ship"))
        confirming = True  # shown again, read-only, with the question
    context = {
        "form": form,
        "confirming": confirming,
        "chosen": form.shipments() if confirming else [],
        "carriers": settings.SHOP_CARRIERS,
        "more": waiting_to_ship().count() > MOST_AT_ONCE,
    }
    return TemplateResponse(request, "commerce/admin/ship_orders.html", context)
