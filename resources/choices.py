"""What a reader can choose in the library's filters: the fixed lists and the taxonomy.

The fixed lists (Show, Time, Sort) are constants; the themes, formats,
audiences and publishers are read from the database, all four in one query.
"""

from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, Value

from .models import Audience, Format, Publisher, Theme

WHEN_CHOICES = (("all", "All"), ("upcoming", "Upcoming"))
TIME_CHOICES = (
    ("10", "Up to 10 minutes"),
    ("30", "Up to 30 minutes"),
    ("longer", "Longer than 30 minutes"),
)
SORT_CHOICES = (
    ("relevance", "Best match (when searching)"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("soonest", "Event date, soonest first"),
    ("title", "Title, A to Z"),
    ("shortest", "Shortest first"),
)
SORT_ORDER = {
    "newest": ("-published_on", "-published_at", "title"),
    "oldest": ("published_on", "published_at", "title"),
    "title": ("title",),
}


@dataclass(frozen=True)
class Choice:
    """A theme, format, audience or publisher as the filters need it: no model instance."""

    pk: int
    slug: str
    name: str
    rank: int


# The models behind the checkbox facets. Each names its resources "resources".
CHOICE_MODELS = {"theme": Theme, "format": Format, "audience": Audience, "publisher": Publisher}


def load_choices():
    """Every theme, format, audience and publisher, in one query (a UNION ALL).

    Each list is in its model's own order: `order` then name, or name alone.
    """
    branches = []
    for kind, model in CHOICE_MODELS.items():
        has_order = any(f.name == "order" for f in model._meta.fields)
        branches.append(
            model.objects.order_by()
            .annotate(
                c_kind=Value(kind, output_field=CharField()),
                c_pk=F("pk"),
                c_slug=F("slug"),
                c_name=F("name"),
                c_rank=F("order") if has_order else Value(0, output_field=IntegerField()),
            )
            .values_list("c_kind", "c_pk", "c_slug", "c_name", "c_rank")
        )
    choices = {kind: [] for kind in CHOICE_MODELS}
    for kind, pk, slug, name, rank in branches[0].union(*branches[1:], all=True).order_by():
        choices[kind].append(Choice(pk, slug, name, rank))
    for options in choices.values():
        options.sort(key=lambda choice: (choice.rank, choice.name))
    return choices
