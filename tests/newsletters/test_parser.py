"""Reading an update's text (newsletters/parser.py): plain data out, no database."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsletters.parser import NotAnUpdate, parse_update
from tests.newsletters.samples import SAMPLE_393

ROOT = Path(__file__).resolve().parents[2]

# The introduction ---------------------------------------------------------------------


def test_introduction_notes_the_teaser_caption_and_heading_it_leaves_out():
    notes = "\n".join(parse_update(SAMPLE_393.read_text(encoding="utf-8")).notes)

    assert "teaser" in notes
    assert "“Three children playing happily together”" in notes
    assert "“Newsletters”" in notes


# Parsing variants ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title_line", "number", "issued_on"),
    [
        ("UPDATE NO 393 06 March 2020", 393, date(2020, 3, 6)),
        ("Update No. 394 – 13 March 2020", 394, date(2020, 3, 13)),
        ("Update no 394, 13/03/2020", 394, date(2020, 3, 13)),
        ("update no 12 - Friday 13th March 2020", 12, date(2020, 3, 13)),
    ],
)
def test_title_line_variants_give_number_and_date(title_line, number, issued_on):
    parsed = parse_update(f"{title_line}\n\nProgramme:\n\nAn item\n\nUpdate:\n\nNews.\n")

    assert (parsed.number, parsed.issued_on) == (number, issued_on)


def test_parse_rejects_text_without_a_title_line():
    with pytest.raises(NotAnUpdate, match="No title line"):
        parse_update("Programme:\n\nAn item\n")


def test_parse_rejects_a_file_holding_two_updates():
    text = (
        "UPDATE NO 393 06 March 2020\n\nProgramme:\n\nOne\n\n"
        "UPDATE NO 394 13 March 2020\n\nProgramme:\n\nTwo\n"
    )

    with pytest.raises(NotAnUpdate, match="more than one update"):
        parse_update(text)


# Demo content ----------------------------------------------------------------------------


def test_demo_copy_is_the_sample_text():
    parsed = parse_update(SAMPLE_393.read_text(encoding="utf-8"))

    assert (parsed.number, len(parsed.items), len(parsed.reminders)) == (393, 6, 5)


# No database -----------------------------------------------------------------------------


def test_the_parser_needs_no_database_nor_settings():
    """Reading text imports no ORM and no models: it runs without Django set up."""
    code = (
        "import sys; from pathlib import Path; import newsletters.parser as parser; "
        f"parsed = parser.parse_update(Path({str(SAMPLE_393)!r}).read_text(encoding='utf-8')); "
        "loaded = [name for name in sys.modules if name.startswith('django.db') "
        "or name.endswith('.models')]; "
        "print(parsed.number, loaded)"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert result.stdout.split() == ["393", "[]"]
