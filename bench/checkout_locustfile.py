"""Buyers placing orders: add to cart, checkout details, review, place order.

The variants (kept well stocked by bench/run.py) and the shipping method come from
the file named by BENCH_URLS. Only "place order" is the figure that matters; the
other steps are named so that they can be told apart."""

import json
import os
import random

from buying import checkout_details, place_order, post_form
from locust import FastHttpUser, constant, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)


class Buyer(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        # Adding to the cart starts the session (a product page's form is checked by its
        # Origin); the checkout page gives the CSRF cookie for the rest.
        origin = {"Origin": self.host.rstrip("/")}
        variant = random.choice(URLS["variants"])
        self.client.post("/cart/add/", {"variant": variant, "quantity": 1}, headers=origin)
        self.client.get("/checkout/", name="checkout")

    @task
    def buy(self):
        variant = random.choice(URLS["variants"])
        post_form(self.client, "/cart/add/", {"variant": variant, "quantity": 1}, "add to cart")
        details = checkout_details(URLS["shipping_method"])
        post_form(self.client, "/checkout/", details, "checkout details")
        place_order(self.client)
