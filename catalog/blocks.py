from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from catalog import vocabulary


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class ProductsBlock(blocks.StructBlock):
    """A row of hand-picked product cards: "shop the look", featured products."""

    heading = blocks.CharBlock(required=False)
    products = blocks.ListBlock(blocks.PageChooserBlock(page_type="catalog.ProductPage"))

    class Meta:
        icon = "tag"
        template = "blocks/products_block.html"

    def get_context(self, value, parent_context=None):
        from catalog import selectors  # blocks load before models

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        chosen_ids = [page.pk for page in value["products"] if page]
        context["cards"] = selectors.product_cards_by_id(ids=chosen_ids, request=request)
        return context


class ProductGridBlock(blocks.StructBlock):
    """A grid of products picked by rules, kept up to date as the catalog changes."""

    heading = blocks.CharBlock(required=False)
    category = blocks.PageChooserBlock(
        page_type="catalog.CategoryPage",
        required=False,
        help_text="Products of this category and its subcategories. Empty: the whole shop.",
    )
    on_sale = blocks.BooleanBlock(required=False, help_text="Only products with a sale price.")
    in_stock = blocks.BooleanBlock(
        required=False, default=True, help_text="Leave out sold-out products."
    )
    price_band = blocks.ChoiceBlock(choices=vocabulary.price_band_choices, required=False)
    attribute_name = blocks.CharBlock(required=False, help_text='For example "Material".')
    attribute_value = blocks.CharBlock(required=False, help_text='For example "Linen".')
    sort = blocks.ChoiceBlock(choices=vocabulary.sort_choices, default=vocabulary.DEFAULT_SORT)
    count = blocks.IntegerBlock(min_value=1, max_value=48, default=8)

    class Meta:
        icon = "table"
        template = "blocks/products_block.html"

    def get_context(self, value, parent_context=None):
        from catalog import filters, selectors  # blocks load before models

        context = super().get_context(value, parent_context=parent_context)
        rules = filters.ProductRules(
            category=value["category"],
            on_sale=value["on_sale"],
            in_stock=value["in_stock"],
            price_band=value["price_band"] or "",
            attribute_name=value["attribute_name"],
            attribute_value=value["attribute_value"],
        )
        ids = selectors.rule_based_ids(rules=rules, sort=value["sort"], count=value["count"])
        request = (parent_context or {}).get("request")
        context["cards"] = selectors.product_cards_by_id(ids=ids, request=request)
        return context


class ContentStreamBlock(blocks.StreamBlock):
    """What editors can put in a product description or an article."""

    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(template="blocks/image_block.html")
    quote = QuoteBlock()
    products = ProductsBlock()
    product_grid = ProductGridBlock()
