from django.apps import AppConfig

from core import slots


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Weekly updates"

    def ready(self):
        from pagecache import content
        from search import registry

        from . import slots as parts
        from .models import Bulletin
        from .searchable import PROGRAMME_ITEMS

        # The library's pages show the updates without `resources` knowing this app.
        slots.fill("home.updates", "newsletters/_home_updates.html", parts.home_updates)
        slots.fill("resource.featured_in", "newsletters/_featured_in.html", parts.featured_in)
        # The search and the page cache know no content app: this one tells them
        # what to search and which changes make cached pages stale.
        registry.register(PROGRAMME_ITEMS)
        content.register_app(self, scheduled=[Bulletin])
