from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: publishing, concurrency, text, pages' metadata, feeds, calendars."""

    name = "core"
    verbose_name = "Site core"
