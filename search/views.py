from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from catalog import filters, vocabulary
from catalog import selectors as catalog_selectors
from commerce.selectors import popular_product_ids
from core import outbox
from core.money import format_money
from core.selectors import store_settings
from search import selectors, tasks

RESULTS_PER_PAGE = 24
MAX_QUERY = 200


def query_of(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def search(request):
    query = query_of(request)
    sort = request.GET.get("sort", "")
    context = {"query": query, "sort": sort, "sorts": SORT_CHOICES}
    if not query:
        return render(request, "search/search.html", context)
    rules = filters.rules_from(request.GET, categories=filters.category_pages())
    matches = selectors.matches(query)
    results = Paginator(selectors.results(matches, rules, sort), RESULTS_PER_PAGE)
    page = results.get_page(request.GET.get("page", 1))
    outbox.send_if_possible(tasks.log_search_query_task, query=query)
    catalog_selectors.depends_on_products(request, page.object_list)
    available = selectors.units_available(matches)
    cards = catalog_selectors.product_cards_by_id(
        ids=list(page.object_list), request=request, available=available
    )
    context.update(
        matches=matches,
        rules=rules,
        results=page,
        cards=cards,
        facets=selectors.facets(matches, available=available),
        promotions=selectors.promotions_for(query),
    )
    if not matches.ids:
        context["popular"] = catalog_selectors.product_cards_by_id(
            ids=popular_product_ids(), request=request
        )
    return render(request, "search/search.html", context)


def autocomplete(request):
    """The header's suggestions as JSON: the first products of the results page, the
    matching categories, and the link to all the results."""
    query = query_of(request)
    if len(query) < 2:
        return JsonResponse({"results": [], "categories": [], "all_results": None})
    currency = store_settings(request=request).currency
    found = selectors.suggestions(query, request=request)
    return JsonResponse(
        {
            "results": [
                {
                    "title": suggestion.title,
                    "url": suggestion.url,
                    "price": format_money(suggestion.from_price, currency)
                    if suggestion.from_price is not None
                    else "",
                    "image": suggestion.image_url,
                }
                for suggestion in found.products
            ],
            "categories": [{"title": c.title, "url": c.url} for c in found.categories],
            "all_results": {
                "label": f"See all results for “{query}”",
                "url": f"{reverse('search')}?{urlencode({'q': query})}",
            },
        }
    )


SORT_CHOICES = [(vocabulary.RELEVANCE, vocabulary.RELEVANCE_LABEL), *vocabulary.sort_choices()]
