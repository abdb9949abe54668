"""Load the demo weekly updates: every text file in newsletters/demo/, published.

Each file is imported with `import_update --publish`, oldest update first so reminders
find the items they refer to. Bulletins are matched on their number, so running the
command again updates them instead of adding copies.

    python manage.py load_demo_updates
    python manage.py load_demo_updates --dry-run
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsletters.parser import NotAnUpdate, parse_update

from .import_update import read_update_text

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = (
        "Import and publish the demo weekly updates in newsletters/demo/ (Update No 393 "
        "from the SESLIP sample). Safe to run again: bulletins are matched by number."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be written, then roll everything back.",
        )

    def handle(self, *args, dry_run, verbosity, **options):
        files = self.files_oldest_first()
        if not files:
            raise CommandError(f"No demo updates (*.txt) in {DEMO_DIR}.")
        with transaction.atomic():
            for path in files:
                call_command(
                    "import_update",
                    path,
                    publish=True,
                    verbosity=verbosity,
                    stdout=self.stdout,
                    stderr=self.stderr,
                )
            if dry_run:
                transaction.set_rollback(True)
        if verbosity:
            message = f"Loaded {len(files)} demo update{'s' if len(files) != 1 else ''}."
            if dry_run:
                message = "Dry run, nothing saved. " + message.replace("Loaded", "Would load")
            self.stdout.write(self.style.SUCCESS(message))

    def files_oldest_first(self) -> list[Path]:
        numbered = []
        for path in sorted(DEMO_DIR.glob("*.txt")):
            try:
                numbered.append((parse_update(read_update_text(path)).number, path))
            except NotAnUpdate as error:
                raise CommandError(f"{path} is not a weekly update: {error}") from error
        return [path for _, path in sorted(numbered)]
