"""Back up the database to one file: SQLite's online backup API, or pg_dump for PostgreSQL.

    python manage.py backup_db backups/library-2026-11-27.sqlite3
    python manage.py backup_db backups/library-2026-11-27.dump      # PostgreSQL: pg_dump -Fc

Safe while the site is serving: SQLite's backup API copies a consistent
snapshot, and pg_dump reads one transaction. Uploaded files (MEDIA_ROOT) are
files: copy them alongside (docs/reliability.md).
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from reliability.backups import run_postgres_tool


class Command(BaseCommand):
    help = "Back up the database to a file (SQLite backup API, or pg_dump custom format)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write; it must not exist yet.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        output = Path(output)
        if output.exists():
            raise CommandError(
                f"{output} already exists: choose a new name, so no backup is lost."
            )
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write the backup into.")
        connection = connections[database]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(output)) as target:
                connection.connection.backup(target)
        elif connection.vendor == "postgresql":
            run_postgres_tool(
                connection, "pg_dump", "--format=custom", "--no-owner", "--file", str(output)
            )
        else:
            raise CommandError(f"No backup method for {connection.vendor} databases.")
        size = output.stat().st_size
        self.stdout.write(
            f"Backed up the {connection.vendor} database to {output} ({size:,} bytes)."
        )
