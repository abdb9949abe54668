"""Read a past weekly update from its plain text and store it as a bulletin.

`parse_update(text)` only reads and never touches the database; `import_update(parsed)`
writes the bulletin, its items, reminders, tools & templates and contacts, all or nothing.
The text is the form staff copy off the old pages (see newsletters/demo/): a title line
"UPDATE NO 393 06 March 2020", then "Programme:" / "Update:" / "Action Required:" blocks,
"Reminders from previous weeks", "Tools & Templates" and "Contact Details".
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from resources.models import Resource

from .dates import DATE_PATTERN, find_deadline, parse_date, to_date
from .models import Bulletin, Contact, ProgrammeItem, Publication
from .plaintext import LIST_LINE_RE, clean_line, short, title_key, to_markdown


class NotAnUpdate(ValueError):
    """The text is not a weekly update this importer can read."""


@dataclass
class ParsedItem:
    title: str
    update: str = ""
    action_required: str = ""
    action_deadline: date | None = None
    # The words the deadline was read from, so staff can check it.
    deadline_phrase: str = ""


@dataclass
class ParsedPublication:
    title: str
    publisher: str = ""
    published_on: date | None = None


@dataclass
class ParsedContact:
    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class ParsedUpdate:
    number: int
    issued_on: date
    introduction: str = ""
    items: list[ParsedItem] = field(default_factory=list)
    reminders: list[ParsedItem] = field(default_factory=list)
    publications: list[ParsedPublication] = field(default_factory=list)
    contacts: list[ParsedContact] = field(default_factory=list)
    # Things in the text that could not be placed, in the words staff will read.
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Update No {self.number} · {self.issued_on.day} {self.issued_on:%B %Y}"


# Title line and headings ---------------------------------------------------------------

TITLE_RE = re.compile(
    r"update\s+(?:no\b\.?|number\b|#)\s*(?P<number>\d{1,6})\b\s*[,:;–—-]?\s*(?P<date>.*)",
    re.IGNORECASE,
)
HEADINGS = (
    ("programme", re.compile(r"programme\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)),
    ("update", re.compile(r"update\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)),
    ("action", re.compile(r"actions?\s+required\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)),
    (
        "reminders",
        re.compile(
            r"reminders?(?:\s+(?:from|of)\s+(?:previous|earlier|past|last)\s+"
            r"(?:weeks?|updates?|bulletins?|issues?))?\s*:?",
            re.IGNORECASE,
        ),
    ),
    ("tools", re.compile(r"tools\s*(?:&|and|\+)\s*templates\s*:?", re.IGNORECASE)),
    (
        "contacts",
        re.compile(r"(?:contact\s+details|contacts|key\s+contacts)\s*:?", re.IGNORECASE),
    ),
)
TEASER_END_RE = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]$")
# A paragraph ending like “This consultation closes at” lost its last words (a date?).
CUT_OFF_RE = re.compile(r"\b(?:at|on|by|to|the|of|and|for|from|with|is|are)$", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?:…][\"'”’)\]]*$")


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _heading(line: str) -> tuple[str, str] | None:
    text = line.strip()
    for kind, pattern in HEADINGS:
        match = pattern.fullmatch(text)
        if match:
            return kind, (match.groupdict().get("rest") or "").strip()
    return None


def _title_line(line: str) -> tuple[int, date] | None:
    match = TITLE_RE.fullmatch(line.strip())
    if not match:
        return None
    issued_on = parse_date(match["date"])
    return (int(match["number"]), issued_on) if issued_on else None


# Parsing -------------------------------------------------------------------------------


@dataclass
class _ItemText:
    heading_line: int
    title: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    action: list[str] = field(default_factory=list)
    part: str = "title"
    seen: set = field(default_factory=set)

    def add(self, line: str) -> None:
        getattr(self, self.part).append(line)


def parse_update(text: str) -> ParsedUpdate:
    """Return the parts of the weekly update in `text`; raise NotAnUpdate if it is not one."""
    if "\x00" in text:
        raise NotAnUpdate("The file holds binary data, not the text of an update.")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotAnUpdate("The file is empty.")
    lines = [clean_line(line) for line in text.split("\n")]
    titles = {i: found for i, line in enumerate(lines) if (found := _title_line(line))}
    first_programme = next(
        (i for i, line in enumerate(lines) if (_heading(line) or ("",))[0] == "programme"),
        None,
    )
    if not titles:
        raise NotAnUpdate(
            "No title line like “UPDATE NO 393 06 March 2020” (the update’s number and "
            "date) was found."
        )
    if first_programme is None:
        raise NotAnUpdate("No “Programme:” heading was found, so there are no items to import.")
    before = [i for i in titles if i < first_programme]
    if not before:
        raise NotAnUpdate("The title line “UPDATE NO … date” must come before the first item.")
    start = before[-1]
    number, issued_on = titles[start]
    parsed = ParsedUpdate(number=number, issued_on=issued_on)
    for i, (other, _) in titles.items():
        if i > start and other != number:
            raise NotAnUpdate(
                f"The file holds more than one update (No {number} and No {other}); "
                "import them one at a time."
            )

    parsed.introduction = _introduction(
        [line for i, line in enumerate(lines[:first_programme]) if i not in titles], parsed
    )
    sections = _split_sections(lines, first_programme, titles, parsed)
    parsed.items = [_item(text, parsed) for text in sections["items"]]
    parsed.reminders = [_item(text, parsed) for text in sections["reminders"]]
    parsed.items = [item for item in parsed.items if item]
    parsed.reminders = [item for item in parsed.reminders if item]
    parsed.publications = _publications(sections["tools"], parsed)
    parsed.contacts = _contacts(sections["contacts"], parsed)
    _check_mentions(parsed)
    return parsed


def _introduction(lines: list[str], parsed: ParsedUpdate) -> str:
    """Keep the real sentences before the first item; note what is left out."""
    kept: list[str] = []
    seen: set[str] = set()
    for paragraph in _paragraphs(lines):
        text = " ".join(line.strip() for line in paragraph)
        is_list = all(LIST_LINE_RE.fullmatch(line) for line in paragraph)
        if TEASER_END_RE.search(text):
            parsed.notes.append(f"Left out a teaser before the introduction: “{short(text)}”")
        elif is_list and kept and kept[-1].endswith(":"):
            kept.append(to_markdown(paragraph))
        elif not SENTENCE_END_RE.search(text):
            parsed.notes.append(
                f"Left out “{short(text)}” before the first item: not a sentence "
                "(a heading or an image caption?)"
            )
        elif title_key(text) in seen:
            parsed.notes.append(f"Left out a repeat of “{short(text)}”")
        else:
            seen.add(title_key(text))
            kept.append(to_markdown(paragraph))
    return "\n\n".join(kept)


def _split_sections(lines, first_programme, titles, parsed) -> dict[str, list]:
    sections: dict[str, list] = {"items": [], "reminders": [], "tools": [], "contacts": []}
    section, current, seen_reminders = "items", None, False
    for i in range(first_programme, len(lines)):
        line = lines[i]
        if i in titles:
            parsed.notes.append(f"Left out the title line repeated on line {i + 1}.")
            continue
        kind, rest = _heading(line) or ("", "")
        if kind == "programme":
            if section in ("tools", "contacts"):
                parsed.notes.append(
                    f"A “Programme:” heading after the {section} (line {i + 1}) was read as "
                    "another item."
                )
                section = "reminders" if seen_reminders else "items"
            current = _ItemText(heading_line=i + 1)
            sections[section].append(current)
            if rest:
                current.title.append(rest)
        elif kind in ("update", "action") and current and kind not in current.seen:
            current.part = kind
            current.seen.add(kind)
            if rest:
                current.add(rest)
        elif kind in ("reminders", "tools", "contacts"):
            seen_reminders = seen_reminders or kind == "reminders"
            section, current = kind, None
        elif section in ("tools", "contacts"):
            sections[section].append(line)
        elif current:
            current.add(line)
        elif line.strip():
            parsed.notes.append(
                f"Left out “{short(line)}” (line {i + 1}): it is not inside a programme item."
            )
    return sections


def _item(text: _ItemText, parsed: ParsedUpdate) -> ParsedItem | None:
    paragraphs = _paragraphs(text.title)
    if not paragraphs:
        body = " ".join(line.strip() for line in text.update + text.action if line.strip())
        if body:
            parsed.notes.append(
                f"Left out an item with no title (the “Programme:” on line "
                f"{text.heading_line}): “{short(body)}”"
            )
        return None
    title = " ".join(line.strip() for line in paragraphs[0])
    if len(paragraphs) > 1:
        parsed.notes.append(
            f"“{short(title)}”: kept the first paragraph after “Programme:” as the title "
            "and the rest as the start of its Update."
        )
        text.update = [line for p in paragraphs[1:] for line in [*p, ""]] + text.update
    if len(title) > 300:
        parsed.notes.append(f"Shortened the title “{short(title)}” to 300 characters.")
        title = title[:299].rstrip() + "…"
    item = ParsedItem(
        title=title, update=to_markdown(text.update), action_required=to_markdown(text.action)
    )
    item.action_deadline, item.deadline_phrase = find_deadline(
        [item.title, *text.update, *text.action], parsed.issued_on
    )
    for paragraph in _paragraphs(text.update) + _paragraphs(text.action):
        last = paragraph[-1].strip()
        if CUT_OFF_RE.search(last):
            parsed.notes.append(f"“{short(title, 60)}”: “{short(last, 60)}” looks cut off.")
    return item


PUBLISHED_RE = re.compile(r"\s*\bpublished\b\s*", re.IGNORECASE)
PUBLISHER_DATE_RE = re.compile(
    r"(?:by\s+)?(?P<publisher>.*?)[\s,;–-]*(?:\bon\s+)?(?:" + DATE_PATTERN + r")?[\s.]*",
    re.IGNORECASE,
)
DATE_PUBLISHER_RE = re.compile(
    r"(?:on\s+)?(?:" + DATE_PATTERN + r")[\s,]+by\s+(?P<by>.+?)[\s.]*", re.IGNORECASE
)


def _publications(lines: list[str], parsed: ParsedUpdate) -> list[ParsedPublication]:
    found: dict[tuple[str, str], ParsedPublication] = {}
    for line in lines:
        match = LIST_LINE_RE.fullmatch(line)
        text = (match["text"] if match else line).strip()
        if not text:
            continue
        if text.endswith(":"):
            parsed.notes.append(
                f"Tools & Templates: left out “{short(text)}”: it introduces a list "
                "that is not there."
            )
            continue
        publication = _publication(text, parsed)
        key = (title_key(publication.title), title_key(publication.publisher))
        if key in found:
            parsed.notes.append(f"Tools & Templates: “{short(text)}” is listed twice.")
            continue
        found[key] = publication
    return list(found.values())


def _publication(text: str, parsed: ParsedUpdate) -> ParsedPublication:
    """Read “TITLE published by PUBLISHER DATE” and its variants."""
    splits = list(PUBLISHED_RE.finditer(text))
    title, rest = text, ""
    if splits:
        last = splits[-1]
        title, rest = text[: last.start()], text[last.end() :]
    title = title.strip(" ,;:–-")[:300]
    publisher, published_on = "", None
    if rest:
        match = DATE_PUBLISHER_RE.fullmatch(rest) or PUBLISHER_DATE_RE.fullmatch(rest)
        publisher = match["by"] if "by" in match.groupdict() else match["publisher"]
        publisher = re.sub(r"^(?:by\s+)?(?:the\s+)", "", publisher.strip(), flags=re.I)
        publisher = publisher.strip(" ,;:–-")[:200]
        if match["day"] or match["day2"] or match["nday"] or match["iyear"]:
            published_on = to_date(match, parsed.issued_on, after=False)
    if not publisher or not published_on:
        missing = " or ".join(
            part for part, value in (("publisher", publisher), ("date", published_on)) if not value
        )
        parsed.notes.append(
            f"Tools & Templates: “{short(title)}” has no {missing}; kept it with what there is."
        )
    return ParsedPublication(title=title, publisher=publisher, published_on=published_on)


EMAIL_RE = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_LABEL_RE = re.compile(r"^(?:e-?mail|mailto)\s*:?\s*|\s*mailto:", re.IGNORECASE)
PHONE_RE = re.compile(
    r"(?:(?:tel(?:ephone)?|phone|mobile|mob|m|t)\.?\s*:?\s*)?(?P<phone>\+?\d[\d ()-]{5,}\d)",
    re.IGNORECASE,
)
CONTACT_RE = re.compile(
    r"(?:(?P<role>.*\S)\s*:\s*)?(?P<name>[^:()]+?)\s*(?:\((?P<organisation>[^()]*)\))?"
)


def _contacts(lines: list[str], parsed: ParsedUpdate) -> list[ParsedContact]:
    """Read blocks of “ROLE: NAME (ORGANISATION)”, an e-mail line, an optional phone line."""
    contacts: list[ParsedContact] = []
    current: ParsedContact | None = None
    for line in lines:
        match = LIST_LINE_RE.fullmatch(line)
        text = (match["text"] if match else line).strip()
        if not text:
            continue
        email = EMAIL_RE.search(text)
        if email:
            text = EMAIL_LABEL_RE.sub("", (text[: email.start()] + text[email.end() :]).strip())
            text = text.strip(" ,;:<>–-")
        phone = PHONE_RE.fullmatch(text)
        if phone and current:
            current.phone = phone["phone"][:40]
        elif text:
            heading = CONTACT_RE.fullmatch(text)
            name = heading["name"].strip() if heading else ""
            if not re.search(r"[^\W\d_]", name) or len(name.split()) > 6:
                parsed.notes.append(f"Contact Details: left out “{short(text)}”.")
            else:
                current = ParsedContact(
                    name=name[:120],
                    role=(heading["role"] or "").strip()[:200],
                    organisation=(heading["organisation"] or "").strip()[:200],
                )
                contacts.append(current)
        if email:
            if current is None or current.email:
                parsed.notes.append(
                    f"Contact Details: left out the e-mail {email.group(0)}: "
                    "it does not follow a name."
                )
            else:
                current.email = email.group(0).rstrip(".")

    by_email: dict[str, ParsedContact] = {}
    for contact in contacts:
        try:
            validate_email(contact.email)
        except ValidationError:
            parsed.notes.append(
                f"Contact Details: left out {contact.name}: "
                + (
                    f"the e-mail “{contact.email}” is not valid."
                    if contact.email
                    else "no e-mail."
                )
            )
            continue
        if contact.email.casefold() in by_email:
            parsed.notes.append(f"Contact Details: {contact.email} is listed twice.")
            continue
        by_email[contact.email.casefold()] = contact
    return list(by_email.values())


DETAILS_BELOW_RE = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s*\(details below\)"
)


def _check_mentions(parsed: ParsedUpdate) -> None:
    """Note people an item sends readers to “(details below)” who are not listed there."""
    listed = {title_key(contact.name) for contact in parsed.contacts}
    for item in parsed.items + parsed.reminders:
        names = DETAILS_BELOW_RE.findall(f"{item.update}\n{item.action_required}")
        for name in dict.fromkeys(names):
            if title_key(name) not in listed:
                parsed.notes.append(
                    f"“{short(item.title, 60)}” refers to {name} (details below), who is "
                    "not under Contact Details."
                )


# Writing -------------------------------------------------------------------------------


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
