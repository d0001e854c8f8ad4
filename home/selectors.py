from django.db.models import QuerySet

from home.models import StoryPage


def stories(*, index) -> QuerySet[StoryPage]:
    return (
        StoryPage.objects.live()
        .public()
        .child_of(index)
        .select_related("image")
        .order_by("-date", "-pk")
    )
