"""What a page says about itself to browsers, search engines and link previews.

`base.html` captures its `title` and `meta_description` blocks once with
`{% capture %}`, so `includes/meta.html` can repeat them in Open Graph tags
while pages keep overriding plain blocks.
"""

from django import template
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendering has already escaped the content; keep it as one tidy line.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture name %}…{% endcapture %}`: render once into a variable, output nothing."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% capture name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.simple_tag(takes_context=True)
def page_address(context, path=None):
    """This page's address, or `path`, as an absolute URL without any query string."""
    request = context.get("request")
    if request is None:  # the plain 500 page is rendered without one
        return ""
    return request.build_absolute_uri(path if path is not None else request.path)


@register.simple_tag(takes_context=True)
def filtered_canonical(context, filter_set, page_obj=None, path=None):
    """The canonical address of a filtered list: its recognised filters and page only.

    A filtered view ("Safeguarding videos") is a page worth sharing, so it keeps
    the filters its filter set names (`canonical_query()`, core/filters.py), in
    a fixed order. Sorting, search text, unknown values and tracking parameters
    (utm_…) are left out: they make endless copies of the same results.
    """
    request = context["request"]
    query = list(filter_set.canonical_query())
    if page_obj is not None and page_obj.number > 1:
        query.append(("page", page_obj.number))
    address = request.build_absolute_uri(path if path is not None else request.path)
    return f"{address}?{urlencode(query)}" if query else address
