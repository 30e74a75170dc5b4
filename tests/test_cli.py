"""Every command through click's CliRunner: happy paths and error paths."""

from __future__ import annotations

import os

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, dump, engine_for, fails, has_tables, ok, run, shipped_source_keys, shown, sqlite_only

from kb.cli import cli
from kb.vocabulary import EVENT_TYPES

APL = "U.S. antipersonnel landmine policy"


# --- kb db ---------------------------------------------------------------------------------------


def test_db_status_of_a_missing_database(isolated_db: str) -> None:
    out = ok("db", "status").stdout
    assert f"database:  {shown(isolated_db)}  (from KB_DB)" in out
    assert "revision:  none (empty)" in out
    assert "at head:   no" in out
    assert not has_tables(isolated_db)


def test_db_upgrade_status_downgrade(isolated_db: str) -> None:
    assert "base (empty) ->" in ok("db", "upgrade").stdout
    status = json.loads(ok("db", "status", "--format", "json").stdout)
    assert status["at_head"] is True
    assert status["counts"]["sources"] == len(shipped_source_keys())
    assert status["counts"]["event_types"] == len(EVENT_TYPES)
    assert "nothing to do" in ok("db", "upgrade").stdout
    # Step down until a source revision is undone (schema revisions may lie on top of the sources).
    for _ in range(10):
        ok("db", "downgrade", "-1")
        status = json.loads(ok("db", "status", "--format", "json").stdout)
        assert status["at_head"] is False
        if status["counts"].get("sources", 0) != len(shipped_source_keys()):
            break
    assert status["counts"]["sources"] == len(shipped_source_keys()) - 1, "one step undoes one source"
    ok("db", "downgrade", "base")
    assert json.loads(ok("db", "status", "--format", "json").stdout)["revision"] is None


def test_db_errors(db_copy: str) -> None:
    assert "Can't locate revision identified by 'nonsense'" in fails("db", "upgrade", "nonsense")
    assert fails("db", "downgrade", code=2).startswith("Error: Missing argument 'REVISION'")


