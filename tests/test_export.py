"""Formats other tools read: TimelineJS3, CSL-JSON, BibTeX, Pandoc citations, Datasette metadata."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from helpers import fails, ok, shipped_source_keys, sqlite_only


APL = "U.S. antipersonnel landmine policy"
# The item types of the CSL 1.0.2 schema (csl-data.json).
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map",
    "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review", "review-book", "software",
    "song", "speech", "standard", "thesis", "treaty", "webpage",
}  # fmt: skip


def test_timelinejs_follows_the_format(db_copy: str) -> None:
    data = json.loads(ok("timeline", "--policy", APL, "--format", "timelinejs").stdout)
    events = data["events"]
    reference = json.loads(ok("timeline", "--policy", APL, "--format", "json").stdout)["events"]
    assert [e["unique_id"] for e in events] == [e["key"] for e in reference]
    assert data["title"]["text"]["headline"] == APL
    for item, event in zip(events, reference, strict=True):
        start = item["start_date"]
        assert isinstance(start["year"], int)
        assert ("month" in start) == (event["precision"] in ("month", "day"))
        assert ("day" in start) == (event["precision"] == "day")
        assert item["text"]["headline"] and item["group"] == APL
        for cit in event["citations"]:
            assert cit["source"]["url"].replace("&", "&amp;") in item["text"]["text"]
        assert ("end_date" in item) == bool(event["end"])
    year_only = next(e for e in events if e["unique_id"] == "1991-us-landmine-use-gulf-war")
    assert year_only["start_date"] == {"year": 1991}
    exception = next(e for e in events if e["unique_id"] == "2024-ukraine-apl-exception")
    assert exception["start_date"] == {"year": 2024, "month": 11, "day": 19}
    assert exception["display_date"] == "on or before 2024-11-19"


def test_csl_json_has_the_required_fields_and_stable_keys(db_copy: str, new_db) -> None:  # noqa: ANN001
    items = json.loads(ok("sources", "--format", "csl-json").stdout)
    assert len(items) == len(shipped_source_keys())
    for item in items:
        assert {"id", "type"} <= set(item)  # what the CSL schema requires
        assert item["type"] in CSL_TYPES
        assert re.fullmatch(r"[A-Za-z0-9_:.\-]+", item["id"])
        assert item["issued"]["date-parts"][0][0] >= 2014
        assert item["title"] and item["URL"].startswith("http")
    assert len({i["id"] for i in items}) == len(items)
    fresh = new_db()
    ok("db", "upgrade", "--db", fresh)
    rebuilt = json.loads(ok("sources", "--format", "csl-json", "--db", fresh).stdout)
    assert [i["id"] for i in rebuilt] == [i["id"] for i in items]


def test_bibtex_entries(db_copy: str) -> None:
    out = ok("sources", "--format", "bibtex").stdout
    assert out.count("@misc{") == len(shipped_source_keys())
    assert out.count("{") == out.count("}") + out.count("\\{") - out.count("\\}")
    sources = json.loads(ok("sources", "--format", "json").stdout)
    for source in sources:
        assert f"@misc{{{source['citation_key']}," in out


def test_pandoc_citations_quote_verbatim_and_cite_known_keys(db_copy: str, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    ok("timeline", "--policy", APL, "--format", "markdown", "--cite", "pandoc", "-o", str(target))
    text = target.read_text()
    keys = {i["id"] for i in json.loads(ok("sources", "--format", "csl-json").stdout)}
    cited = set(re.findall(r"@([A-Za-z0-9_:.\-]+),", text))
    assert cited and cited <= keys
    assert '"Not develop, produce, or acquire APL\\;"' in text  # verbatim, the semicolon escaped
    assert "::: {#refs}" in text
    assert "Pandoc citations go with --format markdown" in fails("timeline", "--cite", "pandoc", code=2)


@sqlite_only("Datasette reads SQLite files")
def test_datasette_metadata_names_only_what_exists(db_copy: str, tmp_path: Path) -> None:
    target = tmp_path / "metadata.json"
    ok("db", "metadata", "-o", str(target))
    metadata = json.loads(target.read_text())
    [(name, database)] = metadata["databases"].items()
    assert name == Path(db_copy).stem
    conn = sqlite3.connect(db_copy)
    objects = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    for table, info in database["tables"].items():
        assert table in objects, table
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")}
        assert set(info["columns"]) <= columns, table
        assert info["description"], table
        if "label_column" in info:
            assert info["label_column"] in columns
    for view in ("timeline", "policy_states", "conflicts"):
        assert database["tables"][view]["columns"], view
    assert {"policy_timeline", "policy_state_at", "actor_events"} <= set(database["queries"])
    params = {"policy": "us-apl-policy", "day": "2024-11-01", "actor": "joe-biden"}
    for name, query in database["queries"].items():
        assert conn.execute(query["sql"], params).fetchall(), name
    states = conn.execute(database["queries"]["policy_state_at"]["sql"], params).fetchall()
    assert len(states) == 2  # indeterminate on 2024-11-01: the 2022 policy, or it with the exception
    one = conn.execute(database["queries"]["policy_state_at"]["sql"], {**params, "day": "2023-01-01"}).fetchall()
    assert [r[3] for r in one] == ["reinstated"]
    conn.close()


def test_timeline_output_to_a_file(db_copy: str, tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    assert ok("timeline", "--policy", APL, "--format", "json", "-o", str(target)).stdout == ""
    assert json.loads(target.read_text())["events"]


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_bibliography_formats_only_for_sources(fmt: str) -> None:
    assert f"'{fmt}' is not one of" in fails("timeline", "--format", fmt, code=2)


@sqlite_only("reads the timeline view with sqlite3")
def test_csv_json_and_the_view_use_one_vocabulary(db_copy: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(ok("timeline", "--policy", APL, "--format", "csv").stdout)))
    conn = sqlite3.connect(db_copy)
    conn.row_factory = sqlite3.Row
    view_columns = {d[1] for d in conn.execute("PRAGMA table_info(timeline)")}
    assert set(rows[0]) <= view_columns, set(rows[0]) - view_columns  # every CSV column is a view column
    events = json.loads(ok("timeline", "--policy", APL, "--format", "json").stdout)["events"]
    json_keys = set(events[0]) | {f"stated_{k[7:]}" for k in events[0]["citations"][0] if k.startswith("stated_")}
    assert {"date", "end", "type", "qualifier", "precision", "stated_date", "stated_end", "stated_qualifier"} <= json_keys
    view = {
        (r["event_key"], r["source_key"], r["quote"]): r
        for r in conn.execute("SELECT * FROM timeline WHERE ' ' || policy_keys || ' ' LIKE '% us-apl-policy %'")
    }
    assert len(view) == len(rows)
    for row in rows:
        seen = view[(row["event_key"], row["source_key"], row["quote"].removeprefix("'") if row["quote"][:1] == "'" else row["quote"])]
        for column in ("date_label", "date", "qualifier", "end", "type", "stated_date", "stated_qualifier", "stated_end",
                       "stated_label", "date_basis", "policies", "source_published"):  # fmt: skip
            assert row[column] == ("" if seen[column] is None else str(seen[column])), (column, row[column], seen[column])
        assert sorted(row["actors"].split("; ")) == sorted((seen["actors"] or "").split("; "))
