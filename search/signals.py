from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.signals import page_published, page_unpublished

from catalog.models import CategoryPage, ProductPage
from core import outbox, page_cache
from core.shared_pages import page_served_from_cache
from search import services, tasks
from search.models import SearchTerm
from search.views import query_of


@receiver(post_save, sender=SearchPromotion, dispatch_uid="page_cache_promotion_saved")
@receiver(post_delete, sender=SearchPromotion, dispatch_uid="page_cache_promotion_gone")
def forget_promotions(sender, **kwargs):
    page_cache.invalidate_on_commit()


@receiver(page_served_from_cache, dispatch_uid="search_counted_from_cache")
def count_search_served_from_cache(sender, request, **kwargs):
    """A search answered from the shared-page cache is still a search to count."""
    if sender == "search" and (query := query_of(request)):
        outbox.send_if_possible(tasks.log_search_query_task, query=query)


@receiver(page_published, dispatch_uid="search_terms_published")
@receiver(page_unpublished, dispatch_uid="search_terms_unpublished")
@receiver(post_delete, dispatch_uid="search_terms_deleted")
def refresh_search_terms(sender, instance, **kwargs):
    """The words of what can be found change with the products and categories shown."""
    if isinstance(instance, ProductPage | CategoryPage):
        outbox.enqueue(tasks.refresh_search_terms_task)


@receiver(post_migrate, dispatch_uid="search_terms_migrated")
def refresh_search_terms_after_migrate(sender, using, **kwargs):
    """A store that had pages before the vocabulary did gets its words on the next deploy."""
    if (
        sender.name == "search"
        and SearchTerm._meta.db_table in connections[using].introspection.table_names()
    ):
        services.refresh_search_terms()
