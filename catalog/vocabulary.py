"""The storefront's words for ordering and narrowing products: the sorts and the
price bands, with their labels. Category listings, editors' product grids, search and
its facets all speak them, so a shopper reads "Price: low to high" the same everywhere."""

from dataclasses import dataclass
from decimal import Decimal

from core.money import format_money


@dataclass(frozen=True)
class Sort:
    label: str
    ordering: tuple[str, ...]  # over products annotated with `from_price`


SORTS = {
    "newest": Sort("Newest", ("-first_published_at", "-pk")),
    "price": Sort("Price: low to high", ("from_price", "pk")),
    "-price": Sort("Price: high to low", ("-from_price", "-pk")),
    "name": Sort("Name", ("title", "pk")),
}
DEFAULT_SORT = "newest"
RELEVANCE = ""  # search's own order, best match first
RELEVANCE_LABEL = "Best match"


def sort_or_default(key: str, default: str = DEFAULT_SORT) -> str:
    return key if key in SORTS else default


def sort_choices() -> list[tuple[str, str]]:
    return [(key, sort.label) for key, sort in SORTS.items()]


@dataclass(frozen=True)
class PriceBand:
    key: str
    lowest: Decimal | None  # None: open below
    below: Decimal | None  # None: open above

    def label(self, currency: str) -> str:
        if self.lowest is None:
            return f"Under {format_money(self.below, currency)}"
        if self.below is None:
            return f"{format_money(self.lowest, currency)} and over"
        return f"{format_money(self.lowest, currency)} to {format_money(self.below, currency)}"

    def plain_label(self) -> str:
        """The label without a currency, for editors choosing a band for any site."""
        if self.lowest is None:
            return f"Under {self.below}"
        if self.below is None:
            return f"{self.lowest} and over"
        return f"{self.lowest} to {self.below}"


PRICE_BANDS = {
    band.key: band
    for band in [
        PriceBand("0-25", None, Decimal(25)),
        PriceBand("25-50", Decimal(25), Decimal(50)),
        PriceBand("50-100", Decimal(50), Decimal(100)),
        PriceBand("100-", Decimal(100), None),
    ]
}


def price_band_choices() -> list[tuple[str, str]]:
    return [(key, band.plain_label()) for key, band in PRICE_BANDS.items()]


# Clothing sizes, smallest first; any other size sorts after them, by name.
SIZES = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL")


def size_order(size: str) -> tuple[int, str]:
    upper = size.upper()
    return (SIZES.index(upper) if upper in SIZES else len(SIZES), upper)
