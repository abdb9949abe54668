import math
from datetime import datetime, time, timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Count, F, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator

from core.concurrency import VersionedModel, version_positive
from core.constraints import not_blank, web_address
from core.publishing import Publishable, PublishableQuerySet
from core.text import render_markdown, word_count

from .validators import FILE_TYPES, resource_file_path, validate_resource_file

# Average adult silent-reading speed, used to estimate a read time when
# editors leave the duration empty.
WORDS_PER_MINUTE = 200
SUMMARY_WORDS = 60


class ThemeQuerySet(models.QuerySet):
    def with_resource_counts(self):
        """Annotate `resource_count`: how many published resources each theme holds."""
        # A subquery of published ids (answered from an index) rather than a
        # join to the wide resource rows; a resource is in a theme at most once.
        published = Resource.objects.published().values("pk")
        return self.annotate(resource_count=Count("resources", filter=Q(resources__in=published)))


class Theme(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    introduction = models.TextField(
        blank=True,
        help_text="Shown at the top of the theme page. Markdown: blank lines between "
        "paragraphs, - for bullet lists, [text](https://…) for links.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Themes are listed by this number, lowest first."
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ("order", "name")
        constraints = not_blank("theme", "name", "slug")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resources:theme_detail", kwargs={"slug": self.slug})

    @cached_property
    def introduction_html(self):
        return render_markdown(self.introduction)


class Format(models.Model):
    class DurationVerb(models.TextChoices):
        READ = "read", "Read"
        WATCH = "watch", "Watch"
        LISTEN = "listen", "Listen"

    name = models.CharField(max_length=80, unique=True, help_text="For example: Think piece.")
    slug = models.SlugField(max_length=80, unique=True)
    duration_verb = models.CharField(
        max_length=10,
        choices=DurationVerb.choices,
        default=DurationVerb.READ,
        help_text="How the duration reads: “Read time”, “Watch time” or “Listen time”.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "name")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_verb__in=["read", "watch", "listen"]),
                name="format_duration_verb_valid",
            ),
            *not_blank("format", "name", "slug"),
        ]

    def __str__(self):
        return self.name


class Publisher(models.Model):
    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            *not_blank("publisher", "name", "slug"),
            *web_address("publisher", "website"),
        ]

    def __str__(self):
        return self.name


class Audience(models.Model):
    name = models.CharField(
        max_length=120, unique=True, help_text="A role, e.g. Directors of children’s services."
    )
    slug = models.SlugField(max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "name")
        constraints = not_blank("audience", "name", "slug")

    def __str__(self):
        return self.name


class ResourceQuerySet(PublishableQuerySet):
    @staticmethod
    def upcoming_q():
        """Events that start today or later (Europe/London), as a Q to count or filter by."""
        start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
        return Q(starts_at__gte=start_of_today)

    def upcoming(self):
        """Published events that start today or later, soonest first."""
        return self.published().filter(self.upcoming_q()).order_by("starts_at")

    def featured(self):
        return self.published().filter(is_featured=True)

    def in_theme(self, theme):
        return self.filter(themes=theme)

    def newest_first(self):
        return self.order_by("-published_on", "-published_at", "title")

    def with_minutes(self):
        """Annotate `length_minutes`: the editor's duration, else the estimate for things read."""
        return self.annotate(
            length_minutes=Coalesce(
                F("duration_minutes"),
                Case(
                    When(
                        format__duration_verb=Format.DurationVerb.READ,
                        then=F("estimated_minutes"),
                    ),
                    default=None,
                    output_field=models.PositiveIntegerField(),
                ),
            )
        )

    def for_listing(self, themes=True, body_html=False):
        """Everything a list entry shows, in a fixed number of queries.

        The body is left behind: lists never show it, and it is most of a row.
        Search results ask for `body_html`, which their snippets are drawn from.
        """
        deferred = ("body",) if body_html else ("body", "body_html")
        queryset = self.select_related("format", "publisher").defer(*deferred)
        return queryset.prefetch_related("themes") if themes else queryset

    def related_to(self, resource, limit=4):
        """Published resources sharing the most themes with `resource`."""
        theme_ids = [theme.pk for theme in resource.themes.all()]
        return (
            self.published()
            .exclude(pk=resource.pk)
            .filter(themes__in=theme_ids)
            .annotate(shared_themes=Count("themes"))
            .order_by("-shared_themes", "-published_on", "title")[:limit]
        )


