from django.shortcuts import render
from django.views.decorators.http import require_POST

from catalog import selectors as catalog_selectors
from commerce import selectors
from commerce.exceptions import CartError
from commerce.forms import AddToCartForm, QuantityForm
from commerce.models import Cart, CartLine
from commerce.services import cart as cart_services
from commerce.views.responses import answer
from core.http import found_or_404, same_origin_or_csrf_token


def cart_page(request):
    view = selectors.cart_view(
        selectors.current_cart(user=request.user, session=request.session), request
    )
    context = {"cart": view}
    if not view.rows:  # something to start from
        context["popular"] = catalog_selectors.product_cards_by_id(
            ids=selectors.popular_product_ids(count=4), request=request
        )
    return render(request, "commerce/cart.html", context)


@require_POST
@same_origin_or_csrf_token
def add(request):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form), status=400)
    cart = _cart_for_adding(request)
    try:
        line = cart_services.add_to_cart(
            cart, variant_id=form.cleaned_data["variant"], quantity=form.cleaned_data["quantity"]
        )
    except CartError as error:
        return _refused(request, str(error), status=409)
    return _done(request, f"Added {form.cleaned_data['quantity']} × {line.title} to your cart.")


@require_POST
def update_line(request, line_id):
    cart, line = _own_line(request, line_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        return _refused(request, _first_error(form), status=400)
    try:
        updated = cart_services.set_line_quantity(
            cart, line_id=line.pk, quantity=form.cleaned_data["quantity"]
        )
    except CartError as error:
        return _refused(request, str(error), status=409)
    if updated is None:
        return _done(request, f"Removed {line.title}.")
    return _done(request, f"{line.title}: quantity set to {updated.quantity}.")


@require_POST
def remove_line(request, line_id):
    cart, line = _own_line(request, line_id)
    cart_services.remove_line(cart, line_id=line.pk)
    return _done(request, f"Removed {line.title}.")


def _cart_for_adding(request) -> Cart:
    cart = selectors.current_cart(user=request.user, session=request.session)
    if cart is not None:
        return cart
    if request.user.is_authenticated:
        return cart_services.cart_for_user(request.user)
    cart = Cart.objects.create()
    request.session[selectors.CART_SESSION_KEY] = str(cart.token)
    return cart


def _own_line(request, line_id) -> tuple[Cart, CartLine]:
    """A line of this shopper's own cart, or 404: nobody reaches another cart."""
    cart = selectors.current_cart(user=request.user, session=request.session)
    line = found_or_404(selectors.cart_line_of(cart, line_id), "Your cart has no such line.")
    return cart, line


def _done(request, message: str):
    return answer(
        request,
        ok=True,
        message=message,
        redirect_to="cart",
        count=selectors.cart_item_count(user=request.user, session=request.session),
    )


def _refused(request, message: str, *, status: int):
    return answer(
        request,
        ok=False,
        message=message,
        redirect_to="cart",
        status=status,
        count=selectors.cart_item_count(user=request.user, session=request.session),
    )


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]
