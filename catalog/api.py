"""The catalog for apps: the category tree and a product with its variants, images in
the site's named sizes and its body as structured JSON. Reads go through the same
selectors as the pages, and carry ETags."""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from catalog import privacy, renditions
from catalog import selectors as catalog_selectors
from catalog.models import CategoryPage, ProductPage
from core import page_cache
from core.api import absolute, etagged, money
from core.http import found_or_404
from core.selectors import site_key, store_settings


class RenditionSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


def rendition_rows(sources, request) -> list[dict]:
    return [
        {"url": absolute(request, url), "width": width, "height": height}
        for url, width, height in sources
    ]


class AvailabilitySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["in_stock", "low_stock", "sold_out"])
    label = serializers.CharField(help_text='"In stock", "Only 3 left" or "Sold out".')


def availability_of(availability) -> dict:
    """What a shopper is told; never the exact stock beyond "only N left"."""
    return {"state": availability.state, "label": availability.label}


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField()
    intro = serializers.CharField()
    children = serializers.ListField(child=serializers.DictField(), help_text="Categories, alike.")


class CategoryTree(APIView):
    @extend_schema(
        summary="The category tree",
        operation_id="categories_tree",
        responses=CategorySerializer(many=True),
        tags=["catalog"],
    )
    def get(self, request):
        tree = page_cache.cached(f"api-categories:{site_key(request)}", lambda: _tree(request))
        return etagged(request, _with_full_urls(tree, request))


def _with_full_urls(nodes: list[dict], request) -> list[dict]:
    return [
        node
        | {
            "url": absolute(request, node["url"]),
            "children": _with_full_urls(node["children"], request),
        }
        for node in nodes
    ]


def _tree(request) -> list[dict]:
    categories = privacy.public(CategoryPage.objects.live()).order_by("path")
    nodes, roots = {}, []
    for category in categories:
        node = {
            "id": category.pk,
            "title": category.title,
            "slug": category.slug,
            "url": category.get_url(request),
            "intro": category.intro,
            "children": [],
        }
        nodes[category.path] = node
        parent = nodes.get(category.path[: -CategoryPage.steplen])
        (parent["children"] if parent else roots).append(node)
    return roots


class VariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    options = serializers.DictField(child=serializers.CharField(), help_text='{"size": "M"}')
    price = serializers.CharField(help_text='A decimal string: "12.50".')
    compare_at_price = serializers.CharField(allow_null=True)
    availability = AvailabilitySerializer()
    image = serializers.IntegerField(
        allow_null=True, help_text="The id of the variant's own picture among the images."
    )


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    alt = serializers.CharField()
    gallery = RenditionSerializer(many=True)
    thumb = RenditionSerializer(many=True)


class ProductDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    currency = serializers.CharField()
    price = serializers.CharField(allow_null=True, help_text="The cheapest variant's.")
    availability = AvailabilitySerializer()
    variants = VariantSerializer(many=True)
    images = ImageSerializer(many=True)
    attributes = serializers.ListField(child=serializers.DictField())
    body = serializers.ListField(
        child=serializers.DictField(), help_text="StreamField blocks: type, value, id."
    )


class ProductDetail(APIView):
    @extend_schema(
        summary="A product with its variants",
        operation_id="products_detail",
        responses={200: ProductDetailSerializer, 404: OpenApiResponse(description="Not found")},
        tags=["catalog"],
    )
    def get(self, request, product_id: int):
        product = found_or_404(
            ProductPage.objects.for_sale().filter(pk=product_id).first(), "No such product."
        )
        detail = catalog_selectors.product_detail(product=product, request=request._request)
        return etagged(request, product_data(detail, request))


def product_data(detail, request) -> dict:
    product = detail.product
    return {
        "id": product.pk,
        "title": product.title,
        "url": absolute(request, detail.card.url),
        "summary": product.summary,
        "currency": store_settings(request=request._request).currency,
        "price": money(detail.card.price),
        "availability": availability_of(detail.card.availability),
        "variants": [
            {
                "id": choice.variant.pk,
                "sku": choice.variant.sku,
                "options": choice.variant.options,
                "price": money(choice.variant.price),
                "compare_at_price": money(
                    choice.variant.compare_at_price if choice.variant.on_sale else None
                ),
                "availability": availability_of(choice.availability),
                "image": choice.variant.image_id,
            }
            for choice in detail.choices
        ],
        "images": [
            {
                "id": item.image.pk,
                "alt": item.alt,
                "gallery": rendition_rows(renditions.sources(item.image, "gallery"), request),
                "thumb": rendition_rows(renditions.sources(item.image, "thumb"), request),
            }
            for item in detail.images
        ],
        "attributes": [{"name": a.name, "value": a.value} for a in detail.attributes],
        "body": product.body.stream_block.get_api_representation(product.body),
    }


urlpatterns = [
    path("categories/", CategoryTree.as_view(), name="api_categories"),
    path("products/<int:product_id>/", ProductDetail.as_view(), name="api_product"),
]
