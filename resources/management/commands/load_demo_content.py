"""Load the demo library: themes, formats, publishers, audiences and resources.

The content lives in `resources/demo/library.json`, with long bodies as Markdown in
`resources/demo/bodies/`. Every row is matched on its slug, so running the command
again brings the demo rows back to the file's values without making duplicates.
Seminars given as "starts_in_days" are dated from today (Europe/London), so the
"Upcoming" list always has something in it.

    python manage.py load_demo_content
    python manage.py load_demo_content --dry-run
    DJANGO_DEBUG=1 python manage.py load_demo_content --staff-login
"""

import json
import secrets
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from resources.models import Audience, Format, Publisher, Resource, Theme

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
LIBRARY_FILE = DEMO_DIR / "library.json"
# Demo resources go live at 09:00 on their publication date.
PUBLISH_TIME = time(9, 0)
STAFF_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Load the demo themes, formats, publishers, audiences and resources from "
        "resources/demo/. Safe to run again: rows are matched by slug and updated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be written, then roll everything back.",
        )
        parser.add_argument(
            "--staff-login",
            action="store_true",
            help=f"Also create or update the superuser “{STAFF_USERNAME}” with a new random "
            "password and show it. Only when DEBUG is on.",
        )

    def handle(self, *args, dry_run, staff_login, verbosity, **options):
        if staff_login and not settings.DEBUG:
            raise CommandError(
                "--staff-login is a local convenience and only runs with DEBUG on "
                "(set DJANGO_DEBUG=1)."
            )
        self.dry_run = dry_run
        self.verbosity = verbosity
        self.created = Counter()
        self.updated = Counter()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.today = timezone.localdate(timezone=self.zone)
        library = self.read_library()

        password = None
        with transaction.atomic():
            formats = self.load_simple(
                Format, library["formats"], ("name", "duration_verb", "order")
            )
            themes = self.load_simple(Theme, library["themes"], ("name", "order", "introduction"))
            publishers = self.load_simple(Publisher, library["publishers"], ("name", "website"))
            audiences = self.load_simple(Audience, library["audiences"], ("name", "order"))
            for item in library["resources"]:
                self.load_resource(item, formats, themes, publishers, audiences)
            if staff_login:
                password = self.set_staff_login()
            if dry_run:
                transaction.set_rollback(True)

        self.report()
        # Shown whatever the verbosity: the password exists nowhere else.
        if password:
            self.stdout.write(
                self.style.SUCCESS("Staff login for the admin: http://127.0.0.1:8000/admin/")
            )
            self.stdout.write(f"  username: {STAFF_USERNAME}")
            self.stdout.write(f"  password: {password}")
        elif staff_login and self.verbosity:
            self.stdout.write(f"Would create or update the superuser “{STAFF_USERNAME}”.")

    def read_library(self):
        try:
            return json.loads(LIBRARY_FILE.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {LIBRARY_FILE}: {error}") from error

    def load_simple(self, model, items, fields):
        """Create or update each row by slug; return them keyed by slug."""
        rows = {}
        for item in items:
            values = {field: item[field] for field in fields if field in item}
            rows[item["slug"]] = self.save(model, item["slug"], values)
        return rows

    def load_resource(self, item, formats, themes, publishers, audiences):
        slug = item["slug"]
        published_on = self.date_from(item, "published_on", "published_in_days")
        starts_at, ends_at = self.event_times(item)
        resource = self.save(
            Resource,
            slug,
            {
                "title": item["title"],
                "format": self.pick(formats, item["format"], "format", slug),
                "summary": item["summary"],
                "body": self.read_body(item),
                "credit": item.get("credit", ""),
                "publisher": (
                    self.pick(publishers, item["publisher"], "publisher", slug)
                    if item.get("publisher")
                    else None
                ),
                "published_on": published_on,
                "duration_minutes": item.get("duration_minutes"),
                "duration_is_per_part": item.get("duration_is_per_part", False),
                "external_url": item.get("external_url", ""),
                "starts_at": starts_at,
                "ends_at": ends_at,
                "venue": item.get("venue", ""),
                "booking_url": item.get("booking_url", ""),
                "booking_closes_on": self.date_from(
                    item, "booking_closes_on", "booking_closes_in_days", required=False
                ),
                # Never in the future, so every demo resource is live as soon as it loads.
                "published_at": min(
                    datetime.combine(published_on, PUBLISH_TIME, tzinfo=self.zone),
                    timezone.now(),
                ),
                "is_featured": item.get("is_featured", False),
            },
        )
        resource.themes.set([self.pick(themes, s, "theme", slug) for s in item["themes"]])
        resource.audiences.set(
            [self.pick(audiences, s, "audience", slug) for s in item["audiences"]]
        )

    def save(self, model, slug, values):
        obj, created = model.objects.update_or_create(slug=slug, defaults=values)
        label = str(model._meta.verbose_name_plural)
        (self.created if created else self.updated)[label] += 1
        if self.verbosity >= 2:
            action = "create" if created else "update"
            action = f"Would {action}" if self.dry_run else f"{action.capitalize()}d"
            self.stdout.write(f"  {action} {model._meta.verbose_name} “{obj}”")
        return obj

    def date_from(self, item, date_key, days_key, required=True):
        """Return a fixed date (`date_key`) or today plus `days_key` days."""
        if item.get(date_key):
            return date.fromisoformat(item[date_key])
        if item.get(days_key) is not None:
            return self.today + timedelta(days=item[days_key])
        if required:
            raise CommandError(f"{item['slug']}: give {date_key} or {days_key}.")
        return None

    def event_times(self, item):
        day = self.date_from(item, "starts_on", "starts_in_days", required=False)
        if day is None:
            return None, None
        starts_at = self.at(day, item.get("start_time", "00:00"))
        ends_at = self.at(day, item["end_time"]) if item.get("end_time") else None
        return starts_at, ends_at

    def at(self, day, clock):
        return datetime.combine(day, time.fromisoformat(clock), tzinfo=self.zone)

    def read_body(self, item):
        if not item.get("body_file"):
            return ""
        path = (DEMO_DIR / item["body_file"]).resolve()
        if not path.is_relative_to(DEMO_DIR):
            raise CommandError(f"{item['slug']}: body_file must be inside {DEMO_DIR}.")
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{item['slug']}: cannot read its body: {error}") from error

    def pick(self, rows, slug, kind, resource_slug):
        try:
            return rows[slug]
        except KeyError:
            raise CommandError(f"{resource_slug}: unknown {kind} “{slug}”.") from None

    def set_staff_login(self):
        user_model = get_user_model()
        user, _ = user_model._default_manager.get_or_create(
            **{user_model.USERNAME_FIELD: STAFF_USERNAME}
        )
        password = secrets.token_urlsafe(12)
        user.is_active = user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        return None if self.dry_run else password

    def report(self):
        if not self.verbosity:
            return
        labels = [
            str(model._meta.verbose_name_plural)
            for model in (Theme, Format, Publisher, Audience, Resource)
        ]
        parts = [
            f"{self.created[label] + self.updated[label]} {label} "
            f"({self.created[label]} new, {self.updated[label]} updated)"
            for label in labels
        ]
        if self.dry_run:
            message = "Dry run, nothing saved. Would write " + ", ".join(parts) + "."
        else:
            message = "Loaded the demo library: " + ", ".join(parts) + "."
        self.stdout.write(self.style.SUCCESS(message))
