"""Every change of units on hand or reserved: each one is saved on the variant's stock
record and written as a StockMovement in the same transaction, so that the record is
always the sum of its movements."""

from django.db import transaction

from catalog import cache_tags
from commerce import locks
from commerce.exceptions import StockBelowReserved
from commerce.inventory import IN_STOCK, Availability
from commerce.models import StockMovement, StockRecord
from core import shared_pages

Reason = StockMovement.Reason
# What the merchant may record by hand, in the stock view's form.
MANUAL_REASONS = [Reason.RECEIVED, Reason.CORRECTION, Reason.DAMAGED]


def ensure_stock_record(*, variant_id: int) -> StockRecord:
    """Every variant has a stock record; a new variant starts with none on hand."""
    record, _ = StockRecord.objects.get_or_create(variant_id=variant_id)
    return record


@transaction.atomic
def adjust_stock(
    *, variant_id: int, change: int, reason: str, by=None, note: str = ""
) -> StockRecord:
    """Add `change` units on hand (take them away if negative), never below what
    orders have reserved."""
    record = _locked_record(variant_id)
    _adjust(record, change=change, reason=reason, by=by, note=note)
    return record


@transaction.atomic
def set_stock_on_hand(
    *, variant_id: int, num_on_hand: int, reason: str = Reason.CORRECTION, by=None, note: str = ""
) -> StockRecord:
    """Set the counted units of a variant: the difference is one movement."""
    record = _locked_record(variant_id)
    _adjust(record, change=num_on_hand - record.num_on_hand, reason=reason, by=by, note=note)
    return record


def _locked_record(variant_id: int) -> StockRecord:
    ensure_stock_record(variant_id=variant_id)
    return locks.stock_records(variant_ids=[variant_id])[variant_id]


def _adjust(record: StockRecord, *, change: int, reason: str, by, note: str) -> None:
    if record.num_on_hand + change < record.num_reserved:
        raise StockBelowReserved(sku=record.variant.sku, reserved=record.num_reserved)
    if change:
        _move(record, on_hand=change, reason=reason, by=by, note=note).save()


def reserve(records: dict[int, StockRecord], *, quantities: dict[int, int], order) -> None:
    """Hold units for a placed order. `records` are locked by the caller, which
    has checked that enough is available."""
    StockMovement.objects.bulk_create(
        _move(records[pk], reserved=quantity, reason=Reason.ORDER_PLACED, order=order)
        for pk, quantity in quantities.items()
    )


def release(quantities: dict[int, int], *, order, by=None) -> None:
    """Give back an unpaid order's reservation (cancelled by `by`, or expired)."""
    records = locks.stock_records(variant_ids=quantities)
    StockMovement.objects.bulk_create(
        _move(
            record,
            reserved=-min(quantities[pk], record.num_reserved),
            reason=Reason.RESERVATION_RELEASED,
            order=order,
            by=by,
        )
        for pk, record in records.items()
    )


def commit(quantities: dict[int, int], *, order) -> None:
    """A paid order's reserved units leave the shelf."""
    records = locks.stock_records(variant_ids=quantities)
    StockMovement.objects.bulk_create(
        _move(
            record,
            on_hand=-min(quantities[pk], record.num_on_hand),
            reserved=-min(quantities[pk], record.num_reserved),
            reason=Reason.SOLD,
            order=order,
        )
        for pk, record in records.items()
    )


def restock(quantities: dict[int, int], *, order, by=None) -> None:
    """Refunded units go back on the shelf, put there by `by`."""
    records = locks.stock_records(variant_ids=quantities)
    StockMovement.objects.bulk_create(
        _move(record, on_hand=quantities[pk], reason=Reason.REFUND_RESTOCK, order=order, by=by)
        for pk, record in records.items()
    )


def _move(
    record: StockRecord,
    *,
    on_hand: int = 0,
    reserved: int = 0,
    reason: str,
    order=None,
    by=None,
    note: str = "",
) -> StockMovement:
    """Change a locked record by these units and save it; the movement that says so,
    for the caller to save in the same transaction. When what shoppers are told may
    have changed, the shared pages showing the product, and the listings above it, are
    stale once this commits: a product's shown state (each variant's, and their sum's)
    can change only if the variant had or has few enough units to be short of "in stock"."""
    before = record.num_available
    record.num_on_hand += on_hand
    record.num_reserved += reserved
    record.save(update_fields=["num_on_hand", "num_reserved", "updated_at"])
    shown = {Availability(before).state, Availability(record.num_available).state}
    if shown != {IN_STOCK}:
        shared_pages.expire_on_commit(cache_tags.for_stock_of(record.variant.product_id))
    return StockMovement(
        variant_id=record.variant_id,
        on_hand_change=on_hand,
        reserved_change=reserved,
        reason=reason,
        order=order,
        created_by=by if by is not None and by.is_authenticated else None,
        note=note,
    )
