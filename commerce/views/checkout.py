import hashlib
import uuid
from dataclasses import asdict

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.forms import PostalAddressForm
from accounts.models import Address
from accounts.selectors import addresses_of
from commerce import selectors
from commerce.exceptions import CheckoutError, ReviewOutdated
from commerce.forms import NEW_ADDRESS, CheckoutForm
from commerce.pricing import TaxRules
from commerce.services import checkout as checkout_services
from commerce.tokens import order_token
from core.security import client_ip
from core.selectors import fresh_store_settings

DETAILS_KEY = "checkout_details"
# A new key each time the review step is shown: posting it twice finds the order it made.
CHECKOUT_KEY = "checkout_key"
# The reviews recently shown, by fingerprint, to tell a shopper what changed since.
REVIEWS_KEY = "checkout_reviews"
CHANGES_KEY = "checkout_changes"
REVIEWS_KEPT = 3


def checkout(request):
    cart = selectors.cart_view(selectors.current_cart(request), request)
    if not cart.can_check_out:
        messages.error(request, "Your cart has nothing that can be checked out yet.")
        return redirect("cart")
    addresses = list(addresses_of(request.user)) if request.user.is_authenticated else []
    data = request.POST if request.method == "POST" else None
    form = CheckoutForm(
        data,
        user=request.user,
        addresses=addresses,
        currency=_rules(request).currency,
        initial=_initial(request, addresses),
    )
    saved = request.session.get(DETAILS_KEY, {})
    shipping_form = PostalAddressForm(
        data, prefix="shipping", initial=saved.get("shipping_address")
    )
    billing_form = PostalAddressForm(data, prefix="billing", initial=saved.get("billing_address"))
    if request.method == "POST":
        limited = consume_or_429(request, action="checkout")
        if limited:
            return limited
        details = _details(request, form, shipping_form, billing_form, addresses)
        if details is not None:
            try:
                checkout_services.review_of(_lines(cart), details=details, rules=_rules(request))
            except CheckoutError as error:
                form.add_error(None, str(error))
            else:
                request.session[DETAILS_KEY] = asdict(details)
                return redirect("checkout_review")
    context = {
        "cart": cart,
        "form": form,
        "shipping_form": shipping_form,
        "billing_form": billing_form,
        "has_addresses": bool(addresses),
    }
    return render(request, "commerce/checkout.html", context)


def review(request):
    saved = request.session.get(DETAILS_KEY)
    if not saved:
        return redirect("checkout")
    details = checkout_services.CheckoutDetails(**saved)
    if request.method == "POST":
        key = request.session.get(CHECKOUT_KEY)
        return _place(request, details, uuid.UUID(key)) if key else redirect("checkout_review")
    cart = selectors.cart_view(selectors.current_cart(request), request)
    if not cart.can_check_out:
        messages.error(request, "Your cart changed; please check it again.")
        return redirect("cart")
    try:
        shown = checkout_services.review_of(_lines(cart), details=details, rules=_rules(request))
    except CheckoutError as error:
        messages.error(request, str(error))
        return redirect("checkout")
    request.session[CHECKOUT_KEY] = str(uuid.uuid4())
    _remember(request, shown)
    context = {
        "cart": cart,
        "details": details,
        "totals": shown.totals,
        "rules": _rules(request),
        "fingerprint": shown.fingerprint,
        "changes": request.session.pop(CHANGES_KEY, []),
        "shipping_address": _printable(details.shipping_address),
        "billing_address": _printable(details.billing_address),
        "shipping_method": checkout_services.shipping_method_of(details),
    }
    return render(request, "commerce/checkout_review.html", context)


def _place(request, details, key):
    limited = consume_or_429(request, action="checkout")
    if limited:
        return limited
    cart = selectors.current_cart(request)
    reviewed = request.POST.get("fingerprint", "")
    try:
        if cart is None:
            raise CheckoutError("Your cart is empty.")
        order = checkout_services.place_order(
            cart,
            details=details,
            checkout_key=key,
            user=request.user,
            rules=_rules(request),
            client=_client(request, details.email),
            reviewed=reviewed,
        )
    except ReviewOutdated as outdated:
        request.session[CHANGES_KEY] = _changes(request, reviewed, outdated.review)
        return redirect("checkout_review")
    except CheckoutError as error:
        messages.error(request, str(error))
        return redirect("cart")
    return redirect(reverse("order_pay", kwargs={"token": order_token(order)}))


def _remember(request, review) -> None:
    """Keep the last few reviews shown, so that a changed cart can be explained
    whichever open tab the shopper places the order from."""
    reviews = dict(request.session.get(REVIEWS_KEY, {}))
    reviews.pop(review.fingerprint, None)
    reviews[review.fingerprint] = review.to_json()
    request.session[REVIEWS_KEY] = dict(list(reviews.items())[-REVIEWS_KEPT:])


def _changes(request, reviewed: str, current) -> list[str]:
    shown = request.session.get(REVIEWS_KEY, {}).get(reviewed)
    if shown is None:
        return ["Please check your order again before you place it."]
    return checkout_services.changes_between(
        checkout_services.Review.from_json(shown), current=current
    )


def _client(request, email: str) -> checkout_services.Client:
    session_key = request.session.session_key or ""
    return checkout_services.Client(
        email=email,
        ip=client_ip(request),
        session=hashlib.sha256(session_key.encode()).hexdigest() if session_key else "",
    )


def _details(request, form, shipping_form, billing_form, addresses):
    """What the shopper chose, or None when a form has errors to show."""
    if not form.is_valid():
        return None
    by_id = {str(address.pk): address for address in addresses}
    shipping = _address(form.cleaned_data.get("shipping_address"), by_id, shipping_form)
    if form.cleaned_data["billing_same"]:
        billing = shipping
    else:
        billing = _address(form.cleaned_data.get("billing_address"), by_id, billing_form)
    if shipping is None or billing is None:
        return None
    email = request.user.email if request.user.is_authenticated else form.cleaned_data["email"]
    return checkout_services.CheckoutDetails(
        email=email,
        shipping_address=shipping,
        billing_address=billing,
        shipping_method_id=form.cleaned_data["shipping_method"].pk,
        voucher_code=form.cleaned_data["voucher_code"].strip().upper(),
    )


def _address(choice, saved_by_id, address_form) -> dict | None:
    if choice and choice != NEW_ADDRESS:
        return saved_by_id[choice].snapshot()  # the form only offers the customer's own
    return address_form.instance.snapshot() if address_form.is_valid() else None


def _initial(request, addresses) -> dict:
    saved = request.session.get(DETAILS_KEY, {})
    default_shipping = next((a for a in addresses if a.is_default_shipping), None)
    default_billing = next((a for a in addresses if a.is_default_billing), None)
    return {
        "email": saved.get("email", ""),
        "shipping_address": str(default_shipping.pk) if default_shipping else NEW_ADDRESS,
        "billing_address": str(default_billing.pk) if default_billing else NEW_ADDRESS,
        "billing_same": saved.get("shipping_address") == saved.get("billing_address"),
        "shipping_method": saved.get("shipping_method_id"),
        "voucher_code": saved.get("voucher_code", ""),
    }


def _lines(cart) -> list:
    return checkout_services.reviewed_lines(row.line for row in cart.rows)


def _rules(request) -> TaxRules:
    """The store's tax rules and currency, read fresh once per request."""
    if not hasattr(request, "_checkout_rules"):
        request._checkout_rules = TaxRules.of(fresh_store_settings(request=request))
    return request._checkout_rules


def _printable(snapshot: dict) -> list[str]:
    return Address.from_snapshot(snapshot).lines
