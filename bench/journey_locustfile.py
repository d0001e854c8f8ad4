"""Shoppers on their way through the shop: home, a category (some sort, some page), a
product; about one in ten then buys it: add to cart, cart, checkout, review, place
order and the demo payment. Each waits 1-3 s between pages, as people read.

Browsers without a session get the shared pages; a buyer has one from adding to the
cart on, and is shown pages of their own. The URLs come from the file named by
BENCH_URLS (bench/run.py writes it)."""

import json
import os
import random
import re

from locust import HttpUser, between, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)
BUYER_SHARE = float(os.environ.get("BENCH_BUYER_SHARE", "0.1"))
FINGERPRINT = re.compile(r'name="fingerprint" value="(\w+)"')
SORTS = ["", "price", "-price", "name", "newest"]
ADDRESS = {
    "shipping-full_name": "Bench Buyer",
    "shipping-line1": "1 Load Street",
    "shipping-city": "Bristol",
    "shipping-postcode": "BS1 4DJ",
    "shipping-country": "GB",
}
STEPS = [
    "home",
    "category",
    "product",
    "add to cart",
    "cart",
    "checkout",
    "checkout details",
    "review",
    "place order",
    "payment page",
    "pay",
]


class Shopper(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.buys = random.random() < BUYER_SHARE

    @task
    def visit(self):
        self.client.cookies.clear()  # a new visit: no session until the cart is used
        self.client.get("/", name="home")
        self.wait()
        category = random.choice(URLS["categories"])
        sort, page = random.choice(SORTS), random.choice([1, 1, 1, 2, 3])
        self.client.get(f"{category}?sort={sort}&page={page}", name="category")
        self.wait()
        if not self.buys:
            self.client.get(random.choice(URLS["products"]), name="product")
            return
        product_url, variant = random.choice(URLS["buyable"])
        self.client.get(product_url, name="product")
        self.wait()
        self.buy(variant)

    def buy(self, variant):
        # The product page holds no CSRF token: the browser's Origin vouches for the form.
        origin = {"Origin": self.host.rstrip("/")}
        self.post("/cart/add/", {"variant": variant, "quantity": 1}, "add to cart", origin)
        self.client.get("/cart/", name="cart")
        self.wait()
        self.client.get("/checkout/", name="checkout")  # its form gives the CSRF cookie
        details = {
            "email": "bench@example.com",
            "billing_same": "on",
            "shipping_method": URLS["shipping_method"],
            **ADDRESS,
        }
        self.post("/checkout/", details, "checkout details")
        review = self.client.get("/checkout/review/", name="review")
        self.wait()
        reviewed = FINGERPRINT.search(review.text)
        with self.client.post(
            "/checkout/review/",
            data={"csrfmiddlewaretoken": self.token(), "fingerprint": reviewed and reviewed[1]},
            name="place order",
            allow_redirects=False,
            catch_response=True,
        ) as placed:
            pay_url = placed.headers.get("Location", "")
            if placed.status_code != 302 or "/pay/" not in pay_url:
                placed.failure(f"no order: {placed.status_code}")
                return
        self.client.get(pay_url, name="payment page")
        with self.client.post(
            pay_url,
            data={"csrfmiddlewaretoken": self.token(), "outcome": "pay"},
            name="pay",
            allow_redirects=False,
            catch_response=True,
        ) as paid:
            if paid.status_code != 302 or "/orders/" not in paid.headers.get("Location", ""):
                paid.failure(f"not paid: {paid.status_code}")

    def token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, path, data, name, headers=None):
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": self.token()},
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
