"""The API's OpenAPI schema: generated from the code, it must equal the committed
api/openapi.yaml (so every API change shows in review), validate, and be served with
its docs, which load nothing from the network."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[2] / "api" / "openapi.yaml"


def generated() -> str:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


def test_the_committed_schema_is_the_codes_schema():
    assert generated() == COMMITTED.read_text(), (
        "The API changed: run `make schema` and commit api/openapi.yaml."
    )


def test_the_schema_and_docs_are_served_from_this_site(client):
    schema = client.get("/api/schema/")
    docs_response = client.get("/api/docs/")
    docs = docs_response.content.decode()
    redoc = client.get("/api/docs/redoc/").content.decode()
    sign_in_spec = client.get("/_allauth/openapi.html").content.decode()

    assert schema.status_code == 200 and b"openapi: 3.1.0" in schema.content
    assert "/api/v1/products/" in schema.content.decode()
    # Their inline start-up scripts may run there, and nowhere else.
    assert "'unsafe-inline'" in docs_response["Content-Security-Policy"].split("script-src")[1]
    assert "'unsafe-inline'" not in client.get("/api/schema/")["Content-Security-Policy"]
    for page in (docs, redoc, sign_in_spec):
        assert "/static/drf_spectacular_sidecar/" in page
        assert "https://" not in page.replace("https://harbourandfield.example", "")


def test_a_path_that_names_no_endpoint_is_a_problem_json_404(client):
    for path in ("/api/v1/nothing/", "/api/v2/products/", "/api/v1/products/abc/"):
        response = client.post(path) if path.endswith("nothing/") else client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == "No such endpoint."
