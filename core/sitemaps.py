"""The sitemap's section pages (home, lists), each dated by the newest published row it shows."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


class SectionSitemap(Sitemap):
    """Section pages by URL name, each with the models whose published rows it lists.

    The project's URLs say which (`SectionSitemap.of({...})`), so this knows no app.
    """

    changefreq = "weekly"
    priority = 0.8
    sections = {}

    @classmethod
    def of(cls, sections):
        return type("SectionSitemap", (cls,), {"sections": sections})

    def items(self):
        return list(self.sections)

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "_latest"):
            models = {model for listed in self.sections.values() for model in listed}
            latest = {
                model: model._default_manager.published().aggregate(latest=Max("updated_at"))[
                    "latest"
                ]
                for model in models
            }
            self._latest = {
                section: max(filter(None, (latest[model] for model in listed)), default=None)
                for section, listed in self.sections.items()
            }
        return self._latest[name]
