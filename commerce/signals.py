from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from catalog.models import ProductVariant
from commerce import selectors
from commerce.services import cart as cart_services
from commerce.services import stock as stock_services


@receiver(post_save, sender=ProductVariant, dispatch_uid="commerce_variant_stock")
def give_new_variant_a_stock_record(sender, instance, created, raw=False, **kwargs):
    # Publishing an old revision may recreate a deleted variant: created is
    # False then, so check for the record rather than trusting the flag.
    if not raw:
        stock_services.ensure_stock_record(variant_id=instance.pk)


@receiver(user_logged_in, dispatch_uid="commerce_merge_guest_cart")
def merge_guest_cart(sender, request, user, **kwargs):
    """The cart filled before signing in joins the customer's own cart."""
    token = request.session.pop(selectors.CART_SESSION_KEY, None) if request else None
    guest_cart = selectors.current_cart(token=token)
    if guest_cart is not None:
        cart_services.merge_into_user_cart(guest_cart, user=user)