class Resource(Publishable, VersionedModel):
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The end of the web address. Filled in from the title.",
    )
    format = models.ForeignKey(Format, on_delete=models.PROTECT, related_name="resources")
    summary = models.TextField(
        help_text="Shown in lists, where it is trimmed to about 60 words. Plain text."
    )
    body = models.TextField(
        blank=True,
        help_text="The full text, in Markdown: ## for headings, - for bullet lists, "
        "> for quotations, [text](https://…) for links. Pasted HTML is kept but cleaned.",
    )
    body_html = models.TextField(blank=True, editable=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources")
    credit = models.CharField(
        max_length=255, blank=True, help_text="For example: A think piece by Meera Spillett."
    )
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, null=True, blank=True, related_name="resources"
    )
    published_on = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="When the resource itself came out. Lists are sorted by this date.",
    )
    duration_minutes = models.PositiveIntegerField(
        "duration in minutes",
        null=True,
        blank=True,
        help_text="Leave empty to show an estimate from the length of the body.",
    )
    duration_is_per_part = models.BooleanField(
        "duration is for each part",
        default=False,
        help_text="Tick for a series: shows “Read time: 45 minutes each”.",
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    external_url = models.URLField(
        "external link", max_length=500, blank=True, help_text="Where the resource lives online."
    )
    file = models.FileField(
        upload_to=resource_file_path,
        blank=True,
        validators=[validate_resource_file],
        help_text="PDF, Word, PowerPoint or Excel, up to "
        f"{settings.RESOURCE_FILE_MAX_BYTES // (1024 * 1024)} MB.",
    )
    file_name = models.CharField(
        "original file name",
        max_length=255,
        blank=True,
        editable=False,
        help_text="The uploaded file's own name, which downloads are given; it is stored "
        "under a generated name.",
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources")

    starts_at = models.DateTimeField(
        "starts", null=True, blank=True, help_text="Seminars and events only."
    )
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    venue = models.CharField(max_length=255, blank=True)
    booking_url = models.URLField("booking link", max_length=500, blank=True)
    booking_closes_on = models.DateField(
        "booking closes",
        null=True,
        blank=True,
        help_text="The last day to book. Leave empty to take bookings until the day before.",
    )

    is_featured = models.BooleanField(
        "featured", default=False, help_text="Featured resources lead the home page."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept current by the search app on every save (PostgreSQL; unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ("-published_on", "title")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gte=F("starts_at")),
                name="resource_ends_after_start",
            ),
            *not_blank("resource", "title", "slug", "summary"),
            *web_address("resource", "external_url", "booking_url"),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gte=1),
                name="resource_duration_positive",
                violation_error_message="A duration is at least 1 minute; leave it empty "
                "to show an estimate.",
            ),
            version_positive("resource"),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["-published_on"]),
            # The library's default order (newest first), walked in order with
            # the "is it published?" test answered from the index itself.
            models.Index(
                fields=["-published_on", "-published_at", "title"], name="resource_newest_idx"
            ),
            models.Index(fields=["title"], name="resource_title_idx"),
            # Everything the facet and tab counts read, so they never touch
            # the wide rows (bodies are most of a row).
            models.Index(
                fields=[
                    "published_at",
                    "published_on",
                    "starts_at",
                    "format",
                    "publisher",
                    "duration_minutes",
                    "estimated_minutes",
                ],
                name="resource_facets_idx",
            ),
            models.Index(
                fields=["-published_on"],
                condition=Q(is_featured=True),
                name="resource_featured_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload: remember its name before upload_to replaces it.
            self.file_name = PurePosixPath(self.file.name).name[:255]
        self.body_html = render_markdown(self.body)
        self.word_count = word_count(self.body)
        self.estimated_minutes = (
            max(1, math.ceil(self.word_count / WORDS_PER_MINUTE)) if self.word_count else None
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "body_html",
                "word_count",
                "estimated_minutes",
            }
        super().save(*args, **kwargs)  # VersionedModel moves the version on

    def get_absolute_url(self):
        return reverse("resources:resource_detail", kwargs={"slug": self.slug})

    @property
    def is_event(self):
        return self.starts_at is not None

    @property
    def is_upcoming(self):
        return self.is_event and timezone.localdate(self.starts_at) >= timezone.localdate()

    @property
    def trimmed_summary(self):
        return Truncator(self.summary.strip()).words(SUMMARY_WORDS, truncate="…")

    @property
    def minutes(self):
        """The duration to show: the editor's, else an estimate for things that are read."""
        if self.duration_minutes:
            return self.duration_minutes
        if self.format.duration_verb == Format.DurationVerb.READ:
            return self.estimated_minutes
        return None

    @property
    def duration_is_estimate(self):
        return not self.duration_minutes and self.minutes is not None

    @property
    def duration_parts(self):
        """(“Read time”, “45 minutes each”), or None when there is no duration to show."""
        minutes = self.minutes
        if not minutes:
            return None
        amount = f"{minutes} minute{'' if minutes == 1 else 's'}"
        if self.duration_is_estimate:
            amount = f"about {amount}"
        elif self.duration_is_per_part:
            amount = f"{amount} each"
        return f"{self.format.get_duration_verb_display()} time", amount

    @property
    def duration_label(self):
        """“Read time: 20 minutes”, “Watch time: 45 minutes each”, “Read time: about 4 minutes”."""
        parts = self.duration_parts
        return f"{parts[0]}: {parts[1]}" if parts else ""

    @property
    def external_domain(self):
        """“rsa.org” for https://www.rsa.org/…: where an external link goes."""
        host = urlsplit(self.external_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def booking_status(self):
        """“Booking open”, “Booking closes in 3 days” or “Booking closed”; empty if no booking."""
        if not self.is_event or not self.booking_url:
            return ""
        today = timezone.localdate()
        closes_on = self.booking_closes_on or (timezone.localdate(self.starts_at) - timedelta(1))
        days_left = (closes_on - today).days
        if days_left < 0:
            return "Booking closed"
        if days_left == 0:
            return "Booking closes today"
        if days_left == 1:
            return "Booking closes tomorrow"
        if days_left <= 7:
            return f"Booking closes in {days_left} days"
        return "Booking open"

    @property
    def is_booking_open(self):
        return self.booking_status not in ("", "Booking closed")

    @property
    def file_type(self):
        """A reader's name for the uploaded file's type, e.g. “PDF”."""
        if not self.file:
            return ""
        extension = PurePosixPath(self.file.name).suffix.lower().lstrip(".")
        return FILE_TYPES.get(extension, extension.upper())

    @property
    def file_size(self):
        try:
            return self.file.size if self.file else None
        except OSError:
            return None
