"""SQLite: an FTS5 table for each searchable model, ranked like ts_rank, snippet()."""

from django.db.models import FloatField
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe

from .base import START, STOP, Backend, marked

# Each searchable model's rows in an FTS5 table of its own, whose rowid is the
# row's primary key: search_index_<the model's table>. (Until migration 0002 one
# table, search_fts, held every model's rows, each numbered by its model's
# place in a fixed list of models.)
TABLE_PREFIX = "search_index_"
COLUMNS = ("title", "summary", "facets", "body")
# Porter stemming over unicode61 words, accents folded: "exclusions" finds "exclusion".
TOKENIZER = "porter unicode61 remove_diacritics 2"


def table(model):
    return TABLE_PREFIX + model._meta.db_table


# Ranking, as PostgreSQL's ts_rank does it: each matching word counts by the weight
# of the column it is in (title 1.0, summary 0.4, facets 0.2: ts_rank's defaults
# for A, B, C), with repeats counting less and less (1, 1/4, 1/9: as ts_rank sums
# them). Matches are counted from highlight(). The body (D) is left out of the sum:
# highlighting it means re-reading thousands of words for every match (10 s a
# search over 10,000 long bodies), and as every result matched somewhere, a body
# match only orders results that tie on everything else, which the newest-first
# tie-break does. bm25() was the other choice, but it re-reads the whole index for
# every row ranked (its word rarity), which took 1.3 s for 2,858 matches of 10,000
# rows; and it favours short rows, so a short summary could outrank a title.
WEIGHTS = (1.0, 0.4, 0.2)
MARK = "char(1)"
MARKED_COLUMNS = ", ".join(
    f"highlight({{table}}, {column}, {MARK}, '') AS marked{column}"
    for column in range(len(WEIGHTS))
)
MATCHES_SQL = "min(length(marked{0}) - length(replace(marked{0}, " + MARK + ", '')), 3)"
RANK_SQL = " + ".join(
    f"{weight} * (CASE {MATCHES_SQL.format(column)} "
    "WHEN 0 THEN 0 WHEN 1 THEN 1.0 WHEN 2 THEN 1.25 ELSE 1.36 END)"
    for column, weight in enumerate(WEIGHTS)
)
SNIPPET_TOKENS = 24


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


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def table(self, model):
        return self.connection.ops.quote_name(table(model))

    def prepare(self, model):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table(model)]
            )
            if cursor.fetchone():
                return False
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.table(model)} USING fts5("
                f"{', '.join(COLUMNS)}, tokenize = '{TOKENIZER}')"
            )
        return True

    def write(self, model, documents):
        if not documents:
            return
        with self.connection.cursor() as cursor:
            self._delete(cursor, model, [pk for pk, _ in documents])
            cursor.executemany(
                f"INSERT INTO {self.table(model)} (rowid, title, summary, facets, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(pk, doc.title, doc.summary, doc.facets, doc.body) for pk, doc in documents],
            )

    def remove(self, model, pks):
        with self.connection.cursor() as cursor:
            self._delete(cursor, model, list(pks))

    def _delete(self, cursor, model, pks):
        for start in range(0, len(pks), 500):
            batch = pks[start : start + 500]
            cursor.execute(
                f"DELETE FROM {self.table(model)} "
                f"WHERE rowid IN ({', '.join(['%s'] * len(batch))})",
                batch,
            )

    def search(self, queryset, query):
        model = queryset.model
        match = fts_expression(query)
        fts = self.table(model)
        outer = f"{model._meta.db_table}.{model._meta.pk.column}"
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match])
        ).annotate(
            search_rank=RawSQL(
                f"SELECT {RANK_SQL} FROM (SELECT {MARKED_COLUMNS.format(table=fts)} FROM {fts} "
                f"WHERE {fts} MATCH %s AND {fts}.rowid = {outer})",
                [match],
                output_field=FloatField(),
            )
        )

    def highlight(self, model, query, rows):
        if not rows:
            return {}
        pks = [pk for pk, _ in rows]
        fts = self.table(model)
        marks = f"'{START}', '{STOP}'"
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, highlight({fts}, 0, {marks}), "
                f"snippet({fts}, 1, {marks}, '…', {SNIPPET_TOKENS}), "
                f"snippet({fts}, 3, {marks}, '…', {SNIPPET_TOKENS}) "
                f"FROM {fts} WHERE {fts} MATCH %s "
                f"AND rowid IN ({', '.join(['%s'] * len(pks))})",
                [fts_expression(query), *pks],
            )
            found = {}
            for pk, title, summary, body in cursor.fetchall():
                snippets = [marked(text) for text in (summary, body)]
                found[pk] = (
                    marked(title),
                    mark_safe(" … ".join(s for s in snippets if s)) or None,
                )
            return found
