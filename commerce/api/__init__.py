"""The shop's API for carts, checkout, payment and orders, gathered for /api/v1/."""

from commerce.api import carts, checkout, orders

urlpatterns = [*carts.urlpatterns, *checkout.urlpatterns, *orders.urlpatterns]
