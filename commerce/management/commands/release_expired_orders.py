from django.core.management.base import BaseCommand

from commerce.services.orders import release_expired_reservations


class Command(BaseCommand):
    help = (
        "Cancel unpaid orders whose stock reservation has run out and give the stock back. "
        "Celery beat does this every minute; run it from cron where there is no broker."
    )

    def handle(self, *args, **options):
        released = release_expired_reservations()
        self.stdout.write(f"Released {released} expired order(s).")
