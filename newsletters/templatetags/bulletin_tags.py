from django import template
from django.db.models import Q, Subquery

from newsletters.models import Bulletin, ProgrammeItem
from newsletters.structured_data import bulletin_data
from resources.templatetags.page_meta import json_ld

register = template.Library()

ACTIONS_DUE_DAYS = 7


@register.inclusion_tag("newsletters/_latest_bulletin.html")
def latest_bulletin():
    """The newest published weekly update, with its programme item titles.

    One query: the items of the newest update, each with its update. Only an
    update with no items needs a second.
    """
    newest = Bulletin.objects.published().order_by("-number").values("pk")[:1]
    items = list(
        ProgrammeItem.objects.filter(bulletin=Subquery(newest))
        .select_related("bulletin")
        .order_by("order", "pk")
    )
    bulletin = items[0].bulletin if items else Bulletin.objects.filter(pk__in=newest).first()
    return {"bulletin": bulletin, "items": items}


@register.inclusion_tag("newsletters/_actions_due.html")
def actions_due(days=ACTIONS_DUE_DAYS):
    """Published programme items whose action deadline falls in the next `days` days."""
    items = ProgrammeItem.objects.due_within(days).select_related("bulletin")
    return {"items": items, "days": days}


@register.simple_tag(takes_context=True)
def absolute_url(context, location):
    """A full address for e-mail, where relative links do not work."""
    return context["request"].build_absolute_uri(location)


@register.inclusion_tag("newsletters/_featured_in.html")
def featured_in(resource):
    """Published updates that feature `resource` in Tools & Templates or a programme item."""
    bulletins = (
        Bulletin.objects.published()
        .filter(Q(publications__resource=resource) | Q(items__resource=resource))
        .distinct()
        .order_by("-number")
    )
    return {"bulletins": bulletins}


@register.simple_tag(takes_context=True)
def bulletin_json_ld(context, bulletin):
    """The update as schema.org JSON-LD, safe to put in the page."""
    return json_ld(bulletin_data(bulletin, context["request"]), context.get("csp_nonce", ""))
