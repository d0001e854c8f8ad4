"""Shoppers browsing the storefront: the home page, category listings and product pages.

The URLs come from the file named by BENCH_URLS (bench/run.py writes it)."""

import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)


class Shopper(FastHttpUser):
    wait_time = between(1, 3)

    @task(1)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def category(self):
        url = random.choice(URLS["categories"])
        page = random.choice([1, 1, 1, 2, 3])
        sort = random.choice(["", "price", "-price", "name"])
        self.client.get(f"{url}?page={page}&sort={sort}", name="category")

    @task(6)
    def product(self):
        self.client.get(random.choice(URLS["products"]), name="product")
