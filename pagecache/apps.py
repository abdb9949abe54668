from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Whole-page cache"

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
