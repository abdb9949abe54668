"""Create the "Editors" group and let it edit the library's content."""

from django.db import migrations

from core.editors import editor_permissions

grant, revoke = editor_permissions(
    "resources", ("theme", "format", "publisher", "audience", "resource")
)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
