"""The site's one search engine: used by /search/, the library's `q` filter and suggestions.

It searches whatever the content apps registered (search/registry.py), in
their order: the kinds of result, how each is loaded, shown and described.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Value

from core.words import every_word_in

from . import registry
from .backends import get_backend
from .query import parse_prefix

EVERYTHING = registry.EVERYTHING


def backend():
    return get_backend(connection)


def search(queryset, query):
    """Rows of `queryset` (a registered model's) matching `query`, with `search_rank`."""
    return backend().search(queryset, query)


def types():
    """The type filter on /search/: value → label, everything first."""
    return {
        EVERYTHING: "Everything",
        **{searchable.type: searchable.label for searchable in registry.searchables()},
    }


def searched(type=EVERYTHING):
    """The Searchables a search of `type` reads."""
    return [s for s in registry.searchables() if type in (EVERYTHING, s.type)]


def matches(query, type=EVERYTHING):
    """(kind, pk, rank, date) of every match, best first: every kind of result together."""
    parts = [
        search(searchable.published(), query)
        .annotate(
            kind=Value(searchable.kind, output_field=CharField()),
            sort_date=F(searchable.date_field),
        )
        .values_list("kind", "pk", "search_rank", "sort_date")
        .order_by()
        for searchable in searched(type)
    ]
    if not parts:
        return []
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("-search_rank", "-sort_date", "kind", "pk")


def counts(query):
    """How many of each type match, for the type filter."""
    return {
        searchable.type: search(searchable.published(), query).count()
        for searchable in registry.searchables()
    }


def browse_links():
    """(label, URL name) of where to browse instead, for a search that found nothing."""
    return [s.browse for s in registry.searchables() if s.browse]


@dataclass
class Result:
    kind: str
    object: object
    title: str = None  # the title with matches in <mark>, if any
    snippet: str = None  # the text around the matches, in <mark>, if any

    @property
    def searchable(self):
        return registry.by_kind()[self.kind]

    @property
    def url(self):
        return self.object.get_absolute_url()

    @property
    def template_name(self):
        return self.searchable.result_template

    @property
    def description(self):
        """What the suggestions show under the title: its format, or its update."""
        return self.searchable.describe(self.object)


def results(rows, query):
    """Turn (kind, pk, …) rows into Results, loading each kind in one go, in the rows' order."""
    kinds = registry.by_kind()
    pks = defaultdict(list)
    for kind, pk, *_ in rows:
        pks[kind].append(pk)
    objects = {
        kind: searchable.listing_queryset().in_bulk(pks[kind]) if pks[kind] else {}
        for kind, searchable in kinds.items()
    }
    highlights = {}
    engine = backend()
    for kind, searchable in kinds.items():
        rows_of_kind = [(pk, searchable.document(objects[kind][pk])) for pk in objects[kind]]
        highlights[kind] = engine.highlight(searchable.model, query, rows_of_kind) if query else {}
    found = []
    for kind, pk, *_ in rows:
        if pk in objects.get(kind, {}):
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
        for searchable in registry.searchables():
            queryset = searchable.suggestions().filter(
                every_word_in(prefix, searchable.title_fields)
            )
            for pk in queryset.values_list("pk", flat=True)[:limit]:
                if (searchable.kind, pk) not in seen and len(rows) < limit:
                    rows.append((searchable.kind, pk))
                    seen.add((searchable.kind, pk))
    return results(rows, None)
