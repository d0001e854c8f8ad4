from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion

from core import page_cache
from core.shared_pages import page_served_from_cache
from search import tasks
from search.views import query_of


@receiver(post_save, sender=SearchPromotion, dispatch_uid="page_cache_promotion_saved")
@receiver(post_delete, sender=SearchPromotion, dispatch_uid="page_cache_promotion_gone")
def forget_promotions(sender, **kwargs):
    page_cache.invalidate_on_commit()


@receiver(page_served_from_cache, dispatch_uid="search_counted_from_cache")
def count_search_served_from_cache(sender, request, **kwargs):
    """A search answered from the shared-page cache is still a search to count."""
    if sender == "search" and (query := query_of(request)):
        tasks.log_search_query_task.delay(query)