def test_db_option_beats_environment(db_copy: str, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    out = ok("db", "status", "--db", str(other)).stdout
    assert f"database:  {other}  (from --db)" in out


# --- kb timeline ---------------------------------------------------------------------------------


def test_timeline_builds_a_missing_database_and_says_so_on_stderr(isolated_db: str) -> None:
    result = ok("timeline", "--policy", APL)
    assert "Building the knowledge base at" in result.stderr
    assert "Building" not in result.stdout
    assert has_tables(isolated_db)
    second = ok("timeline", "--policy", APL)
    assert second.stderr == "" and second.stdout == result.stdout


def test_a_database_behind_head_is_upgraded_first(db_copy: str) -> None:
    ok("db", "downgrade", "-1")
    result = ok("timeline", "--policy", APL, "--type", "exception")
    assert re.search(r"Upgrading .* from \w+ to \w+", result.stderr)
    assert "Jake Sullivan" in result.stdout


def test_outside_the_repository_a_built_database_is_used_as_it_is(
    db_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = ok("timeline", "--policy", APL, "--type", "reversed")
    assert result.stderr == "" and "2020-01-31" in result.stdout
    monkeypatch.delenv("KB_DB")
    assert fails("timeline").startswith("Error: no database given and no knowledge base root")
    assert "has no knowledge base and there is no migrations/ folder" in fails("timeline", "--db", str(tmp_path / "none.sqlite"))


def test_timeline_text_lines_and_numbered_sources(db_copy: str) -> None:
    out = ok("timeline", "--policy", "apl").stdout
    assert out.startswith(f"{APL}: ")
    lines = out.splitlines()
    reversal = next(line for line in lines if line.startswith("2020-01-31") and "reversed" in line)
    assert re.search(r"(\[\d+\])+$", reversal)
    exception = next(line for line in lines if " exception " in line)
    assert exception.startswith("on or before 2024-11-19")
    assert "\nSources\n" in out
    assert "[1] " in out and "partial text" in out
    assert "\u201cThe United States announced today that it will not produce" in out
    assert "Note: Partial text" in out


def test_timeline_json_contract(db_copy: str) -> None:
    data = json.loads(ok("timeline", "--policy", APL, "--format", "json").stdout)
    events = data["events"]
    assert events
    for event in events:
        assert {"key", "date", "precision", "qualifier", "end", "type", "headline", "stance", "policies", "actors", "citations"} <= set(event)
        assert len(event["date"]) == {"year": 4, "month": 7, "day": 10}[event["precision"]]
        assert "us-apl-policy" in event["policies"]
        for actor in event["actors"]:
            assert set(actor) >= {"key", "name", "role"}
        for cit in event["citations"]:
            assert {"quote", "stated_date", "date_basis", "attributed_to", "source"} <= set(cit)
            assert {"key", "title", "url", "published", "partial"} <= set(cit["source"])
            assert len(cit["stated_date"]) in (4, 7, 10)
    years = [e for e in events if e["precision"] == "year"]
    assert years and all(len(e["date"]) == 4 for e in years)
    exception = next(e for e in events if e["type"] == "exception")
    assert (exception["date"], exception["qualifier"]) == ("2024-11-19", "on_or_before")


def test_timeline_markdown_and_csv(db_copy: str) -> None:
    md = ok("timeline", "--policy", APL, "--format", "markdown").stdout
    assert md.startswith(f"# {APL}")
    assert "| Date | Type | Event | Actors | Sources |" in md
    assert "| 2020-01-31 | **reversed** |" in md
    assert "## Sources" in md and "\n      > " in md
    rows = list(csv.DictReader(io.StringIO(ok("timeline", "--policy", APL, "--format", "csv").stdout)))
    assert rows and {"date", "type", "quote", "source_url"} <= set(rows[0])
    assert any(r["type"] == "reinstated" and r["source_key"] == "000_f1e01336d2379ac6" for r in rows)


def test_timeline_filters_combine(db_copy: str) -> None:
    data = json.loads(
        ok("timeline", "--policy", APL, "--since", "2020", "--until", "2022-06", "--type", "reversed", "--type", "reinstated", "--format", "json").stdout
    )
    assert [(e["date"], e["type"]) for e in data["events"]] == [("2020-01-31", "reversed"), ("2022-06-21", "reinstated")]
    biden = json.loads(ok("timeline", "--actor", "President Joe Biden", "--format", "json").stdout)["events"]
    assert biden and all(any(a["key"] == "joe-biden" for a in e["actors"]) for e in biden)
    assert "No events match." in ok("timeline", "--policy", APL, "--since", "2030").stdout


def test_timeline_argument_errors_touch_no_database(isolated_db: str) -> None:
    assert "Invalid value for '--since': '2024-02-30' is not a date: February 2024 has 29 days" in fails("timeline", "--since", "2024-02-30", code=2)
    assert "Invalid value for '--format'" in fails("timeline", "--format", "pdf", code=2)
    assert "Invalid value for '--type'" in fails("timeline", "--type", "coup", code=2)
    assert not has_tables(isolated_db)


def test_unknown_and_ambiguous_names_list_candidates(db_copy: str) -> None:
    message = fails("timeline", "--policy", "landmine polcy")
    assert message.startswith("Error: no policy matches 'landmine polcy'; candidates:")
    message = fails("timeline", "--policy", "U.S.")
    assert message.startswith("Error: policy 'U.S.' is ambiguous; candidates:")
    assert "us-apl-policy" in message
    message = fails("timeline", "--actor", "administration")
    assert message.startswith("Error: actor 'administration' is ambiguous; candidates:")
    assert "biden-administration (Biden administration)" in message and "trump-administration" in message
    assert "ukraine" in json.dumps(json.loads(ok("timeline", "--actor", "Ukrain", "--format", "json").stdout))


# --- lists and show ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["policies", "actors", "sources"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_lists_in_every_format(db_copy: str, command: str, fmt: str) -> None:
    out = ok(command, "--format", fmt).stdout
    if fmt == "json":
        rows = json.loads(out)
        assert rows and all("key" in r for r in rows)
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(out)))) > 2
    else:
        assert out.count("\n") > 2


@pytest.mark.parametrize("command", ["policies", "actors", "sources", "timeline", "db status"])
def test_an_unknown_format_is_refused(isolated_db: str, command: str) -> None:
    message = fails(*command.split(), "--format", "yaml", code=2)
    assert "Invalid value for '--format': 'yaml' is not one of" in message
    assert not has_tables(isolated_db)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("this is not a database\n" * 100)
    before = junk.read_bytes()
    expected = f"Error: {junk}: cannot read the database: file is not a database"
    assert fails("db", "status", "--db", str(junk)) == expected
    assert fails("timeline", "--db", str(junk)) == expected
    assert fails("db", "upgrade", "--db", str(junk)) == expected
    assert junk.read_bytes() == before


def test_ranges_keep_each_ends_precision(db_copy: str) -> None:
    events = json.loads(ok("timeline", "--format", "json", "--type", "transfer").stdout)["events"]
    ranged = [e for e in events if e["end"]]
    assert ranged
    for e in ranged:
        assert len(e["date"]) in (4, 7, 10) and len(e["end"]) in (4, 7, 10)
    assert ("2024-12-02", "2025-01") in [(e["date"], e["end"]) for e in ranged]


