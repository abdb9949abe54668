from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Bulletin, ProgrammeItem

DAYS_BETWEEN_UPDATES = 7


class NextUpdateExists(Exception):
    """The update after this one has been started already."""

    def __init__(self, existing: Bulletin):
        self.existing = existing
        super().__init__(f"Update No {existing.number} already exists.")


def open_reminders(bulletin: Bulletin, on: date | None = None) -> QuerySet[ProgrammeItem]:
    """Return the bulletin's items and reminders whose action deadline has not passed."""
    return ProgrammeItem.objects.with_open_actions(on).filter(
        Q(bulletin=bulletin) | Q(pk__in=bulletin.reminders.values("pk"))
    )


def start_next_update(bulletin: Bulletin) -> Bulletin:
    """Create the next update as a draft, a week on, with open actions as reminders.

    Raise NextUpdateExists if an update with the next number is there already.
    """
    number = bulletin.number + 1
    existing = Bulletin.objects.filter(number=number).first()
    if existing is not None:
        raise NextUpdateExists(existing)
    try:
        with transaction.atomic():
            next_update = Bulletin.objects.create(
                number=number,
                issued_on=bulletin.issued_on + timedelta(days=DAYS_BETWEEN_UPDATES),
                published_at=None,
            )
            next_update.reminders.set(open_reminders(bulletin, timezone.localdate()))
            next_update.contacts.set(bulletin.contacts.all())
    except IntegrityError:
        # Someone else started the same update between the check and the insert.
        existing = Bulletin.objects.filter(number=number).first()
        if existing is None:
            raise
        raise NextUpdateExists(existing) from None
    return next_update
