"""Buyers placing orders: add to cart, checkout details, review, place order.

The variants (kept well stocked by bench/run.py) and the shipping method come from
the file named by BENCH_URLS. Only "place order" is the figure that matters; the
other steps are named so that they can be told apart."""

import json
import os
import random
import re

from locust import HttpUser, constant, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)
FINGERPRINT = re.compile(r'name="fingerprint" value="(\w+)"')

ADDRESS = {
    "shipping-full_name": "Bench Buyer",
    "shipping-line1": "1 Load Street",
    "shipping-city": "Bristol",
    "shipping-postcode": "BS1 4DJ",
    "shipping-country": "GB",
}


class Buyer(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client.get(random.choice(URLS["products"]), name="product")  # sets the CSRF cookie

    def post(self, path, data, name):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(
            path, data={**data, "csrfmiddlewaretoken": token}, name=name, allow_redirects=False
        )

    @task
    def buy(self):
        variant = random.choice(URLS["variants"])
        self.post("/cart/add/", {"variant": variant, "quantity": 1}, "add to cart")
        details = {
            "email": "bench@example.com",
            "billing_same": "on",
            "shipping_method": URLS["shipping_method"],
            **ADDRESS,
        }
        self.post("/checkout/", details, "checkout details")
        review = self.client.get("/checkout/review/", name="review")
        reviewed = FINGERPRINT.search(review.text)
        with self.client.post(
            "/checkout/review/",
            data={
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "fingerprint": reviewed.group(1) if reviewed else "",
            },
            name="place order",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/orders/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"no order: {response.status_code}")
