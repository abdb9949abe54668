"""One search engine, two databases: PostgreSQL's full-text search or SQLite's FTS5."""

from django.db import connection as default_connection


def get_backend(connection=None):
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend(connection)
    raise NotImplementedError(f"Search needs PostgreSQL or SQLite, not {connection.vendor}.")
