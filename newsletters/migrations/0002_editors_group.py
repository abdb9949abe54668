"""Let the "Editors" group edit the weekly updates."""

from django.db import migrations

from core.editors import editor_permissions

grant, revoke = editor_permissions(
    "newsletters", ("bulletin", "programmeitem", "publication", "contact")
)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("resources", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
