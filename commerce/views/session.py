from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_GET

from commerce.selectors import cart_item_count


@require_GET
def session_state(request):
    """What a shared page leaves out, for its script to fill in: sign-in state, the cart
    count, and a CSRF token for its forms. A browser without a session gets no token
    and no cookie: browsing starts no session."""
    user = request.user
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    response = JsonResponse(
        {
            "signed_in": user.is_authenticated,
            "name": user.first_name if user.is_authenticated else "",
            "cart_count": cart_item_count(user=user, session=request.session),
            "csrf_token": get_token(request) if has_session else None,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response
