"""Guards that keep timelines fast as the knowledge base grows (no timings: those are in bench/).

Every timeline and search statement is planned on an index, never a full scan of events or
citations, and the number of statements per timeline does not grow with the number of events.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import sqlite_only
from sqlalchemy import Engine, event, text

from kb import queries, search
from kb.db import make_engine, session_scope

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402

pytestmark = sqlite_only("query plans are SQLite's (EXPLAIN QUERY PLAN)")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("synthetic") / "kb.sqlite"
    generate.generate(path, 3000, progress=False)
    engine = make_engine(f"sqlite:///{path}", read_only=True)
    yield engine
    engine.dispose()


def statements_of(engine: Engine, run) -> list[tuple[str, object]]:  # noqa: ANN001
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not statement.startswith(("BEGIN", "PRAGMA")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_scope(engine) as session:
            run(session)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen


CASES = {
    "policy": lambda s: queries.timeline(s, filters=queries.Filters(policies=("bench-policy-00007",))),
    "actor": lambda s: queries.timeline(s, filters=queries.Filters(actors=("bench-actor-000042",))),
    "one month": lambda s: queries.timeline(s, filters=queries.Filters(since=dt.date(2010, 3, 1), until=dt.date(2010, 3, 31))),
    "two policies": lambda s: queries.timeline(s, filters=queries.Filters(policies=("bench-policy-00007", "bench-policy-00008"))),
    "search": lambda s: search.search(s, query="treaty"),
    "search phrase": lambda s: search.search(s, query='"landmine policy"'),
}


@pytest.mark.parametrize("name", list(CASES))
def test_no_full_scan_of_events_or_citations(synthetic: Engine, name: str) -> None:
    statements = statements_of(synthetic, CASES[name])
    assert statements
    with synthetic.connect() as conn:
        for statement, parameters in statements:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans = [
                step for step in plan
                if step.startswith("SCAN") and ("events" in step or "citations" in step) and "VIRTUAL TABLE" not in step
            ]  # fmt: skip
            assert not scans, (name, statement[:200], plan)


def test_statements_per_timeline_do_not_grow_with_events(synthetic: Engine, built_db: str) -> None:
    """The same few statements for the eight real sources' 29-event timeline and for 3,000 events."""
    small = make_engine(f"sqlite:///{built_db}", read_only=True)
    few = statements_of(small, lambda s: queries.timeline(s, filters=queries.Filters(policies=("us-apl-policy",))))
    many = statements_of(synthetic, lambda s: queries.timeline(s, filters=queries.Filters(policies=("bench-policy-00007",))))
    whole = statements_of(synthetic, lambda s: queries.timeline(s, filters=queries.Filters(since=dt.date(1990, 1, 1))))
    small.dispose()
    assert len(few) == len(many) <= 4
    with synthetic.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM events")).scalar()
    assert total > 3000 and len(whole) <= 4, len(whole)


def test_a_timeline_never_loads_source_texts(synthetic: Engine) -> None:
    for statement, _ in statements_of(synthetic, CASES["policy"]):
        assert "sources.text" not in statement
