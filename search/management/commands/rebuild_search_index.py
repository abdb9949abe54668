"""Rebuild the search index for every row of every searchable model (search/registry.py).

Run it after loading rows in bulk (bulk_create, queryset .update(), imports done
in SQL) or after changing how rows are indexed. It is safe while the site
serves: it rewrites rows in batches, each in its own short transaction, never
locking or emptying a table, so searches keep working throughout.

    python manage.py rebuild_search_index
    python manage.py rebuild_search_index --batch-size 200
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index for every row of every searchable model, in batches."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=index.BATCH_SIZE,
            help="Rows per batch, each in its own short transaction "
            f"(default {index.BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size, verbosity, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        self.verbosity = verbosity
        self.interactive = self.stdout.isatty()
        started = time.monotonic()
        totals = {}

        def progress(model, done, total):
            totals[model._meta.verbose_name_plural] = total
            self.show(model._meta.verbose_name_plural.capitalize(), done, total)

        index.rebuild(batch_size=batch_size, progress=progress)
        summary = ", ".join(f"{total:,} {name}" for name, total in totals.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {summary} in {time.monotonic() - started:.1f}s."
            )
        )

    def show(self, name, done, total):
        """A progress bar: redrawn in place on a terminal, one line per step otherwise."""
        if self.verbosity < 1:
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        line = f"{name:<18} [{bar}] {done:,}/{total:,} ({percent}%)"
        if self.interactive:
            ending = "\n" if done == total else ""
            self.stdout.write(f"\r{line}", ending=ending)
            self.stdout.flush()
        else:
            self.stdout.write(line)
