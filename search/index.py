"""Keep the search index in step with the rows: on every save, and all at once on demand."""

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from . import registry
from .backends import get_backend

BATCH_SIZE = 500


def indexed_models(apps=None):
    """(model, Searchable) for each registered model; with `apps`, its historical model.

    Migrations pass their `apps`: a model not in that state yet (its app is
    migrated later) is left out, and indexed once its own migrations have run.
    """
    found = []
    for searchable in registry.searchables():
        model = searchable.model
        if apps is not None:
            try:
                model = apps.get_model(model._meta.label)
            except LookupError:
                continue
        found.append((model, searchable))
    return found


def _searchable(model):
    searchable = registry.for_model(model)
    if searchable is None:
        raise LookupError(f"{model._meta.label} is not searchable")
    return searchable


def update(model, pks, *, searchable=None):
    """Recompute the search text of rows `pks` of `model`, in batches."""
    searchable = searchable or _searchable(model)
    related, prefetch = [], []
    for field in searchable.related_fields():
        (prefetch if field.many_to_many else related).append(field.name)
    pks = sorted({pk for pk in pks if pk is not None})
    backend = get_backend(connection)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        with transaction.atomic():
            rows = model._base_manager.filter(pk__in=batch).order_by("pk")
            if related:
                rows = rows.select_related(*related)
            if prefetch:
                rows = rows.prefetch_related(*prefetch)
            if connection.features.has_select_for_update:
                # Hold these rows for the moment it takes, so an editor's save that
                # lands meanwhile is indexed after us rather than overwritten by us.
                rows = rows.select_for_update(of=("self",))
            documents = [(row.pk, searchable.document(row)) for row in rows]
            backend.write(model, documents)
            gone = set(batch) - {pk for pk, _ in documents}
            if gone:
                backend.remove(model, gone)


def remove(model, pks):
    get_backend(connection).remove(model, pks)


def rebuild(*, apps=None, batch_size=BATCH_SIZE, progress=None):
    """Index every searchable row, calling `progress(model, done, total)` as it goes."""
    backend = get_backend(connection)
    for model, searchable in indexed_models(apps):
        backend.prepare(model)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        if progress:
            progress(model, 0, len(pks))
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            update(model, batch, searchable=searchable)
            if progress:
                progress(model, start + len(batch), len(pks))


def prepare(using=DEFAULT_DB_ALIAS, **kwargs):
    """After `migrate`: make the index of a newly registered model, and index its rows.

    SQLite keeps each model's index in an FTS5 table of its own, made here; on
    PostgreSQL it is the model's `search_vector` column, which its app's
    migrations add (then run `rebuild_search_index`).
    """
    if using != DEFAULT_DB_ALIAS or connection.vendor not in ("sqlite", "postgresql"):
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # migrated part of the way (say, back to zero): tables differ from the models
    backend = get_backend(connection)
    tables = set(connection.introspection.table_names())
    for model, searchable in indexed_models():
        if model._meta.db_table in tables and backend.prepare(model):
            pks = model._base_manager.order_by("pk").values_list("pk", flat=True)
            update(model, pks, searchable=searchable)
