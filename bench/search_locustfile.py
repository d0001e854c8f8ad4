"""Shoppers searching: one word, two words, a faceted query and the suggestions.

Words come from product titles in the file named by BENCH_URLS (bench/run.py writes it)."""

import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["BENCH_URLS"]) as urls_file:
    URLS = json.load(urls_file)
WORDS = URLS["words"]


class Searcher(FastHttpUser):
    wait_time = between(0.5, 1.5)

    @task(3)
    def one_word(self):
        self.client.get(f"/search/?q={random.choice(WORDS)}", name="search: one word")

    @task(2)
    def two_words(self):
        query = "+".join(random.sample(WORDS, 2))
        self.client.get(f"/search/?q={query}", name="search: two words")

    @task(2)
    def faceted(self):
        query = random.choice(WORDS)
        band = random.choice(["0-25", "25-50", "50-100", "100-"])
        self.client.get(
            f"/search/?q={query}&price={band}&in_stock=1&sort=price", name="search: faceted"
        )

    @task(4)
    def autocomplete(self):
        word = random.choice(WORDS)
        self.client.get(f"/search/autocomplete/?q={word[:4]}", name="autocomplete")
