"""What every API view shares: one error shape (RFC 9457 problem+json), domain errors
answered as 4xx, and ETags on reads that anyone may cache."""

import hashlib
import json
import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView, exception_handler

logger = logging.getLogger(__name__)

PROBLEM = "application/problem+json"
PROBLEM_TYPES = "https://harbourandfield.example/problems/"


class ProblemRenderer(JSONRenderer):
    """Lets a view answer problem+json when the client asks for JSON."""

    media_type = PROBLEM


class DomainError(exceptions.APIException):
    """A rule of the shop refused the request: sold out, voucher used up, cart changed."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail: str, *, code: str = "conflict", status_code: int | None = None):
        super().__init__(detail, code)
        self.problem = code
        if status_code is not None:
            self.status_code = status_code


def absolute(request, url: str | None) -> str | None:
    """A path on this site as a full URL, for apps that are not on the site."""
    return request.build_absolute_uri(url) if url and url.startswith("/") else url


def money(amount) -> str | None:
    """Amounts travel as decimal strings ("12.50"), never as floats."""
    return None if amount is None else str(amount)


def problem(status_code: int, *, title: str, detail: str, kind: str, errors=(), headers=None):
    body = {
        "type": PROBLEM_TYPES + kind,
        "title": title,
        "status": status_code,
        "detail": detail,
        "errors": list(errors),
    }
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM)


def problem_handler(error, context):
    """DRF's exception handler, with every answer turned into problem+json. An error it
    does not know is logged and answered as a bare 500, never with a traceback."""
    if isinstance(error, Http404):
        error = exceptions.NotFound(str(error) or "Not found.")
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied()
    response = exception_handler(error, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=error)
        return problem(
            500, title="Server error", detail="Something went wrong on our side.", kind="server"
        )
    kind = getattr(error, "problem", None) or _kind(error)
    errors = _field_errors(error.detail) if isinstance(error, exceptions.ValidationError) else []
    detail = "Please correct the errors below." if errors else _text(error.detail)
    headers = {k: v for k, v in response.items() if k in ("Retry-After", "WWW-Authenticate")}
    return problem(
        response.status_code,
        title=_title(response.status_code),
        detail=detail,
        kind=kind,
        errors=errors,
        headers=headers,
    )


def _kind(error) -> str:
    codes = error.get_codes()
    return codes if isinstance(codes, str) else "invalid"


def _title(status_code: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status_code).phrase


def _text(detail) -> str:
    if isinstance(detail, list):
        return " ".join(_text(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(_text(item) for item in detail.values())
    return str(detail)


def _field_errors(detail, prefix: str = "") -> list[dict]:
    """`{"lines": [{"quantity": ["..."]}]}` as `[{"field": "lines.0.quantity", ...}]`."""
    if isinstance(detail, dict):
        found = []
        for name, value in detail.items():
            field = "" if name == "non_field_errors" else name
            found += _field_errors(value, f"{prefix}.{field}".strip(".") if field else prefix)
        return found
    if isinstance(detail, list) and detail and not all(isinstance(d, str) for d in detail):
        found = []
        for index, item in enumerate(detail):
            found += _field_errors(item, f"{prefix}.{index}".strip("."))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return [{"field": prefix, "message": str(message)} for message in messages]


def etagged(request, data, *, status_code: int = 200) -> Response:
    """A response carrying an ETag of its body; 304 when the client has it already."""
    body = json.dumps(data, sort_keys=True, default=str).encode()
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": "public, max-age=60"}
    if tag in _tags(request.headers.get("If-None-Match", "")):
        return Response(status=304, headers=headers)
    return Response(data, status=status_code, headers=headers)


def _tags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def only_shop_api(endpoints):
    """drf-spectacular's preprocessing hook: the schema lists /api/v1/ only, not the
    admin's internal API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def form_errors(form) -> dict[str, list[str]]:
    """A Django form's errors as a serializer's, for a ValidationError."""
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


class NoSuchEndpoint(APIView):
    """Any path under /api/ that names nothing: a 404 in the API's own error shape."""

    authentication_classes = []
    schema = None

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound("No such endpoint.")

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound("No such endpoint.")

    post = put = patch = delete = get


# A view limited by its `throttle_scope`'s rate as well as the caller's own. (A comment,
# not a docstring: drf-spectacular would print a docstring as each operation's description.)
class ScopedView(APIView):
    throttle_scope = ""

    def get_throttles(self):
        return [*super().get_throttles(), ScopedRateThrottle()]
