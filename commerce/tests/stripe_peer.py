"""localstripe, a stateful fake Stripe API, on a free port on 127.0.0.1 for the tests."""

import hashlib
import hmac
import json
import subprocess
import sys
import time
from pathlib import Path

import stripe

from core.tests.helpers import free_port, start_server, stop_server

# localstripe keeps its state in this fixed file of its own.
STATE_FILE = Path("/tmp/localstripe.pickle")  # noqa: S108  # nosec B108
SERVE = (
    "import sys, aiohttp.web, localstripe.server as s; "
    "aiohttp.web.run_app(s.app, host='127.0.0.1', port=int(sys.argv[1]), print=None)"
)
SECRET_KEY = "sk_test_localstripe"  # noqa: S105 - a fake key for a fake server
WEBHOOK_SECRET = "whsec_test_shop"  # noqa: S105


def start() -> tuple[subprocess.Popen, str]:
    STATE_FILE.unlink(missing_ok=True)
    port = free_port()
    process = start_server([sys.executable, "-c", SERVE, str(port)], port, name="localstripe")
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> None:
    stop_server(process)
    STATE_FILE.unlink(missing_ok=True)


def sdk(base: str) -> stripe.StripeClient:
    return stripe.StripeClient(SECRET_KEY, base_addresses={"api": base})


def card_payment_method(base: str, number: str) -> str:
    """What Stripe.js does in the browser: turn a card into a PaymentMethod id."""
    card = {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}
    return sdk(base).v1.payment_methods.create(params={"type": "card", "card": card}).id


def signed(payload: dict, secret: str = WEBHOOK_SECRET, at: int | None = None) -> tuple[bytes, str]:
    """A webhook body and its Stripe-Signature header, signed the way Stripe signs."""
    body = json.dumps(payload).encode()
    timestamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return body, f"t={timestamp},v1={digest.hexdigest()}"
