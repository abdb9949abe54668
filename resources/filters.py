"""The library's filters: every option a reader can pick, and what choosing it does.

The choices themselves are in choices.py; the counts beside each option in facets.py.
"""

import django_filters
from django.db.models import F
from django_filters.fields import ModelMultipleChoiceField

from core.filters import SearchFilter, SearchFilterSet
from pagecache import fragments
from search.engine import search
from search.query import parse

from .choices import SORT_CHOICES, SORT_ORDER, TIME_CHOICES, WHEN_CHOICES, load_choices
from .facets import FacetCounting
from .models import Audience, Format, Publisher, Resource, Theme


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


class ResourceFilter(FacetCounting, SearchFilterSet):
    q = SearchFilter("Search the library")
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

    canonical_filters = ("when", "theme", "format", "audience", "publisher", "year", "time")
    canonical_defaults = {"when": "all"}

    # Filtering

    def filter_search(self, queryset, name, value):
        query = parse(value)
        if not query.is_searchable:  # said in notices; the other filters still apply
            return queryset
        return search(queryset, query)

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
        text = self.search_text
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
        notes += super().notices  # values the form refused, such as a too-long search
        query = self.search_query
        if query is not None:
            label = self.form.fields["q"].label
            notes += [f"{label}: {note}" for note in query.notices]
            if query.problem:
                notes.append(f"{label}: {query.problem}")
        return notes
