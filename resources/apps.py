from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource library"

    def ready(self):
        from search import registry

        from .searchable import RESOURCES

        # The search app knows no content app: the library tells it what to search.
        registry.register(RESOURCES)
