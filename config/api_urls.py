"""The REST API: /api/v1/ gathered from each app's api.py, its OpenAPI schema and docs
(served from drf-spectacular-sidecar, so they work offline), and allauth's headless
sign-in for apps at /_allauth/."""

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

urlpatterns = [
    path("api/v1/", include(v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/docs/redoc/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_redoc"),
    path("_allauth/", include("allauth.headless.urls")),
    re_path(r"^api/", NoSuchEndpoint.as_view()),  # any other path: a problem+json 404
]
