"""The counts beside each of the library's filter options, their query and their caching.

Each facet counts the results as they would be without its own filter, so
readers see what adding an option would give. Every count the page shows
comes from one query (a UNION ALL), cached per content generation.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connections
from django.db.models import Case, CharField, Count, F, Value, When
from django.db.models.functions import Cast, ExtractYear, Substr

from core.publishing import published_q
from pagecache import fragments

from .choices import TIME_CHOICES
from .models import Resource


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


class FacetCounting:
    """Counts and facets for ResourceFilter (resources/filters.py), which this is mixed into.

    It reads the filter set's `data`, `form`, `filters`, `queryset`, `fixed_theme`,
    `choices`, `CHECKBOX_FACETS` and `is_upcoming`.
    """

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
        upcoming = Resource.objects.upcoming_q() & published_q()
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
