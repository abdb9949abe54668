"""Dates as weekly updates write them: "6 March 2020", "Friday 13th March", "13/03/2020".

`parse_date` reads a whole date; `find_deadline` finds the earliest deadline named in
some text ("The deadline for applications is midday on 30 March 2020", "closing date
8 April"). A date without a year is placed next to the update's issue date.
"""

import re
from datetime import date

_MONTHS = {
    name[:3]: number
    for number, name in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_ORDINAL = r"(?:st|nd|rd|th)?"
DATE_PATTERN = (
    rf"\b{_WEEKDAY}?(?:"
    rf"(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|(?P<nday>\d{1,2})[/.](?P<nmonth>\d{1,2})[/.](?P<nyear>\d{4}|\d{2})\b"
    r"|(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})\b"
    r")"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def _date_parts(match: re.Match) -> tuple[int | None, int, int]:
    """Return (year or None, month, day) from a DATE_RE match."""
    if match["day"]:
        year, month, day = match["year"], _MONTHS[match["month"][:3].lower()], match["day"]
    elif match["day2"]:
        year, month, day = match["year2"], _MONTHS[match["month2"][:3].lower()], match["day2"]
    elif match["nday"]:
        year, month, day = match["nyear"], int(match["nmonth"]), match["nday"]
        if len(year) == 2:
            year = "20" + year
    else:
        year, month, day = match["iyear"], int(match["imonth"]), match["iday"]
    return (int(year) if year else None), month, int(day)


def to_date(match: re.Match, around: date | None = None, after: bool = True) -> date | None:
    """Return the date a DATE_RE match names; a date without a year is placed next to `around`.

    After: the next such day on or after `around` (a deadline); otherwise the last one on
    or before it (a publication date).
    """
    year, month, day = _date_parts(match)
    try:
        if year is not None:
            return date(year, month, day)
        if around is None:
            return None
        found = date(around.year, month, day)
        if after and found < around:
            found = date(around.year + 1, month, day)
        elif not after and found > around:
            found = date(around.year - 1, month, day)
        return found
    except ValueError:  # 30 February and the like
        return None


def parse_date(text: str, around: date | None = None, after: bool = True) -> date | None:
    """Return the date `text` is (all of it), or None."""
    match = DATE_RE.fullmatch(text.strip().rstrip("."))
    return to_date(match, around, after) if match else None


# Words after which a date is a deadline: "The deadline for applications is midday on
# 30 March 2020", "return it to … – by 7 May 2020", "closing date 8 April".
DEADLINE_RE = re.compile(
    r"\b(?:deadline|closing\s+date|clos(?:es|ing|e)|by|before|until|no\s+later\s+than|due)\b"
    # At most a few words between, never across the end of a sentence.
    r"(?:(?![.!?](?:\s|$))[^\n]){0,60}?" + DATE_PATTERN,
    re.IGNORECASE,
)


def find_deadline(texts: list[str], issued_on: date) -> tuple[date | None, str]:
    """Return the earliest deadline on or after `issued_on` in `texts`, and its words."""
    found = []
    for text in texts:
        for match in DEADLINE_RE.finditer(text):
            day = to_date(match, issued_on, after=True)
            if day and day >= issued_on:
                found.append((day, " ".join(match.group(0).split())))
    return min(found) if found else (None, "")
