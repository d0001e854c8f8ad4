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
