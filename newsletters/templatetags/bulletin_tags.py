from django import template

from core.structured_data import json_ld
from newsletters.structured_data import bulletin_data

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, location):
    """A full address for e-mail, where relative links do not work."""
    return context["request"].build_absolute_uri(location)


@register.simple_tag(takes_context=True)
def bulletin_json_ld(context, bulletin):
    """The update as schema.org JSON-LD, safe to put in the page."""
    return json_ld(bulletin_data(bulletin, context["request"]))
