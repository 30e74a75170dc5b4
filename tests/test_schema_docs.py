"""Every SQL example in docs/schema.md and every Datasette canned query returns what the matching
CLI command returns, on the built knowledge base."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import BACKEND, engine_for, ok, sqlite_only
from sqlalchemy import text

from kb.datasette import CANNED
from kb.dates import date_label

SCHEMA_MD = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()
EXAMPLES = SCHEMA_MD.split("## Example queries", 1)[1]
BLOCKS = re.findall(r"```sql\n(.*?)```", EXAMPLES, re.S)
POLICY = "us-apl-policy"


def block(containing: str) -> list[str]:
    """The statements of the one example block that contains this text."""
    [found] = [b for b in BLOCKS if containing in b]
    statements = ("\n".join(line for line in s.splitlines() if not line.strip().startswith("--")) for s in found.split(";"))
    return [s for s in statements if s.strip()]


def rows(db: str, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    engine = engine_for(db)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params or {}).all()
    finally:
        engine.dispose()


def cli(*args: str) -> Any:
    return json.loads(ok(*args, "--format", "json").stdout)


def label(event: dict[str, Any]) -> str:
    return date_label(event["date"], event["qualifier"], event["end"])


@pytest.fixture
def db(db_copy: str) -> str:
    return db_copy


def test_the_policy_timeline(db: str) -> None:
    [sql] = block("SELECT date_label, event_type, headline, quote, source_title, source_url")
    events = cli("timeline", "--policy", POLICY)["events"]
    expected = [(label(e), e["type"], e["headline"], c["quote"], c["source"]["url"]) for e in events for c in e["citations"]]
    assert sorted((r[0], r[1], r[2], r[3], r[5]) for r in rows(db, sql)) == sorted(expected)
    for query in ("policy_timeline",):
        got = rows(db, CANNED[query]["sql"], {"policy": POLICY})
        assert sorted((r.date_label, r.event_type, r.headline, r.quote) for r in got) == sorted(e[:4] for e in expected)


@sqlite_only("docs/schema.md's SQL is SQLite's: SELECT DISTINCT … ORDER BY a column not selected")
def test_the_changes_of_state_and_the_state_history(db: str) -> None:
    history = cli("state", POLICY)["states"]
    [changes] = block("SELECT DISTINCT date_label, event_type, stance")
    got = rows(db, changes)
    assert [(r.date_label, r.event_type, r.stance) for r in got] == [
        (label(s["opened_by"]), s["opened_by"]["type"], s["stance"]) for s in history
    ]
    states, _on_a_day = block("SELECT state_number, valid_from, valid_to, opened_by_type, stance FROM policy_states")
    got = rows(db, states)
    assert [(r.state_number, r.opened_by_type, r.stance) for r in got] == [
        (s["number"], s["opened_by"]["type"], s["stance"]) for s in history
    ]


@pytest.mark.parametrize("day", ["2021-04-06", "2023-01-01", "2024-11-01", "2010-01-01", "2024-12-15"])
def test_the_state_on_a_day(db: str, day: str) -> None:
    """One state (or the candidates when it is indeterminate), as `kb state --at` says."""
    answer = cli("state", POLICY, "--at", day)
    expected = [s["opened_by"]["key"] for s in answer["states"]]
    _history, on_a_day = block("SELECT state_number, valid_from, valid_to, opened_by_type, stance FROM policy_states")
    got = rows(db, on_a_day.replace("2021-04-06", day))
    assert [r.opened_by for r in got] == expected
    canned = rows(db, CANNED["policy_state_at"]["sql"], {"policy": POLICY, "day": day})
    assert [r.opened_by for r in canned] == expected
    [confirmed] = block("LEFT JOIN policy_confirmations")
    got = rows(db, confirmed.replace("2021-04-06", day))
    if answer["status"] == "determinate":
        assert [r.confirmed_by for r in got] == [answer["confirmed_by"]["key"] if answer["confirmed_by"] else None]


def test_events_within_a_year(db: str) -> None:
    [sql] = block("WHERE last_day >= '2020-01-01'")
    events = cli("timeline", "--since", "2020-01-01", "--until", "2020-12-31")["events"]
    assert [(r.date, r.precision, r.type, r.headline) for r in rows(db, sql)] == [
        (e["date"], e["precision"], e["type"], e["headline"]) for e in events
    ]


def test_everything_an_actor_did(db: str) -> None:
    [sql] = block("WHERE a.key = 'joe-biden'")
    events = cli("timeline", "--actor", "joe-biden")["events"]
    assert {(r.date, r.type, r.headline) for r in rows(db, sql)} == {(e["date"], e["type"], e["headline"]) for e in events}
    canned = rows(db, CANNED["actor_events"]["sql"], {"actor": "joe-biden"})
    assert {r.event_key for r in canned} == {e["key"] for e in events}


def test_what_was_known_on_a_day(db: str) -> None:
    [sql] = block("WHERE source_published <= '2020-12-31'")
    events = cli("timeline", "--as-of", "2020-12-31")["events"]
    assert sorted((r.headline, r.quote) for r in rows(db, sql)) == sorted(
        (e["headline"], c["quote"]) for e in events for c in e["citations"]
    )


def test_dates_resting_on_an_inferred_publication_date(db: str) -> None:
    [sql] = block("WHERE date_inferred")
    events = cli("timeline")["events"]
    expected = sorted((e["headline"], c["source"]["key"]) for e in events for c in e["citations"] if c["date_inferred"])
    got = sorted((r.headline, r.source_key) for r in rows(db, sql))
    assert got == expected and got  # the DoD release of 2020-01-31 carries no dateline


def test_disagreements_and_their_sides(db: str) -> None:
    whole, sides = block("FROM conflicts ORDER BY")
    found = cli("conflicts")["conflicts"]
    assert {(r.kind, r.event_key, r.role, r.sources) for r in rows(db, whole)} == {
        (c["kind"], c["event_key"], c["role"], " ".join(sorted({x["source"]["key"] for s in c["sides"] for x in s["citations"]})))
        for c in found
    }
    assert {(r.kind, r.event_key, r.role, r.source_key, r.quote) for r in rows(db, sides)} == {
        (c["kind"], c["event_key"], c["role"], x["source"]["key"], x["quote"]) for c in found for s in c["sides"] for x in s["citations"]
    }


@sqlite_only("docs/schema.md's SQL is SQLite's: IS NOT between values, FTS5")
def test_the_other_examples_run(db: str) -> None:
    """Examples without a CLI counterpart: they run, and the quote check finds nothing."""
    for marker in ("c.stated_date <> e.date", "FROM actors a LEFT JOIN actor_relations"):
        for sql in block(marker):
            assert rows(db, sql)
    [check] = block("substr(s.text, c.start_offset + 1")
    assert rows(db, check) == []
    if BACKEND == "sqlite":
        [search] = block("sources_fts MATCH")
        keys = {r.key for r in rows(db, search)}
        found = cli("search", "Korean Peninsula", "--limit", "1000")["sources"]
        assert keys and keys == {r["source"]["key"] for r in found}


def test_every_example_block_is_tested() -> None:
    tested = (
        "SELECT date_label, event_type, headline, quote, source_title", "SELECT DISTINCT date_label, event_type, stance",
        "WHERE last_day >= '2020-01-01'", "WHERE a.key = 'joe-biden'", "c.stated_date <> e.date",
        "SELECT state_number, valid_from, valid_to, opened_by_type, stance FROM policy_states",
        "LEFT JOIN policy_confirmations", "FROM actors a LEFT JOIN actor_relations", "WHERE date_inferred",
        "WHERE source_published <= '2020-12-31'", "FROM conflicts ORDER BY", "sources_fts MATCH",
        "substr(s.text, c.start_offset + 1",
    )  # fmt: skip
    assert all(any(t in b for t in tested) for b in BLOCKS), [b[:60] for b in BLOCKS if not any(t in b for t in tested)]
    assert set(CANNED) == {"policy_timeline", "policy_state_at", "actor_events"}
