"""The knowledge base in Datasette, through Datasette's own test client and `kb db metadata`."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette import app as datasette_app
from helpers import ok, sqlite_only

from kb.datasette import CANNED, plain, schema_descriptions, schema_document

pytestmark = sqlite_only("Datasette reads SQLite files")


@pytest.fixture
def served(db_copy: str, tmp_path: Path) -> tuple[Any, str, dict[str, Any]]:
    """Datasette on a copy of the built knowledge base, with kb's metadata, as a user would run it."""
    metadata = json.loads(ok("db", "metadata").stdout)
    ds = datasette_app.Datasette([db_copy], metadata=metadata, settings={"max_returned_rows": 1000})
    return ds, Path(db_copy).stem, metadata


def get(ds: Any, path: str) -> Any:
    async def fetch() -> Any:
        response = await ds.client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
        return response.json()

    return asyncio.run(fetch())


def test_every_table_and_view_opens_and_the_content_tables_have_rows(served, db_copy: str) -> None:  # noqa: ANN001
    ds, name, metadata = served
    conn = sqlite3.connect(db_copy)
    for table in metadata["databases"][name]["tables"]:
        rows = get(ds, f"/{name}/{table}.json?_shape=array")
        expected = conn.execute(f'SELECT count(*) > 0 FROM "{table}"').fetchone()[0]
        assert bool(rows) == bool(expected), table
    for table in ("sources", "events", "citations", "actors", "policies", "timeline", "policy_states"):
        assert get(ds, f"/{name}/{table}.json?_shape=array"), f"{table} is empty in Datasette"


def test_the_timeline_view_opens_in_date_order(served) -> None:  # noqa: ANN001
    ds, name, _ = served
    rows = get(ds, f"/{name}/timeline.json?_shape=array")
    keys = [r["sort_key"] for r in rows]
    assert keys == sorted(keys) and len(set(keys)) > 1


def test_facets_and_full_text_search(served, db_copy: str) -> None:  # noqa: ANN001
    ds, name, _ = served
    page = get(ds, f"/{name}/timeline.json")
    assert {"event_type", "policy_keys"} <= set(page["facet_results"])
    word = sqlite3.connect(db_copy).execute("SELECT headline FROM events ORDER BY id LIMIT 1").fetchone()[0].split()[-1]
    word = "".join(ch for ch in word if ch.isalnum())
    for table in ("events", "sources"):
        hits = get(ds, f"/{name}/{table}.json?_search={word}&_shape=array")
        assert hits, f"searching {table} for {word!r} finds nothing"


def test_every_canned_query_returns_rows(served, db_copy: str) -> None:  # noqa: ANN001
    ds, name, _ = served
    conn = sqlite3.connect(db_copy)
    policy = conn.execute(
        "SELECT p.key FROM policies p JOIN event_policies ep ON ep.policy_id = p.id "
        "JOIN events e ON e.id = ep.event_id JOIN event_types t ON t.name = e.type "
        "WHERE t.changes_state GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    actor = conn.execute("SELECT a.key FROM actors a JOIN event_actors ea ON ea.actor_id = a.id LIMIT 1").fetchone()[0]
    day = conn.execute(
        "SELECT max(from_latest_day) FROM policy_states WHERE policy_key = ?", (policy,)
    ).fetchone()[0]
    params = {"policy": policy, "actor": actor, "day": day}
    for query, spec in CANNED.items():
        wanted = [p for p in ("policy", "actor", "day") if f":{p}" in spec["sql"]]
        args = "&".join(f"{p}={params[p]}" for p in wanted)
        assert get(ds, f"/{name}/{query}.json?_shape=array&{args}"), query


def test_descriptions_are_whole_paragraphs_of_plain_text() -> None:
    described = schema_descriptions(schema_document())
    for table, info in described.items():
        text = info["description"]
        for mark in ("**", "`", "]("):
            assert mark not in text, f"{table}: markdown {mark!r} in {text!r}"
        for column, meaning in info["columns"].items():
            assert "`" not in meaning and "**" not in meaning, (table, column)
    # a paragraph that wraps over lines is kept whole, not cut at its first line
    timeline = described["timeline"]["description"]
    assert "ties broken by event key" in timeline


def test_a_row_naming_several_columns_describes_each_with_its_own_target() -> None:
    doc = "### `t`\n\n| column | meaning |\n|---|---|\n| `a_id`, `b_id` | → `as`, `bs` |\n| `x`, `y` | both ends |\n"
    columns = schema_descriptions(doc)["t"]["columns"]
    assert columns == {"a_id": "→ as", "b_id": "→ bs", "x": "both ends", "y": "both ends"}


def test_plain_drops_markdown() -> None:
    assert plain("One row per event **and** [citation](#c): `sort_key`") == "One row per event and citation: sort_key"
