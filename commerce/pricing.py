"""Order totals: Decimal throughout, rounded half-up to the currency's minor unit."""

from dataclasses import dataclass
from decimal import Decimal

from commerce.models import ShippingMethod, Voucher
from core.money import round_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TaxRules:
    currency: str
    rate: Decimal  # percent
    prices_include_tax: bool

    @classmethod
    def of(cls, store) -> "TaxRules":
        return cls(store.currency, store.tax_rate, store.prices_include_tax)

    @classmethod
    def of_order(cls, order) -> "TaxRules":
        """The rules an order was placed under, from its snapshot."""
        return cls(order.currency, order.tax_rate, order.prices_include_tax)

    def round(self, amount: Decimal) -> Decimal:
        return round_money(amount, self.currency)


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


def allocate(amount: Decimal, weights: list[Decimal], rules: TaxRules) -> list[Decimal]:
    """`amount` split over `weights` in proportion, in minor units, the parts adding up
    to `amount` exactly."""
    whole = sum(weights, Decimal(0))
    if not whole:
        return [Decimal("0.00")] * (len(weights) - 1) + [amount] if weights else []
    parts, done = [], Decimal(0)
    for weight in weights:
        parts.append(portion(amount, done=done, adding=weight, whole=whole, rules=rules))
        done += weight
    return parts


def portion(amount: Decimal, *, done, adding, whole, rules: TaxRules) -> Decimal:
    """The part of `amount` that `adding` more out of `whole` stands for, after `done`.

    It is the rounded running share less the rounded share before it, so portions never
    drift: however `whole` is split up, the portions add up to `amount` to the cent."""
    if not whole:
        return Decimal("0.00")
    before = rules.round(amount * Decimal(done) / Decimal(whole))
    return rules.round(amount * Decimal(done + adding) / Decimal(whole)) - before


def order_shares(order, items) -> tuple[dict[int, Decimal], Decimal]:
    """What the customer paid for each of `items` (by id) and for shipping: the
    voucher spread over the lines, tax added in proportion where prices exclude it.
    The shares add up to the order's total exactly."""
    rules = TaxRules.of_order(order)
    items = list(items)
    discounts = allocate(order.discount_total, [item.line_total for item in items], rules)
    nets = [item.line_total - discount for item, discount in zip(items, discounts, strict=True)]
    shares = allocate(order.total, [*nets, order.shipping_total], rules)
    return {item.pk: share for item, share in zip(items, shares, strict=False)}, shares[-1]
