"""Hostile and careless use of the database layer: multi-word searches, dates at the ends of the
calendar, files and databases that are not ours, odd paths, missing drivers, and a reader
beside a writer. Each refusal is one line, a non-zero exit, and nothing changed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import engine_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from kb import search
from kb.db import session_scope

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine(built_db: str) -> Iterator[Engine]:
    e = engine_for(built_db)
    yield e
    e.dispose()


# --- Search: every multi-word query is valid FTS5 / tsquery syntax -------------------------------


def _seed_words() -> list[str]:
    """The words of the shipped documents and annotations, as a user might type them."""
    words: set[str] = set()
    for path in sorted((REPO / "seeds").iterdir()):
        if path.suffix in (".txt", ".yaml"):
            words.update(path.read_text(encoding="utf-8").split())
    return sorted(words)


SEED_WORDS = _seed_words()
OPERATORS = {"AND", "OR", "NOT"}  # a user's own syntax, left to the user
plain_words = st.sampled_from(sorted({t for w in SEED_WORDS for t in re.findall(r"[^\W_]+", w)} - OPERATORS))
raw_words = st.sampled_from([w for w in SEED_WORDS if w not in OPERATORS])


@pytest.mark.parametrize("query", ["landmine policy", "APL policy", "Korean landmine", "anti-personnel land mines policy"])
def test_multi_word_queries_with_variants_run(engine: Engine, query: str) -> None:
    with session_scope(engine) as session:
        results = search.search(session, query=query, limit=5)
    assert results.events or results.sources, query


@given(words=st.lists(plain_words, min_size=1, max_size=4))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_query_of_seed_words_runs(engine: Engine, words: list[str]) -> None:
    with session_scope(engine) as session:
        search.search(session, query=" ".join(words), limit=3)


@given(words=st.lists(raw_words, min_size=1, max_size=4))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_seed_words_with_their_punctuation_never_reach_the_database_malformed(engine: Engine, words: list[str]) -> None:
    # Stray quotes and parentheses are the user's syntax: refused by kb before any SQL runs.
    query = " ".join(words)
    try:
        search.parse_query(query)
    except search.SearchError:
        return
    with session_scope(engine) as session:
        search.search(session, query=query, limit=3)
