from django.db.models.signals import post_save
from django.dispatch import receiver

from catalog.models import ProductVariant
from commerce import services


@receiver(post_save, sender=ProductVariant, dispatch_uid="commerce_variant_stock")
def give_new_variant_a_stock_record(sender, instance, created, raw=False, **kwargs):
    # Publishing an old revision may recreate a deleted variant: created is
    # False then, so check for the record rather than trusting the flag.
    if not raw:
        services.ensure_stock_record(variant_id=instance.pk)
