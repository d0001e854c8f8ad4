import hashlib
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from catalog.blocks import ContentStreamBlock
from catalog.privacy import KnownRestrictions
from core import page_cache
from home.blocks import HomeSectionsBlock, StoryBodyBlock

IMAGE = {
    "to": "wagtailimages.Image",
    "null": True,
    "blank": True,
    "on_delete": models.SET_NULL,
    "related_name": "+",
}


@cache
def every_page_routes_plainly() -> bool:
    """Whether every page type below the home page routes as Wagtail's Page does."""
    return all(model.route is Page.route for model in get_page_models() if model is not HomePage)


class HomePage(KnownRestrictions, Page):
    hero_title = models.CharField(max_length=120, blank=True)
    hero_text = models.CharField(max_length=255, blank=True)
    hero_image = models.ForeignKey(**IMAGE)
    hero_link = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_link_text = models.CharField(max_length=40, blank=True)
    sections = StreamField(HomeSectionsBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading="Hero",
        ),
        FieldPanel("sections"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalog.CatalogIndexPage", "home.ContentPage", "home.StoryIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        """Find the page at the end of the path in one query rather than one per level.

        Level-by-level routing lets each page on the way route the rest of the path
        itself; the shortcut would skip that, so it is taken only while no page type
        defines its own route(). Paths that match no page's url_path go through
        Wagtail's usual routing too."""
        if path_components and every_page_routes_plainly():
            target = self._page_at(path_components)
            if target is not None:
                return target.route(request, [])
        return super().route(request, path_components)

    def _page_at(self, path_components) -> Page | None:
        """The page at the path, in one query: which page (and of which type) a path
        names is cached until the next publish or move."""
        url_path = f"{self.url_path}{'/'.join(path_components)}/"

        def find():
            at_path = Page.objects.filter(
                slug=path_components[-1], depth=self.depth + len(path_components), url_path=url_path
            )
            return at_path.values_list("pk", "content_type_id").first() or ()

        digest = hashlib.blake2b(url_path.encode(), digest_size=16).hexdigest()
        found = page_cache.cached(f"route:{digest}", find)
        if not found:
            return None
        pk, content_type_id = found
        return (
            ContentType.objects.get_for_id(content_type_id)
            .model_class()
            .objects.filter(pk=pk)
            .first()
        )


class ContentPage(KnownRestrictions, Page):
    """About us, delivery, returns: any page of plain content."""

    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    search_fields = Page.search_fields + [index.SearchField("body")]


class StoryIndexPage(KnownRestrictions, Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StoryPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        context["stories"] = selectors.stories(index=self)
        return context


class StoryPage(KnownRestrictions, Page):
    """Editorial content that sells: a story with products to "shop the look"."""

    date = models.DateField("story date")
    intro = models.CharField(max_length=255, blank=True)
    image = models.ForeignKey(**IMAGE)
    body = StreamField(StoryBodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.StoryIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