def test_lists_show_real_records(db_copy: str) -> None:
    policies = {p["key"]: p for p in json.loads(ok("policies", "--format", "json").stdout)}
    assert policies["us-apl-policy"]["owner"] == "United States"
    assert policies["us-apl-policy"]["events"] > 5
    actors = {a["key"]: a for a in json.loads(ok("actors", "--format", "json").stdout)}
    assert {"Biden", "President Joe Biden"} <= set(actors["joe-biden"]["aliases"])
    sources = json.loads(ok("sources", "--format", "json").stdout)
    assert sorted(s["key"] for s in sources) == shipped_source_keys()
    assert all(s["citations"] > 0 for s in sources)
    assert sum(s["partial"] for s in sources) >= 4


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("policy", "Mine Ban Treaty", "policy ottawa-convention: Ottawa Convention (Mine Ban Treaty)"),
        ("actor", "biden", "actor joe-biden: Joe Biden"),
        ("event", "2020-01-31-trump-reversal", "event 2020-01-31-trump-reversal:"),
        ("source", "2022-06-21_whitehouse", "source 2022-06-21_whitehouse_apl-fact-sheet: FACT SHEET"),
    ],
)
def test_show_each_kind(db_copy: str, kind: str, name: str, expected: str) -> None:
    out = ok("show", kind, name).stdout
    assert out.startswith(expected)
    assert "Sources" in out and "\u201c" in out
    data = json.loads(ok("show", kind, name, "--format", "json").stdout)
    assert data["events"] and data["events"][0]["citations"]


def test_show_errors(db_copy: str) -> None:
    assert fails("show", "event", "no-such-event").startswith("Error: no event with key 'no-such-event'")
    assert fails("show", "source", "nope").startswith("Error: no source matches 'nope'; sources:")
    assert "'treaty' is not one of 'policy', 'actor', 'event', 'source'" in fails("show", "treaty", "x", code=2)


# --- kb source -----------------------------------------------------------------------------------


def test_adding_a_source_end_to_end_and_taking_it_out_exactly(root_copy: Path) -> None:
    ok("db", "upgrade")
    engine = engine_for(os.environ["KB_DB"])
    before = dump(engine)
    out = ok("source", "new", str(FIXTURES / "alpha.txt")).stdout
    assert "added seeds/alpha.txt; annotate seeds/alpha.yaml" in out
    starter = (root_copy / "seeds" / "alpha.yaml").read_text()
    assert "reviewed: false" in starter and "Fictional Republic restores" in starter
    assert "not reviewed yet" in fails("source", "migrate", "alpha")
    (root_copy / "seeds" / "alpha.yaml").write_text((FIXTURES / "alpha.yaml").read_text())
    out = ok("source", "migrate", "alpha").stdout
    written = re.search(r"wrote (migrations/versions/\S+\.py)", out)
    assert written
    migration = (root_copy / written.group(1)).read_text()
    assert "from kb.models" not in migration and "ANNOTATION_1" in migration
    assert dump(engine) == before, "writing a migration does not change the database"
    ok("db", "upgrade")
    data = json.loads(ok("timeline", "--policy", "FR mine policy", "--format", "json").stdout)
    assert [e["key"] for e in data["events"]] == ["fr-2019-reversal", "fr-restoration"]
    ok("db", "downgrade", "-1")
    assert dump(engine) == before
    engine.dispose()


def test_correcting_a_migrated_annotation_is_a_new_migration(root_copy: Path) -> None:
    ok("db", "upgrade")
    ok("source", "new", str(FIXTURES / "alpha.txt"))
    annotation = root_copy / "seeds" / "alpha.yaml"
    annotation.write_text((FIXTURES / "alpha.yaml").read_text())
    ok("source", "migrate", "alpha")
    ok("db", "upgrade")
    engine = engine_for(os.environ["KB_DB"])
    first = dump(engine)
    assert "already migrated with exactly this annotation" in fails("source", "migrate", "alpha")
    annotation.write_text(annotation.read_text().replace("Fictional Republic drops its mine policy", "Fictional Republic abandons its mine policy"))
    time.sleep(1.1)  # the correction is written in a later second: its downgrade must restore the first added_at
    ok("source", "migrate", "alpha")
    ok("db", "upgrade")
    headlines = [e["headline"] for e in json.loads(ok("timeline", "--format", "json", "--policy", "fr-mine-policy").stdout)["events"]]
    assert "Fictional Republic abandons its mine policy" in headlines
    ok("db", "downgrade", "-1")
    assert dump(engine) == first
    engine.dispose()


