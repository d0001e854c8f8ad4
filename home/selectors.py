from django.db.models import QuerySet
from wagtail.models import Site

from catalog.selectors import Link
from core import page_cache
from core.selectors import site_key
from home.models import ContentPage, StoryPage


def stories(*, index) -> QuerySet[StoryPage]:
    return (
        StoryPage.objects.live()
        .public()
        .child_of(index)
        .select_related("image")
        .order_by("-date", "-pk")
    )


def footer_links(*, request) -> list[Link]:
    """The shop's content pages (delivery, returns, about) under the site's home page,
    for the footer; cached until a publish."""

    def build():
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        pages = ContentPage.objects.live().public().child_of(site.root_page).order_by("path")
        return [Link(title=page.title, url=page.get_url(request), path=page.path) for page in pages]

    return page_cache.cached(f"footer:{site_key(request)}", build)
