"""Answers that suit the caller: JSON for scripts, a redirect with a message for forms."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def answer(request, *, ok: bool, message: str, redirect_to: str, status: int = 200, **data):
    if wants_json(request):
        payload = {"message": message, **data} if ok else {"error": message, **data}
        return JsonResponse(payload, status=status if not ok else 200)
    (messages.success if ok else messages.error)(request, message)
    return redirect(redirect_to)
