"""Atom feeds of the library: any filtered view (the same query string), and each theme."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.feeds import XmlSafeAtomFeed, feed_query, with_query
from core.site import SITE_NAME

from .choices import TIME_CHOICES
from .filters import ResourceFilter
from .models import Resource, Theme

FEED_LENGTH = 30


def plural(name):
    """“Videos”, “Directors’ summaries”: a format's name for many of them."""
    if name.endswith("s"):
        return name
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        return name[:-1] + "ies"
    return name + "s"


@dataclass
class Selection:
    """What a feed holds: the filters applied, and the theme when it is a theme's feed."""

    filter: ResourceFilter
    query: str
    theme: Theme | None = None

    def filter_names(self):
        """The applied filters in words: “Safeguarding”, “Videos”, “for Directors”."""
        self.filter.form.is_valid()
        data = self.filter.form.cleaned_data
        names = [self.theme.name] if self.theme else []
        names += [theme.name for theme in data.get("theme") or []]
        names += [plural(format.name) for format in data.get("format") or []]
        names += [f"for {audience.name}" for audience in data.get("audience") or []]
        names += [f"from {publisher.name}" for publisher in data.get("publisher") or []]
        if data.get("year"):
            names.append(f"published in {data['year']:.0f}")
        if data.get("time"):
            names.append(dict(TIME_CHOICES)[data["time"]].lower())
        if data.get("q"):
            names.append(f"matching “{data['q'][:60]}”")
        return names


class ResourceFeed(Feed):
    """An Atom feed of any filtered view of the library: the same query string."""

    feed_type = XmlSafeAtomFeed
    author_name = SITE_NAME
    description_template = "resources/feed_entry.html"
    list_url_name = "resources:resource_list"

    def get_object(self, request):
        return Selection(
            ResourceFilter(request.GET, queryset=Resource.objects.published().for_listing()),
            feed_query(request.GET),
        )

    def title(self, selection):
        heading = "Upcoming seminars" if selection.filter.is_upcoming else "Resources"
        names = selection.filter_names()
        return f"{heading}: {', '.join(names)}" if names else f"{heading} – {SITE_NAME}"

    def subtitle(self, selection):
        text = (
            "New reports, think pieces, briefings and seminars for leaders in children’s services."
        )
        notices = selection.filter.notices
        return " ".join([text, *notices]) if notices else text

    def list_path(self, selection):
        return reverse(self.list_url_name)

    def link(self, selection):
        return with_query(self.list_path(selection), selection.query)

    def feed_url(self, selection):
        return with_query(reverse("resources:resource_feed"), selection.query)

    def items(self, selection):
        return selection.filter.qs.newest_first()[:FEED_LENGTH]

    def item_title(self, resource):
        return f"{resource.format}: {resource.title}"

    def item_pubdate(self, resource):
        return resource.published_at

    def item_updateddate(self, resource):
        return resource.updated_at

    def item_author_name(self, resource):
        return resource.publisher.name if resource.publisher else SITE_NAME

    def item_categories(self, resource):
        return [theme.name for theme in resource.themes.all()]


class ThemeFeed(ResourceFeed):
    """New resources in one theme, narrowed by the same filters as the theme's page."""

    def get_object(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        queryset = Resource.objects.published().in_theme(theme).for_listing()
        return Selection(
            ResourceFilter(request.GET, queryset=queryset, fixed_theme=theme),
            feed_query(request.GET),
            theme,
        )

    def list_path(self, selection):
        return selection.theme.get_absolute_url()

    def feed_url(self, selection):
        return with_query(
            reverse("resources:theme_feed", kwargs={"slug": selection.theme.slug}),
            selection.query,
        )
