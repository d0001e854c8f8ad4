"""Checkout's two steps: details, then the review that places the order. Each view
parses, calls one service and turns its errors into an answer."""

import hashlib

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.models import Address
from accounts.selectors import addresses_of
from commerce import selectors
from commerce.checkout_session import CheckoutSession
from commerce.exceptions import CheckoutError, ReviewOutdated
from commerce.forms import CheckoutForm
from commerce.pricing import TaxRules
from commerce.services import checkout as checkout_services
from commerce.tokens import order_token
from core.http import preferred_country
from core.security import client_ip
from core.selectors import fresh_store_settings


def checkout(request):
    cart = selectors.cart_view(
        selectors.current_cart(user=request.user, session=request.session), request
    )
    if not cart.can_check_out:
        messages.error(request, "Your cart has nothing that can be checked out yet.")
        return redirect("cart")
    session = CheckoutSession(request.session)
    addresses = list(addresses_of(request.user)) if request.user.is_authenticated else []
    form = CheckoutForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        addresses=addresses,
        currency=_rules(request).currency,
        saved=session.saved_details,
        country=preferred_country(request),
    )
    if request.method == "POST":
        limited = consume_or_429(request, action="checkout")
        if limited:
            return limited
        details = form.checkout_details()
        if details is not None:
            try:
                checkout_services.review_of(_lines(cart), details=details, rules=_rules(request))
            except CheckoutError as error:
                form.add_error(None, str(error))
            else:
                session.save_details(details)
                return redirect("checkout_review")
    context = {
        "cart": cart,
        "form": form,
        "problems": form.problems() if request.method == "POST" else [],
        "shipping_form": form.shipping_form,
        "billing_form": form.billing_form,
        "has_addresses": bool(addresses),
    }
    return render(request, "commerce/checkout.html", context)


def review(request):
    session = CheckoutSession(request.session)
    details = session.details()
    if details is None:
        return redirect("checkout")
    if request.method == "POST":
        return _place(request, session, details)
    cart = selectors.cart_view(
        selectors.current_cart(user=request.user, session=request.session), request
    )
    if not cart.can_check_out:
        messages.error(request, "Your cart changed; please check it again.")
        return redirect("cart")
    try:
        shown = checkout_services.review_of(_lines(cart), details=details, rules=_rules(request))
    except CheckoutError as error:
        messages.error(request, str(error))
        return redirect("checkout")
    session.new_key()
    session.remember(shown)
    context = {
        "cart": cart,
        "details": details,
        "totals": shown.totals,
        "rules": _rules(request),
        "fingerprint": shown.fingerprint,
        "changes": session.pop_changes(),
        "shipping_address": Address.snapshot_lines(details.shipping_address),
        "billing_address": Address.snapshot_lines(details.billing_address),
        "shipping_method": checkout_services.shipping_method_of(details),
    }
    return render(request, "commerce/checkout_review.html", context)


def _place(request, session: CheckoutSession, details):
    key = session.key()
    if key is None:
        return redirect("checkout_review")
    limited = consume_or_429(request, action="checkout")
    if limited:
        return limited
    cart = selectors.current_cart(user=request.user, session=request.session)
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
        session.note_changes(_changes(session, reviewed, outdated.review))
        return redirect("checkout_review")
    except CheckoutError as error:
        messages.error(request, str(error))
        return redirect("cart")
    return redirect(reverse("order_pay", kwargs={"token": order_token(order)}))


def _changes(session: CheckoutSession, reviewed: str, current) -> list[str]:
    shown = session.shown_review(reviewed)
    if shown is None:
        return ["Please check your order again before you place it."]
    return checkout_services.changes_between(shown, current=current)


def _client(request, email: str) -> checkout_services.Client:
    session_key = request.session.session_key or ""
    return checkout_services.Client(
        email=email,
        ip=client_ip(request),
        session=hashlib.sha256(session_key.encode()).hexdigest() if session_key else "",
    )


def _lines(cart) -> list:
    return checkout_services.reviewed_lines(row.line for row in cart.rows)


def _rules(request) -> TaxRules:
    """The store's tax rules and currency, read fresh once per request."""
    if not hasattr(request, "_checkout_rules"):
        request._checkout_rules = TaxRules.of(fresh_store_settings(request=request))
    return request._checkout_rules
