import logging

from allauth.core.ratelimit import consume_or_429
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commerce import selectors
from commerce.exceptions import PaymentError, UnknownGateway
from commerce.models import Payment, PaymentStatus, WebhookEvent
from commerce.payments import gateway_named, get_gateway
from commerce.payments.base import REQUIRES_ACTION, SUCCEEDED, WebhookRejected
from commerce.services import payments, webhooks
from commerce.views.responses import answer
from core.http import found_or_404
from core.security import client_ip, log_security_event

logger = logging.getLogger(__name__)

# Failed payments from one client address in an hour worth a security log line.
CLIENT_FAILURES = 5
PAID_MESSAGE = "Paid: thank you, your payment is received."


def pay_page(request, token):
    order = found_or_404(selectors.order_for_token(token), "No such order.")
    if order.payment_status != PaymentStatus.AWAITING_PAYMENT:
        if request.method == "POST":  # paid in another tab, or by the gateway's webhook
            return _order_state(request, token, order)
        return redirect("order_detail_by_token", token=token)
    gateway = get_gateway()
    if request.method == "POST":
        limited = consume_or_429(request, action="checkout")
        if limited:
            return limited
        try:
            payment, outcome = payments.pay(order, data=request.POST, request=request)
        except PaymentError as error:
            return _answer(request, token, ok=False, message=str(error), status=409)
        return _answer_outcome(request, token, payment, outcome)
    context = {
        "order": order,
        "token": token,
        "gateway": gateway,
        "summary": selectors.order_summary(order),
        **gateway.page_context(),
    }
    return render(request, gateway.template, context)


@require_POST
def pay_return(request, token):
    """The browser finished the card's extra step (3-D Secure) for one of the order's
    payments. The gateway's webhook may have told the shop first: then the answer is
    the order's state as it is."""
    order = found_or_404(selectors.order_for_token(token), "No such order.")
    payment_id = request.POST.get("payment", "")
    # Only the payment page's script posts here, so bad input is answered in JSON.
    if not payment_id.isdigit() or len(payment_id) > 18:
        return JsonResponse({"error": "Name the payment to finish, by its number."}, status=400)
    payment = order.payments.filter(pk=payment_id).first()
    if payment is None:
        return JsonResponse({"error": "This order has no such payment."}, status=404)
    if order.payment_status != PaymentStatus.AWAITING_PAYMENT:
        return _order_state(request, token, order)
    if payment.status != Payment.Status.REQUIRES_ACTION:
        message = payment.failure_message or "This payment is no longer waiting for you."
        return _answer(request, token, ok=False, message=message, status=409)
    payment, outcome = payments.finish_action(payment, data=request.POST, request=request)
    return _answer_outcome(request, token, payment, outcome)


@csrf_exempt  # a gateway cannot send a CSRF token; its signature proves the sender instead
@require_POST
def gateway_webhook(request, gateway):
    try:
        receiver = gateway_named(gateway)
    except UnknownGateway:
        raise Http404("No such payment gateway.") from None
    if not receiver.receives_webhooks():
        raise Http404("This gateway's webhooks are not configured.")
    try:
        event = receiver.parse_webhook(request.body, request.headers)
    except WebhookRejected as error:
        if error.bad_signature:
            log_security_event("webhook_signature_failed", request, reason=str(error)[:200])
        return JsonResponse({"error": str(error)}, status=400)
    except PaymentError as error:  # the gateway could not be asked for details: retry later
        logger.warning("Webhook from %s not handled yet: %s", gateway, error)
        return JsonResponse({"error": str(error)}, status=503)
    stored = webhooks.receive(receiver.name, event=event)
    if stored.status == WebhookEvent.Status.FAILED:  # kept in the inbox; a redelivery runs it again
        return JsonResponse({"received": True, "error": "Not handled yet."}, status=500)
    return JsonResponse({"received": True, "outcome": stored.outcome})


def _answer_outcome(request, token, payment, outcome):
    if outcome.status == SUCCEEDED and payment.status == Payment.Status.SUCCEEDED:
        return _answer(request, token, ok=True, message=PAID_MESSAGE, state="paid")
    if outcome.status == REQUIRES_ACTION:
        return JsonResponse(
            {"requires_action": True, "client_secret": outcome.client_secret, "payment": payment.pk}
        )
    _note_client_failure(request)
    message = outcome.message or payment.failure_message or "The payment did not go through."
    return _answer(request, token, ok=False, message=message, status=402)


def _order_state(request, token, order):
    """An order that is no longer waiting to be paid: say how it stands."""
    if order.payment_status == PaymentStatus.CANCELLED:
        return _answer(
            request, token, ok=False, message=payments.not_payable_message(order), status=409
        )
    return _answer(request, token, ok=True, message=PAID_MESSAGE, state=order.payment_status)


def _answer(request, token, *, ok, message, status=200, state=""):
    """The order's page on success, or when the order cannot be paid any more (409);
    the payment page again to try once more."""
    order_url = reverse("order_detail_by_token", kwargs={"token": token})
    pay_url = reverse("order_pay", kwargs={"token": token})
    return answer(
        request,
        ok=ok,
        message=message,
        redirect_to=order_url if ok or status == 409 else pay_url,
        status=status,
        **({"state": state, "redirect": order_url} if ok else {}),
    )


def _note_client_failure(request) -> None:
    key = f"payment-failures:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    failures = cache.incr(key)
    if failures >= CLIENT_FAILURES:
        log_security_event("repeated_payment_failures_from_client", request, failures=failures)
