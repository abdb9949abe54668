"""/sitemap.xml: the public pages search engines should know about, published only."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Bulletin
from resources.models import Resource, Theme


class SectionSitemap(Sitemap):
    """The home page and the section indexes, each dated by its newest published row."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "resources:home",
            "resources:resource_list",
            "resources:theme_list",
            "newsletters:bulletin_list",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "_latest"):
            resources = Resource.objects.published().aggregate(latest=Max("updated_at"))
            bulletins = Bulletin.objects.published().aggregate(latest=Max("updated_at"))
            self._latest = {
                "resources:resource_list": resources["latest"],
                "resources:theme_list": resources["latest"],
                "newsletters:bulletin_list": bulletins["latest"],
                "resources:home": max(
                    filter(None, (resources["latest"], bulletins["latest"])), default=None
                ),
            }
        return self._latest[name]


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # A theme changes when a published resource in it does.
        return Theme.objects.annotate(
            latest=Max(
                "resources__updated_at",
                filter=Q(resources__published_at__lte=timezone.now()),
            )
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


class BulletinSitemap(Sitemap):
    changefreq = "never"
    priority = 0.5

    def items(self):
        return Bulletin.objects.published().order_by("-number").only("number", "updated_at")

    def lastmod(self, bulletin):
        return bulletin.updated_at


SITEMAPS = {
    "sections": SectionSitemap,
    "themes": ThemeSitemap,
    "resources": ResourceSitemap,
    "updates": BulletinSitemap,
}
