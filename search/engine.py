"""The site's one search engine: used by /search/, the library's `q` filter and suggestions."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Value

from core.words import every_word_in
from newsletters.models import ProgrammeItem
from resources.models import Resource

from .backends import get_backend
from .documents import item_document, resource_document
from .query import parse_prefix

RESOURCE, ITEM = "resource", "item"
# The type filter on /search/: value → label.
TYPES = {"all": "Everything", "resources": "Resources", "updates": "Weekly update items"}


def backend():
    return get_backend(connection)


def search_resources(queryset, query):
    """Resources of `queryset` matching `query`, annotated with `search_rank`."""
    return backend().search(queryset, query)


def search_items(queryset, query):
    """Programme items of `queryset` matching `query`, annotated with `search_rank`."""
    return backend().search(queryset, query)


def published_resources():
    return Resource.objects.published()


def published_items():
    return ProgrammeItem.objects.in_published_updates()


def matches(query, type="all"):
    """(kind, pk, rank, date) of every match, best first: resources and update items together."""
    parts = []
    if type in ("all", "resources"):
        parts.append(
            search_resources(published_resources(), query)
            .annotate(kind=Value(RESOURCE, output_field=CharField()), sort_date=F("published_on"))
            .values_list("kind", "pk", "search_rank", "sort_date")
            .order_by()
        )
    if type in ("all", "updates"):
        parts.append(
            search_items(published_items(), query)
            .annotate(
                kind=Value(ITEM, output_field=CharField()), sort_date=F("bulletin__issued_on")
            )
            .values_list("kind", "pk", "search_rank", "sort_date")
            .order_by()
        )
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("-search_rank", "-sort_date", "kind", "pk")


def counts(query):
    """How many resources and update items match, for the type filter."""
    return {
        "resources": search_resources(published_resources(), query).count(),
        "updates": search_items(published_items(), query).count(),
    }


@dataclass
class Result:
    kind: str
    object: object
    title: str = None  # the title with matches in <mark>, if any
    snippet: str = None  # the text around the matches, in <mark>, if any

    @property
    def is_resource(self):
        return self.kind == RESOURCE

    @property
    def url(self):
        return self.object.get_absolute_url()


def results(rows, query):
    """Turn (kind, pk, …) rows into Results, loading each kind in one go, in the rows' order."""
    pks = {RESOURCE: [], ITEM: []}
    for kind, pk, *_ in rows:
        pks[kind].append(pk)
    objects = {
        RESOURCE: (
            Resource.objects.for_listing(body_html=True).in_bulk(pks[RESOURCE])
            if pks[RESOURCE]
            else {}
        ),
        ITEM: (
            ProgrammeItem.objects.select_related("bulletin").in_bulk(pks[ITEM])
            if pks[ITEM]
            else {}
        ),
    }
    documents = {RESOURCE: resource_document, ITEM: item_document}
    highlights = {}
    engine = backend()
    for kind, model in ((RESOURCE, Resource), (ITEM, ProgrammeItem)):
        rows_of_kind = [(pk, documents[kind](objects[kind][pk])) for pk in objects[kind]]
        highlights[kind] = engine.highlight(model, query, rows_of_kind) if query else {}
    found = []
    for kind, pk, *_ in rows:
        if pk in objects[kind]:
            title, snippet = highlights[kind].get(pk, (None, None))
            found.append(Result(kind, objects[kind][pk], title, snippet))
    return found


def did_you_mean(query):
    return backend().did_you_mean(query) if query.words else None


def suggestions(text, query, limit=6):
    """Up to `limit` results for text typed so far: best matches, then titles containing it."""
    rows = list(matches(query)[:limit]) if query.is_searchable else []
    words = parse_prefix(text)
    if len(rows) < limit and words:
        prefix = " ".join(words)
        seen = {(kind, pk) for kind, pk, *_ in rows}
        for kind, queryset in (
            (RESOURCE, published_resources().newest_first()),
            (ITEM, published_items().order_by("-bulletin__issued_on", "order")),
        ):
            for pk in queryset.filter(every_word_in(prefix, ("title",))).values_list(
                "pk", flat=True
            )[:limit]:
                if (kind, pk) not in seen and len(rows) < limit:
                    rows.append((kind, pk))
                    seen.add((kind, pk))
    return results(rows, None)
