"""The `shop.security` log: one structured line per security-relevant event."""

import logging

from allauth.account.adapter import get_adapter

logger = logging.getLogger("shop.security")


def log_security_event(event: str, request=None, *, level=logging.WARNING, **fields) -> None:
    """Write `event` with the client's address and `fields` (never a secret) as one line."""
    if request is not None:
        fields.setdefault("ip", client_ip(request))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields.setdefault("user_id", user.pk)
    logger.log(level, event, extra={"event": event, **fields})


def client_ip(request) -> str | None:
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - a log line must never break the request it describes
        return None
