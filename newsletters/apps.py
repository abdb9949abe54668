from django.apps import AppConfig

from core import slots


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Weekly updates"

    def ready(self):
        from . import slots as parts

        # The library's pages show the updates without `resources` knowing this app.
        slots.fill("home.updates", "newsletters/_home_updates.html", parts.home_updates)
        slots.fill("resource.featured_in", "newsletters/_featured_in.html", parts.featured_in)
