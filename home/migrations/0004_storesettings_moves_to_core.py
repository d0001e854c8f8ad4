"""The store settings belong to the core app now. Only Django's idea of where the
model lives changes: the table, its rows and the admin permissions stay as they are
(core's first migration takes them over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0003_product_grid_block")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StoreSettings")],
            database_operations=[],
        )
    ]
