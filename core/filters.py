"""The search box every filtered list shares (the library, the weekly updates): `q`.

Its length limit and the message for text over it are declared here once, so
a reader who pastes too much gets the same notice on every list.
"""

from decimal import Decimal

import django_filters

SEARCH_MAX_LENGTH = 200
TOO_LONG = f"Search text must be {SEARCH_MAX_LENGTH} characters or fewer."


class SearchFilter(django_filters.CharFilter):
    """The `q` filter: at most SEARCH_MAX_LENGTH characters, searched by `filter_search`.

    The filter set defines `filter_search(queryset, name, value)`. Longer text
    is refused by the form (the search is left out, the other filters still
    apply) and shown among the filter set's `notices`.
    """

    def __init__(self, label, **kwargs):
        kwargs.setdefault("method", "filter_search")
        super().__init__(
            label=label,
            max_length=SEARCH_MAX_LENGTH,
            error_messages={"max_length": TOO_LONG},
            **kwargs,
        )


class SearchFilterSet(django_filters.FilterSet):
    """A filter set with a search box: declare `q = SearchFilter(label)` and `filter_search`."""

    @property
    def search_text(self):
        """The search as typed, or "" when there is none (or it was refused)."""
        self.form.is_valid()
        return self.form.cleaned_data.get("q") or ""

    # The filters a shared address keeps, in this order (page_meta's filtered_canonical),
    # and any value that means the same as no filter at all.
    canonical_filters = ()
    canonical_defaults = {}

    def canonical_query(self):
        """(name, value) pairs of the filters applied that a shared address keeps.

        A list whose filtered views are pages worth sharing ("Safeguarding
        videos") names them in `canonical_filters`; search text, sorting and
        refused values never count (they make endless copies of the same results).
        """
        self.form.is_valid()
        query = []
        for name in self.canonical_filters:
            value = self.form.cleaned_data.get(name)
            if not value or value == self.canonical_defaults.get(name):
                continue
            if isinstance(value, str):
                query.append((name, value))
            elif isinstance(value, (int, float, Decimal)):
                query.append((name, f"{value:.0f}"))
            else:  # chosen rows, by their slugs
                query += [(name, choice.slug) for choice in sorted(value, key=lambda c: c.slug)]
        return query

    @property
    def notices(self):
        """“Label: message” for every value the form refused, such as a too-long search."""
        self.form.is_valid()
        notes = []
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            for error in errors:
                notes.append(f"{label}: {error}")
        return notes
