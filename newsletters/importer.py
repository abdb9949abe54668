"""Store a weekly update read by newsletters/parser.py as a bulletin, all or nothing.

`import_update(parsed)` creates or updates the bulletin with that number, its programme
items, reminders, tools & templates and contacts, and returns an `ImportReport` of what
it did and what it could not place.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from resources.models import Resource

from .models import Bulletin, Contact, ProgrammeItem, Publication
from .parser import ParsedItem, ParsedUpdate
from .plaintext import short, title_key


@dataclass
class ImportReport:
    bulletin: Bulletin
    bulletin_created: bool = False
    items_created: list[str] = field(default_factory=list)
    items_updated: list[str] = field(default_factory=list)
    items_unchanged: list[str] = field(default_factory=list)
    items_removed: list[str] = field(default_factory=list)
    reminders_matched: list[ProgrammeItem] = field(default_factory=list)
    reminders_not_placed: list[str] = field(default_factory=list)
    publications_created: list[str] = field(default_factory=list)
    publications_existing: list[str] = field(default_factory=list)
    resources_linked: list[str] = field(default_factory=list)
    contacts_created: list[str] = field(default_factory=list)
    contacts_updated: list[str] = field(default_factory=list)
    contacts_unchanged: list[str] = field(default_factory=list)
    # (item title, deadline, the words it was read from)
    deadlines: list[tuple[str, date, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _mentions(text: str, name: str) -> bool:
    words = name.split()
    if len(words) < 2:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _publish_time(issued_on: date) -> datetime:
    """Past updates go live at 09:00 on their issue date (never later than now)."""
    return min(
        datetime.combine(issued_on, time(9, 0), tzinfo=timezone.get_current_timezone()),
        timezone.now(),
    )


def _assign(obj, values: dict) -> bool:
    """Set `values` on `obj`; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def import_update(parsed: ParsedUpdate, publish: bool = False) -> ImportReport:
    """Create or update the bulletin `parsed` describes, all or nothing; draft unless `publish`.

    Running it again on the same text updates the same rows; a bulletin already published
    stays published.
    """
    with transaction.atomic():
        bulletin = Bulletin.objects.filter(number=parsed.number).first()
        report = ImportReport(bulletin=bulletin, bulletin_created=bulletin is None)
        report.notes.extend(parsed.notes)
        if bulletin is None:
            bulletin = report.bulletin = Bulletin(number=parsed.number)
        bulletin.issued_on = parsed.issued_on
        bulletin.introduction = parsed.introduction
        if publish and not bulletin.is_published:
            bulletin.published_at = _publish_time(parsed.issued_on)
        bulletin.save()

        contacts = _save_contacts(parsed, report)
        _save_items(bulletin, parsed, contacts, report)
        _save_reminders(bulletin, parsed, contacts, report)
        _save_publications(bulletin, parsed, report)
        bulletin.contacts.set(contacts)
    return report


def _save_contacts(parsed: ParsedUpdate, report: ImportReport) -> list[Contact]:
    saved = []
    for found in parsed.contacts:
        contact = Contact.objects.filter(email__iexact=found.email).order_by("pk").first()
        values = {"name": found.name, "role": found.role, "organisation": found.organisation}
        if found.phone:  # an update that leaves the phone out does not erase it
            values["phone"] = found.phone
        if contact is None:
            contact = Contact.objects.create(email=found.email, **values)
            report.contacts_created.append(contact.name)
        elif _assign(contact, values):
            contact.save()
            report.contacts_updated.append(contact.name)
        else:
            report.contacts_unchanged.append(contact.name)
        saved.append(contact)
    return saved


def _item_values(found: ParsedItem, order: int) -> dict:
    return {
        "order": order,
        "title": found.title,
        "update": found.update,
        "action_required": found.action_required,
        "action_deadline": found.action_deadline,
    }


def _link_contacts(item: ProgrammeItem, contacts: list[Contact]) -> None:
    text = f"{item.title}\n{item.update}\n{item.action_required}"
    item.contacts.set([contact for contact in contacts if _mentions(text, contact.name)])


def _note_deadline(found: ParsedItem, report: ImportReport) -> None:
    if found.action_deadline:
        report.deadlines.append((found.title, found.action_deadline, found.deadline_phrase))


def _orphans(number: int) -> dict[str, ProgrammeItem]:
    """Items kept from reminders alone that an update numbered `number` may first contain."""
    orphans = {}
    for item in ProgrammeItem.objects.filter(bulletin__isnull=True).prefetch_related(
        "reminded_in"
    ):
        if all(reminder.number > number for reminder in item.reminded_in.all()):
            orphans.setdefault(title_key(item.title), item)
    return orphans


