"""Plain word search shared by the library and the weekly updates."""

from django.db.models import Q

MAX_WORDS = 20


def every_word_in(text, fields):
    """Return a Q matching rows where each word of `text` is in at least one of `fields`."""
    query = Q()
    for word in text.split()[:MAX_WORDS]:
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        query &= in_any_field
    return query
