"""What every Shop model view shares: ids in URLs are numbers, so any other id is a
404 from the URL resolver rather than an error in the query."""

from wagtail_modeladmin.helpers import AdminURLHelper, ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin


class NumericIdURLHelper(AdminURLHelper):
    def _get_object_specific_action_url_pattern(self, action):
        return rf"^{self.base_url_path}/{action}/(?P<instance_pk>\d+)/$"


class ShopModelAdmin(ModelAdmin):
    url_helper_class = NumericIdURLHelper


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
