"""Checkout's two steps: details, then the review that places the order. Each view
parses, calls one service and turns its errors into an answer."""

import hashlib

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Address
from accounts.selectors import addresses_of
from commerce import selectors
from commerce.checkout_session import CheckoutSession
from commerce.exceptions import CheckoutError, ReviewOutdated, VoucherError
from commerce.forms import CheckoutForm
from commerce.pricing import TaxRules
from commerce.services import checkout as checkout_services
from commerce.tokens import order_token
from core.http import preferred_country
from core.money import format_money
from core.security import client_ip
from core.selectors import fresh_store_settings, store_settings


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
        country=preferred_country(request, store_country=_store_country(request)),
    )
    if request.method == "POST":
        limited = consume_or_429(request, action="checkout")
        if limited:
            return limited
        details = form.checkout_details()
        if details is not None:
            try:
                checkout_services.review_of(_lines(cart), details=details, rules=_rules(request))
            except VoucherError as error:
                form.add_error("voucher_code", str(error))
            except CheckoutError as error:
                form.add_error(None, str(error))
            else:
                session.save_details(details)
                return redirect("checkout_review")
    chosen = request.POST if request.method == "POST" else form.initial
    context = {
        "cart": cart,
        "form": form,
        "summary": _summary(request, cart, chosen)[0],
        "problems": form.problems() if request.method == "POST" else [],
        "shipping_form": form.shipping_form,
        "billing_form": form.billing_form,
        "has_addresses": bool(addresses),
    }
    return render(request, "commerce/checkout.html", context)


@require_POST
def summary(request):
    """The order summary for what the checkout form holds so far (its shipping method,
    voucher code and email), as HTML for the page to put in place, and the voucher's
    outcome: checkout.js asks when a voucher is applied or the shipping changes."""
    cart = selectors.cart_view(
        selectors.current_cart(user=request.user, session=request.session), request
    )
    if not cart.can_check_out:
        return JsonResponse({"error": "Your cart has nothing that can be checked out."}, status=409)
    # Trying voucher codes counts towards checkout's limit, so they cannot be guessed.
    if request.POST.get("voucher_code", "").strip() and consume_or_429(request, action="checkout"):
        return JsonResponse({"error": "Too many tries. Wait a minute, then try again."}, status=429)
    shown, priced = _summary(request, cart, request.POST)
    currency = shown.currency
    voucher = {"code": priced.voucher_code, "error": priced.voucher_error, "message": ""}
    if priced.voucher_code:
        discount = format_money(shown.totals.discount, currency)
        voucher["message"] = f"Voucher {priced.voucher_code} takes off {discount}."
    return JsonResponse(
        {
            "html": render_to_string(
                "commerce/includes/order_summary.html", {"summary": shown}, request=request
            ),
            "total": format_money(shown.totals.total, currency),
            "voucher": voucher,
        }
    )


def _summary(request, cart, chosen) -> tuple[selectors.OrderSummary, checkout_services.Quote]:
    """The summary of `cart` with the shipping method, voucher code and email `chosen`
    (a form's data or initial values)."""
    method = selectors.shipping_method(chosen.get("shipping_method"))
    email = request.user.email if request.user.is_authenticated else chosen.get("email") or ""
    priced = checkout_services.quote(
        _lines(cart),
        shipping_method=method,
        voucher_code=str(chosen.get("voucher_code") or "")[:40],
        email=str(email)[:254],
        rules=_rules(request),
    )
    shown = selectors.cart_summary(
        cart,
        totals=priced.totals,
        rules=_rules(request),
        voucher_code=priced.voucher_code,
        shipping_name=method.name if method else "",
    )
    return shown, priced


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
    method = checkout_services.shipping_method_of(details)
    context = {
        "cart": cart,
        "summary": selectors.cart_summary(
            cart,
            totals=shown.totals,
            rules=_rules(request),
            voucher_code=shown.voucher_code,
            shipping_name=method.name,
        ),
        "details": details,
        "totals": shown.totals,
        "rules": _rules(request),
        "fingerprint": shown.fingerprint,
        "changes": session.pop_changes(),
        "shipping_address": Address.snapshot_lines(details.shipping_address),
        "billing_address": Address.snapshot_lines(details.billing_address),
        "shipping_method": method,
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


def _store_country(request) -> str:
    return str(store_settings(request=request).country or "")


def _rules(request) -> TaxRules:
    """The store's tax rules and currency, read fresh once per request."""
    if not hasattr(request, "_checkout_rules"):
        request._checkout_rules = TaxRules.of(fresh_store_settings(request=request))
    return request._checkout_rules
