"""Optimistic concurrency for the admin: a save based on an old copy is refused.

Resources and weekly updates are VersionedModels: they carry a `version` that
goes up by one at every save (the update's also when one of its items is
saved on its own, through `bump_versions`). The admin form sends back the
version the editor opened in a hidden field; if the row has moved on since,
the save is refused with who changed it, when, and the saved value of every
field where the editor's form differs. Nothing is written, and the editor's
own text stays in the form. Pressing Save again then saves over the other
editor's version, knowingly: the hidden field now holds the version just shown.

On PostgreSQL the row is locked (SELECT … FOR UPDATE) from the check until the
admin's transaction ends, so two saves cannot both pass the check. SQLite has
one writer at a time and no row locks; there the window is the few
milliseconds between the check and the write.
"""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

VERSION_FIELD = "based_on_version"
SHOWN_CHARACTERS = 300


def version_field(help_text="Goes up by one at every save (see core/concurrency.py)."):
    """The `version` column: 1 when the row is made, never edited by hand."""
    return models.PositiveIntegerField(default=1, editable=False, help_text=help_text)


def version_positive(prefix):
    """The database check that a version is at least 1, named `<prefix>_version_positive`."""
    return models.CheckConstraint(condition=Q(version__gte=1), name=f"{prefix}_version_positive")


class VersionedModel(models.Model):
    """A row whose `version` goes up by one at every save, counted in the database.

    Subclasses add `version_positive(<name>)` to their Meta constraints.
    """

    version = version_field()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            # Counted in the database, so a save from a stale copy still moves it on.
            self.version = F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        if not isinstance(self.version, int):
            self.refresh_from_db(fields=["version"])

    @classmethod
    def bump_versions(cls, *pks):
        """Move on the version of these rows (empty keys are skipped), as a save would.

        For a change saved elsewhere that belongs to the row, such as one of a
        weekly update's items saved on its own page. Like a save, it also sets
        the row's `auto_now` times (`updated_at`).
        """
        ids = {pk for pk in pks if pk}
        if not ids:
            return
        now = timezone.now()
        changes = {
            field.name: now
            for field in cls._meta.concrete_fields
            if getattr(field, "auto_now", False)
        }
        cls._default_manager.filter(pk__in=ids).update(version=F("version") + 1, **changes)


def describe_value(instance, field_name):
    """The saved value of one field, as an editor would read it."""
    try:
        field = instance._meta.get_field(field_name)
    except Exception:  # A form-only field.
        return ""
    if field.many_to_many:
        value = ", ".join(str(obj) for obj in getattr(instance, field_name).all())
    elif field.choices:
        value = getattr(instance, f"get_{field_name}_display")()
    else:
        value = getattr(instance, field_name)
        if isinstance(value, models.fields.files.FieldFile):
            value = getattr(instance, "file_name", "") or value.name
        elif hasattr(value, "tzinfo") and hasattr(value, "hour"):
            value = date_format(timezone.localtime(value), "j F Y, H:i")
        elif hasattr(value, "isoformat"):
            value = date_format(value, "j F Y")
    if value in (None, ""):
        return "(empty)"
    return Truncator(str(value)).chars(SHOWN_CHARACTERS)


def last_change(instance):
    """(who, when) of the last admin save of `instance`; who is '' if unknown."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    updated_at = getattr(instance, "updated_at", None)
    if entry is None:
        return "", updated_at
    user = entry.user
    return (user.get_full_name() or user.get_username()), entry.action_time


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a version the editor did not see."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            # The admin saves inside a transaction: hold the row until it commits.
            rows = rows.select_for_update()
        current = rows.values_list("version", flat=True).first()
        opened = cleaned_data.get(VERSION_FIELD)
        # No version sent: not a form the admin rendered (a page opened before
        # this check existed, a hand-made POST), so there is nothing to compare.
        if current is None or opened is None or opened == current:
            return cleaned_data
        # Keep the editor's text; a second Save is a deliberate overwrite of `current`.
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = str(current)
        self.data = data
        raise ValidationError(self.conflict_message(), code="edit_conflict")

    def conflict_message(self):
        instance = type(self.instance)._default_manager.get(pk=self.instance.pk)
        noun = instance._meta.verbose_name
        who, when = last_change(instance)
        when_text = date_format(timezone.localtime(when), "j F Y \\a\\t H:i") if when else ""
        differing = [
            name
            for name in self.changed_data
            if name != VERSION_FIELD and not isinstance(self.fields[name], forms.FileField)
        ]
        if differing:
            rows = format_html_join(
                "",
                "<li><strong>{}</strong>, saved as: “{}”</li>",
                (
                    (self.fields[name].label or name, describe_value(instance, name))
                    for name in differing
                ),
            )
            fields_part = format_html(
                "These fields in your form differ from the saved version:<ul>{}</ul>", rows
            )
        else:
            fields_part = format_html("{}", "Its main fields match your form; check its items.")
        return format_html(
            "{} saved this {} on {}, after you opened it. Your changes have <strong>not</strong> "
            "been saved, and are still in the form below. {} Copy anything of theirs you "
            "want to keep, then press Save again to replace their version with yours, or "
            "reload the page to start again from theirs.",
            who or "Someone else",
            noun,
            when_text or "a moment ago",
            fields_part,
        )


class VersionedAdminMixin:
    """For a ModelAdmin whose form is a VersionedModelForm: adds the hidden field."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        name, options = fieldsets[-1]
        fieldsets[-1] = (name, {**options, "fields": (*options["fields"], VERSION_FIELD)})
        return fieldsets
