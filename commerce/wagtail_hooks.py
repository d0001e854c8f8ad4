from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from commerce import services
from commerce.exceptions import CommerceError
from commerce.models import StockRecord


class StockRecordEditView(EditView):
    """Counted stock goes through the inventory service, under its row lock."""

    def form_valid(self, form):
        try:
            self.instance = services.set_stock_on_hand(
                variant_id=self.instance.variant_id, num_on_hand=form.cleaned_data["num_on_hand"]
            )
        except CommerceError as exc:
            form.add_error("num_on_hand", str(exc))
            return self.form_invalid(form)
        log(instance=self.instance, action="wagtail.edit")
        messages.success(self.request, self.get_success_message(self.instance))
        return redirect(self.get_success_url())


class StockPermissionHelper(PermissionHelper):
    """Stock records come and go with their variants."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class StockRecordAdmin(ModelAdmin):
    model = StockRecord
    menu_label = "Stock"
    menu_icon = "tasks"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ("sku", "product", "num_on_hand", "num_reserved", "num_available")
    search_fields = ("variant__sku", "variant__product__title")
    ordering = ("variant__sku",)
    edit_view_class = StockRecordEditView
    permission_helper_class = StockPermissionHelper
    panels = [FieldPanel("num_on_hand")]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant__product")

    def sku(self, record):
        return record.variant.sku

    def product(self, record):
        return record.variant.product.title

    def num_available(self, record):
        return record.num_available

    sku.short_description = "SKU"
    num_available.short_description = "available"