def test_source_errors(root_copy: Path, tmp_path: Path) -> None:
    assert "no such document" in fails("source", "migrate", "nothing-here")
    ok("source", "new", str(FIXTURES / "alpha.txt"))
    assert "the same document is already in seeds/ as alpha.txt" in fails("source", "new", str(FIXTURES / "alpha.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_text("<TITLE>x</TITLE>\n<CONTENT>\nbody\n</CONTENT>\n")
    assert fails("source", "new", str(bad)).endswith("bad.txt:1: required tag <PUBLISHED_DATE> is missing")
    assert not (root_copy / "seeds" / "bad.txt").exists()
    broken = (FIXTURES / "alpha.yaml").read_text().replace("had dropped that policy in 2019.", "had dropped it in 2019.")
    (root_copy / "seeds" / "alpha.yaml").write_text(broken)
    message = fails("source", "migrate", "alpha")
    assert "event fr-2019-reversal: quote not found in alpha.txt <CONTENT>; closest passage" in message
    assert not any("alpha" in p.name for p in (root_copy / "migrations" / "versions").glob("*.py"))


# --- help and README -----------------------------------------------------------------------------


def all_commands() -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []

    def walk(group, prefix: tuple[str, ...]) -> None:  # noqa: ANN001
        for name, command in group.commands.items():
            path = (*prefix, name)
            if hasattr(command, "commands"):
                walk(command, path)
            else:
                out.append(path)

    walk(cli, ())
    return out


def test_every_command_has_help_and_an_example_and_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    commands = all_commands()
    assert len(commands) >= 10
    for path in commands:
        result = ok(*path, "--help")
        assert "Example" in result.stdout, path
        assert f"kb {' '.join(path)}" in readme, f"README does not show `kb {' '.join(path)}`"


@pytest.mark.parametrize("path", [(), *all_commands(), *((g,) for g in ("db", "source"))], ids=" ".join)
def test_h_is_help_on_every_command(path: tuple[str, ...]) -> None:
    assert ok(*path, "-h").stdout == ok(*path, "--help").stdout
    assert ok(*path, "-h").stdout.startswith("Usage: ")
    assert "-h, --help" in ok(*path, "-h").stdout


def test_db_metadata_works_outside_a_checkout(
    db_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("KB_DB")
    metadata = json.loads(ok("db", "metadata", "--db", db_copy).stdout)
    (database,) = metadata["databases"].values()
    assert database["tables"]["events"]["description"], "descriptions come from the shipped schema document"
    assert database["tables"]["events"]["columns"]["headline"]


@sqlite_only("about the SQLite file's bytes")
def test_read_commands_never_change_the_file(db_copy: str) -> None:
    import hashlib

    def digest() -> str:
        return hashlib.sha256(Path(db_copy).read_bytes()).hexdigest()

    ok("timeline")  # leaves the file in WAL mode, as every write does
    before = digest()
    for args in (
        ["timeline", "--policy", "apl", "--format", "json"],
        ["timeline", "--as-of", "2020-12-31"],
        ["state", "apl", "--at", "2024-11-01"],
        ["conflicts"],
        ["search", "Korean Peninsula"],
        ["policies"],
        ["actors"],
        ["sources"],
        ["show", "event", "2020-01-31-trump-reversal"],
        ["verify"],
        ["db", "status"],
    ):
        ok(*args)
        assert digest() == before, args
    import sqlite3

    conn = sqlite3.connect(f"file:{db_copy}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@sqlite_only("about file paths")
def test_messages_show_the_database_path_relative_to_the_working_directory(root_copy: Path) -> None:
    result = run("timeline", "--policy", "apl")
    assert result.exit_code == 0, result.output
    assert "Building the knowledge base at kb.sqlite from migrations/ and seeds/" in result.stderr
    assert str(root_copy) not in result.stderr
    assert "database:  kb.sqlite" in ok("db", "status").stdout


def test_a_stale_head_marker_is_recomputed_from_the_revisions(root_copy: Path) -> None:
    """An interrupted `kb source migrate` can leave a new revision beside an old migrations/HEAD."""
    ok("db", "upgrade")
    marker = root_copy / "migrations" / "HEAD"
    old_head = marker.read_text()
    (root_copy / "seeds" / "alpha.txt").write_text((FIXTURES / "alpha.txt").read_text())
    (root_copy / "seeds" / "alpha.yaml").write_text((FIXTURES / "alpha.yaml").read_text())
    ok("source", "migrate", "alpha")
    new_head = marker.read_text()
    assert new_head != old_head
    marker.write_text(old_head)  # as if the run had been killed before HEAD was written
    os.utime(marker, ns=(0, 0))
    status = json.loads(ok("db", "status", "--format", "json").stdout)
    assert status["head"] == new_head.strip() and status["at_head"] is False
    assert marker.read_text() == new_head
