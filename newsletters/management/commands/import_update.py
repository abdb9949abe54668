"""Import a past weekly update from its plain text, as a draft bulletin.

The text is what staff copy off the old update pages: a title line such as
"UPDATE NO 393 06 March 2020", then "Programme:" items with their "Update:" and
"Action Required:" parts, "Reminders from previous weeks", "Tools & Templates" and
"Contact Details" (newsletters/demo/seslip-update-393.txt is an example). Reminders are
linked to the items of earlier updates with the same title, publications and contacts are
matched to the ones already stored, and the command reports what it could not place.

Everything is written in one transaction, so a failure leaves the database as it was.
Running it again on the same file updates the same bulletin instead of adding another.

    python manage.py import_update path/to/update-393.txt
    python manage.py import_update path/to/update-393.txt --dry-run
    python manage.py import_update path/to/update-393.txt --publish
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsletters.importer import ImportReport, import_update
from newsletters.parser import NotAnUpdate, parse_update

# An update is a few dozen kilobytes of text; anything this big is some other file.
MAX_BYTES = 2_000_000


def read_update_text(path: Path) -> str:
    """Return the text of the file at `path`, or raise CommandError saying why not."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
    if not data.strip():
        raise CommandError(f"{path} is empty: there is no update to import.")
    if len(data) > MAX_BYTES or b"\x00" in data:
        raise CommandError(f"{path} is not a weekly update: it is not a plain-text file.")
    try:
        # utf-8-sig drops the byte-order mark some editors put at the start.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path} is not UTF-8 text (byte {error.start} cannot be read); save it as "
            "UTF-8 and try again."
        ) from error


def deadline_label(day) -> str:
    return f"{day.day} {day:%B %Y}"


class Command(BaseCommand):
    help = (
        "Import a past weekly update from a plain-text file (“UPDATE NO 393 06 March 2020”, "
        "then Programme / Update / Action Required, Reminders, Tools & Templates, Contact "
        "Details) as a draft bulletin. Running it again updates the same bulletin."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The update as a UTF-8 text file.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the bulletin (at 09:00 on its issue date) instead of leaving a "
            "draft. A bulletin already published stays published either way.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the file and say what would be written, then roll everything back.",
        )

    def handle(self, *args, file, publish, dry_run, verbosity, **options):
        try:
            parsed = parse_update(read_update_text(file))
        except NotAnUpdate as error:
            raise CommandError(f"{file} is not a weekly update: {error}") from error

        with transaction.atomic():
            report = import_update(parsed, publish=publish)
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            self.report(report, dry_run, verbosity)

    def report(self, report: ImportReport, dry_run: bool, verbosity: int) -> None:
        bulletin = report.bulletin
        if bulletin.is_published:
            state = "published"
        elif bulletin.is_scheduled:
            state = "scheduled"
        else:
            state = "a draft"
        action = "create" if report.bulletin_created else "update"
        if dry_run:
            headline = f"Dry run, nothing saved. Would {action} {bulletin.title} ({state})."
        else:
            headline = f"{action.capitalize()}d {bulletin.title} ({state})."
        self.stdout.write(self.style.SUCCESS(headline))

        write = self.stdout.write
        write(
            f"  Programme items: {len(report.items_created)} created, "
            f"{len(report.items_updated)} updated, {len(report.items_unchanged)} unchanged, "
            f"{len(report.items_removed)} removed."
        )
        write(
            f"  Reminders: {len(report.reminders_matched)} matched to items of earlier "
            f"updates, {len(report.reminders_not_placed)} not placed."
        )
        write(
            f"  Tools & Templates: {len(report.publications_created)} publications created, "
            f"{len(report.publications_existing)} already known, "
            f"{len(report.resources_linked)} linked to library resources."
        )
        write(
            f"  Contacts: {len(report.contacts_created)} created, "
            f"{len(report.contacts_updated)} updated, "
            f"{len(report.contacts_unchanged)} unchanged."
        )
        if verbosity >= 2:
            self.details(report)
        if report.deadlines:
            write("Action deadlines read from the text (please check them):")
            for title, day, words in report.deadlines:
                write(f"  {deadline_label(day)}: {title} (from “{words}”)")
        if report.notes:
            self.stdout.write(self.style.WARNING("Could not place:"))
            for note in report.notes:
                self.stdout.write(self.style.WARNING(f"  - {note}"))

    def details(self, report: ImportReport) -> None:
        for label, titles in (
            ("Created item", report.items_created),
            ("Updated item", report.items_updated),
            ("Removed item", report.items_removed),
            ("New publication", report.publications_created),
            ("Linked to the library", report.resources_linked),
            ("New contact", report.contacts_created),
            ("Updated contact", report.contacts_updated),
        ):
            for title in titles:
                self.stdout.write(f"    {label}: {title}")
        for item in report.reminders_matched:
            self.stdout.write(f"    Reminder of: {item}")
