"""The import_update and load_demo_updates commands: reading the file, the options, the report."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsletters.models import Bulletin
from tests.newsletters.samples import (
    FIXTURES,
    MEMORANDA,
    SAMPLE_393,
    UNREGULATED_HOMES,
    UPDATE_394,
    counts,
    pks,
    run_import,
)

pytestmark = pytest.mark.django_db


# The command's report -------------------------------------------------------------------


def test_command_output_names_what_it_created_and_what_it_could_not_place():
    output = run_import(SAMPLE_393)

    assert "Created Update No 393 · 6 March 2020 (a draft)." in output
    assert "Programme items: 6 created, 0 updated, 0 unchanged, 0 removed." in output
    assert "Reminders: 0 matched to items of earlier updates, 5 not placed." in output
    assert "Tools & Templates: 21 publications created, 0 already known" in output
    assert "Contacts: 10 created, 0 updated, 0 unchanged." in output
    could_not_place = output.split("Could not place:\n", 1)[1]
    assert f"Could not place the reminder “{MEMORANDA}”" in could_not_place
    assert "The MoC area of the Seslip website" in could_not_place
    assert "Diane Williamson (details below), who is not under Contact Details" in (
        could_not_place
    )
    assert "“This consultation closes at” looks cut off" in could_not_place


def test_command_output_lists_the_deadlines_it_read():
    output = run_import(SAMPLE_393)

    assert "30 March 2020: Behaviour Hubs Programme launched by DfE" in output
    assert "“deadline for applications is midday on 30 March 2020”" in output
    assert f"8 April 2020: {UNREGULATED_HOMES}" in output


def test_reimport_says_nothing_was_created(update_393):
    output = run_import(SAMPLE_393)

    assert "Updated Update No 393 · 6 March 2020 (a draft)." in output
    assert "Programme items: 0 created, 0 updated, 6 unchanged, 0 removed." in output
    assert "Contacts: 0 created, 0 updated, 10 unchanged." in output


def test_update_394_reports_one_contact_created_and_one_updated(update_393):
    output = run_import(UPDATE_394)

    assert "Contacts: 1 created, 1 updated, 0 unchanged." in output
    assert "Reminders: 1 matched to items of earlier updates, 0 not placed." in output


def test_command_is_silent_at_verbosity_zero():
    assert run_import(SAMPLE_393, verbosity=0) == ""


# Not an update --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((FIXTURES / "c4eo-directors-summary.txt").read_bytes(), "No title line"),
        (b"", "is empty"),
        (b"  \r\n\n", "is empty"),
        (bytes(range(256)) * 4, "not a plain-text file"),
        ("UPDATE NO 393 06 March 2020\nCaf\u00e9\n".encode("latin-1"), "not UTF-8"),
        (b"UPDATE NO 395 20 March 2020\n\nNo items this week.\n", "No “Programme:” heading"),
    ],
    ids=["c4eo-summary", "empty", "blank", "binary", "latin-1", "no-programme"],
)
def test_file_that_is_not_an_update_raises_and_writes_nothing(
    tmp_path, update_393, content, message
):
    path = tmp_path / "not-an-update.txt"
    path.write_bytes(content)
    before = counts()

    with pytest.raises(CommandError, match=re.escape(message)):
        run_import(path)

    assert counts() == before


def test_missing_file_raises_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.txt")


# Dry run -------------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_says_so():
    output = run_import(SAMPLE_393, "--dry-run")

    assert counts() == dict.fromkeys(counts(), 0)
    assert output.startswith("Dry run, nothing saved. Would create Update No 393")


# Demo content ----------------------------------------------------------------------------


def test_load_demo_updates_publishes_update_393_and_is_idempotent():
    call_command("load_demo_updates", stdout=StringIO())
    before_counts, before_pks = counts(), pks()

    call_command("load_demo_updates", stdout=StringIO())

    bulletin = Bulletin.objects.get(number=393)
    assert bulletin.is_published
    assert bulletin.items.count() == 6
    assert counts() == before_counts
    assert pks() == before_pks
