"""What empties the page-chrome cache: any change editors make to pages, their privacy,
sites, images or the store settings, once it commits; and every run of migrate."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import page_cache
from core.models import StoreSettings


@receiver(page_published, dispatch_uid="page_cache_published")
@receiver(page_unpublished, dispatch_uid="page_cache_unpublished")
@receiver(post_page_move, dispatch_uid="page_cache_moved")
@receiver(post_save, sender=StoreSettings, dispatch_uid="page_cache_settings")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_gone")
@receiver(post_save, sender=Site, dispatch_uid="page_cache_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="page_cache_site_gone")
@receiver(post_save, sender=get_image_model(), dispatch_uid="page_cache_image_saved")
@receiver(post_delete, sender=get_image_model(), dispatch_uid="page_cache_image_gone")
def forget_page_chrome(sender, **kwargs):
    page_cache.invalidate_on_commit()


@receiver(post_delete, dispatch_uid="page_cache_deleted")
def forget_page_chrome_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.invalidate_on_commit()


@receiver(post_save, dispatch_uid="page_cache_alias_saved")
def forget_page_chrome_on_alias(sender, instance, **kwargs):
    """An alias takes its source's view restrictions, which the cache's shortcut skips."""
    if isinstance(instance, Page) and instance.alias_of_id is not None:
        page_cache.invalidate_on_commit()


@receiver(post_migrate, dispatch_uid="page_cache_migrated")
def forget_page_chrome_after_migrate(sender, **kwargs):
    """Every deploy migrates: what older code cached, in the shapes it knew, is never read."""
    if sender.name == "core":
        page_cache.invalidate()
