import re
from datetime import timedelta

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.concurrency import VersionedModel, version_field, version_positive
from core.constraints import not_blank, web_address
from core.publishing import Publishable, PublishableQuerySet, published_q
from core.text import render_markdown
from core.words import every_word_in
from resources.models import Resource


class Contact(models.Model):
    name = models.CharField("person", max_length=120)
    role = models.CharField(
        max_length=200, blank=True, help_text="For example: SESLI Programme Manager."
    )
    organisation = models.CharField(
        "programme or organisation",
        max_length=200,
        blank=True,
        help_text="For example: South East Sector-Led Improvement Programme.",
    )
    email = models.EmailField("e-mail")
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            # One directory entry per address, however it is capitalised.
            models.UniqueConstraint(
                Lower("email"),
                name="contact_unique_email",
                violation_error_message="A contact with this e-mail address already exists.",
            ),
            *not_blank("contact", "name", "email"),
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    def get_absolute_url(self):
        return reverse("newsletters:contact_list") + f"#contact-{self.pk}"

    @property
    def phone_uri(self):
        """“tel:+447880787007” for 07880 787007: a link phones can dial."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("0") and not digits.startswith("00"):
            digits = "+44" + digits[1:]
        return f"tel:{digits}" if digits else ""


class Publication(models.Model):
    """A recent publication a bulletin lists under Tools & Templates."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    resource = models.OneToOneField(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publication",
        help_text="The same publication in the library, if it is there.",
    )

    class Meta:
        ordering = ("-published_on", "title")
        constraints = [*not_blank("publication", "title"), *web_address("publication", "url")]

    def __str__(self):
        return self.title

    @property
    def link(self):
        """Where the title links to: the library’s page for it, else its own link."""
        if self.resource_id and self.resource.is_published:
            return self.resource.get_absolute_url()
        return self.url


class BulletinQuerySet(PublishableQuerySet):
    def latest_published(self):
        return self.published().order_by("-number").first()

    def with_contents(self):
        """Everything an update's page and feed entry show, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch(
                "items",
                queryset=ProgrammeItem.objects.select_related("resource").prefetch_related(
                    "contacts"
                ),
            ),
            models.Prefetch(
                "reminders",
                queryset=ProgrammeItem.objects.select_related("bulletin").order_by(
                    "-bulletin__number", "order"
                ),
            ),
            models.Prefetch(
                "publications", queryset=Publication.objects.select_related("resource")
            ),
            models.Prefetch("contacts", queryset=Contact.objects.order_by("name")),
        )


class Bulletin(Publishable, VersionedModel):
    number = models.PositiveIntegerField(unique=True, help_text="Update No, e.g. 393.")
    issued_on = models.DateField("issue date", default=timezone.localdate)
    introduction = models.TextField(
        blank=True,
        help_text="Opens the update. Markdown: blank lines between paragraphs, "
        "- for bullet lists, [text](https://…) for links.",
    )
    introduction_html = models.TextField(blank=True, editable=False)
    reminders = models.ManyToManyField(
        "ProgrammeItem",
        blank=True,
        related_name="reminded_in",
        help_text="Items from earlier updates to remind readers of. They link back to "
        "the update where each first appeared.",
    )
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="bulletins", verbose_name="tools & templates"
    )
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="bulletins",
        help_text="Listed with their details at the end of the update.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field(
        "Goes up by one at every save of the update or its items (see core/concurrency.py)."
    )

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ("-number",)
        verbose_name = "weekly update"
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="bulletin_number_positive",
                violation_error_message="Update numbers start at 1.",
            ),
            version_positive("bulletin"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "introduction_html"}
        super().save(*args, **kwargs)  # VersionedModel moves the version on

    def get_absolute_url(self):
        return reverse("newsletters:bulletin_detail", kwargs={"number": self.number})

    @property
    def title(self):
        return f"Update No {self.number} · {date_format(self.issued_on, 'j F Y')}"


class ProgrammeItemQuerySet(models.QuerySet):
    def published(self):
        """Items of live bulletins (and reminders whose first update is not in the archive)."""
        return self.filter(published_q("bulletin__") | Q(bulletin__isnull=True))

    def in_published_updates(self):
        """Items of live updates only: each has an update page to link to."""
        return self.filter(published_q("bulletin__"))

    def with_open_actions(self, on=None):
        """Items whose action deadline has not passed."""
        return self.filter(action_deadline__gte=on or timezone.localdate())

    def due_within(self, days):
        """Published items whose action deadline falls in the next `days` days."""
        today = timezone.localdate()
        return (
            self.published()
            .filter(action_deadline__range=(today, today + timedelta(days=days)))
            .order_by("action_deadline", "title")
        )

    def deadlines_ahead(self):
        """Items of published updates whose action deadline is today or later, soonest first."""
        return (
            self.filter(published_q("bulletin__"), action_deadline__gte=timezone.localdate())
            .select_related("bulletin")
            .order_by("action_deadline", "bulletin__number", "order")
        )

    def search(self, text):
        """Items with every word of `text` in their title, Update or Action Required."""
        return self.filter(every_word_in(text, ("title", "update", "action_required")))


class ProgrammeItem(models.Model):
    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.CASCADE,
        related_name="items",
        null=True,
        blank=True,
        help_text="The update this item first appeared in. Empty only for reminders "
        "imported from an update whose first appearance is not in the archive.",
    )
    order = models.PositiveSmallIntegerField(
        default=1, help_text="Its place in the update: 1 comes first."
    )
    title = models.CharField(max_length=300)
    update = models.TextField(
        blank=True,
        help_text="What has happened. Markdown: - for bullet lists, [text](https://…) for links.",
    )
    update_html = models.TextField(blank=True, editable=False)
    action_required = models.TextField(
        blank=True, help_text="What readers should do. Markdown, like Update."
    )
    action_required_html = models.TextField(blank=True, editable=False)
    action_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="The date by which readers must act. Open actions carry over as "
        "reminders when you start the next update.",
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="items", help_text="People this item refers to."
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        help_text="A library resource this item is about.",
    )
    # Kept current by the search app on every save (PostgreSQL; unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        ordering = ("bulletin", "order", "pk")
        indexes = [models.Index(fields=["action_deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(order__gte=1),
                name="programmeitem_order_positive",
                violation_error_message="Items are numbered from 1.",
            ),
            *not_blank("programmeitem", "title"),
        ]

    def __str__(self):
        if self.bulletin_id:
            return f"{self.title} (Update No {self.bulletin.number})"
        return self.title

    def save(self, *args, **kwargs):
        self.update_html = render_markdown(self.update)
        self.action_required_html = render_markdown(self.action_required)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "update_html",
                "action_required_html",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if not self.bulletin_id:
            return ""
        return f"{self.bulletin.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"item-{self.order}"
