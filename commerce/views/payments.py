import stripe
from allauth.core.ratelimit import consume_or_429
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.security import client_ip, log_security_event
from commerce import selectors
from commerce.exceptions import PaymentError
from commerce.models import OrderStatus, Payment
from commerce.payments import get_gateway
from commerce.payments.base import REQUIRES_ACTION, SUCCEEDED
from commerce.services import payments, webhooks
from commerce.views.responses import wants_json

# Failed payments from one client address in an hour worth a security log line.
CLIENT_FAILURES = 5


def pay_page(request, token):
    order = selectors.order_for_token(token)
    if order.status != OrderStatus.AWAITING_PAYMENT:
        return redirect("order_detail_by_token", token=token)
    gateway = get_gateway()
    if request.method == "POST":
        limited = consume_or_429(request, action="checkout")
        if limited:
            return limited
        try:
            payment, outcome = payments.pay(order, request.POST, request=request)
        except PaymentError as error:
            return _answer(request, token, ok=False, message=str(error), status=409)
        return _answer_outcome(request, token, payment, outcome)
    context = {"order": order, "token": token, "gateway": gateway, **gateway.page_context()}
    return render(request, gateway.template, context)


@require_POST
def pay_return(request, token):
    """The browser finished the card's extra step (3-D Secure) for one payment."""
    order = selectors.order_for_token(token)
    payment = get_object_or_404(
        Payment,
        order=order,
        pk=request.POST.get("payment", ""),
        status=Payment.Status.REQUIRES_ACTION,
    )
    payment, outcome = payments.finish_action(payment, request.POST, request=request)
    return _answer_outcome(request, token, payment, outcome)


@csrf_exempt  # Stripe cannot send a CSRF token; the signature proves the sender instead.
@require_POST
def stripe_webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise Http404("Stripe is not configured.")
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = stripe.Webhook.construct_event(
            request.body, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        log_security_event("webhook_signature_failed", request, reason=str(error)[:200])
        return HttpResponseBadRequest("Invalid signature or payload.")
    outcome = webhooks.receive("stripe", event.to_dict())
    return JsonResponse({"received": True, "outcome": outcome})


def _answer_outcome(request, token, payment, outcome):
    if outcome.status == SUCCEEDED and payment.status == Payment.Status.SUCCEEDED:
        return _answer(request, token, ok=True, message="Thank you: your payment is received.")
    if outcome.status == REQUIRES_ACTION:
        return JsonResponse(
            {"requires_action": True, "client_secret": outcome.client_secret, "payment": payment.pk}
        )
    _note_client_failure(request)
    message = outcome.message or payment.failure_message or "The payment did not go through."
    return _answer(request, token, ok=False, message=message, status=402)


def _answer(request, token, *, ok, message, status=200):
    order_url = reverse("order_detail_by_token", kwargs={"token": token})
    pay_url = reverse("order_pay", kwargs={"token": token})
    if wants_json(request):
        if ok:
            return JsonResponse({"message": message, "redirect": order_url})
        return JsonResponse({"error": message}, status=status)
    (messages.success if ok else messages.error)(request, message)
    return redirect(order_url if ok else pay_url)


def _note_client_failure(request) -> None:
    key = f"payment-failures:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    failures = cache.incr(key)
    if failures >= CLIENT_FAILURES:
        log_security_event("repeated_payment_failures_from_client", request, failures=failures)
