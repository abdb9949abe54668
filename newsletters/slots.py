"""What the weekly updates add to the library's pages (filled in apps.py; see core/slots.py)."""

from django.db.models import Q, Subquery

from .models import Bulletin, ProgrammeItem

ACTIONS_DUE_DAYS = 7


def home_updates():
    """The newest published update with its item titles, and the actions due this week.

    One query for the newest update's items, each with its update (only an
    update with no items needs a second), and one for the actions due.
    """
    newest = Bulletin.objects.published().order_by("-number").values("pk")[:1]
    items = list(
        ProgrammeItem.objects.filter(bulletin=Subquery(newest))
        .select_related("bulletin")
        .order_by("order", "pk")
    )
    bulletin = items[0].bulletin if items else Bulletin.objects.filter(pk__in=newest).first()
    return {
        "bulletin": bulletin,
        "items": items,
        "actions_due": ProgrammeItem.objects.due_within(ACTIONS_DUE_DAYS).select_related(
            "bulletin"
        ),
        "days": ACTIONS_DUE_DAYS,
    }


def featured_in(resource):
    """Published updates that feature `resource` in Tools & Templates or a programme item."""
    bulletins = (
        Bulletin.objects.published()
        .filter(Q(publications__resource=resource) | Q(items__resource=resource))
        .distinct()
        .order_by("-number")
    )
    return {"bulletins": bulletins}
