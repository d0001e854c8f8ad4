"""Shoppers on their way through the shop: home, a category (some sort, some page), a
product; about one in ten then buys it: add to cart, cart, checkout, review, place
order and the demo payment. Each waits 1-3 s between pages, as people read.

Browsers without a session get the shared pages; a buyer has one from adding to the
cart on, and is shown pages of their own. The URLs come from the file named by
BENCH_URLS (bench/run.py writes it)."""

import json
import os
import random

from buying import checkout_details, place_order, post_form
from locust import FastHttpUser, between, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)
BUYER_SHARE = float(os.environ.get("BENCH_BUYER_SHARE", "0.1"))
SORTS = ["", "price", "-price", "name", "newest"]


class Shopper(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.buys = random.random() < BUYER_SHARE

    @task
    def visit(self):
        self.client.cookiejar.clear()  # a new visit: no session until the cart is used
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
        added = {"variant": variant, "quantity": 1}
        post_form(self.client, "/cart/add/", added, "add to cart", headers=origin)
        self.client.get("/cart/", name="cart")
        self.wait()
        self.client.get("/checkout/", name="checkout")  # its form gives the CSRF cookie
        details = checkout_details(URLS["shipping_method"])
        post_form(self.client, "/checkout/", details, "checkout details")
        self.wait()
        pay_url = place_order(self.client)
        if pay_url is None:
            return
        self.client.get(pay_url, name="payment page")
        post_form(self.client, pay_url, {"outcome": "pay"}, "pay", to="/orders/")
