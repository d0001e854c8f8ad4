"""The catalog's one port to stock: what a shopper is told (in stock, only N left,
sold out), the units free to sell, and which variants and products have any. It reads
the stock model only, always fresh: stock moves with every order."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q

from commerce.models.stock import StockRecord

IN_STOCK = "in_stock"
LOW_STOCK = "low_stock"
SOLD_OUT = "sold_out"

SCHEMA_ORG = {
    IN_STOCK: "https://schema.org/InStock",
    LOW_STOCK: "https://schema.org/LimitedAvailability",
    SOLD_OUT: "https://schema.org/OutOfStock",
}


@dataclass(frozen=True)
class Availability:
    quantity: int

    @property
    def state(self) -> str:
        if self.quantity <= 0:
            return SOLD_OUT
        if self.quantity <= settings.SHOP_LOW_STOCK_THRESHOLD:
            return LOW_STOCK
        return IN_STOCK

    @property
    def label(self) -> str:
        if self.state == SOLD_OUT:
            return "Sold out"
        if self.state == LOW_STOCK:
            return f"Only {self.quantity} left"
        return "In stock"

    @property
    def is_sold_out(self) -> bool:
        return self.state == SOLD_OUT

    @property
    def schema_org(self) -> str:
        return SCHEMA_ORG[self.state]


def variant_availability(variant) -> Availability:
    """Availability of one variant; a variant without a stock record has none."""
    record = getattr(variant, "stock", None)
    return Availability(quantity=record.num_available if record else 0)


UNITS_FREE = Q(num_on_hand__gt=F("num_reserved"))  # a stock record with a unit to sell


def units_available(variant_ids: list[int]) -> dict[int, int]:
    """Units not reserved, by variant id. A variant without a stock record has none,
    and is left out."""
    records = StockRecord.objects.filter(variant_id__any_of=variant_ids)
    # Plain rows: hundreds of model instances would cost more than the query.
    return dict(
        records.annotate(available=F("num_on_hand") - F("num_reserved")).values_list(
            "variant_id", "available"
        )
    )


def stocked_of(available: dict[int, int]) -> set[int]:
    """The variant ids of `available` (units by variant) that are not sold out."""
    return {pk for pk, units in available.items() if not Availability(units).is_sold_out}


def in_stock_condition() -> Exists:
    """A product (the outer query's row) with an active variant that has a unit to sell."""
    return Exists(
        StockRecord.objects.filter(
            UNITS_FREE, variant__product=OuterRef("pk"), variant__is_active=True
        )
    )


def stock_records(variant_ids: list[int]) -> dict[int, StockRecord]:
    """The stock records of `variant_ids`, by variant id, for the editors to see."""
    return {
        record.variant_id: record
        for record in StockRecord.objects.filter(variant_id__in=variant_ids)
    }
