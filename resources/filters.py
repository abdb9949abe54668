"""The library's filters: every option a reader can pick, each with its count."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django.conf import settings
from django.db import connections
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, ExtractYear, Substr
from django.utils import timezone
from django_filters.fields import ModelMultipleChoiceField

from pagecache import fragments
from search.engine import search_resources
from search.query import parse

from .models import Audience, Format, Publisher, Resource, Theme

SEARCH_MAX_LENGTH = 200

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


def all_of(model):
    """Every row of `model`, as a callable: FilterSet deep-copies its filters for each
    request, and copying a function is free where copying a QuerySet is not."""

    def every_row(request):
        return model.objects.all()

    return every_row


class KnownChoicesField(ModelMultipleChoiceField):
    """Keep the options we know and remember the rest, instead of rejecting them all.

    A shared link with one stale theme in it should still filter by the others.
    With `known` (slug to Choice, set by ResourceFilter) it checks the values
    without a query of its own.
    """

    known = None

    def _check_values(self, value):
        values = {str(item) for item in value if "\x00" not in str(item) and len(str(item)) < 200}
        if self.known is not None:
            found = [self.known[slug] for slug in sorted(values) if slug in self.known]
            known = {choice.slug for choice in found}
        else:
            found = self.queryset.filter(**{f"{self.to_field_name}__in": values})
            known = {str(getattr(choice, self.to_field_name)) for choice in found}
        self.unknown_values = sorted({str(item) for item in value} - known)
        return found


class KnownChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the chosen options (OR within a filter, AND across filters, like GOV.UK)."""

    field_class = KnownChoicesField

    def get_filter_predicate(self, v):
        return {self.field_name: v}  # the chosen object itself, not its slug

    def filter(self, qs, value):
        if not value:
            return qs
        lookup = {f"{self.field_name}__in": [getattr(choice, "pk", choice) for choice in value]}
        if qs.model._meta.get_field(self.field_name).many_to_many:
            # A subquery rather than a join: no duplicate rows, so no DISTINCT
            # (which would sort whole rows, bodies and all).
            return qs.filter(pk__in=qs.model.objects.filter(**lookup).values("pk"))
        return qs.filter(**lookup)


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list = field(default_factory=list)
    multiple: bool = True

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search the library",
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": f"Search text must be {SEARCH_MAX_LENGTH} characters or fewer."
        },
    )
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES, empty_label=None, method="filter_when", label="Show"
    )
    theme = KnownChoicesFilter(
        field_name="themes", to_field_name="slug", queryset=all_of(Theme), label="Theme"
    )
    format = KnownChoicesFilter(to_field_name="slug", queryset=all_of(Format), label="Format")
    audience = KnownChoicesFilter(
        field_name="audiences",
        to_field_name="slug",
        queryset=all_of(Audience),
        label="Audience",
    )
    publisher = KnownChoicesFilter(
        to_field_name="slug", queryset=all_of(Publisher), label="Publisher"
    )
    year = django_filters.NumberFilter(
        field_name="published_on",
        lookup_expr="year",
        label="Year published",
        min_value=1900,
        max_value=2100,
    )
    time = django_filters.ChoiceFilter(
        choices=TIME_CHOICES, method="filter_time", label="Time to read, watch or listen"
    )
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="keep", label="Sort by")

    # Shown as checkbox groups, in this order, by facets().
    CHECKBOX_FACETS = ("theme", "format", "audience", "publisher")

    class Meta:
        model = Resource
        fields = ()

    def __init__(self, data=None, queryset=None, *, fixed_theme=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.fixed_theme = fixed_theme
        if fixed_theme is not None:  # a theme's own page: its theme is not a choice
            del self.filters["theme"]
        # The same for every visitor until an editor changes them: cached per generation.
        self.choices = fragments.get_or_compute(
            "library-choices", (), load_choices, self.fragment_version
        )
        for name in self.CHECKBOX_FACETS:
            if name in self.form.fields:
                self.form.fields[name].known = {c.slug: c for c in self.choices[name]}

    # Filtering

    def filter_search(self, queryset, name, value):
        query = parse(value)
        if not query.is_searchable:  # said in notices; the other filters still apply
            return queryset
        return search_resources(queryset, query)

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset

    def filter_time(self, queryset, name, value):
        queryset = queryset.with_minutes()
        if value == "longer":
            return queryset.filter(length_minutes__gt=30)
        return queryset.filter(length_minutes__lte=int(value))

    def keep(self, queryset, name, value):
        return queryset  # sorting happens last, in filter_queryset()

    def filter_queryset(self, queryset):
        return self.sorted(super().filter_queryset(queryset))

    def sorted(self, queryset):
        order = self.sort_order
        if order == "relevance":
            return queryset.order_by(F("search_rank").desc(), *SORT_ORDER["newest"])
        if order == "soonest":
            # Events by date, then everything else newest first.
            return queryset.order_by(F("starts_at").asc(nulls_last=True), *SORT_ORDER["newest"])
        if order == "shortest":
            return queryset.with_minutes().order_by(
                F("length_minutes").asc(nulls_last=True), *SORT_ORDER["newest"]
            )
        return queryset.order_by(*SORT_ORDER[order])

    @property
    def sort_order(self):
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("sort")
        searching = self.search_query is not None and self.search_query.is_searchable
        if chosen and (chosen != "relevance" or searching):
            return chosen
        if searching:
            return "relevance"
        return "soonest" if self.is_upcoming else "newest"

    @property
    def search_query(self):
        """The search as the engine reads it, or None when there is no valid `q`."""
        self.form.is_valid()
        text = self.form.cleaned_data.get("q")
        return parse(text) if text else None

    # What the page shows about the filters

    @property
    def is_upcoming(self):
        self.form.is_valid()
        return self.form.cleaned_data.get("when") == "upcoming"

    @property
    def has_applied_filters(self):
        """True when anything narrows the results beyond the Upcoming / All switch."""
        self.form.is_valid()
        return any(
            self.form.cleaned_data.get(name)
            for name in self.filters
            if name not in ("when", "sort")
        )

    @property
    def notices(self):
        """Plain-English notes on parts of the address we could not use."""
        self.form.is_valid()
        notes = []
        for name in self.CHECKBOX_FACETS:
            if name not in self.form.fields:
                continue
            for value in getattr(self.form.fields[name], "unknown_values", []):
                label = self.form.fields[name].label.lower()
                notes.append(f"There is no {label} called “{value[:60]}”, so it was left out.")
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            for error in errors:
                notes.append(f"{label}: {error}")
        query = self.search_query
        if query is not None:
            label = self.form.fields["q"].label
            notes += [f"{label}: {note}" for note in query.notices]
            if query.problem:
                notes.append(f"{label}: {query.problem}")
        return notes

    def queryset_without(self, name):
        """The results as they would be without filter `name`: the base of its counts."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other not in (name, "sort"):
                queryset = self.filters[other].filter(queryset, value)
        return queryset

    def _count_query(self, name, queryset, key):
        """Rows of (facet, key, count): how many results each value of `key` has."""
        return (
            queryset.order_by()
            .annotate(f_name=Value(name, output_field=CharField()), f_key=key)
            .values("f_name", "f_key")
            .annotate(f_count=Count("pk"))
        )

    @cached_property
    def counts(self):
        """Every count the page shows, {facet: {key: count}}, in one query (a UNION ALL).

        Each facet counts the results as they would be without its own filter,
        so readers see what adding an option would give.
        """
        return fragments.get_or_compute(
            "library-counts", self.counts_key(), self._count_rows, self.fragment_version
        )

    @property
    def fragment_version(self):
        """The content generation and date (fragment caches off, or the cache down: None)."""
        if not settings.FRAGMENT_CACHE_SECONDS:
            return None
        try:
            return fragments.version()
        except Exception:  # logged by get_or_compute, which then computes afresh
            return None

    @property
    def fragment_seconds(self):
        return settings.FRAGMENT_CACHE_SECONDS

    @cached_property
    def form_fragment_key(self):
        """What the filter form's HTML depends on: its counts, every parameter but the page."""
        query = sorted((k, v) for k, v in self.data.lists() if k != "page") if self.data else []
        parts = (self.fixed_theme.pk if self.fixed_theme else None, query)
        return (self.fragment_version, hashlib.sha256(repr(parts).encode()).hexdigest())

    def counts_key(self):
        """What the counts depend on: the base results and every filter but the page and sort."""
        self.form.is_valid()
        chosen = sorted(
            (name, str(value))
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and value not in (None, "", [])
        )
        # The base is always the published library, or one theme's part of it.
        return (self.fixed_theme.pk if self.fixed_theme else None, chosen)

    def _count_rows(self):
        counts = defaultdict(dict)
        for row in self.counts_query():
            counts[row["f_name"]][row["f_key"]] = row["f_count"]
        return dict(counts)

    def counts_query(self):
        """The UNION ALL of (facet, key, count) rows behind `counts`."""
        branches = []
        for name in self.CHECKBOX_FACETS:
            if name not in self.filters:
                continue
            field = Resource._meta.get_field(self.filters[name].field_name)
            base = self.queryset_without(name)
            if field.many_to_many:
                through = field.remote_field.through
                target = field.m2m_reverse_field_name()
                rows = through.objects.filter(resource__in=base.values("pk"))
                key = Cast(F(f"{target}_id"), CharField())
            else:
                rows, key = base, Cast(F(f"{field.name}_id"), CharField())
            branches.append(self._count_query(name, rows, key))
        years = self.queryset_without("year")
        if connections[years.db].vendor == "sqlite":
            # Dates are ISO text there: the first four characters are the year,
            # with no Python function called per row as ExtractYear needs.
            year = Substr("published_on", 1, 4, output_field=CharField())
        else:
            year = Cast(ExtractYear("published_on"), CharField())
        branches.append(self._count_query("year", years, year))
        buckets = Case(
            When(length_minutes__lte=10, then=Value("10")),
            When(length_minutes__lte=30, then=Value("30")),
            When(length_minutes__gt=30, then=Value("longer")),
            default=Value(""),
            output_field=CharField(),
        )
        branches.append(
            self._count_query("time", self.queryset_without("time").with_minutes(), buckets)
        )
        upcoming = Q(Resource.objects.upcoming_q(), published_at__lte=timezone.now())
        branches.append(
            self._count_query(
                "when",
                self.queryset_without("when"),
                Case(
                    When(upcoming, then=Value("upcoming")),
                    default=Value("other"),
                    output_field=CharField(),
                ),
            )
        )
        return branches[0].union(*branches[1:], all=True).order_by()

    def facets(self):
        """Every filter option with the number of results choosing it would give."""
        self.form.is_valid()
        data = self.form.cleaned_data
        facets = []
        for name in self.CHECKBOX_FACETS:
            if name not in self.filters:
                continue
            counts = self.counts.get(name, {})
            chosen = {choice.pk for choice in data.get(name) or []}
            facet = Facet(name=name, legend=self.filters[name].label)
            for choice in self.choices[name]:
                count = counts.get(str(choice.pk), 0)
                if count or choice.pk in chosen:
                    facet.options.append(
                        Option(choice.slug, choice.name, count, choice.pk in chosen)
                    )
            facets.append(facet)
        facets.append(self._year_facet(data))
        facets.append(self._time_facet(data))
        return facets

    def _year_facet(self, data):
        chosen = data.get("year")
        facet = Facet(name="year", legend=self.filters["year"].label, multiple=False)
        years = sorted(
            ((int(year), count) for year, count in self.counts.get("year", {}).items() if year),
            reverse=True,
        )
        for year, count in years:
            facet.options.append(Option(str(year), str(year), count, year == chosen))
        return facet

    def _time_facet(self, data):
        buckets = self.counts.get("time", {})
        by_value = {
            "10": buckets.get("10", 0),
            "30": buckets.get("10", 0) + buckets.get("30", 0),
            "longer": buckets.get("longer", 0),
        }
        chosen = data.get("time")
        facet = Facet(name="time", legend=self.filters["time"].label, multiple=False)
        for value, label in TIME_CHOICES:
            facet.options.append(Option(value, label, by_value[value], value == chosen))
        return facet

    @cached_property
    def when_counts(self):
        """How many results the All and Upcoming tabs would each show."""
        counts = self.counts.get("when", {})
        upcoming = counts.get("upcoming", 0)
        return {"all": upcoming + counts.get("other", 0), "upcoming": upcoming}

    @property
    def count(self):
        """How many results there are: one of the tabs' counts, so no query of its own."""
        return self.when_counts["upcoming" if self.is_upcoming else "all"]
