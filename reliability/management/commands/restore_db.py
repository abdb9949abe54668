"""Replace the database with a backup made by backup_db.

    python manage.py restore_db backups/library-2026-11-27.sqlite3
    python manage.py restore_db backups/library-2026-11-27.dump --noinput

Everything in the database is replaced. Stop the site (or accept that
readers see a 503 for a moment), restore, then start it again.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from reliability.backups import run_postgres_tool

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class Command(BaseCommand):
    help = "Replace the database with a backup file made by backup_db."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file made by backup_db.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--noinput", "--no-input", dest="interactive", action="store_false",
            help="Do not ask for confirmation.",
        )  # fmt: skip

    def handle(self, *args, backup, database, interactive, **options):
        backup = Path(backup)
        if not backup.is_file():
            raise CommandError(f"There is no backup file {backup}.")
        connection = connections[database]
        header = backup.read_bytes()[:16]
        expected = {"sqlite": SQLITE_HEADER, "postgresql": PG_DUMP_HEADER}.get(connection.vendor)
        if expected is None:
            raise CommandError(f"No restore method for {connection.vendor} databases.")
        if not header.startswith(expected):
            raise CommandError(
                f"{backup} is not a {connection.vendor} backup made by backup_db: "
                "nothing was changed."
            )
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} with {backup}.\n"
                "Type 'yes' to continue, or anything else to cancel: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")

        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source:
                source.backup(connection.connection)
        else:
            connection.close()  # Hold no locks while pg_restore drops and recreates.
            run_postgres_tool(
                connection, "pg_restore", "--clean", "--if-exists", "--no-owner",
                "--single-transaction", "--exit-on-error", str(backup),
            )  # fmt: skip
        ContentType.objects.clear_cache()
        self.stdout.write(f"Restored the database {name} from {backup}.")
