from django.core.paginator import Paginator
from django.shortcuts import render

from catalog import selectors
from catalog.models import ProductPage

RESULTS_PER_PAGE = 24


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results_page = cards = None
    if query:
        results = ProductPage.objects.live().public().search(query)
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page", 1))
        cards = selectors.product_cards_by_id(
            ids=[product.pk for product in results_page.object_list], request=request
        )
    return render(
        request, "search/search.html", {"query": query, "results": results_page, "cards": cards}
    )
