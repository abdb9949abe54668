from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from core.calendar import calendar_response, new_calendar
from core.pagination import paginate

from .calendar import seminar_event
from .citations import bibtex, citation_for, harvard_html, harvard_text, ris
from .filters import ResourceFilter
from .models import Resource, Theme
from .validators import CONTENT_TYPES, file_extension


def newest_not_featured(published, count, shown=()):
    """The newest `count` resources neither featured nor in `shown`: walks the newest-first index.

    Filtering on is_featured in SQL makes SQLite's planner sort every published
    row; featured resources are few, and `shown` (what the page lists above)
    fewer, so skipping them here costs nothing.
    """
    shown = {resource.pk for resource in shown}
    limit = (count + len(shown)) * 2
    while True:
        rows = list(published.newest_first()[:limit])
        chosen = [r for r in rows if not r.is_featured and r.pk not in shown][:count]
        if len(chosen) == count or len(rows) < limit:
            return chosen
        limit *= 4


def home(request):
    """Featured, then upcoming seminars, then the newest: none repeats one listed above it."""
    published = Resource.objects.published().for_listing(themes=False)
    featured = list(published.filter(is_featured=True).newest_first()[:3])
    upcoming = list(
        Resource.objects.upcoming()
        .exclude(pk__in=[resource.pk for resource in featured])
        .for_listing(themes=False)[:3]
    )
    newest = newest_not_featured(published, 6, shown=upcoming)
    # One query for all three lists' themes, not one per list.
    prefetch_related_objects([*featured, *newest, *upcoming], "themes")
    return render(
        request,
        "resources/home.html",
        {
            "featured": featured,
            "newest": newest,
            "upcoming": upcoming,
            "themes": Theme.objects.with_resource_counts(),
        },
    )


def resource_list(request):
    resource_filter = ResourceFilter(
        request.GET, queryset=Resource.objects.published().for_listing()
    )
    return render(
        request,
        "resources/resource_list.html",
        {
            "filter": resource_filter,
            "page_obj": paginate(request, resource_filter.qs, count=resource_filter.count),
        },
    )


def resource_detail(request, slug):
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user)
        .select_related("format", "publisher")
        .prefetch_related("themes", "audiences"),
        slug=slug,
    )
    related = Resource.objects.for_listing().related_to(resource)
    citation = _citation(request, resource)
    response = render(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "related": related,
            "harvard_html": harvard_html(citation),
            "harvard_text": harvard_text(citation),
        },
    )
    if not resource.is_published:
        add_never_cache_headers(response)
    return response


def resource_download(request, slug):
    resource = get_object_or_404(Resource.objects.visible_to(request.user), slug=slug)
    if not resource.file:
        raise Http404("This resource has no file to download.")
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file for this resource is missing. Please tell the team.") from None
    # Always a download, never shown in the site's origin, and with a type a
    # browser will not run (nosniff comes from SecurityMiddleware).
    extension = file_extension(resource.file.name)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or f"{resource.slug}.{extension}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not resource.is_published:
        add_never_cache_headers(response)
    return response


def resource_calendar(request, slug):
    """One seminar as an iCalendar file, for "Add to calendar"."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).select_related("format"), slug=slug
    )
    if not resource.is_event:
        raise Http404("Only seminars and events can be added to a calendar.")
    calendar = new_calendar(resource.title)
    calendar.add_component(
        seminar_event(resource, request.build_absolute_uri(resource.get_absolute_url()))
    )
    response = calendar_response(calendar, f"{resource.slug}.ics")
    if not resource.is_published:
        add_never_cache_headers(response)
    return response


def _citation(request, resource):
    url = request.build_absolute_uri(resource.get_absolute_url())
    return citation_for(resource, url, accessed_on=timezone.localdate())


CITATION_FORMATS = {
    # name: (writer, content type, file extension)
    "ris": (ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "bibtex": (bibtex, "application/x-bibtex; charset=utf-8", "bib"),
}


def resource_citation(request, slug, style):
    """The resource's reference as a file for reference managers (RIS or BibTeX)."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).select_related("format", "publisher"),
        slug=slug,
    )
    write, content_type, extension = CITATION_FORMATS[style]
    response = HttpResponse(write(_citation(request, resource)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{resource.slug}.{extension}"'
    if not resource.is_published:
        add_never_cache_headers(response)
    return response


def theme_list(request):
    return render(
        request, "resources/theme_list.html", {"themes": Theme.objects.with_resource_counts()}
    )


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    resource_filter = ResourceFilter(
        request.GET,
        queryset=Resource.objects.published().in_theme(theme).for_listing(),
        fixed_theme=theme,
    )
    return render(
        request,
        "resources/theme_detail.html",
        {
            "theme": theme,
            "filter": resource_filter,
            "page_obj": paginate(request, resource_filter.qs, count=resource_filter.count),
        },
    )
