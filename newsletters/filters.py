"""The weekly update archive's year filter and search."""

import django_filters
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from core.filters import SearchFilter, SearchFilterSet
from core.words import every_word_in

from .models import Bulletin, ProgrammeItem


class BulletinFilter(SearchFilterSet):
    q = SearchFilter("Search the updates")
    year = django_filters.NumberFilter(
        field_name="issued_on", lookup_expr="year", label="Year", min_value=1900, max_value=2100
    )

    canonical_filters = ("year",)

    class Meta:
        model = Bulletin
        fields = ()

    def filter_search(self, queryset, name, value):
        matching_items = ProgrammeItem.objects.search(value).filter(bulletin=OuterRef("pk"))
        return queryset.filter(Q(Exists(matching_items)) | every_word_in(value, ("introduction",)))

    def years(self):
        """Each year with how many updates it holds, among the current search results."""
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("year")
        base = self.queryset
        if self.search_text:
            base = self.filter_search(base, "q", self.search_text)
        rows = (
            base.annotate(year=ExtractYear("issued_on"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        return [{**row, "selected": row["year"] == chosen} for row in rows]
