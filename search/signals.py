"""Re-index rows whenever what they are found by changes.

Saves of resources and programme items; renames of the themes, formats and
publishers whose names are indexed with a resource; and changes to a resource's
themes (admin's save_related() sets them after the resource is saved, which
sends m2m_changed). Queryset .update() and bulk_create() send no signals: run
`manage.py rebuild_search_index` after those.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from . import index


def resource_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.update(sender, [instance.pk])


def row_deleted(sender, instance, **kwargs):
    index.remove(sender, [instance.pk])


def label_saved(sender, instance, raw=False, **kwargs):
    """A theme, format or publisher saved: its resources carry its name."""
    if not raw:
        from resources.models import Resource

        index.update(Resource, instance.resources.values_list("pk", flat=True))


def theme_deleting(sender, instance, **kwargs):
    instance._search_resource_pks = list(instance.resources.values_list("pk", flat=True))


def theme_deleted(sender, instance, **kwargs):
    from resources.models import Resource

    index.update(Resource, getattr(instance, "_search_resource_pks", []))


def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from resources.models import Resource

    if action == "pre_clear" and reverse:
        instance._search_resource_pks = list(instance.resources.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index.update(Resource, [instance.pk])
    elif action == "post_clear":
        index.update(Resource, getattr(instance, "_search_resource_pks", []))
    else:
        index.update(Resource, pk_set or [])


def connect():
    from newsletters.models import ProgrammeItem
    from resources.models import Format, Publisher, Resource, Theme

    uid = "search.index"
    for model in (Resource, ProgrammeItem):
        post_save.connect(resource_saved, sender=model, dispatch_uid=f"{uid}.save.{model}")
        post_delete.connect(row_deleted, sender=model, dispatch_uid=f"{uid}.delete.{model}")
    for model in (Theme, Format, Publisher):
        post_save.connect(label_saved, sender=model, dispatch_uid=f"{uid}.label.{model}")
    pre_delete.connect(theme_deleting, sender=Theme, dispatch_uid=f"{uid}.theme.pre_delete")
    post_delete.connect(theme_deleted, sender=Theme, dispatch_uid=f"{uid}.theme.post_delete")
    m2m_changed.connect(
        themes_changed, sender=Resource.themes.through, dispatch_uid=f"{uid}.themes"
    )
