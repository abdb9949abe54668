"""PostgreSQL: a weighted tsvector on each row, a GIN index, websearch_to_tsquery, ts_rank."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from .. import registry
from .base import START, STOP, Backend, marked

CONFIG = "english"
WEIGHTS = ("A", "B", "C", "D")
VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{CONFIG}', v.{part}), '{weight}')"
    for part, weight in zip(("title", "summary", "facets", "body"), WEIGHTS, strict=True)
)
TITLE_OPTIONS = f'HighlightAll=true, StartSel="{START}", StopSel="{STOP}"'
SNIPPET_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxFragments=2, MaxWords=30, MinWords=12, '
    'ShortWord=3, FragmentDelimiter=" … "'
)
# "Did you mean": the nearest word (pg_trgm similarity), for each word of a search
# that found nothing, among the words of every registered vocabulary (search/
# registry.py): one-column querysets, such as published titles and theme names.
SIMILAR_WORDS_SQL = """
WITH vocabulary AS (
    SELECT DISTINCT word FROM (
        {sources}
    ) AS words
    WHERE length(word) > 2
)
SELECT typed.word, nearest.word
FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, position)
LEFT JOIN LATERAL (
    SELECT word FROM vocabulary
    WHERE similarity(word, typed.word) >= %s
    ORDER BY similarity(word, typed.word) DESC, word
    LIMIT 1
) AS nearest ON true
ORDER BY typed.position
"""
SOURCE_SQL = (
    "SELECT regexp_split_to_table(lower(source.text), '[^[:alnum:]]+') AS word "
    "FROM ({queryset}) AS source(text)"
)
SIMILARITY_THRESHOLD = 0.4


class PostgresBackend(Backend):
    vendor = "postgresql"
    has_did_you_mean = True

    def tsquery(self, query):
        """The search as a tsquery: each clause through websearch_to_tsquery, ANDed.

        One websearch_to_tsquery over the whole text would read `a or b c` as
        `a | (b & c)` and `a or b -c` as `a | (b & !c)`; readers (and FTS5) mean
        `(a | b) & c` and `(a | b) & !c`, so clauses and exclusions are combined here.
        """
        parts = [
            SearchQuery(text, search_type="websearch", config=CONFIG)
            for text in query.clause_texts
        ]
        parts += [
            ~SearchQuery(text, search_type="websearch", config=CONFIG)
            for text in query.excluded_texts
        ]
        combined = parts[0]
        for part in parts[1:]:
            combined &= part
        return combined

    def tsquery_sql(self, query):
        """The same tsquery as tsquery(), as SQL and parameters for hand-written queries."""
        texts = [(text, "") for text in query.clause_texts]
        texts += [(text, "!!") for text in query.excluded_texts]
        sql = " && ".join(f"{negate}websearch_to_tsquery('{CONFIG}', %s)" for _, negate in texts)
        return f"({sql})", [text for text, _ in texts]

    def write(self, model, documents):
        if not documents:
            return
        rows = ", ".join(["(%s::bigint, %s::text, %s::text, %s::text, %s::text)"] * len(documents))
        params = []
        for pk, document in documents:
            params += [pk, document.title, document.summary, document.facets, document.body]
        table = self.connection.ops.quote_name(model._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS t SET search_vector = {VECTOR_SQL} "
                f"FROM (VALUES {rows}) AS v(id, title, summary, facets, body) WHERE t.id = v.id",
                params,
            )

    def search(self, queryset, query):
        tsquery = self.tsquery(query)
        return queryset.filter(search_vector=tsquery).annotate(
            search_rank=SearchRank(F("search_vector"), tsquery)
        )

    def highlight(self, model, query, rows):
        if not rows:
            return {}
        values = ", ".join(["(%s::bigint, %s::text, %s::text)"] * len(rows))
        tsquery, params = self.tsquery_sql(query)
        for pk, document in rows:
            params += [pk, document.title, document.text]
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT v.id, ts_headline('{CONFIG}', v.title, search.q, %s), "
                f"ts_headline('{CONFIG}', v.text, search.q, %s) "
                f"FROM (SELECT {tsquery} AS q) AS search, "
                f"(VALUES {values}) AS v(id, title, text)",
                [TITLE_OPTIONS, SNIPPET_OPTIONS, *params],
            )
            return {pk: (marked(title), marked(text)) for pk, title, text in cursor.fetchall()}

    def vocabulary_sql(self):
        """Every registered vocabulary queryset, compiled, as one UNION ALL of words."""
        parts, params = [], []
        for searchable in registry.searchables():
            for queryset in searchable.vocabulary():
                # Each queryset says which rows count (published ones, through
                # core.publishing), so no SQL here decides what is published.
                sql, source_params = (
                    queryset.order_by().query.get_compiler(connection=self.connection).as_sql()
                )
                parts.append(SOURCE_SQL.format(queryset=sql))
                params += source_params
        return "\n        UNION ALL\n        ".join(parts), params

    def did_you_mean(self, query):
        words = query.words
        if not words:
            return None
        sources, params = self.vocabulary_sql()
        if not sources:
            return None
        with self.connection.cursor() as cursor:
            cursor.execute(
                SIMILAR_WORDS_SQL.format(sources=sources), [*params, words, SIMILARITY_THRESHOLD]
            )
            nearest = dict(cursor.fetchall())
        corrected = {word: nearest.get(word) or word for word in words}
        if all(word == corrected[word] for word in words):
            return None
        return " ".join(corrected[word] for word in words)
