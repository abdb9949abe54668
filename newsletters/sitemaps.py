"""The weekly updates in /sitemap.xml: every published one."""

from django.contrib.sitemaps import Sitemap

from .models import Bulletin


class BulletinSitemap(Sitemap):
    changefreq = "never"
    priority = 0.5

    def items(self):
        return Bulletin.objects.published().order_by("-number").only("number", "updated_at")

    def lastmod(self, bulletin):
        return bulletin.updated_at
