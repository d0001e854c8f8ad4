from django.utils.functional import SimpleLazyObject

from core import selectors


def store(request):
    # Lazy: responses that never show the store's details never look them up.
    return {"store": SimpleLazyObject(lambda: selectors.store_settings(request=request))}
