from django.utils.html import escape
from django.utils.safestring import mark_safe

START, STOP = "\ue000", "\ue001"


def marked(text):
    """Return `text` escaped, with the highlighted words in <mark>; None without any."""
    if not text or START not in text:
        return None
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


class Backend:
    """What both engines do; see postgres.py and sqlite.py."""

    vendor = ""
    # Where the two engines are known to differ: shown in the README.
    has_did_you_mean = False

    def __init__(self, connection):
        self.connection = connection

    def prepare(self, model):
        """Make `model`'s index if it has none; return whether it was made (so needs filling).

        PostgreSQL keeps the index on the row (`search_vector`), made by the model's app.
        """
        return False

    def write(self, model, documents):
        """Store the search text of `documents`: (pk, Document) pairs."""
        raise NotImplementedError

    def remove(self, model, pks):
        """Forget deleted rows (PostgreSQL keeps the vector on the row, so nothing to do)."""

    def search(self, queryset, query):
        """Rows of `queryset` matching `query`, annotated with `search_rank` (higher is better)."""
        raise NotImplementedError

    def highlight(self, model, query, rows):
        """{pk: (title, snippet)} with matches in <mark>; either is None where nothing matched."""
        raise NotImplementedError

    def did_you_mean(self, query):
        """A corrected search for a misspelt one, or None."""
        return None
