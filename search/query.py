"""What a reader typed, read as web-search syntax, checked before any database sees it.

Both backends search from this one reading, so a query means the same on
PostgreSQL and SQLite: words (all must match), "exact phrases", `-word` to
leave a word out and `or` between alternatives, as in `websearch_to_tsquery`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from core.filters import SEARCH_MAX_LENGTH

MAX_LENGTH = SEARCH_MAX_LENGTH  # the same limit as every list's search box
MAX_TERMS = 20

# PostgreSQL's English stop words (tsearch_data/english.stop). PostgreSQL drops
# them from queries; SQLite's FTS5 would not, so we drop them for both.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
    """.split()
)

# Word families the English stemmer keeps apart (exclusion → "exclus", excluded →
# "exclud"), so a search for one also looks for the other. (suffix, replacement)
# pairs, tried in order on the whole word; longest suffixes first.
RELATED_FORMS = (
    ("usions", "ude"),
    ("usion", "ude"),
    ("uding", "usion"),
    ("uded", "usion"),
    ("udes", "usion"),
    ("ude", "usion"),
    ("isions", "ide"),
    ("ision", "ide"),
    ("iding", "ision"),
    ("ided", "ision"),
    ("ides", "ision"),
    ("ide", "ision"),
    ("ensions", "end"),
    ("ension", "end"),
    ("ending", "ension"),
    ("ended", "ension"),
    ("ends", "ension"),
    ("end", "ension"),
    ("entions", "ene"),
    ("ention", "ene"),
    ("ening", "ention"),
    ("ened", "ention"),
    ("enes", "ention"),
    ("ene", "ention"),
    ("issions", "it"),
    ("ission", "it"),
    ("itting", "ission"),
    ("itted", "ission"),
    ("its", "ission"),
    ("it", "ission"),
)
MIN_RELATED_STEM = 3  # "dec" + "ide"; shorter stems ("s" + "ide") would be noise

WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5 and PostgreSQL split words
# A quoted phrase (closed or not), or a run of anything that is not a space or a quote.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
SENTINELS = "\ue000\ue001"  # marks around highlighted words; never searched for


def related_forms(word):
    """Return other forms of `word` in its family: exclusion → exclude."""
    for suffix, replacement in RELATED_FORMS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= MIN_RELATED_STEM:
            return [stem + replacement]
    return []


@dataclass(frozen=True)
class Term:
    """One word or one "exact phrase" (words in order), with other forms of a single word."""

    words: tuple
    alternatives: tuple = ()

    @property
    def is_phrase(self):
        return len(self.words) > 1

    @property
    def forms(self):
        """The term's text and its other forms, as web-search text."""
        first = " ".join(self.words)
        if self.is_phrase:
            return [f'"{first}"']
        return [first, *self.alternatives]


@dataclass
class SearchQuery:
    """A reader's search: what to look for, or why nothing can be looked for."""

    raw: str = ""
    clauses: list = field(default_factory=list)  # all must match; each is a list of Terms (or)
    excluded: list = field(default_factory=list)  # Terms that must not match
    problem: str = ""  # why nothing was searched, in plain words
    notices: list = field(default_factory=list)  # what we changed, in plain words

    @property
    def is_blank(self):
        return not self.raw.strip()

    @property
    def is_searchable(self):
        return bool(self.clauses) and not self.problem

    @property
    def clause_texts(self):
        """Each clause as web-search text: `exclusion or exclude`, `"children in care"`."""
        return [
            " or ".join(form for term in clause for form in term.forms) for clause in self.clauses
        ]

    @property
    def excluded_texts(self):
        """Each left-out term (and its other forms) as web-search text, without the minus."""
        return [" or ".join(term.forms) for term in self.excluded]

    @property
    def websearch_text(self):
        """The whole search as web-search text, as the reader might have typed it."""
        parts = [*self.clause_texts, *(f"-{form}" for t in self.excluded for form in t.forms)]
        return " ".join(parts)

    @property
    def words(self):
        """Every word looked for, in order, without repeats (for “Did you mean”)."""
        seen = []
        for clause in self.clauses:
            for term in clause:
                for word in term.words:
                    if word not in seen:
                        seen.append(word)
        return seen


def clean(text):
    """Return `text` without control characters (NUL bytes and the like), and whether any went."""
    kept = "".join(
        " "
        if char in SENTINELS or (not char.isspace() and unicodedata.category(char)[0] == "C")
        else char
        for char in text
    )
    return kept, kept != text


def _term(text, keep_stop_words):
    words = tuple(word.lower() for word in WORD.findall(text))
    if not keep_stop_words:
        words = tuple(word for word in words if word not in STOP_WORDS)
    if not words or all(word in STOP_WORDS for word in words):
        return None
    if len(words) == 1:
        return Term(words, tuple(related_forms(words[0])))
    return Term(words)


def parse(raw, *, max_length=MAX_LENGTH, label="Search text"):
    """Read a search as web-search syntax; say in `problem` why nothing can be searched."""
    raw = raw or ""
    query = SearchQuery(raw=raw)
    if query.is_blank:
        query.problem = "Type a word or two to search for."
        return query
    if len(raw) > max_length:
        query.problem = (
            f"{label} must be {max_length} characters or fewer (this has {len(raw):,}). "
            "Shorten it and search again."
        )
        return query
    text, changed = clean(raw)
    if changed:
        query.notices.append(
            "Your search had characters that cannot be searched for (such as control "
            "characters), so they were left out."
        )
    if text.count('"') % 2:
        query.notices.append(
            "A quotation mark was not closed, so everything after it was searched for "
            "as one phrase."
        )

    had_words = False
    joins_previous = False
    for match in TOKEN.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        body = match.group(2) if quoted else match.group(4)
        if WORD.search(body):
            had_words = True
        if not quoted and body.lower() == "or" and not negated:
            joins_previous = bool(query.clauses)
            continue
        # In a phrase every word counts; "children in care" keeps its "in".
        term = _term(body, keep_stop_words=quoted)
        if term is None:
            joins_previous = False
            continue
        if negated:
            query.excluded.append(term)
        elif joins_previous:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        joins_previous = False

    terms = sum(len(clause) for clause in query.clauses) + len(query.excluded)
    if terms > MAX_TERMS:
        query.problem = f"Use {MAX_TERMS} words or fewer (this has {terms})."
    elif not query.clauses and query.excluded:
        query.problem = (
            "Add a word to search for, as well as the words to leave out "
            "(a minus sign before a word leaves it out)."
        )
    elif not query.clauses and had_words:
        query.problem = (
            f"“{text.strip()[:60]}” has only very common words, like “the” or “and”, "
            "which are not searched for. Try more specific words."
        )
    elif not query.clauses:
        query.problem = (
            f"There are no words to search for in “{text.strip()[:60]}”. "
            "Type a word or two: punctuation on its own cannot be searched for."
        )
    return query


def parse_prefix(raw, *, max_length=MAX_LENGTH):
    """Read text typed so far for suggestions: every word, the last one possibly unfinished."""
    text, _ = clean((raw or "")[:max_length])
    words = [word.lower() for word in WORD.findall(text)][:MAX_TERMS]
    if not words:
        return []
    *complete, last = words
    return [word for word in complete if word not in STOP_WORDS] + [last]
