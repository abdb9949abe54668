"""Create the "Editors" group: staff who may add, change and delete the library's content."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
APP_LABEL = "resources"
MODELS = ("theme", "format", "publisher", "audience", "resource")
ACTIONS = ("add", "change", "delete", "view")

# The newsletters app gives Editors its own models the same way: a migration
# in `newsletters` with a copy of these two functions, its own APP_LABEL and
# MODELS, depending on this migration so the group already exists.


def grant_content_permissions(apps, schema_editor):
    # Permissions are normally created by post_migrate, after every migration
    # has run, so create this app's now. The migration state's app config has
    # no models module, which makes create_permissions skip it; flag one.
    app_config = apps.get_app_config(APP_LABEL)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=APP_LABEL,
            content_type__model__in=MODELS,
            codename__in=[f"{action}_{model}" for action in ACTIONS for model in MODELS],
        )
    )


def revoke_content_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    group.permissions.remove(*group.permissions.filter(content_type__app_label=APP_LABEL))
    if not group.permissions.exists():
        group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_content_permissions, revoke_content_permissions)]
