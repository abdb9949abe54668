from itertools import groupby

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csp import csp_override

from core.pagination import paginate
from core.security import policy_allowing_style_attributes

from .filters import BulletinFilter
from .layout import TEMPLATES, sections
from .models import Bulletin, Contact, ProgrammeItem

UPDATES_PER_PAGE = 50
# Bulletin numbers are stored as 32-bit integers; anything larger is no update.
LARGEST_NUMBER = 2**31 - 1


def bulletin_list(request):
    bulletin_filter = BulletinFilter(request.GET, queryset=Bulletin.objects.published())
    page_obj = paginate(request, bulletin_filter.qs.order_by("-number"), UPDATES_PER_PAGE)
    years = bulletin_filter.years()
    counts = {row["year"]: row["count"] for row in years}
    archive = [
        {"year": year, "count": counts.get(year, 0), "bulletins": list(bulletins)}
        for year, bulletins in groupby(page_obj.object_list, key=lambda b: b.issued_on.year)
    ]
    if bulletin_filter.search_text:
        matches = {}
        items = (
            ProgrammeItem.objects.filter(bulletin__in=list(page_obj.object_list))
            .select_related("bulletin")
            .search(bulletin_filter.search_text)
            .order_by("order", "pk")
        )
        for item in items:
            matches.setdefault(item.bulletin_id, []).append(item)
        for bulletin in page_obj.object_list:
            bulletin.matching_items = matches.get(bulletin.pk, [])
    return render(
        request,
        "newsletters/bulletin_list.html",
        {"filter": bulletin_filter, "page_obj": page_obj, "years": years, "archive": archive},
    )


def bulletin_latest(request):
    bulletin = Bulletin.objects.latest_published()
    if bulletin is None:
        raise Http404("No weekly update has been published yet.")
    return redirect(bulletin)


def _bulletin_for(request, number):
    """The bulletin with everything its pages show, or 404; staff may preview drafts."""
    if number > LARGEST_NUMBER:
        raise Http404("There is no update with that number.")
    bulletins = Bulletin.objects.visible_to(request.user).with_contents()
    return get_object_or_404(bulletins, number=number)


def _render_bulletin(request, bulletin, template, **kwargs):
    context = {"bulletin": bulletin, "sections": sections(bulletin), **kwargs.pop("context", {})}
    response = render(request, template, context, **kwargs)
    if not bulletin.is_published:
        add_never_cache_headers(response)
    return response


def bulletin_detail(request, number):
    bulletin = _bulletin_for(request, number)
    published = Bulletin.objects.published()
    context = {
        "previous": published.filter(number__lt=bulletin.number).order_by("-number").first(),
        "next": published.filter(number__gt=bulletin.number).order_by("number").first(),
    }
    return _render_bulletin(request, bulletin, TEMPLATES["page"], context=context)


@csp_override(
    policy_allowing_style_attributes(settings.BASE_DIR / "templates" / TEMPLATES["email"])
)
def bulletin_email(request, number):
    """Simple HTML with inline styles, for pasting into a mailing tool."""
    bulletin = _bulletin_for(request, number)
    return _render_bulletin(request, bulletin, TEMPLATES["email"])


def bulletin_text(request, number):
    """Plain text in the old updates' layout, for plain-text e-mail."""
    bulletin = _bulletin_for(request, number)
    return _render_bulletin(
        request,
        bulletin,
        TEMPLATES["text"],
        content_type="text/plain; charset=utf-8",
    )


def contact_list(request):
    return render(
        request, "newsletters/contact_list.html", {"contacts": Contact.objects.order_by("name")}
    )
