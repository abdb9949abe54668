"""Re-index rows whenever what they are found by changes.

For each registered Searchable (search/registry.py): saves and deletes of its
rows; saves (renames) and deletes of the rows of its `related` relations, whose
text its documents carry; and changes to its many-to-many relations among those
(admin's save_related() sets them after the row is saved, which sends
m2m_changed). Queryset .update() and bulk_create() send no signals: run
`manage.py rebuild_search_index` after those.

The handlers look the Searchable up when a signal comes, so a model taken out
of the registry is no longer indexed.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from . import index, registry

PENDING = "_search_pending_pks"  # rows to re-index once a related row is gone


def row_saved(sender, instance, raw=False, **kwargs):
    if not raw and registry.for_model(sender):
        index.update(sender, [instance.pk])


def row_deleted(sender, instance, **kwargs):
    if registry.for_model(sender):
        index.remove(sender, [instance.pk])


def relations_to(related_model):
    """(Searchable, field) for each registered relation to `related_model`."""
    return [
        (searchable, field)
        for searchable in registry.searchables()
        for field in searchable.related_fields()
        if field.related_model is related_model
    ]


def relations_through(through):
    """(Searchable, field) for each registered many-to-many relation kept in `through`."""
    return [
        (searchable, field)
        for searchable in registry.searchables()
        for field in searchable.related_fields()
        if field.many_to_many and field.remote_field.through is through
    ]


def rows_of(searchable, field, related_row):
    """The pks of `searchable`'s rows whose `field` holds `related_row`."""
    return searchable.model._base_manager.filter(**{field.name: related_row}).values_list(
        "pk", flat=True
    )


def related_saved(sender, instance, raw=False, **kwargs):
    """A theme, format or publisher saved (say): the rows that carry its name."""
    if raw:
        return
    for searchable, field in relations_to(sender):
        index.update(searchable.model, rows_of(searchable, field, instance))


def related_deleting(sender, instance, **kwargs):
    setattr(
        instance,
        PENDING,
        {
            (searchable.kind, field.name): list(rows_of(searchable, field, instance))
            for searchable, field in relations_to(sender)
        },
    )


def related_deleted(sender, instance, **kwargs):
    pending = getattr(instance, PENDING, {})
    for searchable, field in relations_to(sender):
        index.update(searchable.model, pending.get((searchable.kind, field.name), []))


def relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    for searchable, field in relations_through(sender):
        key = (searchable.kind, field.name)
        if action == "pre_clear" and reverse:
            pending = getattr(instance, PENDING, {})
            pending[key] = list(rows_of(searchable, field, instance))
            setattr(instance, PENDING, pending)
        if action not in ("post_add", "post_remove", "post_clear"):
            continue
        if not reverse:
            index.update(searchable.model, [instance.pk])
        elif action == "post_clear":
            index.update(searchable.model, getattr(instance, PENDING, {}).get(key, []))
        else:
            index.update(searchable.model, pk_set or [])


def connect(searchable):
    """Connect the handlers for `searchable`'s model and its related models (once each)."""
    uid = "search.index"
    model = searchable.model
    post_save.connect(row_saved, sender=model, dispatch_uid=f"{uid}.save.{model}")
    post_delete.connect(row_deleted, sender=model, dispatch_uid=f"{uid}.delete.{model}")
    for field in searchable.related_fields():
        related = field.related_model
        post_save.connect(related_saved, sender=related, dispatch_uid=f"{uid}.label.{related}")
        pre_delete.connect(
            related_deleting, sender=related, dispatch_uid=f"{uid}.label.pre_delete.{related}"
        )
        post_delete.connect(
            related_deleted, sender=related, dispatch_uid=f"{uid}.label.post_delete.{related}"
        )
        if field.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                relation_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through}"
            )
