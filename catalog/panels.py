"""An editor panel with the product's stock, read fresh from the stock records: it is
no field of the page, so no revision, draft or revert ever holds or changes stock."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class StockPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "catalog/admin/stock_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = self.rows()
            return context

        def rows(self) -> list[dict]:
            if not self.instance.pk:
                return []
            # Imported here: the models module uses this panel, and the stock model
            # refers to the catalog's.
            from catalog.models import ProductVariant
            from commerce import inventory

            # The saved variants, not the revision's: only saved ones have stock.
            variants = list(ProductVariant.objects.filter(product_id=self.instance.pk))
            records = inventory.stock_records([variant.pk for variant in variants])
            may_adjust = self.request.user.has_perm("commerce.change_stockrecord")
            return [
                {
                    "variant": variant,
                    "record": records.get(variant.pk),
                    "adjust_url": self._adjust_url(records.get(variant.pk), may_adjust),
                }
                for variant in variants
            ]

        @staticmethod
        def _adjust_url(record, may_adjust: bool) -> str:
            if record is None or not may_adjust:
                return ""
            return reverse("commerce_stockrecord_modeladmin_edit", args=[record.pk])