def _save_items(bulletin, parsed, contacts, report) -> None:
    existing: dict[str, list[ProgrammeItem]] = {}
    for item in bulletin.items.all():
        existing.setdefault(title_key(item.title), []).append(item)
    orphans = _orphans(bulletin.number)
    for order, found in enumerate(parsed.items, start=1):
        key = title_key(found.title)
        item = existing[key].pop(0) if existing.get(key) else None
        orphan = orphans.pop(key, None)
        values = _item_values(found, order)
        if item is None and orphan is not None:
            # Known so far only as a reminder in a later update: this is where it began.
            item = orphan
            _assign(item, {"bulletin": bulletin, **values})
            item.save()
            report.items_updated.append(item.title)
            report.notes.append(
                f"“{short(item.title, 60)}”: the reminder of it in a later update now "
                f"points here (Update No {bulletin.number})."
            )
        elif item is None:
            item = ProgrammeItem.objects.create(bulletin=bulletin, **values)
            report.items_created.append(item.title)
        else:
            if orphan is not None:
                _merge(orphan, into=item)
            if _assign(item, values):
                item.save()
                report.items_updated.append(item.title)
            else:
                report.items_unchanged.append(item.title)
        _link_contacts(item, contacts)
        _note_deadline(found, report)

    order = len(parsed.items)
    for items in existing.values():
        for item in items:
            reminded_in = [f"No {b.number}" for b in item.reminded_in.all()]
            if reminded_in:
                # Other updates remind readers of it: keep it so their links still work.
                order += 1
                item.order = order
                item.save(update_fields=["order"])
                report.notes.append(
                    f"Kept “{short(item.title, 60)}”: it is no longer in the text, but "
                    f"Update {', '.join(reminded_in)} reminds readers of it."
                )
            else:
                report.items_removed.append(item.title)
                item.delete()


def _merge(orphan: ProgrammeItem, into: ProgrammeItem) -> None:
    """Point every reminder of `orphan` at `into`, then drop the orphan."""
    for bulletin in orphan.reminded_in.all():
        bulletin.reminders.remove(orphan)
        bulletin.reminders.add(into)
    orphan.delete()


def _save_reminders(bulletin, parsed, contacts, report) -> None:
    earlier: dict[str, ProgrammeItem] = {}
    for item in (
        ProgrammeItem.objects.filter(bulletin__number__lt=bulletin.number)
        .select_related("bulletin")
        .order_by("-bulletin__number", "order")
    ):
        earlier.setdefault(title_key(item.title), item)  # the latest earlier update wins
    orphans: dict[str, ProgrammeItem] = {}
    for item in ProgrammeItem.objects.filter(bulletin__isnull=True).prefetch_related(
        "reminded_in"
    ):
        orphans.setdefault(title_key(item.title), item)
    previous_orphans = list(bulletin.reminders.filter(bulletin__isnull=True))

    reminders = []
    for order, found in enumerate(parsed.reminders, start=1):
        key = title_key(found.title)
        if key in earlier:
            reminders.append(earlier[key])
            report.reminders_matched.append(earlier[key])
            continue
        orphan = orphans.get(key)
        values = _item_values(found, order)
        if orphan is None:
            orphan = orphans[key] = ProgrammeItem.objects.create(bulletin=None, **values)
            _link_contacts(orphan, contacts)
            _note_deadline(found, report)
        elif all(b.number >= bulletin.number for b in orphan.reminded_in.all()):
            # The earliest reminder is the nearest to the original, so its text wins.
            if _assign(orphan, values):
                orphan.save()
            _link_contacts(orphan, contacts)
            _note_deadline(found, report)
        reminders.append(orphan)
        report.reminders_not_placed.append(found.title)
        report.notes.append(
            f"Could not place the reminder “{found.title}”: no earlier update "
            "in the archive has an item with this title, so its text is kept as an item "
            "of no update."
        )
    bulletin.reminders.set(reminders)
    for orphan in previous_orphans:
        if orphan not in reminders and not orphan.reminded_in.exists():
            orphan.delete()


def _save_publications(bulletin, parsed, report) -> None:
    publications = []
    for found in parsed.publications:
        publication = (
            Publication.objects.filter(
                title__iexact=found.title, publisher__iexact=found.publisher
            )
            .order_by("pk")
            .first()
        )
        if publication is None:
            publication = Publication.objects.create(
                title=found.title, publisher=found.publisher, published_on=found.published_on
            )
            report.publications_created.append(publication.title)
        else:
            if found.published_on and publication.published_on != found.published_on:
                publication.published_on = found.published_on
                publication.save(update_fields=["published_on"])
            report.publications_existing.append(publication.title)
        if publication.resource_id is None:
            resource = (
                Resource.objects.published()
                .filter(title__iexact=found.title, publication__isnull=True)
                .first()
            )
            if resource:
                publication.resource = resource
                publication.save(update_fields=["resource"])
                report.resources_linked.append(publication.title)
        publications.append(publication)
    bulletin.publications.set(publications)
