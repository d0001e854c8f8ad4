"""What a shopper is told about stock: in stock, only N left, or sold out."""

from dataclasses import dataclass

from django.conf import settings

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


def combined_availability(variants) -> Availability:
    return Availability(quantity=sum(variant_availability(v).quantity for v in variants))
