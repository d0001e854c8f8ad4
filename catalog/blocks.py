from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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


class ContentStreamBlock(blocks.StreamBlock):
    """What editors can put in a product description or an article."""

    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(template="blocks/image_block.html")
    quote = QuoteBlock()
    products = ProductsBlock()
