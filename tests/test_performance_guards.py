"""Guards that keep timelines fast as the knowledge base grows (no timings: those are in bench/).

Every timeline and search statement is planned on an index, never a full scan of events or
citations; the number of statements per timeline does not grow with the number of events
(beyond two per 500 events for their details); a streamed timeline runs its filter once; and
`kb --help` and read commands on SQLite import only what they need.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import sqlite_only
from sqlalchemy import Engine, text

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
    """Every statement `run` sends through the driver (reads go through sqlite3 itself, not
    SQLAlchemy): SQLite's expanded text, parameters inlined."""
    seen: list[tuple[str, object]] = []

    def capture(statement: str) -> None:
        # FTS5's own statements on its shadow tables ('main'.'events_fts_…', "-- PRAGMA") aside
        if not statement.startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT", "--")) and "'main'." not in statement:
            seen.append((statement, ()))

    with session_scope(engine) as session:
        raw = session.connection().connection.dbapi_connection
        raw.set_trace_callback(capture)
        try:
            run(session)
        finally:
            raw.set_trace_callback(None)
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
    """The same few statements for the eight real sources' 29-event timeline and for 3,000
    events; a timeline of every event, two more per 500 events (details by chunks of ids)."""
    small = make_engine(f"sqlite:///{built_db}", read_only=True)
    few = statements_of(small, lambda s: queries.timeline(s, filters=queries.Filters(policies=("us-apl-policy",))))
    many = statements_of(synthetic, lambda s: queries.timeline(s, filters=queries.Filters(policies=("bench-policy-00007",))))
    whole = statements_of(synthetic, lambda s: queries.timeline(s, filters=queries.Filters(since=dt.date(1990, 1, 1))))
    small.dispose()
    assert len(few) == len(many) <= 4
    with synthetic.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM events")).scalar()
    assert total > 3000 and len(whole) <= 1 + 2 * math.ceil(total / 500), len(whole)


def test_a_streamed_timeline_runs_its_filter_once(synthetic: Engine) -> None:
    """Page after page from one cursor: the events statement is not re-run per page."""
    filters = queries.Filters(since=dt.date(1990, 1, 1))
    pages: list[int] = []

    def stream(session) -> None:  # noqa: ANN001
        pages.append(sum(1 for _ in queries.stream_timeline(session, filters=filters, page=250)))

    seen = statements_of(synthetic, stream)
    with session_scope(synthetic) as session:
        whole = queries.timeline(session, filters=filters)
    assert pages == [len(whole.events)] and len(whole.events) > 1000
    assert sum("ORDER BY events.sort_key" in statement for statement, _ in seen) == 1


def test_streamed_json_is_what_the_whole_document_would_be(synthetic: Engine) -> None:
    from kb import render

    filters = queries.Filters(since=dt.date(2000, 1, 1), until=dt.date(2003, 12, 31))
    with session_scope(synthetic) as session:
        for fmt in ("json", "csv"):
            streamed, whole = io.StringIO(), io.StringIO()
            render.stream_timeline(queries.stream_timeline(session, filters=filters, page=7), fmt, streamed)
            render.write_timeline(queries.timeline(session, filters=filters), fmt, whole)
            assert streamed.getvalue() == whole.getvalue() and len(whole.getvalue()) > 1000


def _imported(args: list[str], db: str) -> set[str]:
    """The modules a kb command imports (run in a fresh interpreter, outside any knowledge base root)."""
    probe = (
        "import sys; from kb.cli import cli\n"
        "try:\n    cli.main(sys.argv[1:], prog_name='kb')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nmodules: ' + ' '.join(sorted(sys.modules)) + '\\n')"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120,
                          cwd=Path(db).parent, env={**os.environ, "KB_DB": db})  # fmt: skip
    line = next(x for x in done.stderr.splitlines() if x.startswith("modules: "))
    return set(line.split()[1:])


def test_help_imports_no_database_library(built_db: str) -> None:
    modules = _imported(["--help"], built_db)
    assert "click" in modules and "sqlalchemy" not in modules and "kb.queries" not in modules


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--policy", "us-apl-policy", "--format", "json"],
        ["state", "us-apl-policy", "--at", "2021-04-06"],
        ["search", "policy"],
        ["show", "policy", "us-apl-policy"],
        ["sources"],
        ["conflicts"],
    ],
    ids=lambda a: a[0],
)
def test_read_commands_at_head_import_neither_sqlalchemy_nor_alembic(built_db: str, args: list[str]) -> None:
    """Read commands run their SQL through sqlite3 itself (docs/performance.md: SQLAlchemy's
    import alone was several times a whole read command)."""
    modules = _imported([*args, "--db", built_db], built_db)
    assert "kb.sql" in modules and "sqlite3" in modules
    assert not {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}, args


def test_a_timeline_never_loads_source_texts(synthetic: Engine) -> None:
    for statement, _ in statements_of(synthetic, CASES["policy"]):
        assert "sources.text" not in statement


def test_orjson_writes_what_json_dumps_writes() -> None:
    """The fast encoder of timelines gives json.dumps's bytes, hostile strings included."""
    from kb import render

    hostile = ["", "a\x00b\x1b[31m\x7f\x85\u2028\u202e", '"\\/\t\n\r\x0c\x08', "\U0001f600 é", "\ud800 lone", "\u2066x"]
    for value in hostile:
        payload = {"events": [{value: [value, None, True, False, 0, -(2**63), 2**70, [], {}]}], "k": value}
        assert render.json_text(payload, floats=False) == render.json_text(payload)
