"""“Cite this”: a resource as a Harvard reference, and as RIS and BibTeX for reference managers."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

# RIS reference types (https://en.wikipedia.org/wiki/RIS_(file_format)) by format.
RIS_TYPES = {
    "report": "RPRT",
    "rapid-review": "RPRT",
    "directors-summary": "RPRT",
    "paper": "RPRT",
    "briefing": "RPRT",
    "video": "VIDEO",
    "podcast": "SOUND",
    "radio-programme": "SOUND",
    "presentation": "SLIDE",
}
BIBTEX_SPECIALS = re.compile(r"([\\{}&%$#_^~])")
BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
# “A think piece by Meera Spillett”, “Presented by A and B”: the names after “by”.
CREDIT_NAMES = re.compile(r"\bby\s+(?P<names>.+?)\.?$", re.IGNORECASE)


@dataclass
class Citation:
    title: str
    authors: list  # people as “Surname, Initials”, or one organisation as written
    publisher: str
    year: int
    published_on: date
    medium: str  # the format: “Report”, “Video”
    url: str
    accessed_on: date
    ris_type: str
    slug: str

    @property
    def author_line(self):
        """“Spillett, M. and Ahmed, S.”, or the publisher when no person is named."""
        names = self.authors or ([self.publisher] if self.publisher else [])
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else ""


def initials_form(name):
    """“Meera Spillett” → “Spillett, M.”; a single word stays as it is."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, " + "".join(f"{part[0]}." for part in parts[:-1])


def credited_names(credit):
    """The people a credit names as written (“Meera Spillett”); empty if it names none."""
    match = CREDIT_NAMES.search(credit.strip())
    if not match:
        return []
    names = re.split(r",\s*|\s+and\s+|\s*&\s*", match["names"])
    return [name.strip() for name in names if name.strip()]


def people_in(credit):
    """The people a credit names, in citation form: [“Spillett, M.”]."""
    return [initials_form(name) for name in credited_names(credit)]


def citation_for(resource, url, accessed_on):
    """What to cite: the original's address when it lives elsewhere, else the library page."""
    return Citation(
        title=resource.title,
        authors=people_in(resource.credit),
        publisher=resource.publisher.name if resource.publisher else "",
        year=resource.published_on.year,
        published_on=resource.published_on,
        medium=resource.format.name,
        url=resource.external_url or url,
        accessed_on=accessed_on,
        ris_type=RIS_TYPES.get(resource.format.slug, "ELEC"),
        slug=resource.slug,
    )


def harvard_parts(citation):
    """The reference as (text, is_title) pieces, so HTML and plain text read the same.

    Author (Year) Title [Format]. Publisher. Available at: URL (Accessed: date).
    With no person named, the publisher stands as the author; with neither, the title leads.
    """
    accessed = date_format(citation.accessed_on, "j F Y")
    lead = citation.author_line
    parts = []
    if lead:
        parts += [(f"{lead} ({citation.year}) ", False), (citation.title, True)]
        parts.append((f" [{citation.medium}].", False))
    else:
        parts += [(citation.title, True), (f" ({citation.year}) [{citation.medium}].", False)]
    if citation.publisher and citation.authors:
        parts.append((f" {citation.publisher}.", False))
    parts.append((f" Available at: {citation.url} (Accessed: {accessed}).", False))
    return parts


def harvard_html(citation):
    """The Harvard reference with the title in italics (<cite>)."""
    return mark_safe(
        "".join(
            format_html("<cite>{}</cite>", text) if is_title else conditional_escape(text)
            for text, is_title in harvard_parts(citation)
        )
    )


def harvard_text(citation):
    return "".join(text for text, _ in harvard_parts(citation))


def ris(citation):
    """RIS for EndNote, Zotero, Mendeley: one tag a line, ending with ER."""

    def clean(text):
        return " ".join(str(text).split())

    lines = [f"TY  - {citation.ris_type}"]
    lines += [f"AU  - {clean(author)}" for author in citation.authors]
    lines += [
        f"TI  - {clean(citation.title)}",
        f"PY  - {citation.year}",
        f"DA  - {citation.published_on:%Y/%m/%d}",
    ]
    if citation.publisher:
        lines.append(f"PB  - {clean(citation.publisher)}")
    lines += [
        f"M3  - {clean(citation.medium)}",
        f"UR  - {citation.url}",
        f"Y2  - {citation.accessed_on:%Y/%m/%d}",
        "LA  - en-GB",
        "ER  - ",
    ]
    return "\r\n".join(lines) + "\r\n"


def bibtex_escape(text):
    return BIBTEX_SPECIALS.sub(
        lambda match: BIBTEX_REPLACEMENTS.get(match[1], "\\" + match[1]), " ".join(text.split())
    )


def bibtex(citation):
    """A BibTeX entry: @techreport for reports, @misc for everything else."""
    kind = "techreport" if citation.ris_type == "RPRT" else "misc"
    key = re.sub(r"[^a-z0-9]+", "", citation.slug.lower())[:40] + str(citation.year)
    fields = []
    if citation.authors:
        fields.append(("author", bibtex_escape(" and ".join(citation.authors))))
    elif citation.publisher:
        # Extra braces keep an organisation's name whole, not “Surname, First”.
        fields.append(("author", "{" + bibtex_escape(citation.publisher) + "}"))
    # Braces keep the title's capitals as written.
    fields.append(("title", "{" + bibtex_escape(citation.title) + "}"))
    if citation.publisher:
        name = "institution" if kind == "techreport" else "publisher"
        fields.append((name, bibtex_escape(citation.publisher)))
    fields += [
        ("year", str(citation.year)),
        ("type" if kind == "techreport" else "howpublished", bibtex_escape(citation.medium)),
        ("url", citation.url.replace("{", "%7B").replace("}", "%7D")),
        ("urldate", citation.accessed_on.isoformat()),
        ("language", "british"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
