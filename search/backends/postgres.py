"""PostgreSQL: a weighted tsvector on each row, a GIN index, websearch_to_tsquery, ts_rank."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

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
# "Did you mean": the nearest word (pg_trgm similarity) in a published title or a
# theme name, for each word of a search that found nothing.
SIMILAR_WORDS_SQL = """
WITH vocabulary AS (
    SELECT DISTINCT word FROM (
        SELECT regexp_split_to_table(lower(title), '[^[:alnum:]]+') AS word
        FROM {resource_table} WHERE published_at <= now()
        UNION ALL
        SELECT regexp_split_to_table(lower(name), '[^[:alnum:]]+') FROM {theme_table}
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

    def did_you_mean(self, query):
        from resources.models import Resource, Theme

        words = query.words
        if not words:
            return None
        sql = SIMILAR_WORDS_SQL.format(
            resource_table=self.connection.ops.quote_name(Resource._meta.db_table),
            theme_table=self.connection.ops.quote_name(Theme._meta.db_table),
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [words, SIMILARITY_THRESHOLD])
            nearest = dict(cursor.fetchall())
        corrected = {word: nearest.get(word) or word for word in words}
        if all(word == corrected[word] for word in words):
            return None
        return " ".join(corrected[word] for word in words)
