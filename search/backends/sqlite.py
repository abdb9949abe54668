"""SQLite: one FTS5 table for everything searchable, bm25 with column weights, snippet()."""

from django.db.models import FloatField
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe

from .base import START, STOP, Backend, marked

# Column weights for bm25(), in the FTS5 table's column order: title, summary,
# facets, body. Chosen to rank like PostgreSQL's default 1.0 / 0.4 / 0.2 / 0.1.
WEIGHTS = (10.0, 4.0, 2.0, 1.0)
TITLE_BOOST = 100.0
SNIPPET_TOKENS = 24


# One FTS5 table for everything searchable, so bm25's word statistics are shared and
# a resource's score can be compared with a programme item's (as ts_rank's can).
# Its rowid is the row's primary key times KINDS plus the model's place in KINDS.
TABLE = "search_fts"
KINDS = ("resources.resource", "newsletters.programmeitem")


def kind(model):
    return KINDS.index(model._meta.label_lower)


def rowid(model, pk):
    return pk * len(KINDS) + kind(model)


def fts_term(term):
    # Every word is \w+ (query.WORD), so quoting it makes FTS5 read it as plain text.
    return '"' + " ".join(term.words) + '"'


def fts_expression(query):
    """The search as an FTS5 MATCH expression: (a OR b) AND "a phrase" NOT c."""
    clauses = []
    for clause in query.clauses:
        forms = [fts_term(term) for term in clause]
        forms += [f'"{form}"' for term in clause for form in term.alternatives]
        clauses.append("(" + " OR ".join(forms) + ")")
    expression = " AND ".join(clauses)
    for term in query.excluded:
        for form in [fts_term(term), *(f'"{form}"' for form in term.alternatives)]:
            expression = f"({expression}) NOT {form}"
    return expression


def fts_title_expression(query):
    """A MATCH expression for any word of the search in the title column."""
    forms = [fts_term(term) for clause in query.clauses for term in clause]
    forms += [
        f'"{form}"' for clause in query.clauses for term in clause for form in term.alternatives
    ]
    return "title : (" + " OR ".join(forms) + ")"


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def write(self, model, documents):
        if not documents:
            return
        with self.connection.cursor() as cursor:
            self._delete(cursor, model, [pk for pk, _ in documents])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, summary, facets, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (rowid(model, pk), doc.title, doc.summary, doc.facets, doc.body)
                    for pk, doc in documents
                ],
            )

    def remove(self, model, pks):
        with self.connection.cursor() as cursor:
            self._delete(cursor, model, list(pks))

    def _delete(self, cursor, model, pks):
        rowids = [rowid(model, pk) for pk in pks]
        for start in range(0, len(rowids), 500):
            batch = rowids[start : start + 500]
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join(['%s'] * len(batch))})", batch
            )

    def search(self, queryset, query):
        model = queryset.model
        match = fts_expression(query)
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        outer = f"{model._meta.db_table}.{model._meta.pk.column}"
        kinds, this = len(KINDS), kind(model)
        return queryset.filter(
            pk__in=RawSQL(
                f"SELECT rowid / {kinds} FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"AND rowid %% {kinds} = {this}",
                [match],
            )
        ).annotate(
            # bm25() is lower for better matches; negated so that higher is better, as on
            # PostgreSQL.
            # bm25 saturates and favours short rows, so a short summary mentioning a
            # word twice could outrank a title; PostgreSQL's ts_rank (weight A) puts
            # title matches first, so a title match adds TITLE_BOOST here too.
            search_rank=RawSQL(
                f"SELECT -bm25({TABLE}, {weights}) + CASE WHEN EXISTS (SELECT 1 FROM {TABLE} "
                f"AS titles WHERE titles.{TABLE} MATCH %s AND titles.rowid = {TABLE}.rowid) "
                f"THEN {TITLE_BOOST} ELSE 0 END "
                f"FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {outer} * {kinds} + {this}",
                [fts_title_expression(query), match],
                output_field=FloatField(),
            )
        )

    def highlight(self, model, query, rows):
        if not rows:
            return {}
        rowids = [rowid(model, pk) for pk, _ in rows]
        marks = f"'{START}', '{STOP}'"
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid / {len(KINDS)}, highlight({TABLE}, 0, {marks}), "
                f"snippet({TABLE}, 1, {marks}, '…', {SNIPPET_TOKENS}), "
                f"snippet({TABLE}, 3, {marks}, '…', {SNIPPET_TOKENS}) "
                f"FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"AND rowid IN ({', '.join(['%s'] * len(rowids))})",
                [fts_expression(query), *rowids],
            )
            found = {}
            for pk, title, summary, body in cursor.fetchall():
                snippets = [marked(text) for text in (summary, body)]
                found[pk] = (
                    marked(title),
                    mark_safe(" … ".join(s for s in snippets if s)) or None,
                )
            return found
