from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from catalog import selectors as catalog_selectors
from catalog.renditions import thumbnail_url
from commerce import selectors
from commerce.exceptions import CartError
from commerce.forms import AddToCartForm, QuantityForm
from commerce.models import Cart, CartLine
from commerce.services import cart as cart_services
from commerce.views.responses import answer, wants_json
from core.http import found_or_404, same_origin_or_csrf_token
from core.money import format_money
from core.selectors import store_settings


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
    return _added(request, cart, line, form.cleaned_data["quantity"])


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


def _added(request, cart: Cart, line: CartLine, quantity: int):
    """For a script, what the cart panel shows: the line, the subtotal and where to go
    next. For a form, the page it came from with a message that links to both."""
    message = f"Added {quantity} × {line.title} to your cart."
    if not wants_json(request):
        links = format_html(
            '{} <a href="{}">View cart</a> or <a href="{}">check out</a>.',
            message,
            reverse("cart"),
            reverse("checkout"),
        )
        messages.success(request, links)
        return redirect(_back_to(request))
    view = selectors.cart_view(cart, request)
    row = next(row for row in view.rows if row.line.pk == line.pk)
    currency = store_settings(request=request).currency
    return JsonResponse(
        {
            "message": message,
            "count": view.item_count,
            "added": {
                "title": line.title,
                "options": row.variant.label,
                "quantity": quantity,
                "price": format_money(row.price, currency),
                "image": thumbnail_url(row.image.image if row.image else None),
                "image_alt": row.image.alt if row.image else "",
            },
            "subtotal": format_money(view.goods_total, currency),
            "item_count": view.item_count,
            "cart_url": reverse("cart"),
            "checkout_url": reverse("checkout"),
        }
    )


def _back_to(request) -> str:
    """The page the shopper added from, if it is this shop's; else the cart."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else reverse("cart")


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
