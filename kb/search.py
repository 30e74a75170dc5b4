"""Full-text search over event headlines and stances and over source texts (SQLite FTS5).

The indexes (`events_fts`, `sources_fts`) are plain sqlite-utils-style FTS5 tables kept in
sync by triggers. Variants are handled on the query side, from the knowledge base itself:
a policy's or an actor's name and its aliases, and the term variants sources declare in their
annotations (`terms:`), are groups of interchangeable phrases; a query phrase found in a group
becomes an OR of the whole group, so the indexes stay standard and highlights stay verbatim.
Nothing about any subject is written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb import queries
from kb.errors import KBError
from kb.sql import Reader, in_list

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class SearchError(KBError):
    """A search query that cannot be understood."""


_MAX_VARIANTS = 64
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LEXEME = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<op>\(|\)|\bAND\b|\bOR\b|\bNOT\b)|(?P<word>[^\s()"]+))')

Tokens = tuple[str, ...]


@dataclass(frozen=True)
class Variants:
    """Groups of interchangeable phrases, as token sequences, and which group each belongs to."""

    groups: tuple[tuple[Tokens, ...], ...] = ()
    index: dict[Tokens, int] = field(default_factory=dict)
    longest: int = 0

    @classmethod
    def of(cls, groups: Iterable[Iterable[str]]) -> Variants:
        """Phrases that mean the same thing; groups sharing a phrase are merged."""
        parent: dict[Tokens, Tokens] = {}

        def find(x: Tokens) -> Tokens:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for group in groups:
            phrases = [t for t in (tuple(_TOKEN.findall(g.lower())) for g in group) if t]
            for phrase in phrases:
                parent.setdefault(phrase, phrase)
            for phrase in phrases[1:]:
                parent[find(phrase)] = find(phrases[0])
        merged: dict[Tokens, list[Tokens]] = {}
        for phrase in parent:
            merged.setdefault(find(phrase), []).append(phrase)
        out = tuple(tuple(sorted(g, key=lambda t: (len(t), t))[:_MAX_VARIANTS]) for g in merged.values() if len(g) > 1)
        index = {phrase: i for i, g in enumerate(out) for phrase in g}
        return cls(out, index, max((len(t) for t in index), default=0))

    def alternatives(self, tokens: Tokens) -> list[Tokens]:
        """The phrase and every other way of writing it."""
        group = self.index.get(tokens)
        return [tokens] if group is None else [tokens, *(t for t in self.groups[group] if t != tokens)]


NO_VARIANTS = Variants()


# Every phrase that has another way of writing it: declared terms, and the names of policies and
# actors that have aliases (a name alone has no variant to offer).
_PHRASES = (
    "SELECT 't' || term AS grp, term AS phrase FROM term_variants "
    "UNION ALL SELECT 't' || term, variant FROM term_variants "
    "UNION ALL SELECT 'p' || p.id, p.name FROM policies p WHERE EXISTS (SELECT 1 FROM policy_aliases a WHERE a.policy_id = p.id) "
    "UNION ALL SELECT 'p' || a.policy_id, a.alias FROM policy_aliases a "
    "UNION ALL SELECT 'a' || x.id, x.name FROM actors x WHERE EXISTS (SELECT 1 FROM actor_aliases a WHERE a.actor_id = x.id) "
    "UNION ALL SELECT 'a' || a.actor_id, a.alias FROM actor_aliases a"
)


def variants_from(db: Reader | Session, query: str) -> Variants:
    """The knowledge base's variant groups that can matter to this query: term variants, policy
    and actor names with their aliases, each group with a phrase holding one of its words.

    A knowledge base may hold tens of thousands of names: one scan finds the groups with a
    phrase that contains a word of the query, then each group's phrases are read by key."""
    reader = Reader.of(db)
    words = sorted({w for w in _TOKEN.findall(query.lower()) if len(w) > 1})
    if not words:
        return NO_VARIANTS
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    matched = " OR ".join(f"lower(phrase) LIKE :w{i}" for i in range(len(words)))
    hits = reader.scalars(f"SELECT DISTINCT grp FROM ({_PHRASES}) v WHERE {matched}", params)
    terms = [g[1:] for g in hits if g[0] == "t"]
    policy_ids = [int(g[1:]) for g in hits if g[0] == "p"]
    actor_ids = [int(g[1:]) for g in hits if g[0] == "a"]
    rows: list[tuple[str, str]] = []
    for sql, keys in (
        ("SELECT 't' || term, term FROM term_variants WHERE term IN ({k}) "
         "UNION ALL SELECT 't' || term, variant FROM term_variants WHERE term IN ({k})", terms),
        ("SELECT 'p' || id, name FROM policies WHERE id IN ({k}) "
         "UNION ALL SELECT 'p' || policy_id, alias FROM policy_aliases WHERE policy_id IN ({k})", policy_ids),
        ("SELECT 'a' || id, name FROM actors WHERE id IN ({k}) "
         "UNION ALL SELECT 'a' || actor_id, alias FROM actor_aliases WHERE actor_id IN ({k})", actor_ids),
    ):  # fmt: skip
        if keys:
            bound: dict[str, Any] = {}
            rows.extend(reader.rows(sql.format(k=in_list("k", keys, bound)), bound))
    groups: dict[str, list[str]] = {}
    for group, phrase in rows:
        # "the Republic", "the Ministry": a reference that names something only inside its
        # own document, too vague to stand for the name everywhere
        if group[0] == "t" or not _CONTEXTUAL.match(phrase):
            groups.setdefault(group, []).append(phrase)
    return Variants.of(groups.values())


