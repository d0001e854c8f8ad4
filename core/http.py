"""What the storefront's views share in answering: selectors say "not found" with
None, and the views turn that into a 404."""

from django.http import Http404


def found_or_404(found, message: str = "Not found."):
    if found is None:
        raise Http404(message)
    return found
