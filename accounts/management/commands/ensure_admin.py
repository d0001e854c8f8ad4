from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULT_EMAIL = "admin@example.com"
DEFAULT_PASSWORD = "changeme"  # noqa: S105 - local development sign-in, printed on purpose


class Command(BaseCommand):
    help = "Create a local admin account when there is none, and say how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEFAULT_EMAIL)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--site", default="http://127.0.0.1:8000", help="where the shop runs")

    def handle(self, *args, email, password, site, **options):
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            admin = User.objects.create_superuser(email=email, password=password)
            EmailAddress.objects.create(user=admin, email=email, verified=True, primary=True)
            self.stdout.write(self.style.SUCCESS(f"Created the admin account {email}."))
        admin = User.objects.filter(email=email, is_superuser=True).first()
        if admin and admin.check_password(password):
            self.stdout.write(f"Admin: {site}/admin/  email {email}  password {password}")
        else:
            self.stdout.write(f"Admin: {site}/admin/ with your admin account.")