_CONTEXTUAL = re.compile(r"(?i)^(?:the|a|an)\s")


Node = tuple[str, object]  # ("alt", [token tuples]) | ("prefix", token tuple) | ("op", "AND" | "OR" | "NOT" | "(" | ")")


def _terms(tokens: list[str], variants: Variants) -> list[Node]:
    """Bare words as terms; the longest run of words that is a known phrase becomes one term with its variants."""
    terms: list[Node] = []
    i = 0
    while i < len(tokens):
        for n in range(min(variants.longest, len(tokens) - i), 0, -1):
            run = tuple(tokens[i : i + n])
            if run in variants.index:
                terms.append(("alt", variants.alternatives(run)))
                i += n
                break
        else:
            terms.append(("alt", [(tokens[i],)]))
            i += 1
    return terms


def _expand(tokens: list[str], prefix: bool, variants: Variants) -> Node:
    if not tokens:
        raise SearchError("a search term has no letters or digits")
    if prefix:
        return ("prefix", tuple(tokens))
    return ("alt", variants.alternatives(tuple(tokens)))


def parse_query(user_query: str, variants: Variants = NO_VARIANTS) -> list[Node]:
    """A user's query as terms and operators, each term with its variants.

    Phrases ("Korean Peninsula"), prefixes (land*), AND / OR / NOT and parentheses work as in
    FTS5; a bare word written with a hyphen is a phrase of its parts.
    """
    if user_query.count('"') % 2:
        raise SearchError(f"unbalanced quote in {user_query!r}: close the phrase with \"")
    depth = 0
    nodes: list[Node] = []
    pos = 0
    words: list[str] = []

    def flush() -> None:
        # Adjacent bare words are separate terms, but a run of them that is a known phrase (a
        # name, an alias, a declared term) is one term with its variants.
        run: list[str] = []
        for word in [*words, "*"]:
            if word.endswith("*"):
                nodes.extend(_terms(run, variants))
                run = []
                if word != "*":
                    nodes.append(_expand(_TOKEN.findall(word.rstrip("*").lower()), True, variants))
            else:
                run.extend(_TOKEN.findall(word.lower()))
        words.clear()

    while pos < len(user_query):
        m = _LEXEME.match(user_query, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group("phrase"):
            flush()
            body = m.group("phrase")[1:-1]
            prefix = user_query[pos : pos + 1] == "*"
            pos += 1 if prefix else 0
            nodes.append(_expand(_TOKEN.findall(body.lower()), prefix, variants))
        elif m.group("op"):
            flush()
            op = m.group("op")
            depth += {"(": 1, ")": -1}.get(op, 0)
            if depth < 0:
                raise SearchError(f"unbalanced parenthesis in {user_query!r}")
            nodes.append(("op", op))
        else:
            words.append(m.group("word"))
    flush()
    if depth:
        raise SearchError(f"unbalanced parenthesis in {user_query!r}")
    if not any(kind != "op" for kind, _ in nodes):
        raise SearchError('empty search: give a word or a "phrase"')
    return _explicit_and(nodes)


def _explicit_and(nodes: list[Node]) -> list[Node]:
    """AND written out between every two neighbouring operands (terms or groups).

    FTS5 accepts implicit AND only between plain phrases: `(a OR b) "c"` is a syntax error
    (SQLite 3.40), so every adjacency is made explicit for both backends."""
    out: list[Node] = []
    for node in nodes:
        opens_operand = node[0] != "op" or node[1] == "("
        if opens_operand and out and (out[-1][0] != "op" or out[-1][1] == ")"):
            out.append(("op", "AND"))
        out.append(node)
    return out


def _phrase(tokens: tuple[str, ...]) -> str:
    return '"' + " ".join(tokens) + '"'


def fts_query(user_query: str, variants: Variants = NO_VARIANTS) -> str:
    """The query in SQLite FTS5 syntax."""
    parts = []
    for kind, value in parse_query(user_query, variants):
        if kind == "op":
            parts.append(str(value))
        elif kind == "prefix":
            parts.append(_phrase(value) + "*")  # type: ignore[arg-type]
        else:
            variants: list[tuple[str, ...]] = value  # type: ignore[assignment]
            parts.append(_phrase(variants[0]) if len(variants) == 1 else "(" + " OR ".join(map(_phrase, variants)) + ")")
    return " ".join(parts)


def tsquery(user_query: str, variants: Variants = NO_VARIANTS) -> str:
    """The query in PostgreSQL to_tsquery syntax (FTS5's binary NOT is AND NOT)."""

    def phrase(tokens: tuple[str, ...], prefix: bool = False) -> str:
        return " <-> ".join(tokens) + (":*" if prefix else "")

    parts: list[str] = []
    for kind, value in parse_query(user_query, variants):
        if kind == "op":
            parts.append({"AND": "&", "OR": "|", "NOT": "& !"}.get(str(value), str(value)))
        elif kind == "prefix":
            parts.append(phrase(value, prefix=True))  # type: ignore[arg-type]
        else:
            variants = [phrase(v) for v in value]  # type: ignore[union-attr]
            parts.append(variants[0] if len(variants) == 1 else "(" + " | ".join(f"({v})" for v in variants) + ")")
    return " ".join(parts)


@dataclass
class EventHit:
    event: queries.TimelineEvent
    highlighted: str  # headline (or stance) with matches marked «…»
    rank: float


@dataclass
class Passage:
    text: str  # the passage, verbatim, with matches marked «…»
    start: int  # offsets into the source text
    end: int
    events: list[tuple[str, str, str]]  # (event key, date label, headline) the passage's citations support


@dataclass
class SourceHit:
    source: queries.SourceRef
    rank: float
    passages: list[Passage] = field(default_factory=list)


@dataclass
class Results:
    query: str
    fts: str
    events: list[EventHit]
    sources: list[SourceHit]


OPEN, CLOSE = "\u00ab", "\u00bb"  # « »
_MARK_A, _MARK_B = "\x02", "\x03"


# PostgreSQL: the documents its GIN indexes (events_fts, sources_fts) are built over; a frozen
# copy of schema revision 0002's, so the planner can use the indexes.
_PG_DOCUMENTS = {
    "events": "coalesce(headline, '') || ' ' || coalesce(stance, '') || ' ' || coalesce(description, '')",
    "sources": "coalesce(title, '') || ' ' || text",
}


def search(db: Reader | Session, *, query: str, limit: int = 20) -> Results:
    """Ranked events and source passages matching the query (lower rank is better)."""
    reader = Reader.of(db)
    variants = variants_from(reader, query)
    fts = tsquery(query, variants) if reader.postgres else fts_query(query, variants)
    try:
        # rows: (id, marked headline, marked stance, rank) and (id, marked text, rank)
        event_rows, source_rows = (_postgres_rows if reader.postgres else _sqlite_rows)(reader, fts, limit)
    except reader.errors as exc:
        raise SearchError(f"cannot search for {query!r}: {str(exc).splitlines()[0]}") from None
    events = queries.events_by_id(reader, [r[0] for r in event_rows])
    event_hits = [
        EventHit(events[rowid], _join_marks(headline if OPEN in headline else (stance or headline)), rank)
        for rowid, headline, stance, rank in event_rows
        if rowid in events
    ]
    details = queries.sources_with_citations(reader, [row[0] for row in source_rows])
    source_hits = []
    for rowid, marked, rank in source_rows:
        ref, content_start, content_end, citations = details[rowid]
        hit = SourceHit(ref, rank)
        hit.passages = _passages(marked, content_start, content_end, citations)
        source_hits.append(hit)
    return Results(query, fts, event_hits, source_hits)


def _sqlite_rows(reader: Reader, fts: str, limit: int) -> tuple[list[Any], list[Any]]:
    events = reader.rows(
        "SELECT rowid, highlight(events_fts, 0, :a, :b) AS headline, "
        "highlight(events_fts, 1, :a, :b) AS stance, rank FROM events_fts "
        "WHERE events_fts MATCH :q ORDER BY rank LIMIT :n",
        {"q": fts, "a": OPEN, "b": CLOSE, "n": limit},
    )
    sources = reader.rows(
        "SELECT rowid, highlight(sources_fts, 1, :a, :b) AS marked, rank FROM sources_fts "
        "WHERE sources_fts MATCH :q ORDER BY rank LIMIT :n",
        {"q": fts, "a": _MARK_A, "b": _MARK_B, "n": limit},
    )
    return events, sources


def _postgres_rows(reader: Reader, tsq: str, limit: int) -> tuple[list[Any], list[Any]]:
    def marks(a: str, b: str) -> str:
        return f"StartSel={a},StopSel={b},HighlightAll=true"

    events = reader.rows(
        (
            "SELECT e.id AS rowid, ts_headline('english', e.headline, q, :m) AS headline, "
            "ts_headline('english', coalesce(e.stance, ''), q, :m) AS stance, "
            f"-ts_rank(to_tsvector('english', {_PG_DOCUMENTS['events']}), q) AS rank "
            "FROM events e, to_tsquery('english', :q) q "
            f"WHERE to_tsvector('english', {_PG_DOCUMENTS['events']}) @@ q ORDER BY rank, e.id LIMIT :n"
        ),
        {"q": tsq, "m": marks(OPEN, CLOSE), "n": limit},
    )
    sources = reader.rows(
        (
            "SELECT s.id AS rowid, ts_headline('english', s.text, q, :m) AS marked, "
            f"-ts_rank(to_tsvector('english', {_PG_DOCUMENTS['sources']}), q) AS rank "
            "FROM sources s, to_tsquery('english', :q) q "
            f"WHERE to_tsvector('english', {_PG_DOCUMENTS['sources']}) @@ q ORDER BY rank, s.id LIMIT :n"
        ),
        {"q": tsq, "m": marks(_MARK_A, _MARK_B), "n": limit},
    )
    return events, sources


def _matches(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, and the offsets of each marked match in it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = 0
    for part in re.split(f"([{_MARK_A}{_MARK_B}])", marked):
        if part == _MARK_A:
            start = length
        elif part == _MARK_B:
            spans.append((start, length))
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), spans


_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9\u201d\u2019\"')\]][.!?])\s+"  # a full stop after a word, not after a capital ("U.N.")
    r"|(?<=[a-z0-9\u201d\u2019\"')\]][;:])\s*\n\s*"  # a list item ending in ; or :
    r"|(?<=[\u201d\"])\s*\n\s*"  # a closing quotation mark at the end of a line
    r"|(?<=[a-z])\n\s*\n\s*(?=[A-Z])"  # a heading without punctuation, then a paragraph
    r"|\n(?=\s*[-\u2022])"  # before a list item
)


