from decimal import Decimal

import factory
import wagtail_factories
from wagtail.search.index import insert_or_update_object

from catalog.models import (
    CatalogIndexPage,
    CategoryPage,
    ProductAttribute,
    ProductImage,
    ProductPage,
    ProductVariant,
)
from commerce.models import StockMovement
from commerce.services.stock import set_stock_on_hand


class CatalogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Shop"
    slug = "shop"

    class Meta:
        model = CatalogIndexPage


class CategoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")

    class Meta:
        model = CategoryPage


class ProductPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Product {n}")
    summary = "A useful thing."

    class Meta:
        model = ProductPage


class ProductVariantFactory(factory.django.DjangoModelFactory):
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = Decimal("20.00")

    class Meta:
        model = ProductVariant


class ProductImageFactory(factory.django.DjangoModelFactory):
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    alt_text = factory.LazyAttribute(lambda o: f"Photo of {o.product.title}")

    class Meta:
        model = ProductImage


class ProductAttributeFactory(factory.django.DjangoModelFactory):
    name = "Material"
    value = "Cotton"

    class Meta:
        model = ProductAttribute


def make_product(
    *, parent, stock=10, price="20.00", compare_at=None, images=1, colour="", size="", **fields
):
    """A live product page with one variant (of `colour` and `size`, if given) holding
    `stock` units, and `images` pictures."""
    product = ProductPageFactory(parent=parent, **fields)
    variant = ProductVariantFactory(
        product=product,
        price=Decimal(price),
        compare_at_price=Decimal(compare_at) if compare_at else None,
        colour=colour,
        size=size,
    )
    set_stock_on_hand(
        variant_id=variant.pk, num_on_hand=stock, reason=StockMovement.Reason.RECEIVED
    )
    for _ in range(images):
        ProductImageFactory(product=product)
    insert_or_update_object(product)  # as publishing does, now that the variants exist
    return product
