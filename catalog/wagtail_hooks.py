"""The product editor tells an editor who publishes a product that nobody can buy."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages

from catalog.models import ProductPage
from commerce import inventory


@hooks.register("after_publish_page")
def warn_when_published_without_stock(request, page):
    if not isinstance(page, ProductPage):
        return
    variant_ids = list(page.variants.offered().values_list("pk", flat=True))
    if inventory.stocked_of(inventory.units_available(variant_ids)):
        return
    buttons = []
    if request.user.has_perm("commerce.change_stockrecord"):
        stock_list = reverse("commerce_stockrecord_modeladmin_index")
        buttons.append(messages.button(f"{stock_list}?{urlencode({'q': page.title})}", "Set stock"))
    messages.warning(
        request,
        f"“{page.title}” is live but sold out: none of its variants for sale has stock.",
        buttons=buttons,
    )
