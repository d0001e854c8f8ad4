from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion

from core import page_cache


@receiver(post_save, sender=SearchPromotion, dispatch_uid="page_cache_promotion_saved")
@receiver(post_delete, sender=SearchPromotion, dispatch_uid="page_cache_promotion_gone")
def forget_promotions(sender, **kwargs):
    page_cache.invalidate_on_commit()
