"""The "Editors" group: staff who may add, change and delete content, not users.

Each app's data migration grants its own models with `editor_permissions()`,
so the group always holds exactly the content permissions, whatever apps exist.
Only migrations import this; keep it free of model imports.
"""

from django.contrib.auth.management import create_permissions

GROUP_NAME = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def editor_permissions(app_label, model_names):
    """Return (forwards, backwards) functions for a RunPython operation."""

    def grant(apps, schema_editor):
        # Permissions are normally created by post_migrate, after every
        # migration has run, so create this app's now. The migration state's
        # app config has no models module, which makes create_permissions
        # skip it; flag one for the call.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(
            app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias
        )
        app_config.models_module = None

        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group, _ = Group.objects.get_or_create(name=GROUP_NAME)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model__in=model_names,
                codename__in=[f"{action}_{model}" for action in ACTIONS for model in model_names],
            )
        )

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        group = Group.objects.filter(name=GROUP_NAME).first()
        if group is None:
            return
        group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))
        if not group.permissions.exists():
            group.delete()

    return grant, revoke
