"""Product cards and pages show variants and pictures: a change to one empties the
page-chrome cache once it commits."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import ProductImage, ProductVariant
from core import page_cache


@receiver(post_save, sender=ProductVariant, dispatch_uid="page_cache_variant_saved")
@receiver(post_delete, sender=ProductVariant, dispatch_uid="page_cache_variant_gone")
@receiver(post_save, sender=ProductImage, dispatch_uid="page_cache_product_image_saved")
@receiver(post_delete, sender=ProductImage, dispatch_uid="page_cache_product_image_gone")
def forget_page_chrome(sender, **kwargs):
    page_cache.invalidate_on_commit()
