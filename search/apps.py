from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """Site search over whatever the content apps register (search/registry.py)."""

    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from . import index, registry, signals

        # Each registered model's indexing signals (search/signals.py), for those the
        # content apps registered before this ran and any registered later; after
        # `migrate`, a newly registered model gets its index.
        registry.on_register(signals.connect)
        post_migrate.connect(index.prepare, sender=self, dispatch_uid="search.index.prepare")
