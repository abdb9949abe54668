"""SQLite: an FTS5 table for each registered model, in place of one table for all.

Until now one table, search_fts, held the rows of a fixed list of models, each
row numbered by its model's place in that list; now the models to search are
whatever the apps register (search/registry.py), so each has a table of its own,
search_index_<its table>, keyed by primary key. This drops search_fts (and any
such tables left from before); at the end of `migrate`, when every app's
tables are as the code expects, search/index.py prepare() makes each
registered model's table and indexes its rows. Nothing changes on PostgreSQL,
whose index is on the rows themselves.

Undone, it drops each model's table and makes search_fts again, empty (run
the older code's `rebuild_search_index` after).
"""

from django.db import migrations

FTS_COLUMNS = "title, summary, facets, body"
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
TABLES_SQL = (
    "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name LIKE 'search!_index!_%' ESCAPE '!' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
)


def table_per_model(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ["search_fts", *model_tables(schema_editor)]:
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(name)}")


def model_tables(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TABLES_SQL)
        return [name for (name,) in cursor.fetchall()]


def one_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in model_tables(schema_editor):
            schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(name)}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            f"{FTS_COLUMNS}, tokenize = '{FTS_TOKENIZER}')"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(table_per_model, one_table)]