_REACH = 500  # how far from a match to look for its sentence's ends (longer sentences are cut)


def _sentence(text_: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around [start, end), kept within [lo, hi).

    A full stop after a capital ("U.N.") does not end a sentence; a line break ends one only
    after closing punctuation or before a list item, so hard-wrapped news text stays whole.
    Only the text near the match is scanned, so a long source costs no more than a short one."""
    window_lo, window_hi = max(lo, start - _REACH), min(hi, end + _REACH)
    left, right = window_lo, window_hi
    for m in _SENTENCE_END.finditer(text_, window_lo, window_hi):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, max(right, end)


def _passages(marked: str, lo: int, hi: int, citations: list[tuple[int, int, str, str, str]]) -> list[Passage]:
    plain, spans = _matches(marked)
    windows: list[list[tuple[int, int]]] = []
    bounds: list[tuple[int, int]] = []
    for start, end in spans:
        if not (lo <= start and end <= hi):
            continue  # <SUMMARY>, <HIGHLIGHTS> and the header are stored but not citable
        if len(bounds) == 3 and end > bounds[-1][1]:
            break  # three passages are shown; the rest of the text need not be read
        window = _sentence(plain, start, end, lo, hi)
        if bounds and window == bounds[-1]:
            windows[-1].append((start, end))
        elif len(bounds) < 3:
            bounds.append(window)
            windows.append([(start, end)])
    passages = []
    for (w_start, w_end), marks in list(zip(bounds, windows))[:3]:
        pieces, cursor = [], w_start
        for start, end in marks:
            pieces += [plain[cursor:start], OPEN, plain[start:end], CLOSE]
            cursor = end
        pieces.append(plain[cursor:w_end])
        supported = list(
            dict.fromkeys(
                (key, label, headline)
                for c_start, c_end, key, label, headline in citations
                if any(c_start < end and start < c_end for start, end in marks)
            )
        )
        passages.append(Passage(_join_marks(" ".join("".join(pieces).split())), w_start, w_end, supported))
    return passages


def _join_marks(marked: str) -> str:
    """«Korean» «Peninsula» -> «Korean Peninsula»: one mark per run of matched words."""
    return re.sub(f"{CLOSE}(\\s+){OPEN}", r"\1", marked)
