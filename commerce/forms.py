from dataclasses import dataclass

from django import forms

from accounts.forms import PostalAddressForm
from commerce.models import ShippingMethod
from commerce.services.cart import MAX_QUANTITY
from commerce.services.checkout import CheckoutDetails
from core.money import format_money

NEW_ADDRESS = "new"


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(error_messages={"required": "Choose an option first."})
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, initial=1)


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY)


@dataclass(frozen=True)
class Problem:
    """One error, as the summary at the top of a form lists it: linked to its field."""

    field_id: str
    label: str
    message: str


class CheckoutForm(forms.Form):
    """Who is buying, where it goes and how. Addresses come from the address forms it
    holds (`shipping_form`, `billing_form`) or from the customer's own address book;
    the details chosen last time fill it in again."""

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

    def __init__(self, data=None, *, user, addresses, currency, saved: dict, country: str = ""):
        super().__init__(data, initial=_initial(saved, addresses))
        self.user = user
        self.addresses_by_id = {str(address.pk): address for address in addresses}
        self.checked_address_forms = []  # those the shopper typed into, checked
        guessed = {"country": country} if country else None
        self.shipping_form = PostalAddressForm(
            data, prefix="shipping", initial=saved.get("shipping_address") or guessed
        )
        self.billing_form = PostalAddressForm(
            data, prefix="billing", initial=saved.get("billing_address") or guessed
        )
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

    def checkout_details(self) -> CheckoutDetails | None:
        """What the shopper chose, or None when a form has errors to show. An address
        form is checked only when the shopper chose to type a new address."""
        valid = self.is_valid()  # the address forms are checked too, so every error shows
        shipping = self._address("shipping_address", self.shipping_form)
        if self.cleaned_data.get("billing_same"):
            billing = shipping
        else:
            billing = self._address("billing_address", self.billing_form)
        if not valid or shipping is None or billing is None:
            return None
        user = self.user
        return CheckoutDetails(
            email=user.email if user.is_authenticated else self.cleaned_data["email"],
            shipping_address=shipping,
            billing_address=billing,
            shipping_method_id=self.cleaned_data["shipping_method"].pk,
            voucher_code=self.cleaned_data["voucher_code"].strip().upper(),
        )

    def _address(self, field: str, address_form) -> dict | None:
        choice = self.cleaned_data.get(field)
        if choice and choice != NEW_ADDRESS:
            return self.addresses_by_id[choice].snapshot()  # only the customer's own are offered
        self.checked_address_forms.append(address_form)
        return address_form.instance.snapshot() if address_form.is_valid() else None

    def problems(self) -> list[Problem]:
        """Every error of the form and of the address forms it checked, in order."""
        found = [Problem("", "", str(error)) for error in self.non_field_errors()]
        for form in (self, *self.checked_address_forms):
            for name, errors in form.errors.items():
                if name in form.fields:
                    bound = form[name]
                    found += [Problem(bound.id_for_label, bound.label, str(e)) for e in errors]
        return found


def _initial(saved: dict, addresses) -> dict:
    default_shipping = next((a for a in addresses if a.is_default_shipping), None)
    default_billing = next((a for a in addresses if a.is_default_billing), None)
    return {
        "email": saved.get("email", ""),
        "shipping_address": str(default_shipping.pk) if default_shipping else NEW_ADDRESS,
        "billing_address": str(default_billing.pk) if default_billing else NEW_ADDRESS,
        "billing_same": saved.get("shipping_address") == saved.get("billing_address"),
        "shipping_method": saved.get("shipping_method_id") or _cheapest_method_id(),
        "voucher_code": saved.get("voucher_code", ""),
    }


def _cheapest_method_id() -> int | None:
    methods = ShippingMethod.objects.filter(is_active=True).order_by("price", "sort_order", "pk")
    return methods.values_list("pk", flat=True).first()


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
