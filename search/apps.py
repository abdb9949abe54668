from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """Site search over whatever the content apps register (search/registry.py)."""

    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from . import index

        # Registering connects a model's indexing signals (search/signals.py);
        # after `migrate`, a newly registered model gets its index.
        post_migrate.connect(index.prepare, sender=self, dispatch_uid="search.index.prepare")
