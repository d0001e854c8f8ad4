"""The store settings move from the content app to core without moving a row."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("core", None), ("home", "0003_product_grid_block")]
AFTER = [("core", "0001_storesettings_from_home"), ("home", "0004_storesettings_moves_to_core")]


def test_the_store_settings_and_their_permissions_stay_where_they_were(migrate_to, home_page):
    old = migrate_to(BEFORE)
    site_id = home_page.get_site().pk
    old.get_model("home", "StoreSettings").objects.update_or_create(
        site_id=site_id, defaults={"store_name": "Kept", "currency": "GBP"}
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    ContentType.objects.filter(app_label="core", model="storesettings").delete()
    settings_type, _ = ContentType.objects.get_or_create(app_label="home", model="storesettings")
    permission, _ = Permission.objects.get_or_create(
        content_type=settings_type,
        codename="change_storesettings",
        defaults={"name": "Can change store settings"},
    )
    Group.objects.create(name="Shop managers").permissions.add(permission)

    new = migrate_to(AFTER)

    kept = new.get_model("core", "StoreSettings").objects.get(site_id=site_id)
    assert (kept.store_name, kept.currency) == ("Kept", "GBP")
    managers = new.get_model("auth", "Group").objects.get(name="Shop managers")
    granted = managers.permissions.values_list("content_type__app_label", "codename")
    assert list(granted) == [("core", "change_storesettings")]
