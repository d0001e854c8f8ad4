"""Security headers, image size limits and the proxy's media rules."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.tests.factories import make_product

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if " " in part.strip())


def test_the_storefront_allows_scripts_from_itself_and_stripe_only(client, home_page):
    directives = policy(client.get("/"))
    assert directives["script-src"] == "'self' https://js.stripe.com"
    assert directives["frame-src"].startswith("https://js.stripe.com")
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in client.get("/").headers["Content-Security-Policy"]


def test_no_storefront_template_has_an_inline_handler_or_script():
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    storefront = [
        path
        for path in templates
        if "/admin/" not in str(path) and "/email/" not in str(path) and ".venv" not in path.parts
    ]
    inline_handler = re.compile(r"\son[a-z]+=\"", re.IGNORECASE)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")")
    offenders = [
        str(path.relative_to(ROOT))
        for path in storefront
        if inline_handler.search(path.read_text()) or inline_script.search(path.read_text())
    ]
    assert offenders == []


def test_the_admin_gets_the_policy_wagtail_needs(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(email="a@example.com", password="pw")
    )
    directives = policy(client.get("/admin/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == "'self'"  # previews frame the admin's own pages


def test_a_permissions_policy_is_sent(client, home_page):
    header = client.get("/").headers["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header
    assert 'payment=(self "https://js.stripe.com")' in header


def png(width, height) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")


def test_a_small_file_of_a_huge_picture_is_refused(client, django_user_model):
    from wagtail.images import get_image_model

    client.force_login(
        django_user_model.objects.create_superuser(email="e@example.com", password="pw")
    )
    huge = png(9_000, 9_000)
    assert huge.size < 50_000  # 81 megapixels in a few kilobytes

    response = client.post("/admin/images/add/", {"title": "Huge", "file": huge})

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode().lower()
    assert not get_image_model().objects.exists()
    ok = client.post("/admin/images/add/", {"title": "Fine", "file": png(4000, 3000)})
    assert ok.status_code == 302
    assert get_image_model().objects.get().title == "Fine"


def test_nginx_serves_documents_only_through_wagtail_and_never_sniffs_media():
    conf = (ROOT / "deploy/nginx.conf").read_text()
    documents = re.search(r"location /media/documents/ \{(.*?)\}", conf, re.S)
    media = re.search(r"location /media/ \{(.*?)\}", conf, re.S)
    assert documents and "return 404" in documents.group(1)
    assert media and "X-Content-Type-Options nosniff" in media.group(1)
    assert "alias" not in documents.group(1)


STOREFRONT_HEADERS = {
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
}


def test_every_storefront_response_carries_the_security_headers(client, category):
    product = make_product(parent=category, title="Linen apron")
    variant = product.variants.get()
    urls = [
        "/",
        product.get_parent().url,
        product.url,
        product.url,  # the second time, a shared page from the cache
        "/search/?q=apron",
        "/search/autocomplete/?q=ap",
        "/session/",
        "/cart/",
        "/checkout/",
        "/account/login/",
        "/account/signup/",
        "/no-such-page/",
    ]
    client.post("/cart/add/", {"variant": variant.pk, "quantity": 1})
    missing = {
        url: STOREFRONT_HEADERS - set(response.headers)
        for url in urls
        if STOREFRONT_HEADERS - set((response := client.get(url)).headers)
    }
    assert missing == {}
    assert client.get("/no-such-page/").status_code == 404
