"""Read a past weekly update from its plain text into plain data; no database here.

`parse_update(text)` returns a `ParsedUpdate` (its items, reminders, tools & templates
and contacts, and notes on what could not be placed) or raises `NotAnUpdate`;
newsletters/importer.py writes it as a bulletin. The text is the form staff copy off the
old pages (see newsletters/demo/): a title line "UPDATE NO 393 06 March 2020", then
"Programme:" / "Update:" / "Action Required:" blocks, "Reminders from previous weeks",
"Tools & Templates" and "Contact Details".
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .dates import DATE_PATTERN, find_deadline, parse_date, to_date
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
