from django.conf import settings
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from commerce import urls as commerce_urls
from search import views as search_views

urlpatterns = [
    # Staff sign in through the storefront's sign-in, with its limits and two-factor step.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("config.api_urls")),
    path("account/orders/", include(commerce_urls.account_urlpatterns)),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("", include(commerce_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Browsers ask for /favicon.ico whatever the page names: answer with the real one.
    path("favicon.ico", lambda request: redirect(static("images/favicon.svg"), permanent=True)),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler429 = "accounts.views.rate_limited"
