"""Keep the search index in step with the rows: on every save, and all at once on demand."""

from django.db import connection, transaction

from .backends import get_backend
from .documents import item_document, resource_document

BATCH_SIZE = 500


def indexed_models(apps=None):
    """(model, document builder, related names to load) for each searchable model."""
    if apps is None:
        from django.apps import apps
    return (
        (
            apps.get_model("resources", "Resource"),
            resource_document,
            ("format", "publisher"),
            ("themes",),
        ),
        (apps.get_model("newsletters", "ProgrammeItem"), item_document, (), ()),
    )


def _spec(model):
    for spec in indexed_models():
        if spec[0]._meta.label == model._meta.label:
            return spec
    raise LookupError(f"{model._meta.label} is not searchable")


def update(model, pks, *, spec=None):
    """Recompute the search text of rows `pks` of `model`, in batches."""
    model, build, related, prefetch = spec or _spec(model)
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
            documents = [(row.pk, build(row)) for row in rows]
            backend.write(model, documents)
            gone = set(batch) - {pk for pk, _ in documents}
            if gone:
                backend.remove(model, gone)


def remove(model, pks):
    get_backend(connection).remove(model, pks)


def rebuild(*, apps=None, batch_size=BATCH_SIZE, progress=None):
    """Index every searchable row, calling `progress(model, done, total)` as it goes."""
    for spec in indexed_models(apps):
        model = spec[0]
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        if progress:
            progress(model, 0, len(pks))
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            update(model, batch, spec=spec)
            if progress:
                progress(model, start + len(batch), len(pks))
