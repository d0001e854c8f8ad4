from django.utils.functional import SimpleLazyObject

from commerce.selectors import cart_item_count


def cart(request):
    # Lazy: only pages that show the header count the cart's items.
    return {
        "cart_count": SimpleLazyObject(
            lambda: cart_item_count(user=request.user, session=request.session)
        )
    }
