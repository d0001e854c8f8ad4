"""The shop's two staff roles, each with only the rights it needs:

- Merchandiser: pages (add, edit, publish), images, and stock; no orders.
- Fulfilment: orders (see, ship, notes, emails); no refunds, no pages.

Refunds and cancelling are rights of their own, given to neither."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Merchandiser": [
        ("wagtailadmin", "admin", "access_admin"),
        ("commerce", "stockrecord", "view_stockrecord"),
        ("commerce", "stockrecord", "change_stockrecord"),
        ("commerce", "stockmovement", "view_stockmovement"),
    ],
    "Fulfilment": [
        ("wagtailadmin", "admin", "access_admin"),
        ("commerce", "order", "view_order"),
        ("commerce", "order", "ship_order"),
        ("commerce", "order", "note_order"),
        ("commerce", "order", "email_order"),
    ],
}
PAGE_RIGHTS = ["add_page", "change_page", "publish_page"]
IMAGE_RIGHTS = ["add_image", "change_image", "choose_image"]


def _permissions_exist(apps):
    # Permissions are made after migrations; these rights are needed now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None


def add_roles(apps, schema_editor):
    _permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rights in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in rights:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )
    merchandiser = Group.objects.get(name="Merchandiser")
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    grants = [
        ("GroupPagePermission", "page", root_page, "wagtailcore", PAGE_RIGHTS),
        ("GroupCollectionPermission", "collection", root_collection, "wagtailimages", IMAGE_RIGHTS),
    ]
    for model, target_name, target, app_label, codenames in grants:
        if target is None:
            continue
        for codename in codenames:
            apps.get_model("wagtailcore", model).objects.get_or_create(
                group=merchandiser,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
                **{target_name: target},
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_storesettings_from_home"),
        ("commerce", "0007_order_actions_and_webhook_outcomes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
