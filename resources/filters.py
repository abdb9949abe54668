"""The library's filters: every option a reader can pick, each with its count."""

from dataclasses import dataclass, field

import django_filters
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django_filters.fields import ModelMultipleChoiceField

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


class KnownChoicesField(ModelMultipleChoiceField):
    """Keep the options we know and remember the rest, instead of rejecting them all.

    A shared link with one stale theme in it should still filter by the others.
    """

    def _check_values(self, value):
        values = {str(item) for item in value if "\x00" not in str(item) and len(str(item)) < 200}
        found = self.queryset.filter(**{f"{self.to_field_name}__in": values})
        known = {str(getattr(choice, self.to_field_name)) for choice in found}
        self.unknown_values = sorted({str(item) for item in value} - known)
        return found


class KnownChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of the chosen options (OR within a filter, AND across filters, like GOV.UK)."""

    field_class = KnownChoicesField

    def get_filter_predicate(self, v):
        return {self.field_name: v}  # the chosen object itself, not its slug


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
        field_name="themes", to_field_name="slug", queryset=Theme.objects.all(), label="Theme"
    )
    format = KnownChoicesFilter(
        to_field_name="slug", queryset=Format.objects.all(), label="Format"
    )
    audience = KnownChoicesFilter(
        field_name="audiences",
        to_field_name="slug",
        queryset=Audience.objects.all(),
        label="Audience",
    )
    publisher = KnownChoicesFilter(
        to_field_name="slug", queryset=Publisher.objects.all(), label="Publisher"
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
        if fixed_theme is not None:  # a theme's own page: its theme is not a choice
            del self.filters["theme"]

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

    def facets(self):
        """Every filter option with the number of results choosing it would give."""
        self.form.is_valid()
        data = self.form.cleaned_data
        facets = []
        for name in self.CHECKBOX_FACETS:
            if name not in self.filters:
                continue
            # Themes, formats, audiences and publishers all name their
            # resources "resources".
            base = self.queryset_without(name).values("pk")
            model = self.filters[name].queryset.model
            choices = model.objects.annotate(
                count=Count("resources", filter=Q(resources__in=base))
            )
            chosen = {choice.pk for choice in data.get(name) or []}
            facet = Facet(name=name, legend=self.filters[name].label)
            for choice in choices:
                if choice.count or choice.pk in chosen:
                    facet.options.append(
                        Option(choice.slug, choice.name, choice.count, choice.pk in chosen)
                    )
            facets.append(facet)
        facets.append(self._year_facet(data))
        facets.append(self._time_facet(data))
        return facets

    def _year_facet(self, data):
        base = Resource.objects.filter(pk__in=self.queryset_without("year").values("pk"))
        years = (
            base.annotate(year=ExtractYear("published_on"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        chosen = data.get("year")
        facet = Facet(name="year", legend=self.filters["year"].label, multiple=False)
        for row in years:
            facet.options.append(
                Option(str(row["year"]), str(row["year"]), row["count"], row["year"] == chosen)
            )
        return facet

    def _time_facet(self, data):
        base = Resource.objects.filter(pk__in=self.queryset_without("time").values("pk"))
        counts = base.with_minutes().aggregate(
            up_to_10=Count("pk", filter=Q(length_minutes__lte=10)),
            up_to_30=Count("pk", filter=Q(length_minutes__lte=30)),
            longer=Count("pk", filter=Q(length_minutes__gt=30)),
        )
        by_value = {"10": counts["up_to_10"], "30": counts["up_to_30"], "longer": counts["longer"]}
        chosen = data.get("time")
        facet = Facet(name="time", legend=self.filters["time"].label, multiple=False)
        for value, label in TIME_CHOICES:
            facet.options.append(Option(value, label, by_value[value], value == chosen))
        return facet

    def when_counts(self):
        """How many results the All and Upcoming tabs would each show."""
        base = Resource.objects.filter(pk__in=self.queryset_without("when").values("pk"))
        return {"all": base.count(), "upcoming": base.upcoming().count()}
