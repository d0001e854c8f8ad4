"""What every Shop model view shares: ids in URLs are numbers, so any other id is a
404 from the URL resolver rather than an error in the query."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail_modeladmin.helpers import AdminURLHelper, ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

STAFF_TIME = "j M Y, H:i"  # as the order page prints times


def staff_time(moment) -> str:
    return date_format(localtime(moment), STAFF_TIME)


def order_link(order) -> str:
    """The order's number, linked to its order page; a dash for none."""
    if order is None:
        return "–"
    url = reverse("commerce_order_modeladmin_inspect", args=[order.pk])
    return format_html('<a href="{}">{}</a>', url, order.number)


class NumericIdURLHelper(AdminURLHelper):
    def _get_object_specific_action_url_pattern(self, action):
        return rf"^{self.base_url_path}/{action}/(?P<instance_pk>\d+)/$"


class ShopModelAdmin(ModelAdmin):
    url_helper_class = NumericIdURLHelper
    empty_value_display = "–"  # the dash the shop's own columns print for nothing


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records the shop makes itself (orders, events, accounts): staff see them and act
    through their pages' actions; nobody adds, edits or deletes one here."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class OpenButtonHelper(ButtonHelper):
    """Each row's button opens the record's own page."""

    inspect_button_classnames = ["button-secondary"]
    open_title = "Open"

    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        return {**button, "label": "Open", "title": self.open_title}
