from django.db import transaction

from commerce import locks
from commerce.exceptions import StockBelowReserved
from commerce.models import StockRecord


def ensure_stock_record(*, variant_id: int) -> StockRecord:
    """Every variant has a stock record; a new variant starts with none on hand."""
    record, _ = StockRecord.objects.get_or_create(variant_id=variant_id)
    return record


@transaction.atomic
def set_stock_on_hand(*, variant_id: int, num_on_hand: int) -> StockRecord:
    """Set the counted units of a variant, never below what orders have reserved."""
    ensure_stock_record(variant_id=variant_id)
    record = locks.stock_records(variant_ids=[variant_id])[variant_id]
    if num_on_hand < record.num_reserved:
        raise StockBelowReserved(sku=record.variant.sku, reserved=record.num_reserved)
    record.num_on_hand = num_on_hand
    record.save(update_fields=["num_on_hand", "updated_at"])
    return record


def reserve(records: dict[int, StockRecord], *, quantities: dict[int, int]) -> None:
    """Hold units for a placed order. `records` are locked by the caller, which
    has checked that enough is available."""
    for variant_id, quantity in quantities.items():
        record = records[variant_id]
        record.num_reserved += quantity
        record.save(update_fields=["num_reserved", "updated_at"])


def release(quantities: dict[int, int]) -> None:
    """Give back an unpaid order's reservation (cancelled or expired)."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        record.num_reserved -= min(quantities[variant_id], record.num_reserved)
        record.save(update_fields=["num_reserved", "updated_at"])


def commit(quantities: dict[int, int]) -> None:
    """A paid order's reserved units leave the shelf."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        quantity = quantities[variant_id]
        record.num_reserved -= min(quantity, record.num_reserved)
        record.num_on_hand -= min(quantity, record.num_on_hand)
        record.save(update_fields=["num_reserved", "num_on_hand", "updated_at"])


def restock(quantities: dict[int, int]) -> None:
    """Refunded units go back on the shelf."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        record.num_on_hand += quantities[variant_id]
        record.save(update_fields=["num_on_hand", "updated_at"])
