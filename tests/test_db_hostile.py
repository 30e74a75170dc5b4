"""Hostile and careless use of the database layer: multi-word searches, dates at the ends of the
calendar, files and databases that are not ours, odd paths, missing drivers, and a reader
beside a writer. Each refusal is one line, a non-zero exit, and nothing changed."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from helpers import engine_for, run
from hypothesis import HealthCheck, example, given, settings
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


# --- Dates at the ends of the calendar -----------------------------------------------------------

DATE_OPTIONS = {
    "timeline --since": ("timeline", "--since"),
    "timeline --until": ("timeline", "--until"),
    "timeline --as-of": ("timeline", "--as-of"),
    "state --at": ("state", "apl", "--at"),
    "state --as-of": ("state", "apl", "--as-of"),
}
# kb/queries.py steps a day past --as-of and 366 days before --since with datetime arithmetic,
# which overflows at 9999-12-31 and 0001-01-01; kb.dates.add_days / is_last_of_month hold there.
QUERIES_OVERFLOW = pytest.mark.xfail(
    strict=True, reason="kb/queries.py: published_by and _event_select must use kb.dates.is_last_of_month / add_days"
)
EDGE_CASES = [
    pytest.param(option, value, marks=QUERIES_OVERFLOW if (option, value) in {
        ("timeline --since", "0001"), ("timeline --since", "0001-01-01"), ("timeline --as-of", "9999-12-31"),
        ("timeline --as-of", "9999"), ("state --as-of", "9999"), ("state --as-of", "9999-12-31"),
    } else ())
    for option in DATE_OPTIONS
    for value in ("0001", "0001-01-01", "9999", "9999-12-31")
]  # fmt: skip


def _date_run(option: str, value: str) -> Result:
    result = run(*DATE_OPTIONS[option], value, "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), (option, value, repr(result.exception))
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(("option", "value"), EDGE_CASES)
def test_the_first_and_last_days_of_the_calendar_are_ordinary_dates(db_copy: str, option: str, value: str) -> None:
    result = _date_run(option, value)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


@pytest.mark.parametrize(
    "option", [pytest.param(o, marks=QUERIES_OVERFLOW if o in ("timeline --since", "timeline --as-of", "state --as-of") else ()) for o in DATE_OPTIONS]
)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), length=st.sampled_from([4, 7, 10]))
@example(day=dt.date(1, 1, 1), length=4)
@example(day=dt.date(9999, 12, 31), length=10)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_date_from_0001_to_9999_for_every_date_option(db_copy: str, option: str, day: dt.date, length: int) -> None:
    result = _date_run(option, day.isoformat()[:length])
    assert result.exit_code == 0, result.output
