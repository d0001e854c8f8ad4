"""The Stock menu and the stock ledger: stock changes by a number of units with a
reason, and every variant's movements are one click away and exportable."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import F, Q
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import EditView

from catalog.models import ProductVariant
from commerce.exceptions import CommerceError
from commerce.models import StockMovement, StockRecord
from commerce.services import stock as stock_services
from commerce.staff.base import ShopModelAdmin, order_link, staff_time

MOVEMENTS_INDEX = "commerce_stockmovement_modeladmin_index"


class StockAdjustmentForm(WagtailAdminModelForm):
    """Stock changes by a number of units and a reason, never by overwriting the count."""

    change = forms.IntegerField(
        min_value=-1_000_000,
        max_value=1_000_000,
        help_text="Units to add on hand; negative to take away.",
    )
    reason = forms.ChoiceField(choices=[(r.value, r.label) for r in stock_services.MANUAL_REASONS])
    note = forms.CharField(
        max_length=255, required=False, help_text="Optional, e.g. a delivery note."
    )

    def clean_change(self):
        change = self.cleaned_data["change"]
        if change == 0:
            raise forms.ValidationError("Enter how many units to add or take away.")
        return change


class StockRecordEditView(EditView):
    """Stock changes go through the inventory service, under its row lock, and into
    the ledger."""

    def form_valid(self, form):
        try:
            self.instance = stock_services.adjust_stock(
                variant_id=self.instance.variant_id,
                change=form.cleaned_data["change"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except CommerceError as exc:
            form.add_error("change", str(exc))
            return self.form_invalid(form)
        log(instance=self.instance, action="wagtail.edit")
        messages.success(self.request, self.get_success_message(self.instance))
        return redirect(self.get_success_url())


class StockLevelFilter(admin.SimpleListFilter):
    title = "stock level"
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [
            ("low", f"Low ({settings.SHOP_LOW_STOCK_THRESHOLD} or fewer left)"),
            ("sold_out", "Sold out"),
        ]

    def queryset(self, request, queryset):
        available = F("num_on_hand") - F("num_reserved")
        if self.value() == "low":
            low = Q(available__gt=0, available__lte=settings.SHOP_LOW_STOCK_THRESHOLD)
            return queryset.alias(available=available).filter(low)
        if self.value() == "sold_out":
            return queryset.filter(num_on_hand__lte=F("num_reserved"))
        return queryset


class StockButtonHelper(ButtonHelper):
    """Each stock record's history of movements, one click away."""

    def get_buttons_for_obj(self, obj, **kwargs):
        history = reverse(MOVEMENTS_INDEX) + f"?variant={obj.variant_id}"
        return [
            *super().get_buttons_for_obj(obj, **kwargs),
            {
                "url": history,
                "label": "History",
                "classname": "button button-small button-secondary",
                "title": f"Stock movements of {obj.variant.sku}",
            },
        ]


class StockPermissionHelper(PermissionHelper):
    """Stock records come and go with their variants."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class StockRecordAdmin(ShopModelAdmin):
    model = StockRecord
    menu_label = "Stock"
    menu_icon = "tasks"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ("sku", "product", "num_on_hand", "num_reserved", "num_available")
    list_filter = (StockLevelFilter,)
    list_export = ("sku", "product", "num_on_hand", "num_reserved", "num_available")
    search_fields = ("variant__sku", "variant__product__title")
    ordering = ("variant__sku",)
    edit_view_class = StockRecordEditView
    permission_helper_class = StockPermissionHelper
    button_helper_class = StockButtonHelper
    edit_handler = ObjectList(
        [FieldPanel("change"), FieldPanel("reason"), FieldPanel("note")],
        base_form_class=StockAdjustmentForm,
    )
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


class VariantFilter(admin.SimpleListFilter):
    """One variant's movements (the stock list's History links here)."""

    title = "variant"
    parameter_name = "variant"

    def lookups(self, request, model_admin):
        chosen = self.value() or ""
        variant = ProductVariant.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        return [(str(variant.pk), variant.sku)] if variant else []

    def queryset(self, request, queryset):
        chosen = self.value() or ""
        if not chosen:
            return queryset
        return queryset.filter(variant_id=chosen) if chosen.isdigit() else queryset.none()


class LedgerPermissionHelper(StockPermissionHelper):
    """Movements are written by the stock services only: a ledger is never edited."""

    def user_can_list(self, user):
        return user.has_perm("commerce.view_stockrecord") or user.has_perm(
            "commerce.change_stockrecord"
        )

    def user_can_edit_obj(self, user, obj):
        return False


class StockMovementAdmin(ShopModelAdmin):
    model = StockMovement
    menu_label = "Stock movements"
    menu_icon = "list-ul"
    menu_order = 301
    add_to_admin_menu = True
    list_display = ("when", "sku", "reason", "on_hand", "reserved", "order_number", "by", "note")
    list_filter = (VariantFilter, "reason")
    list_export = (
        "created_at",
        "sku",
        "reason_label",
        "on_hand_change",
        "reserved_change",
        "order",
        "created_by",
        "note",
    )
    search_fields = ("variant__sku", "note", "order__number")
    permission_helper_class = LedgerPermissionHelper
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant", "order", "created_by")

    def sku(self, movement):
        return movement.variant.sku

    def reason_label(self, movement):
        return movement.get_reason_display()

    def when(self, movement):
        return staff_time(movement.created_at)

    def order_number(self, movement):
        return order_link(movement.order)

    def on_hand(self, movement):
        return f"{movement.on_hand_change:+d}" if movement.on_hand_change else "–"

    def reserved(self, movement):
        return f"{movement.reserved_change:+d}" if movement.reserved_change else "–"

    def by(self, movement):
        return movement.created_by or "–"

    sku.short_description = "SKU"
    reason_label.short_description = "reason"
    on_hand.short_description = "on hand"
    order_number.short_description = "order"
