"""SQLite: an FTS5 table for each registered model, in place of one table for all.

Until now one table, search_fts, held the rows of a fixed list of models, each
row numbered by its model's place in that list; now the models to search are
whatever the apps register (search/registry.py), so each has a table of its own,
search_index_<its table>, keyed by primary key. This drops search_fts (and any
such tables left from before) and indexes every row again into new tables, as
`rebuild_search_index` does. Nothing changes on PostgreSQL, whose index is on
the rows themselves.

Undone, it makes search_fts again, empty (run the older code's
`rebuild_search_index` after); the tables of each model stay, as `migrate`
makes them for the registered models anyway (search/index.py prepare()).
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
    from search.index import rebuild

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(TABLES_SQL)
        tables = [name for (name,) in cursor.fetchall()]
    for name in ["search_fts", *tables]:
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(name)}")
    rebuild(apps=apps)  # makes each model's table and fills it


def one_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            f"{FTS_COLUMNS}, tokenize = '{FTS_TOKENIZER}')"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(table_per_model, one_table)]
