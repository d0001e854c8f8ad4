"""Accounts made before sign-up existed were set up by staff: their addresses count as verified.

Without this, mandatory verification would lock existing staff out of the admin.
"""

from django.db import migrations


def verify_existing_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
        for user_id, email in User.objects.values_list("pk", "email")
        if user_id not in known
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_address_book_and_marketing_consent"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_existing_emails, migrations.RunPython.noop)]
