"""Links that keep a list's place: page numbers, one filter removed, its feed."""

from django import template
from django.urls import reverse

from core.feeds import feed_query, with_query

register = template.Library()


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current page, with … for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def query_without(context, name, value=None):
    """This page's query string without one filter value (or the whole filter), from page 1."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [item for item in query.getlist(name) if item != str(value)])
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag(takes_context=True)
def query_keeping(context, *names):
    """This page's query string with only `names` kept: “Clear all filters”."""
    query = context["request"].GET.copy()
    for name in list(query):
        if name not in names:
            query.pop(name)
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag(takes_context=True)
def feed_url(context, url_name, *args):
    """The feed of what this page lists: the same filters, without paging or sorting."""
    return with_query(reverse(url_name, args=args), feed_query(context["request"].GET))
