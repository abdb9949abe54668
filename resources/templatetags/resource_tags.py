"""The library's own tags: a resource as schema.org JSON-LD."""

from django import template

from core.structured_data import json_ld

from ..structured_data import resource_data

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_json_ld(context, resource):
    request = context["request"]
    return json_ld(resource_data(resource, request))
