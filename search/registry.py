"""What the site search finds: each content app registers its searchable models here.

The search app knows no content app. An app describes each model readers can
search for in a `Searchable` and registers it from its `AppConfig.ready()`:

    registry.register(Searchable(model=Resource, kind="resource", ...))

From then on its rows are indexed on every save (and when a related row whose
text is in its documents changes), searched on /search/ and by suggestions,
shown with its result template, and its vocabulary offered by "Did you mean".

A registered model needs a `search_vector` column (PostgreSQL) with a GIN index,
made by its own app's migrations; on SQLite its FTS5 table is made by `migrate`
(search/index.py prepare()). Run `manage.py rebuild_search_index` after
registering a model whose rows already exist.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import count

from django.db import models


def _nothing():
    return ()


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    # The key of its rows among the matches ("resource"); also their tie-break order.
    kind: str
    # Its value of /search/'s type filter ("resources") and that filter's label.
    type: str
    label: str
    # The row's Document (search/documents.py), with `related` loaded.
    document: Callable[[models.Model], object]
    # The rows readers may find: a queryset of `model`.
    published: Callable[[], models.QuerySet]
    # The field (or lookup) whose date orders equal matches, newest first.
    date_field: str
    # The template one result is shown with; given `result` (search.engine.Result).
    result_template: str
    # Shown in the header box's suggestions under the title ("Report").
    describe: Callable[[models.Model], str]
    # The published rows newest first: where suggestions look for titles typed so far.
    suggestions: Callable[[], models.QuerySet]
    # How results are loaded for showing; the default manager if None.
    listing: Callable[[], models.QuerySet] | None = None
    # Relations of `model` whose rows' text is in its documents ("themes", "format"):
    # loaded with each row when indexing, and a rename or deletion of a related row,
    # or a change to the many-to-many set, re-indexes the rows it belongs to.
    related: tuple[str, ...] = ()
    # The fields suggestions match the words typed so far against.
    title_fields: tuple[str, ...] = ("title",)
    # "Did you mean" (PostgreSQL): one-column querysets of text whose words are offered.
    vocabulary: Callable[[], Sequence[models.QuerySet]] = _nothing
    # Where a reader who found nothing may browse instead: (label, URL name), or None.
    browse: tuple[str, str] | None = None
    # Its place among the kinds on the search page (type filter, browse links).
    order: int = 0
    # Filled by register(): its place in registration order, the tie-break of `order`.
    registered: int | None = field(default=None, compare=False)

    @property
    def label_lower(self):
        return self.model._meta.label_lower

    def listing_queryset(self):
        return self.listing() if self.listing else self.model._default_manager.all()

    def related_fields(self):
        return [self.model._meta.get_field(name) for name in self.related]


EVERYTHING = "all"  # the type filter's value for every kind at once: no Searchable's type

_registry = {}  # model label → Searchable
_registrations = count()
_listeners = []  # called with each Searchable registered (search/apps.py: the signals)


def on_register(listener):
    """Call `listener(searchable)` for every Searchable: those registered and those to come."""
    _listeners.append(listener)
    for searchable in searchables():
        listener(searchable)


def register(searchable):
    """Make `searchable`'s rows searchable, and keep them indexed from now on."""
    if searchable.type == EVERYTHING:
        raise ValueError(f"{searchable.model._meta.label}: type {EVERYTHING!r} means everything")
    for other in _registry.values():
        if other.label_lower != searchable.label_lower and (
            other.kind == searchable.kind or other.type == searchable.type
        ):
            raise ValueError(
                f"{searchable.model._meta.label}: kind {searchable.kind!r} or type "
                f"{searchable.type!r} is already {other.model._meta.label}'s"
            )
    existing = _registry.get(searchable.label_lower)
    if existing:  # a new description of the same model: it keeps its place
        searchable = replace(searchable, registered=existing.registered)
    elif searchable.registered is None:
        searchable = replace(searchable, registered=next(_registrations))
    _registry[searchable.label_lower] = searchable
    for listener in _listeners:
        listener(searchable)
    return searchable


def unregister(model):
    """Stop searching `model`'s rows (and indexing them); return its Searchable, or None."""
    return _registry.pop(model._meta.label_lower, None)


def searchables():
    """Every Searchable, in their order on the search page."""
    return sorted(_registry.values(), key=lambda s: (s.order, s.registered))


def for_model(model):
    """The Searchable of `model`, or None."""
    return _registry.get(model._meta.label_lower)


def by_kind():
    return {searchable.kind: searchable for searchable in searchables()}
