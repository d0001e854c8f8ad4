from django.utils.functional import SimpleLazyObject

from home import selectors


def footer(request):
    # Lazy: responses that never draw the footer never look it up.
    return {"footer_links": SimpleLazyObject(lambda: selectors.footer_links(request=request))}
