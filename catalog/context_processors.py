from django.utils.functional import SimpleLazyObject

from catalog import selectors


def navigation(request):
    # Lazy: responses that never draw the header never look it up.
    return {"nav_categories": SimpleLazyObject(lambda: selectors.navigation(request=request))}
