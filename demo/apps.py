from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo store: `seed_demo`, its pictures, customer and vouchers. Nothing imports it."""

    name = "demo"
