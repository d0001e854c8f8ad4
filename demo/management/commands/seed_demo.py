import time

from django.core.management.base import BaseCommand

from demo.store import DemoStore


class Command(BaseCommand):
    help = "Build the demo store. Safe to run again: only what is missing is created."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=int, default=120, help="number of products (default 120)"
        )

    def handle(self, *args, products, **options):
        started = time.monotonic()
        summary = DemoStore(log=self.stdout.write).build(products=products)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo store ready: {summary.products_created} products, "
                f"{summary.pages_created} pages and {summary.images_created} images created "
                f"in {time.monotonic() - started:.1f}s."
            )
        )
