"""Money: Decimal amounts in a currency, rounded half-up to its minor unit, written
the way the active language writes them, and as the integer minor units that payment
gateways take. No models: every app may use it."""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency, get_currency_precision
from django.utils.translation import get_language, to_locale

# The arguments of every money field: Decimal, two places.
MONEY_FIELD = {"max_digits": 10, "decimal_places": 2}
ZERO = Decimal("0.00")


def format_money(amount: Decimal, currency: str) -> str:
    """`amount` in `currency`, written the way the active language writes money."""
    return _formatted(amount, currency, to_locale(get_language() or "en"))


@lru_cache(maxsize=4096)
def _formatted(amount: Decimal, currency: str, locale: str) -> str:
    # Babel reads the locale's patterns on every call; a page of cards repeats prices.
    return format_currency(amount, currency, locale=locale)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half-up to the minor unit of `currency`."""
    minor_unit = Decimal(1).scaleb(-get_currency_precision(currency))
    return amount.quantize(minor_unit, rounding=ROUND_HALF_UP)


def to_minor_units(amount: Decimal, currency: str) -> int:
    return int(amount.scaleb(get_currency_precision(currency)))


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-get_currency_precision(currency))
