from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from catalog import privacy
from catalog.admin_forms import ProductPageForm
from catalog.blocks import ContentStreamBlock
from catalog.panels import StockPanel
from core.money import MONEY_FIELD

PRICE = {**MONEY_FIELD, "validators": [MinValueValidator(0)]}


class CatalogIndexPage(privacy.KnownRestrictions, Page):
    """The shop's front door to the category tree."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalog.CategoryPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = selectors.category_tiles(parent=self)
        return context


class CategoryPage(privacy.KnownRestrictions, Page):
    """A category; categories nest, and a category lists its whole subtree."""

    intro = RichTextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]
    parent_page_types = ["catalog.CatalogIndexPage", "catalog.CategoryPage"]
    subpage_types = ["catalog.CategoryPage", "catalog.ProductPage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors

        context = super().get_context(request, *args, **kwargs)
        context["subcategories"] = selectors.subcategory_links(parent=self, request=request)
        context["listing"] = selectors.category_listing(
            category=self,
            request=request,
            sort=request.GET.get("sort", ""),
            page_number=request.GET.get("page", 1),
            params=request.GET,
        )
        return context


class ProductPageQuerySet(PageQuerySet):
    def for_sale(self):
        """Products a shopper can find and buy: live and public, with their from-price."""
        return privacy.public(self.live()).with_from_price()

    def with_from_price(self):
        """Each product's `from_price`: the price of its cheapest offered variant."""
        cheapest = ProductVariant.objects.offered().filter(product=models.OuterRef("pk"))
        return self.annotate(
            from_price=models.Subquery(cheapest.order_by("price").values("price")[:1])
        )


class ProductPage(privacy.KnownRestrictions, Page):
    summary = models.CharField(max_length=255, blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)

    objects = PageManager.from_queryset(ProductPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel("images", label="Images", heading="Images"),
        InlinePanel("variants", label="Variant", heading="Variants", min_num=1),
        StockPanel(heading="Stock"),
        InlinePanel("attributes", label="Attribute", heading="Attributes"),
        FieldPanel("body"),
    ]
    base_form_class = ProductPageForm
    parent_page_types = ["catalog.CategoryPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("category_names"),
        index.SearchField("sku_words"),
        index.RelatedFields(
            "variants",
            [
                index.SearchField("sku"),
                index.AutocompleteField("sku"),
                index.SearchField("colour"),
                index.SearchField("size"),
                index.FilterField("price"),
            ],
        ),
        index.RelatedFields("attributes", [index.SearchField("name"), index.SearchField("value")]),
        index.FilterField("first_published_at"),
    ]

    def sku_words(self) -> str:
        """Variant SKUs split at their hyphens, the way search queries are split."""
        return " ".join(variant.sku.replace("-", " ") for variant in self.variants.all())

    def category_names(self) -> str:
        """The titles of the categories above the product, so "kitchen" finds kitchenware."""
        return " ".join(page.title for page in self.get_ancestors().type(CategoryPage))

    def get_context(self, request, *args, **kwargs):
        from catalog import selectors

        context = super().get_context(request, *args, **kwargs)
        context["detail"] = selectors.product_detail(product=self, request=request)
        return context


class ProductImage(Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        max_length=255, blank=True, help_text="What the picture shows; empty uses the image title."
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    @property
    def alt(self):
        return self.alt_text or self.image.title


class ProductAttribute(Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="attributes")
    name = models.CharField(max_length=80)
    value = models.CharField(max_length=255)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("value")])]

    def __str__(self):
        return f"{self.name}: {self.value}"


class VariantQuerySet(models.QuerySet):
    def offered(self):
        """Variants the editors offer; those of a product for sale are the ones it sells."""
        return self.filter(is_active=True)

    def for_sale(self):
        """Variants a shopper can buy now: offered, of a live product."""
        return self.offered().filter(product__live=True)


class ProductVariant(Orderable):
    """The purchasable unit. Its stock lives in commerce.StockRecord, outside revisions."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=64, unique=True)
    size = models.CharField(max_length=40, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    price = models.DecimalField(**PRICE)
    compare_at_price = models.DecimalField(
        **PRICE, null=True, blank=True, help_text="The former price, shown struck through."
    )
    weight_kg = models.DecimalField(
        "weight (kg)", max_digits=7, decimal_places=3, null=True, blank=True
    )
    is_active = models.BooleanField("for sale", default=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="This option's own picture, shown when a shopper chooses it and in the cart.",
    )

    objects = VariantQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("size"), FieldPanel("colour")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("compare_at_price")]),
        FieldRowPanel([FieldPanel("weight_kg"), FieldPanel("is_active")]),
        FieldPanel("image"),
    ]

    class Meta(Orderable.Meta):
        indexes = [
            # A product's "from" price: the cheapest active variant, for listings sorted by price.
            models.Index(
                fields=["product", "price"],
                condition=models.Q(is_active=True),
                name="variant_active_price",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(compare_at_price__isnull=True)
                | models.Q(compare_at_price__gt=models.F("price")),
                name="variant_compare_at_above_price",
                violation_error_message="The compare-at price must be above the price.",
            )
        ]

    def __str__(self):
        return f"{self.sku} {self.label}".strip()

    @property
    def options(self) -> dict[str, str]:
        return {
            name: value for name, value in (("Size", self.size), ("Colour", self.colour)) if value
        }

    @property
    def label(self) -> str:
        return " / ".join(self.options.values())

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price
