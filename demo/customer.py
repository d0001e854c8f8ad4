"""The demo store's one customer: verified, with a home and a work address."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts import services
from accounts.models import Address

EMAIL = "customer@example.com"
PASSWORD = "demo-shopper"  # noqa: S105 - demo sign-in, printed and documented on purpose

ADDRESSES = [
    {
        "full_name": "Grace Hopper",
        "line1": "7 Cliftonwood Terrace",
        "city": "Bristol",
        "postcode": "BS8 4TZ",
        "country": "GB",
        "phone": "+44 117 496 0123",
    },
    {
        "full_name": "Grace Hopper",
        "company": "Harbourside Studio",
        "line1": "Unit 4, Wapping Wharf",
        "line2": "Gaol Ferry Steps",
        "city": "Bristol",
        "postcode": "BS1 6WP",
        "country": "GB",
    },
]


def ensure_demo_customer(log=print) -> None:
    User = get_user_model()
    customer, created = User.objects.get_or_create(
        email=EMAIL, defaults={"first_name": "Grace", "last_name": "Hopper"}
    )
    if created:
        customer.set_password(PASSWORD)
        customer.save(update_fields=["password"])
        EmailAddress.objects.create(user=customer, email=EMAIL, verified=True, primary=True)
        home, work = (Address(user=customer, **fields) for fields in ADDRESSES)
        services.save_address(home, defaults={"shipping", "billing"})
        services.save_address(work, defaults=set())
    log(f"Demo customer: {EMAIL}  password {PASSWORD}")
