"""The store settings, taken over from the content app with their table: no data
moves. The content type is relabelled, so the permissions granted on it stay granted."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    moved = ContentType.objects.filter(app_label="home", model="storesettings")
    if not ContentType.objects.filter(app_label="core", model="storesettings").exists():
        moved.update(app_label="core")


def label_it_home_again(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="storesettings").update(app_label="home")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_storesettings_moves_to_core"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StoreSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("store_name", models.CharField(default="Shop", max_length=80)),
                        (
                            "currency",
                            models.CharField(
                                choices=[
                                    ("EUR", "Euro (EUR)"),
                                    ("USD", "US dollar (USD)"),
                                    ("GBP", "Pound sterling (GBP)"),
                                ],
                                default="EUR",
                                max_length=3,
                            ),
                        ),
                        (
                            "tax_rate",
                            models.DecimalField(
                                decimal_places=2,
                                default=Decimal("20.00"),
                                max_digits=5,
                                validators=[
                                    django.core.validators.MinValueValidator(0),
                                    django.core.validators.MaxValueValidator(100),
                                ],
                                verbose_name="tax rate (%)",
                            ),
                        ),
                        ("prices_include_tax", models.BooleanField(default=True)),
                        (
                            "contact_email",
                            models.EmailField(default="hello@example.com", max_length=254),
                        ),
                        ("address", models.TextField(blank=True, help_text="Printed on invoices.")),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={"verbose_name": "store settings", "db_table": "home_storesettings"},
                )
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, label_it_home_again),
    ]
