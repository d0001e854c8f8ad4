"""The shop's API for carts, checkout, payment and orders, gathered for /api/v1/."""

from commerce.api import carts

urlpatterns = [*carts.urlpatterns]
