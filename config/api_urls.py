"""The REST API: /api/v1/ gathered from each app's api.py, its OpenAPI schema and docs
(served from drf-spectacular-sidecar, so they work offline), and allauth's headless
sign-in for apps at /_allauth/."""

from allauth.headless.spec.views import OpenAPIHTMLView
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts import api as accounts_api
from catalog import api as catalog_api
from commerce import api as commerce_api
from core.api import NoSuchEndpoint
from search import api as search_api

v1 = [
    *catalog_api.urlpatterns,
    *search_api.urlpatterns,
    *commerce_api.urlpatterns,
    *accounts_api.urlpatterns,
]

# Swagger UI and Redoc start from inline scripts and styles, and Redoc runs a worker:
# their two pages, and only they, allow that.
DOCS_POLICY = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "worker-src": ["blob:"],
}


def docs_page(view_class):
    return csp_update(DOCS_POLICY)(view_class.as_view(url_name="api_schema"))


urlpatterns = [
    path("api/v1/", include(v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", docs_page(SpectacularSwaggerView), name="api_docs"),
    path("api/docs/redoc/", docs_page(SpectacularRedocView), name="api_redoc"),
    path("_allauth/openapi.html", csp_update(DOCS_POLICY)(OpenAPIHTMLView.as_view())),
    path("_allauth/", include("allauth.headless.urls")),
    re_path(r"^api/", NoSuchEndpoint.as_view()),  # any other path: a problem+json 404
]
