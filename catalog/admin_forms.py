"""The product editor's form: when a SKU or slug is taken, the error says by which
page and links to it. An abandoned first attempt stays as a draft that holds both."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class ProductPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors and self.parent_page is not None:
            self._point_to_slug_holder()
        return cleaned_data

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid and "variants" in self.formsets:
            self._point_to_sku_holders()
        return valid

    def _point_to_slug_holder(self):
        slug = self["slug"].value()
        holder = (
            self.parent_page.get_children().filter(slug=slug).exclude(pk=self.instance.pk).first()
        )
        if holder is not None:
            self.errors["slug"] = self.error_class(
                [taken_message(f"The slug “{slug}” is already used by", holder)]
            )

    def _point_to_sku_holders(self):
        from catalog.models import ProductVariant  # the models module uses this form

        for form in self.formsets["variants"].forms:
            errors = form.errors.as_data().get("sku", [])
            if not any(error.code == "unique" for error in errors):
                continue
            sku = form["sku"].value()
            holder = (
                ProductVariant.objects.filter(sku=sku).exclude(product_id=self.instance.pk).first()
            )
            if holder is not None:
                page = Page.objects.get(pk=holder.product_id)
                form.errors["sku"] = form.error_class(
                    [taken_message(f"The SKU “{sku}” is already used by", page)]
                )


def taken_message(prefix: str, page: Page) -> str:
    state = "a draft" if not page.live else "a live page"
    return format_html(
        '{} <a href="{}">{}</a> ({}). Open it to finish or delete it, or choose another.',
        prefix,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.get_admin_display_title(),
        state,
    )
