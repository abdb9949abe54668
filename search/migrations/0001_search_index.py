"""The search index: GIN indexes and pg_trgm on PostgreSQL, FTS5 tables on SQLite.

Each part runs only on the database it is for, and each is undone in reverse.
The last step indexes every row already there (as `rebuild_search_index` does).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXED_TABLES = ("resources_resource", "newsletters_programmeitem")
FTS_COLUMNS = "title, summary, facets, body"
# Porter stemming over unicode61 words, accents folded: "exclusions" finds "exclusion".
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


def gin_index(table):
    return f"{table}_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in INDEXED_TABLES:
            # fastupdate off: each save goes straight into the index rather than a
            # pending list that every search must also scan until VACUUM merges it.
            # Saves are few (editors), searches many, so searches get the cheaper side.
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {gin_index(table)} ON {table} "
                "USING gin (search_vector) WITH (fastupdate = off)"
            )
    elif schema_editor.connection.vendor == "sqlite":
        # One table for resources and programme items (see search/backends/sqlite.py).
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            f"{FTS_COLUMNS}, tokenize = '{FTS_TOKENIZER}')"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in INDEXED_TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {gin_index(table)}")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


def index_existing_rows(apps, schema_editor):
    from search.index import rebuild

    rebuild(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0004_search_vector"),
        ("newsletters", "0004_search_vector"),
    ]

    operations = [
        # CREATE EXTENSION pg_trgm, for "Did you mean"; Django skips it on other databases.
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(index_existing_rows, migrations.RunPython.noop),
    ]
