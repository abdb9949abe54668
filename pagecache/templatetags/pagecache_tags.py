"""{% cache %} as Django's, except that a cache that is down never breaks the page.

Load this library instead of Django's `cache` (same syntax). If the cache
cannot be read or written (Redis down), or the content generation cannot be
looked up, the fragment is rendered afresh, and the error logged.
"""

import logging

from django import template
from django.templatetags.cache import CacheNode, do_cache

logger = logging.getLogger(__name__)
register = template.Library()


class SafeCacheNode(CacheNode):
    def render(self, context):
        try:
            return super().render(context)
        except template.TemplateSyntaxError:
            raise
        except Exception:
            logger.exception("Fragment cache unavailable; rendering %s afresh", self.fragment_name)
            return self.nodelist.render(context)


@register.tag("cache")
def safe_cache(parser, token):
    node = do_cache(parser, token)
    node.__class__ = SafeCacheNode
    return node
