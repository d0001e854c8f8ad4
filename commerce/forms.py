from django import forms

from commerce.models import ShippingMethod
from commerce.services.cart import MAX_QUANTITY
from core.money import format_money

NEW_ADDRESS = "new"


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(error_messages={"required": "Choose an option first."})
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, initial=1)


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY)


class CheckoutForm(forms.Form):
    """Who is buying, where it goes and how. Addresses come from the address
    forms beside it or from the customer's own address book."""

    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    shipping_address = forms.ChoiceField(widget=forms.RadioSelect, required=False)
    billing_same = forms.BooleanField(
        label="Billing address is the same as shipping", required=False, initial=True
    )
    billing_address = forms.ChoiceField(widget=forms.RadioSelect, required=False)
    shipping_method = forms.ModelChoiceField(
        queryset=ShippingMethod.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose how your order should be sent."},
    )
    voucher_code = forms.CharField(label="Voucher code", max_length=40, required=False)

    def __init__(self, *args, user, addresses, currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipping_method"].label_from_instance = lambda method: _describe(
            method, currency
        )
        if user.is_authenticated:
            del self.fields["email"]
        choices = [(str(address.pk), ", ".join(address.lines)) for address in addresses]
        choices.append((NEW_ADDRESS, "A new address"))
        for name in ("shipping_address", "billing_address"):
            self.fields[name].choices = choices
        if not addresses:
            del self.fields["shipping_address"], self.fields["billing_address"]


class OrderLookupForm(forms.Form):
    number = forms.CharField(label="Order number", max_length=12)
    email = forms.EmailField(label="Email used for the order")


def _describe(method: ShippingMethod, currency: str) -> str:
    parts = [f"{method.name}: {format_money(method.price, currency)}"]
    if method.free_above is not None:
        parts.append(f"free from {format_money(method.free_above, currency)}")
    if method.description:
        parts.append(method.description)
    return " · ".join(parts)
