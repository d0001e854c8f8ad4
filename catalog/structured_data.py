"""schema.org Product data for search engines."""

from catalog import renditions
from catalog.selectors import ProductDetail


def product_json_ld(*, detail: ProductDetail, request, currency: str) -> dict:
    product = detail.product
    url = request.build_absolute_uri(product.get_url(request))
    images = [
        request.build_absolute_uri(item.image.get_rendition(renditions.CARD.filters[-1]).url)
        for item in detail.images
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": product.search_description or product.summary,
        "url": url,
        "image": images,
        "offers": [
            {
                "@type": "Offer",
                "sku": choice.variant.sku,
                "name": choice.variant.label or product.title,
                "price": f"{choice.variant.price:.2f}",
                "priceCurrency": currency,
                "availability": choice.availability.schema_org,
                "url": url,
            }
            for choice in detail.choices
        ],
    }
