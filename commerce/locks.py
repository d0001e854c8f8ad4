"""The only module that takes row locks, so every service locks in the same order."""

from commerce.models import StockRecord


def stock_records(*, variant_ids) -> dict[int, StockRecord]:
    """Lock the stock records of `variant_ids` in variant id order, keyed by variant id."""
    records = (
        StockRecord.objects.select_for_update()
        .select_related("variant")
        .filter(variant_id__in=sorted(set(variant_ids)))
        .order_by("variant_id")
    )
    return {record.variant_id: record for record in records}
