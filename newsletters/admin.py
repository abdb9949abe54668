from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from core.admin import PublishingAdmin, StatusFilter, plural
from core.concurrency import VersionedAdminMixin, VersionedModelForm

from .models import Bulletin, Contact, ProgrammeItem, Publication
from .services import NextUpdateExists, start_next_update


def bulletin_change_url(bulletin):
    return reverse("admin:newsletters_bulletin_change", args=[bulletin.pk])


class ProgrammeItemFormSet(BaseInlineFormSet):
    """Give each item of one update its own order number.

    There is no database constraint on purpose: swapping two items' numbers in
    one save would break it half-way through.
    """

    def clean(self):
        super().clean()
        forms_by_order = {}
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue  # An empty extra form.
            if self.can_delete and self._should_delete_form(form):
                continue
            order = getattr(form, "cleaned_data", {}).get("order")
            if order is not None:
                forms_by_order.setdefault(order, []).append(form)
        shared = sorted(order for order, forms in forms_by_order.items() if len(forms) > 1)
        if not shared:
            return
        for order in shared:
            for form in forms_by_order[order]:
                form.add_error("order", "Another item has this number too.")
        numbers = " and ".join(str(order) for order in shared)
        raise ValidationError(
            f"Two items can’t share an order number ({numbers}). Give each item its own "
            "number, 1 for the first, then save again."
        )


class ProgrammeItemInline(admin.StackedInline):
    model = ProgrammeItem
    formset = ProgrammeItemFormSet
    fk_name = "bulletin"
    fields = (
        "order",
        "title",
        "update",
        "action_required",
        "action_deadline",
        "contacts",
        "resource",
    )
    extra = 1
    ordering = ("order", "pk")
    autocomplete_fields = ("contacts", "resource")

    def get_queryset(self, request):
        # Each item's heading names its update, and its form starts from its
        # contacts: fetch both with the items rather than one query per item.
        return (
            super().get_queryset(request).select_related("bulletin").prefetch_related("contacts")
        )


@admin.register(Bulletin)
class BulletinAdmin(VersionedAdminMixin, PublishingAdmin):
    form = VersionedModelForm
    list_display = ("update_number", "issued_on", "status", "item_count", "updated_at")
    list_filter = (StatusFilter,)
    date_hierarchy = "issued_on"
    # "number__exact" rather than "=number": the admin skips words that are not
    # numbers for an exact lookup, where "=number" would fail on them.
    search_fields = ("number__exact", "introduction", "items__title")
    ordering = ("-number",)
    inlines = (ProgrammeItemInline,)
    autocomplete_fields = ("reminders", "publications", "contacts")
    readonly_fields = ("created_at", "updated_at")
    save_on_top = True
    noun = "update"
    actions = (*PublishingAdmin.actions, "start_next")
    change_form_template = "admin/newsletters/bulletin/change_form.html"
    fieldsets = (
        (None, {"fields": ("number", "issued_on", "introduction")}),
        (
            "Reminders, tools & templates and contacts",
            {
                "fields": ("reminders", "publications", "contacts"),
                "description": "Type a few letters to find each one. Reminders are items "
                "from earlier updates; search them by title or by update number.",
            },
        ),
        ("Publishing", {"fields": ("published_at", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # A subquery, not Count("items"): searching by item title joins the items
        # too, and a joined count would then count each matching item again.
        item_count = (
            ProgrammeItem.objects.filter(bulletin=OuterRef("pk"))
            .order_by()
            .values("bulletin")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(item_count=Coalesce(Subquery(item_count), 0))

    def get_urls(self):
        start_next = self.admin_site.admin_view(require_POST(self.start_next_view))
        return [
            path(
                "<int:object_id>/start-next/",
                start_next,
                name="newsletters_bulletin_start_next",
            ),
            *super().get_urls(),
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "reminders":
            # Each reminder is labelled with its update's number: fetch them together.
            kwargs["queryset"] = ProgrammeItem.objects.select_related("bulletin")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context["next_update"] = Bulletin.objects.filter(number=obj.number + 1).first()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def view_on_site(self, obj):
        # Staff who may change updates see drafts there, under a "Draft" banner.
        return obj.get_absolute_url()

    @admin.display(description="Weekly update", ordering="number")
    def update_number(self, obj):
        return f"Update No {obj.number}"

    @admin.display(description="Items", ordering="item_count")
    def item_count(self, obj):
        return obj.item_count

    @admin.action(description="Start next update from the selected one", permissions=("add",))
    def start_next(self, request, queryset):
        selected = list(queryset[:2])
        if len(selected) != 1:
            self.message_user(
                request,
                "Select just one update to start the next from: the one before it. "
                "No update was started.",
                messages.ERROR,
            )
            return None
        return self.start_next_response(request, selected[0], back_url=request.get_full_path())

    def start_next_view(self, request, object_id):
        """The change form's "Start next update" button."""
        bulletin = self.get_object(request, str(object_id))
        if bulletin is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, str(object_id))
        if not (
            self.has_add_permission(request)
            and self.has_view_or_change_permission(request, bulletin)
        ):
            raise PermissionDenied
        return self.start_next_response(request, bulletin, back_url=bulletin_change_url(bulletin))

    def start_next_response(self, request, bulletin, *, back_url):
        """Start the update after `bulletin` and open it; if it exists, go back to `back_url`."""
        try:
            next_update = start_next_update(bulletin)
        except NextUpdateExists as error:
            self.message_user(
                request,
                format_html(
                    'Update No {} has been started already: <a href="{}">open it</a> '
                    "instead. No update was started.",
                    error.existing.number,
                    bulletin_change_url(error.existing),
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(back_url)
        self.log_addition(request, next_update, f"Started from Update No {bulletin.number}.")
        reminder_count = next_update.reminders.count()
        self.message_user(
            request,
            f"Started Update No {next_update.number} as a draft for "
            f"{date_format(next_update.issued_on, 'j F Y')}, with "
            f"{plural(reminder_count, 'reminder')} carried over from Update No "
            f"{bulletin.number} and the same contacts. It is open for editing below.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(bulletin_change_url(next_update))


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ("title", "bulletin", "action_deadline")
    list_select_related = ("bulletin",)
    # "bulletin__number__exact" finds every item of "393" and skips other words.
    search_fields = ("title", "update", "action_required", "bulletin__number__exact")
    autocomplete_fields = ("bulletin", "contacts", "resource")

    def get_queryset(self, request):
        # Autocomplete labels ("Title (Update No 393)") need the bulletin too.
        return super().get_queryset(request).select_related("bulletin")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # An item saved on its own changes its update: a form for the update
        # opened before this save must not save its old copy of the item.
        Bulletin.bump_versions(obj.bulletin_id, form.initial.get("bulletin"))

    def delete_model(self, request, obj):
        bulletin_id = obj.bulletin_id
        super().delete_model(request, obj)
        Bulletin.bump_versions(bulletin_id)

    def delete_queryset(self, request, queryset):
        bulletin_ids = list(queryset.values_list("bulletin_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        Bulletin.bump_versions(*bulletin_ids)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "organisation", "email", "phone")
    search_fields = ("name", "role", "organisation", "email")


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published_on", "library_resource")
    list_select_related = ("resource",)
    search_fields = ("title", "publisher")
    autocomplete_fields = ("resource",)
    date_hierarchy = "published_on"

    @admin.display(description="In the library", ordering="resource__title")
    def library_resource(self, obj):
        if obj.resource_id is None:
            return None
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:resources_resource_change", args=[obj.resource_id]),
            obj.resource.title,
        )
