"""The search app keeps no models of its own.

Its index lives on the registered models' rows (`search_vector`, PostgreSQL) or
in an FTS5 table for each of them (SQLite, search/backends/sqlite.py). This
module is here so that `migrate` sends this app post_migrate (see apps.py):
Django sends it only to apps with a models module.
"""
