"""Media on S3 through django-storages, against moto's S3 server on 127.0.0.1."""

import io
import json
import re
import subprocess
import sys

import boto3
import pytest
import requests
from django.core.files.storage import default_storage

from catalog.tests.factories import make_product
from commerce.tokens import order_token
from core.tests.helpers import free_port, start_server, stop_server

pytestmark = pytest.mark.django_db
BUCKET = "shop-media"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
# The README's bucket policy: pictures (originals and renditions) are public, nothing else.
PICTURES_PUBLIC = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [
                f"arn:aws:s3:::{BUCKET}/images/*",
                f"arn:aws:s3:::{BUCKET}/original_images/*",
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def moto():
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    process = start_server(command, port, name="moto", stderr=subprocess.DEVNULL)
    yield f"http://127.0.0.1:{port}"
    stop_server(process)


@pytest.fixture
def bucket(moto, settings):
    """The shop's media in a fresh bucket, configured as the README says."""
    s3 = boto3.client("s3", endpoint_url=moto, region_name="eu-west-1", **KEYS)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PICTURES_PUBLIC))
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = moto
    settings.AWS_S3_REGION_NAME = "eu-west-1"
    settings.AWS_ACCESS_KEY_ID, settings.AWS_SECRET_ACCESS_KEY = "testing", "testing"
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    yield s3
    for key in keys_in(s3):
        s3.delete_object(Bucket=BUCKET, Key=key)
    s3.delete_bucket(Bucket=BUCKET)


def keys_in(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_image_and_its_renditions_land_in_the_bucket(bucket, category):
    product = make_product(parent=category, images=1)
    image = product.images.first().image

    rendition = image.get_rendition("fill-400x400|format-webp")

    assert default_storage.__class__.__name__ == "S3Storage"
    keys = keys_in(bucket)
    assert image.file.name in keys
    assert rendition.file.name in keys
    assert rendition.file.name.startswith("images/") and rendition.file.name.endswith(".webp")


def test_the_storefronts_image_urls_answer_from_the_bucket(bucket, client, category, moto):
    product = make_product(parent=category, images=1)

    page = client.get(product.url).content.decode()

    urls = set(re.findall(rf'{re.escape(moto)}/{BUCKET}/images/[^"\s,]+', page))
    assert urls, "the product page shows no picture from the bucket"
    for url in urls:
        response = requests.get(url, timeout=10)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"].startswith("image/")


def test_invoices_never_go_to_the_bucket(bucket, client, place, variant, committed):
    """Invoices are drawn when asked for, behind the order's own link: none is stored,
    so none can be read from the bucket."""
    order = place(variant)
    with committed():
        client.post(f"/orders/{order_token(order)}/pay/", {"outcome": "pay"})

    pdf = client.get(f"/orders/{order_token(order)}/invoice.pdf")

    assert pdf["Content-Type"] == "application/pdf"
    assert not [key for key in keys_in(bucket) if not key.startswith("images/")]


def test_what_is_not_a_picture_is_private(bucket, moto):
    default_storage.save("documents/price-list.pdf", io.BytesIO(b"%PDF-1.4 private"))

    assert requests.get(f"{moto}/{BUCKET}/documents/price-list.pdf", timeout=10).status_code == 403
