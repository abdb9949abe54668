"""Every migration reverses; a backup restores the demo content losslessly (both databases)."""

import io
import shutil

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from newsletters.models import Bulletin
from resources.models import Resource


def load_demo_content():
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_updates", verbosity=0)
    assert Resource.objects.exists() and Bulletin.objects.exists()


def dumpdata():
    out = io.StringIO()
    call_command("dumpdata", format="json", indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def fresh_content_types():
    yield
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_every_app_migrates_to_zero_and_back(fresh_content_types):
    load_demo_content()  # Reverse migrations must cope with real rows.
    apps = sorted({app for app, _ in MigrationLoader(connection).graph.leaf_nodes()})
    assert {"resources", "newsletters", "auth", "contenttypes"} <= set(apps)

    for app in apps:
        call_command("migrate", app, "zero", verbosity=0)
    assert not MigrationRecorder(connection).applied_migrations()
    assert set(connection.introspection.table_names()) <= {"django_migrations"}

    call_command("migrate", verbosity=0)
    loader = MigrationLoader(connection)
    assert set(loader.applied_migrations) == set(loader.graph.nodes)
    assert Group.objects.get(name="Editors").permissions.filter(
        content_type__app_label="resources"
    )


def backup_tools_missing():
    if connection.vendor == "postgresql":
        missing = [tool for tool in ("pg_dump", "pg_restore") if not shutil.which(tool)]
        return f"{' and '.join(missing)} not installed" if missing else None
    return None


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_the_same_content(tmp_path, fresh_content_types):
    if reason := backup_tools_missing():
        pytest.skip(reason)
    load_demo_content()
    before = dumpdata()
    backup = tmp_path / "library.backup"

    call_command("backup_db", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 0
    call_command("flush", interactive=False, verbosity=0)
    assert not Resource.objects.exists()
    call_command("restore_db", str(backup), interactive=False, stdout=io.StringIO())

    after = dumpdata()
    assert Resource.objects.count() > 10
    assert after == before


@pytest.mark.django_db
def test_backup_never_overwrites_and_restore_refuses_a_stranger_file(tmp_path):
    existing = tmp_path / "old.backup"
    existing.write_text("an older backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_db", str(existing))
    with pytest.raises(CommandError, match="not a .* backup made by backup_db"):
        call_command("restore_db", str(existing), interactive=False)
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore_db", str(tmp_path / "missing"), interactive=False)
