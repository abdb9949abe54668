"""Admin pieces shared by everything staff publish (see core/publishing.py)."""

from django.contrib import admin, messages
from django.utils import timezone


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"
    DRAFT, SCHEDULED, LIVE = "draft", "scheduled", "live"

    def lookups(self, request, model_admin):
        return [(self.DRAFT, "Draft"), (self.SCHEDULED, "Scheduled"), (self.LIVE, "Live")]

    def queryset(self, request, queryset):
        if self.value() == self.DRAFT:
            return queryset.drafts()
        if self.value() == self.SCHEDULED:
            return queryset.scheduled()
        if self.value() == self.LIVE:
            return queryset.published()
        return queryset


class PublishingAdmin(admin.ModelAdmin):
    """A status column and filter, and “Publish now” / “Unpublish” actions."""

    noun = "item"  # How the action messages name one row: "Published 2 resources."
    actions = ("publish_now", "unpublish")

    @admin.display(description="Status", ordering="published_at")
    def status(self, obj):
        return obj.status

    @admin.action(description="Publish now", permissions=("change",))
    def publish_now(self, request, queryset):
        to_publish = list(queryset.drafts()) + list(queryset.scheduled())
        self._set_published_at(request, to_publish, timezone.now(), "Published now.")
        message = f"Published {plural(len(to_publish), self.noun)}."
        already_live = queryset.count() - len(to_publish)
        if already_live:
            message += f" {plural(already_live, 'was', 'were')} already live and left alone."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=("change",))
    def unpublish(self, request, queryset):
        to_unpublish = list(queryset.filter(published_at__isnull=False))
        self._set_published_at(request, to_unpublish, None, "Unpublished (back to draft).")
        message = f"Moved {plural(len(to_unpublish), self.noun)} back to draft."
        already_drafts = queryset.count() - len(to_unpublish)
        if already_drafts:
            message += f" {plural(already_drafts, 'was', 'were')} already a draft."
        self.message_user(request, message, messages.SUCCESS)

    def _set_published_at(self, request, rows, published_at, log_message):
        for row in rows:
            row.published_at = published_at
            row.save(update_fields=["published_at", "updated_at"])
            self.log_change(request, row, log_message)
