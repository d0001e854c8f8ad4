from django.core.management.base import BaseCommand

from catalog.services import warm_renditions


class Command(BaseCommand):
    help = "Make the storefront's image renditions ahead of time."

    def handle(self, *args, **options):
        count = warm_renditions()
        self.stdout.write(self.style.SUCCESS(f"Renditions ready for {count} images."))
