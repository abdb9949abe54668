from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from core.admin import PublishingAdmin, StatusFilter, plural
from core.concurrency import VersionedAdminMixin, VersionedModelForm
from core.publishing import published_q

from .models import Audience, Format, Publisher, Resource, Theme


def published_resource_count():
    """Count live resources, as ThemeQuerySet.with_resource_counts() does for themes."""
    return Count("resources", filter=published_q("resources__"), distinct=True)


class ResourceAdminForm(VersionedModelForm):
    """Event checks worded for editors; no save over another editor's (core/concurrency.py)."""

    def clean(self):
        cleaned_data = super().clean()
        starts_at = cleaned_data.get("starts_at")
        ends_at = cleaned_data.get("ends_at")
        if ends_at and not starts_at and "starts_at" not in self.errors:
            self.add_error(
                "ends_at", "Add the start time too, or clear the end time: an event needs both."
            )
        elif starts_at and ends_at and ends_at < starts_at:
            self.add_error(
                "ends_at",
                "The event ends before it starts. Check the end date and time "
                "are on or after the start.",
            )
        if not starts_at and "starts_at" not in self.errors:
            for name in ("booking_url", "booking_closes_on"):
                if cleaned_data.get(name):
                    self.add_error(
                        name,
                        "Booking details are only for seminars and events. "
                        "Add the start time, or clear this field.",
                    )
        closes_on = cleaned_data.get("booking_closes_on")
        if starts_at and closes_on and closes_on > timezone.localdate(starts_at):
            self.add_error(
                "booking_closes_on",
                "Booking closes after the event starts. Choose the start date or earlier.",
            )
        return cleaned_data


@admin.register(Resource)
class ResourceAdmin(VersionedAdminMixin, PublishingAdmin):
    form = ResourceAdminForm
    list_display = ("title", "format", "published_on", "status", "is_featured", "updated_at")
    list_filter = (StatusFilter, "format", "themes", "publisher", "is_featured", "audiences")
    list_select_related = ("format",)
    search_fields = ("title", "summary", "credit", "publisher__name")
    date_hierarchy = "published_at"
    autocomplete_fields = ("format", "themes", "publisher", "audiences")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("estimated_duration", "file_name", "created_at", "updated_at")
    save_on_top = True
    noun = "resource"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "slug",
                    "format",
                    "summary",
                    "body",
                    "themes",
                    "credit",
                    "publisher",
                    "published_on",
                )
            },
        ),
        (
            "Duration",
            {"fields": ("duration_minutes", "duration_is_per_part", "estimated_duration")},
        ),
        (
            "Link or file",
            {
                "fields": ("external_url", "file", "file_name"),
                "description": "Where readers find the resource: a link, an uploaded file, "
                "or both.",
            },
        ),
        ("Audience", {"fields": ("audiences",)}),
        (
            "Seminar or event",
            {
                "fields": ("starts_at", "ends_at", "venue", "booking_url", "booking_closes_on"),
                "classes": ("collapse",),
                "description": "Fill in the start time for seminars and events. Once "
                "published, an event is listed as Upcoming, on the home page and under "
                "the Upcoming filter, until the end of the day it starts.",
            },
        ),
        (
            "Publishing",
            {"fields": ("published_at", "is_featured", "created_at", "updated_at")},
        ),
    )

    @admin.display(description="Estimate from the body")
    def estimated_duration(self, obj):
        if not obj.estimated_minutes:
            return "None yet: it is worked out from the body when you save."
        return (
            f"About {plural(obj.estimated_minutes, 'minute')} "
            f"({plural(obj.word_count, 'word')}). Readers see it when the duration "
            "is empty and the format is one people read."
        )


class LiveResourceCountAdmin(admin.ModelAdmin):
    """Show how many live resources each row has, linked to them in the resource list."""

    resource_filter = ""  # The resource list's filter parameter for this model.

    def get_queryset(self, request):
        # Meta.ordering is ignored on GROUP BY queries, so restate it (autocomplete pages).
        return self.with_resource_counts(super().get_queryset(request)).order_by(
            *self.model._meta.ordering
        )

    def with_resource_counts(self, queryset):
        return queryset.annotate(resource_count=published_resource_count())

    @admin.display(description="Live resources", ordering="resource_count")
    def live_resources(self, obj):
        url = reverse("admin:resources_resource_changelist")
        query = urlencode({"status": StatusFilter.LIVE, self.resource_filter: obj.pk})
        return format_html('<a href="{}?{}">{}</a>', url, query, obj.resource_count)


@admin.register(Theme)
class ThemeAdmin(LiveResourceCountAdmin):
    list_display = ("name", "order", "live_resources")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    resource_filter = "themes__id__exact"

    def with_resource_counts(self, queryset):
        return queryset.with_resource_counts()


@admin.register(Format)
class FormatAdmin(LiveResourceCountAdmin):
    list_display = ("name", "duration_verb", "order", "live_resources")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    resource_filter = "format__id__exact"


@admin.register(Publisher)
class PublisherAdmin(LiveResourceCountAdmin):
    list_display = ("name", "website", "live_resources")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    resource_filter = "publisher__id__exact"


@admin.register(Audience)
class AudienceAdmin(LiveResourceCountAdmin):
    list_display = ("name", "order", "live_resources")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    resource_filter = "audiences__id__exact"
