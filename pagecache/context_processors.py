from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import fragments


def fragment_cache(request):
    """`fragment_version` and `fragment_seconds` for {% cache %} tags in templates.

    The version (content generation and date) is looked up only if a template
    uses it, and at most once per request.
    """
    seconds = settings.FRAGMENT_CACHE_SECONDS
    return {
        "fragment_seconds": seconds,
        "fragment_version": SimpleLazyObject(fragments.version) if seconds else "",
    }
