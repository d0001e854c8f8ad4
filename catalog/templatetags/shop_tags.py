import json
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaulttags import querystring
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from catalog import renditions, selectors
from catalog.models import ProductPage
from catalog.structured_data import product_json_ld
from catalog.vocabulary import PRICE_BANDS
from core import selectors as core_selectors
from core.models import StoreSettings
from core.money import format_money

register = template.Library()

# Keep "</script>" and friends out of inline JSON.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def store_settings(context) -> StoreSettings:
    return core_selectors.store_settings(request=context["request"])


@register.simple_tag(takes_context=True)
def money(context, amount: Decimal | None, currency: str = "") -> str:
    """`amount` in `currency` (an order's), or else the store's, for the active language."""
    if amount is None:
        return ""
    return format_money(amount, currency or store_settings(context).currency)


@register.simple_tag(takes_context=True)
def price_band_label(context, key: str) -> str:
    """The price band `key` in the store's currency: "€25.00 to €50.00"."""
    return PRICE_BANDS[key].label(store_settings(context).currency)


@register.simple_tag(takes_context=True)
def applied_filters(context, rules) -> list[dict]:
    """What the shopper narrowed a listing by, each with the link that removes it."""
    applied = []
    if rules.category:
        applied.append((f"Category: {rules.category.title}", "category"))
    if rules.price_band:
        applied.append((price_band_label(context, rules.price_band), "price"))
    if rules.size:
        applied.append((f"Size: {rules.size.upper()}", "size"))
    if rules.colour:
        applied.append((f"Colour: {rules.colour.capitalize()}", "colour"))
    if rules.in_stock:
        applied.append(("In stock only", "in_stock"))
    return [
        {"label": label, "remove_url": querystring(context, **{name: None, "page": None})}
        for label, name in applied
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    return {"crumbs": selectors.breadcrumbs(page=page, request=context["request"]), "page": page}


@register.simple_tag(takes_context=True)
def product_structured_data(context, detail):
    request = context["request"]
    data = product_json_ld(
        detail=detail, request=request, currency=store_settings(context).currency
    )
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    # The payload is JSON with <, > and & escaped, so it cannot close the script element.
    # Escaped above.
    safe_payload = mark_safe(payload)  # noqa: S308  # nosec B308 B703
    return format_html('<script type="application/ld+json">{}</script>', safe_payload)


@register.filter
def is_within(page, ancestor) -> bool:
    """True when `page` is `ancestor` or below it in the page tree."""
    return bool(page and getattr(page, "path", "").startswith(ancestor.path))


@register.simple_tag(takes_context=True)
def canonical_url(context, page) -> str:
    """The page's absolute URL on the host that served it."""
    request = context["request"]
    return request.build_absolute_uri(page.get_url(request))


@register.simple_tag
def responsive_image(image, name: str, **attrs) -> str:
    """An <img> with srcset and sizes for one of the named sizes in catalog.renditions."""
    return renditions.img_tag(image, name, **attrs)


# What a page is described by, in search results and where it is shared, first found first.
DESCRIPTIONS = ("search_description", "summary", "intro", "hero_text")


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, page):
    """The page's description (its own, else its summary or intro) and Open Graph tags."""
    request = context["request"]
    texts = (strip_tags(str(getattr(page, name, "") or "")).strip() for name in DESCRIPTIONS)
    image = _share_image(page, context.get("detail"))
    rendition = renditions.sources(image, "gallery")[:1] if image else ()
    return {
        "title": page.seo_title or page.title,
        "description": Truncator(next((text for text in texts if text), "")).chars(160),
        "url": request.build_absolute_uri(page.get_url(request)),
        "kind": "product" if isinstance(page, ProductPage) else "website",
        "image_url": request.build_absolute_uri(rendition[0][0]) if rendition else "",
        "image_alt": image.title if image else "",
        "site_name": store_settings(context).store_name,
    }


def _share_image(page, detail):
    if detail is not None and detail.product == page:  # the product page's own pictures
        return detail.images[0].image if detail.images else None
    if isinstance(page, ProductPage):
        first = page.images.select_related("image").first()
        return first.image if first else None
    return getattr(page, "image", None) or getattr(page, "hero_image", None)


@register.filter
def eager(image_html: str) -> str:
    """A card's picture loaded at once: the first row of a grid is the page's largest
    paint, which a lazy image would hold back."""
    # Wagtail's own <img> markup, with one attribute swapped for another.
    prioritised = str(image_html).replace(' loading="lazy"', ' fetchpriority="high"', 1)
    return mark_safe(prioritised)  # noqa: S308  # nosec B308 B703
