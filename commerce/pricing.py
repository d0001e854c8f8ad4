"""Order totals: Decimal throughout, rounded half-up to the currency's minor unit."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency, get_currency_precision
from django.utils.translation import get_language, to_locale

from commerce.models import ShippingMethod, Voucher

HUNDRED = Decimal(100)


def format_money(amount: Decimal, currency: str) -> str:
    """`amount` in `currency`, written the way the active language writes money."""
    return _formatted(amount, currency, to_locale(get_language() or "en"))


@lru_cache(maxsize=4096)
def _formatted(amount: Decimal, currency: str, locale: str) -> str:
    # Babel reads the locale's patterns on every call; a page of cards repeats prices.
    return format_currency(amount, currency, locale=locale)


@dataclass(frozen=True)
class TaxRules:
    currency: str
    rate: Decimal  # percent
    prices_include_tax: bool

    @classmethod
    def of(cls, store) -> "TaxRules":
        return cls(store.currency, store.tax_rate, store.prices_include_tax)

    def round(self, amount: Decimal) -> Decimal:
        minor_unit = Decimal(1).scaleb(-get_currency_precision(self.currency))
        return amount.quantize(minor_unit, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    goods: Decimal
    discount: Decimal
    shipping: Decimal
    tax: Decimal
    total: Decimal

    @property
    def before_tax(self) -> Decimal:
        return self.total - self.tax


def line_total(unit_price: Decimal, quantity: int, rules: TaxRules) -> Decimal:
    return rules.round(unit_price * quantity)


def voucher_discount(voucher: Voucher | None, goods: Decimal, rules: TaxRules) -> Decimal:
    if voucher is None:
        return Decimal("0.00")
    if voucher.kind == Voucher.Kind.PERCENTAGE:
        return rules.round(goods * voucher.value / HUNDRED)
    return min(rules.round(voucher.value), goods)


def order_totals(
    line_totals: list[Decimal],
    *,
    rules: TaxRules,
    voucher: Voucher | None = None,
    shipping_method: ShippingMethod | None = None,
) -> Totals:
    """Goods less the voucher, plus shipping, with tax included in or added to prices
    as the store says. Shipping is taxed like goods."""
    goods = sum(line_totals, Decimal("0.00"))
    discount = voucher_discount(voucher, goods, rules)
    shipping = shipping_method.price_for(goods - discount) if shipping_method else Decimal("0.00")
    taxable = goods - discount + rules.round(shipping)
    if rules.prices_include_tax:
        tax = rules.round(taxable * rules.rate / (HUNDRED + rules.rate))
        total = taxable
    else:
        tax = rules.round(taxable * rules.rate / HUNDRED)
        total = taxable + tax
    return Totals(goods, discount, rules.round(shipping), tax, total)
