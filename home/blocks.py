from wagtail import blocks

from catalog.blocks import ContentStreamBlock, ProductGridBlock, ProductsBlock


class CategoriesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    categories = blocks.ListBlock(blocks.PageChooserBlock(page_type="catalog.CategoryPage"))

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/categories_block.html"

    def get_context(self, value, parent_context=None):
        from catalog import selectors

        context = super().get_context(value, parent_context=parent_context)
        chosen_ids = [page.pk for page in value["categories"] if page]
        context["categories"] = selectors.categories_by_id(ids=chosen_ids)
        return context


class HomeSectionsBlock(blocks.StreamBlock):
    featured_categories = CategoriesBlock()
    featured_products = ProductsBlock()
    product_grid = ProductGridBlock()
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])


class StoryBodyBlock(ContentStreamBlock):
    """An article: text, pictures, quotes and "shop the look" product rows."""
