"""The account area: profile, address book and security."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import AddressForm, ProfileForm
from accounts.models import Address
from accounts.staff import two_factor_required
from core.http import found_or_404
from core.security import log_security_event
from core.selectors import store_settings


@login_required
def profile(request):
    form = ProfileForm.for_user(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, **form.cleaned_data)
        messages.success(request, "Your details are saved.")
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def address_list(request):
    addresses = selectors.addresses_of(request.user)
    return render(request, "accounts/address_list.html", {"addresses": addresses})


@login_required
def address_create(request):
    # A new address starts in the store's country, as checkout's address forms do.
    country = store_settings(request=request).country or ""
    return _address_form(request, Address(user=request.user, country=country))


@login_required
def address_edit(request, address_id):
    return _address_form(request, found_or_404(selectors.address_of(request.user, address_id)))


def _address_form(request, address):
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        services.save_address(form.instance, defaults=set(form.cleaned_data["default_for"]))
        messages.success(request, "The address is saved.")
        return redirect("account_addresses")
    context = {"form": form, "address": address}
    return render(request, "accounts/address_form.html", context)


@login_required
def address_delete(request, address_id):
    address = found_or_404(selectors.address_of(request.user, address_id))
    if request.method == "POST":
        services.delete_address(address)
        messages.success(request, "The address is deleted.")
        return redirect("account_addresses")
    context = {"address": address}
    return render(request, "accounts/address_confirm_delete.html", context)


@login_required
@require_POST
def address_make_default(request, address_id, kind):
    if kind not in Address.Kind.values:
        raise Http404
    address = found_or_404(selectors.address_of(request.user, address_id))
    services.make_default(address, kind=kind)
    messages.success(request, f"This is now your default {Address.Kind(kind).label} address.")
    return redirect("account_addresses")


@login_required
def security(request):
    context = {
        "has_totp": is_mfa_enabled(request.user, [Authenticator.Type.TOTP]),
        "two_factor_required": two_factor_required(request.user),
    }
    return render(request, "accounts/security.html", context)


def rate_limited(request, exception=None):
    """Answers a request over one of the sign-in, sign-up or reset limits."""
    log_security_event("rate_limited", request, path=request.path)
    return render(request, "429.html", status=429)
