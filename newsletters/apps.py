from django.apps import AppConfig

from core import slots


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Weekly updates"

    def ready(self):
        from search import registry

        from . import slots as parts
        from .searchable import PROGRAMME_ITEMS

        # The library's pages show the updates without `resources` knowing this app.
        slots.fill("home.updates", "newsletters/_home_updates.html", parts.home_updates)
        slots.fill("resource.featured_in", "newsletters/_featured_in.html", parts.featured_in)
        # The search app knows no content app: this one tells it what to search.
        registry.register(PROGRAMME_ITEMS)
