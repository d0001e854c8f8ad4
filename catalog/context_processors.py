from django.utils.functional import SimpleLazyObject

from catalog import selectors


def navigation(request):
    # Lazy: responses that never draw the header never run the query.
    return {"nav_categories": SimpleLazyObject(lambda: list(selectors.top_level_categories()))}
