from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource library"

    def ready(self):
        from pagecache import content
        from search import registry

        from .models import Resource
        from .searchable import RESOURCES

        # The infrastructure apps know no content app: the library tells them
        # what to search and which changes make cached pages stale.
        registry.register(RESOURCES)
        content.register_app(self, scheduled=[Resource])
