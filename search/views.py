from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags

from core.pagination import paginate

from . import engine
from .query import MAX_LENGTH, clean, parse

SUGGESTIONS_MIN_LENGTH = 2


def search(request):
    text = request.GET.get("q", "")
    query = parse(text)
    notices = list(query.notices)
    types = engine.types()
    type = request.GET.get("type") or engine.EVERYTHING
    if type not in types:
        notices.append(
            f"There is no type of result called “{type[:40]}”, so everything was searched."
        )
        type = engine.EVERYTHING
    context = {
        "query": query,
        "text": clean(text[:MAX_LENGTH])[0],  # shown back: no NUL bytes in the page
        "type": type,
        "type_label": types[type].lower(),
        "notices": notices,
    }
    if query.is_searchable:
        counts = engine.counts(query)
        counts[engine.EVERYTHING] = sum(counts.values())
        # The type counts already say how many results there are: no third count.
        page_obj = paginate(request, engine.matches(query, type), count=counts[type])
        page_obj.object_list = engine.results(page_obj.object_list, query)
        context.update(
            page_obj=page_obj,
            types=[(value, label, counts[value]) for value, label in types.items()],
            suggestion=None if page_obj.paginator.count else engine.did_you_mean(query),
            browse=[(label, reverse(name)) for label, name in engine.browse_links()],
        )
    return render(request, "search/search.html", context)


def suggestions(request):
    """Up to six results for the header box's text so far, as JSON (an enhancement only).

    With `format=opensearch`, the same results in the OpenSearch suggestions
    shape, `[text, [titles], [types], [addresses]]`, for browsers' address bars.
    """
    text = request.GET.get("q", "")[:MAX_LENGTH]
    found = []
    if len(text.strip()) >= SUGGESTIONS_MIN_LENGTH:
        query = parse(text)
        for result in engine.suggestions(text, query):
            found.append(
                {
                    "title": result.object.title,
                    "url": result.url,
                    "type": result.description,
                }
            )
    if request.GET.get("format") == "opensearch":
        return JsonResponse(
            [
                text,
                [row["title"] for row in found],
                [row["type"] for row in found],
                [request.build_absolute_uri(row["url"]) for row in found],
            ],
            safe=False,
            content_type="application/x-suggestions+json",
        )
    return JsonResponse({"query": strip_tags(text), "results": found})
