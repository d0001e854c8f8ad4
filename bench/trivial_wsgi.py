"""The ceiling for `make bench`: the cheapest answer Django gives on this machine, one
view with no middleware and no database, served by the same gunicorn as the shop. Each
page's throughput under wrk is stated as a ratio of it, so figures from a busy machine
still compare."""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-ceiling-only",  # noqa: S106 - nothing is signed here
    MIDDLEWARE=[],
)


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings

application = get_wsgi_application()
