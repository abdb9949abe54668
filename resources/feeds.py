from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .filters import ResourceFilter
from .models import Resource

FEED_LENGTH = 30


class ResourceFeed(Feed):
    """An Atom feed of any filtered view of the library: the same query string."""

    feed_type = Atom1Feed
    title = "New in the resource library"
    subtitle = "Reports, think pieces, briefings and seminars for leaders in children's services."

    def get_object(self, request):
        return ResourceFilter(request.GET, queryset=Resource.objects.published().for_listing())

    def link(self, resource_filter):
        query = resource_filter.data.urlencode()
        return reverse("resources:resource_list") + (f"?{query}" if query else "")

    def items(self, resource_filter):
        return resource_filter.qs.newest_first()[:FEED_LENGTH]

    def item_title(self, resource):
        return f"{resource.format}: {resource.title}"

    def item_description(self, resource):
        return resource.trimmed_summary

    def item_pubdate(self, resource):
        return resource.published_at

    def item_updateddate(self, resource):
        return resource.updated_at

    def item_categories(self, resource):
        return [theme.name for theme in resource.themes.all()]
