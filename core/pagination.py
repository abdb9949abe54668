"""Numbered pages of a list: a page that is not a number or not there is a 404."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.defaultfilters import pluralize

RESULTS_PER_PAGE = 20


def paginate(request, queryset, per_page=RESULTS_PER_PAGE, count=None):
    """Return the requested page; a page that is not a number or not there is a 404.

    Pass `count` when it is already known, to save counting the results again.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is never queried
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        raise Http404("Page numbers are whole numbers, like 2.") from None
    except EmptyPage:
        pages = paginator.num_pages
        raise Http404(
            f"There is no page {request.GET.get('page')[:12]}: "
            f"these results fill {pages} page{pluralize(pages)}."
        ) from None
