"""The library's pages in /sitemap.xml: every theme and every published resource."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.publishing import published_q

from .models import Resource, Theme


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # A theme changes when a published resource in it does.
        return Theme.objects.annotate(
            latest=Max("resources__updated_at", filter=published_q("resources__"))
        ).order_by("order", "name")

    def lastmod(self, theme):
        return theme.latest


class ResourceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Resource.objects.published().order_by("-published_on", "pk").only("slug", "updated_at")
        )

    def lastmod(self, resource):
        return resource.updated_at
