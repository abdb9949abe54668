"""Publication, defined once for everything staff publish (resources, weekly updates).

A row with no publish time is a draft; a future publish time schedules it; a
publish time that has passed makes it live. Public code reaches rows only
through `published()` (or `visible_to()` for staff previews).
"""

from django.db import models
from django.utils import timezone


def published_q(prefix=""):
    """The lookup for "live to the public", also across a relation: published_q("resources__")."""
    return models.Q(**{f"{prefix}published_at__lte": timezone.now()})


def scheduled_q(prefix=""):
    """The lookup for "has a publish time still to come"."""
    return models.Q(**{f"{prefix}published_at__gt": timezone.now()})


def draft_q(prefix=""):
    """The lookup for "has no publish time"."""
    return models.Q(**{f"{prefix}published_at__isnull": True})


def published_sql(column="published_at"):
    """`published_q()` for raw SQL: ("<column> <= %s", [now]), to splice into a WHERE.

    `column` is SQL the caller writes (a quoted name, or alias.name), never user input.
    """
    return f"{column} <= %s", [timezone.now()]


def next_publication(*models_):
    """The earliest publish time still to come among these Publishable models, or None."""
    times = [
        model._default_manager.filter(scheduled_q()).aggregate(first=models.Min("published_at"))[
            "first"
        ]
        for model in models_
    ]
    return min((moment for moment in times if moment), default=None)


def has_gone_live(published_at, now=None):
    """In Python: a publish time that has passed (None, a draft, never has)."""
    return published_at is not None and published_at <= (now or timezone.now())


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Live to the public: has a publish time that has passed."""
        return self.filter(published_q())

    def drafts(self):
        return self.filter(draft_q())

    def scheduled(self):
        return self.filter(scheduled_q())

    def visible_to(self, user):
        """Return everything for staff who may edit these rows; the public sees published."""
        opts = self.model._meta
        if user.is_authenticated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return self.all()
        return self.published()


class Publishable(models.Model):
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to keep as a draft. Set a future time to schedule.",
    )

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return has_gone_live(self.published_at)

    @property
    def is_scheduled(self):
        return self.published_at is not None and not has_gone_live(self.published_at)

    @property
    def status(self):
        """“Draft”, “Scheduled” or “Live”, as staff see it."""
        if self.is_published:
            return "Live"
        return "Scheduled" if self.is_scheduled else "Draft"
