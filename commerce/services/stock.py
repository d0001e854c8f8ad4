from django.db import transaction

from catalog import cache_tags
from commerce import locks
from commerce.exceptions import StockBelowReserved
from commerce.inventory import IN_STOCK, Availability
from commerce.models import StockRecord
from core import shared_pages


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
    before = record.num_available
    record.num_on_hand = num_on_hand
    _save(record, ["num_on_hand"], before=before)
    return record


def reserve(records: dict[int, StockRecord], *, quantities: dict[int, int]) -> None:
    """Hold units for a placed order. `records` are locked by the caller, which
    has checked that enough is available."""
    for variant_id, quantity in quantities.items():
        record = records[variant_id]
        before = record.num_available
        record.num_reserved += quantity
        _save(record, ["num_reserved"], before=before)


def release(quantities: dict[int, int]) -> None:
    """Give back an unpaid order's reservation (cancelled or expired)."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        before = record.num_available
        record.num_reserved -= min(quantities[variant_id], record.num_reserved)
        _save(record, ["num_reserved"], before=before)


def commit(quantities: dict[int, int]) -> None:
    """A paid order's reserved units leave the shelf."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        quantity, before = quantities[variant_id], record.num_available
        record.num_reserved -= min(quantity, record.num_reserved)
        record.num_on_hand -= min(quantity, record.num_on_hand)
        _save(record, ["num_reserved", "num_on_hand"], before=before)


def restock(quantities: dict[int, int]) -> None:
    """Refunded units go back on the shelf."""
    records = locks.stock_records(variant_ids=quantities)
    for variant_id, record in records.items():
        before = record.num_available
        record.num_on_hand += quantities[variant_id]
        _save(record, ["num_on_hand"], before=before)


def _save(record: StockRecord, fields: list[str], *, before: int) -> None:
    """Save the changed `fields`; when what shoppers are told may have changed, the
    shared pages showing the product, and the listings above it, are stale once this
    commits. A product's shown
    state (each variant's, and their sum's) can change only if the variant had or has
    few enough units to be short of "in stock"."""
    record.save(update_fields=[*fields, "updated_at"])
    shown = {Availability(before).state, Availability(record.num_available).state}
    if shown != {IN_STOCK}:
        shared_pages.expire_on_commit(cache_tags.for_stock_of(record.variant.product_id))
