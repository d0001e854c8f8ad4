"""Finding products through the API: the site's filters, sorts, search and facet
counts, on the same selectors, so an app and the search page agree."""

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from catalog import filters, vocabulary
from catalog import selectors as catalog_selectors
from catalog.api import AvailabilitySerializer, RenditionSerializer, availability_of, rendition_rows
from catalog.models import ProductPage
from core.api import absolute, etagged, money
from core.selectors import store_settings
from search import selectors
from search.views import MAX_QUERY

MAX_PAGE = 1000


class ProductQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY)
    category = serializers.IntegerField(
        required=False, min_value=1, help_text="A category id: its whole subtree."
    )
    price = serializers.ChoiceField(choices=list(vocabulary.PRICE_BANDS), required=False)
    in_stock = serializers.BooleanField(required=False, default=False)
    on_sale = serializers.BooleanField(required=False, default=False)
    attribute = serializers.RegexField(
        r"^[^:]{1,60}:[^:]{1,120}$",
        required=False,
        help_text='"Name:Value", for example "Material:Cotton".',
    )
    size = serializers.CharField(required=False, max_length=filters.MAX_OPTION)
    colour = serializers.CharField(required=False, max_length=filters.MAX_OPTION)
    sort = serializers.ChoiceField(
        choices=[vocabulary.RELEVANCE, *vocabulary.SORTS], required=False, allow_blank=True
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)

    def validate_category(self, value):
        by_id = {category.pk: category for category in filters.category_pages()}
        if value not in by_id:
            raise serializers.ValidationError("No such category.")
        return by_id[value]

    def rules(self) -> filters.ProductRules:
        data = self.validated_data
        name, _, value = data.get("attribute", "").partition(":")
        return filters.ProductRules(
            category=data.get("category"),
            on_sale=data["on_sale"],
            in_stock=data["in_stock"],
            price_band=data.get("price", ""),
            attribute_name=name.strip(),
            attribute_value=value.strip(),
            size=data.get("size", ""),
            colour=data.get("colour", ""),
        )


class ProductCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    price = serializers.CharField(allow_null=True, help_text="From this price.")
    compare_at_price = serializers.CharField(allow_null=True)
    has_price_range = serializers.BooleanField()
    availability = AvailabilitySerializer()
    image_alt = serializers.CharField()
    image = RenditionSerializer(many=True, help_text="The card size, smallest first.")


class FacetSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    categories = FacetSerializer(many=True)
    price_bands = FacetSerializer(many=True)
    sizes = FacetSerializer(many=True)
    colours = FacetSerializer(many=True)
    in_stock = serializers.IntegerField()


class ProductPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    currency = serializers.CharField()
    results = ProductCardSerializer(many=True)
    facets = FacetsSerializer(
        allow_null=True, help_text="With a search (q): the counts over all its matches."
    )


class ProductList(APIView):
    @extend_schema(
        summary="Products, filtered, sorted or searched; a search has facet counts",
        operation_id="products_list",
        parameters=[ProductQuery],
        responses=ProductPageSerializer,
        tags=["catalog"],
    )
    def get(self, request):
        asked = ProductQuery(data=request.query_params)
        asked.is_valid(raise_exception=True)
        query, sort = (
            asked.validated_data.get("q", "").strip(),
            asked.validated_data.get("sort", ""),
        )
        currency = store_settings(request=request._request).currency
        if query:
            return etagged(request, _searched(request, query, asked, currency))
        products = filters.apply_rules(ProductPage.objects.for_sale(), asked.rules())
        ids = filters.sorted_by(products, sort).values_list("pk", flat=True)
        page = Paginator(ids, settings.SHOP_PRODUCTS_PER_PAGE).get_page(
            asked.validated_data["page"]
        )
        cards = catalog_selectors.product_cards_by_id(
            ids=list(page.object_list), request=request._request
        )
        return etagged(request, _listing(request, page, cards, currency, facets=None))


def _searched(request, query: str, asked: ProductQuery, currency: str) -> dict:
    """A search's page of results with the facets of all its matches, as the search
    page counts them: stock read fresh once, for both."""
    matches = selectors.matches(query)
    ids = selectors.results(matches, asked.rules(), asked.validated_data.get("sort", ""))
    page = Paginator(ids, settings.SHOP_PRODUCTS_PER_PAGE).get_page(asked.validated_data["page"])
    available = selectors.units_available(matches)
    cards = catalog_selectors.product_cards_by_id(
        ids=list(page.object_list), request=request._request, available=available
    )
    facets = _facets(selectors.facets(matches, available=available), currency)
    return _listing(request, page, cards, currency, facets=facets)


def _listing(request, page, cards, currency: str, *, facets: dict | None) -> dict:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "currency": currency,
        "results": [_card(card, request) for card in cards],
        "facets": facets,
    }


def _card(card, request) -> dict:
    return {
        "id": card.pk,
        "title": card.title,
        "url": absolute(request, card.url),
        "price": money(card.price),
        "compare_at_price": money(card.compare_at_price),
        "has_price_range": card.has_price_range,
        "availability": availability_of(card.availability),
        "image_alt": card.image_alt,
        "image": rendition_rows(card.image_sources, request),
    }


def _facets(facets: filters.Facets, currency: str) -> dict:
    return {
        "categories": [
            {"key": str(category.pk), "label": category.title, "count": count}
            for category, count in facets.categories
        ],
        "price_bands": [
            {"key": key, "label": vocabulary.PRICE_BANDS[key].label(currency), "count": count}
            for key, count in facets.price_bands
        ],
        "in_stock": facets.in_stock,
        "sizes": [{"key": size, "label": size, "count": n} for size, n in facets.sizes],
        "colours": [{"key": colour, "label": colour, "count": n} for colour, n in facets.colours],
    }


urlpatterns = [path("products/", ProductList.as_view(), name="api_products")]
