from django.db.models import QuerySet
from wagtail.models import Site

from home import page_cache
from home.models import StoreSettings, StoryPage


def store_settings(*, request) -> StoreSettings:
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return page_cache.cached(f"settings:{site.pk}", lambda: StoreSettings.for_site(site))


def stories(*, index) -> QuerySet[StoryPage]:
    return (
        StoryPage.objects.live()
        .public()
        .child_of(index)
        .select_related("image")
        .order_by("-date", "-pk")
    )
