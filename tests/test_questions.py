"""The questions analysts ask: policy state at a date, what was known when, conflicts, search.

Each is checked through the library or the CLI and, where there is one, against its SQL view.
"""

from __future__ import annotations

import datetime as dt
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, engine_for, fails, ok, sqlite_only
from sqlalchemy import Engine, text

from kb import conflicts, loader, search, states
from kb.annotations import load_annotation_file, parse_annotation, resolve
from kb.db import session_scope
from kb.documents import parse_document
from kb.errors import KBError

APL = "U.S. antipersonnel landmine policy"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def engine(built_db: Path) -> Iterator[Engine]:
    e = engine_for(built_db)
    yield e
    e.dispose()


def load_fixtures(db: Path, *names: str) -> None:
    e = engine_for(db)
    for name in names:
        doc = parse_document(FIXTURES / f"{name}.txt")
        with e.begin() as conn:
            loader.load_v2(conn, doc, load_annotation_file(FIXTURES / f"{name}.yaml", doc), added_at="2026-01-01")
    e.dispose()


@pytest.fixture
def fixture_db(db_copy: Path) -> Path:
    """The shipped knowledge base plus the fictional alpha source (a change known only as "2022")."""
    load_fixtures(db_copy, "alpha")
    return db_copy


# --- Policy state at a date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "opened_by", "base"),
    [
        ("2021-04-06", "2020-01-31-trump-reversal", None),
        ("2023-01-01", "2022-06-21-biden-reinstatement", None),
        ("2024-12-15", "2024-ukraine-apl-exception", "2022-06-21-biden-reinstatement"),
        ("2024-11-25", "2024-ukraine-apl-exception", "2022-06-21-biden-reinstatement"),
        ("2014-07-01", "2014-06-27-no-apl-production", None),
    ],
)
def test_state_at_a_date_on_the_shipped_content(engine: Engine, at: str, opened_by: str, base: str | None) -> None:
    with session_scope(engine) as session:
        answer = states.state_at(session, policy=APL, at=D(at))
    assert answer.status == "determinate", answer.reason
    [state] = answer.states
    assert state.opened_by.key == opened_by
    assert (state.base.key if state.base else None) == base
    assert all(e.citations for e in state.events)


def test_an_exception_known_only_as_on_or_before_is_indeterminate_inside_its_span(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = states.state_at(session, policy=APL, at=D("2024-11-01"))
    assert answer.status == "indeterminate"
    assert [s.opened_by.key for s in answer.states] == ["2022-06-21-biden-reinstatement", "2024-ukraine-apl-exception"]
    assert "on or before 2024-11-19" in answer.reason and "2024-11-01 is within that span" in answer.reason


def test_a_year_only_change_is_indeterminate_within_its_year_until_a_source_sharpens_it(fixture_db: Path) -> None:
    out = ok("state", "fr-mine-policy", "--at", "2022-03-01").stdout
    assert "indeterminate between 2 states" in out
    assert "is dated 2022 (it can fall on 2022-01-01 to 2022-12-31)" in out
    assert "The Republic may use mines." in out and "The Republic does not use mines." in out
    assert "either the policy of 2019 (reversed)" in out
    load_fixtures(fixture_db, "beta")  # "Today" (2022-06-21)
    out = ok("state", "fr-mine-policy", "--at", "2022-03-01").stdout
    assert "on 2022-03-01: the policy of 2019 (reversed)" in out
    assert "on 2022-07-01: the policy of 2022-06-21 (reinstated)" in ok("state", "fr-mine-policy", "--at", "2022-07-01").stdout


def test_before_any_recorded_state(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = states.state_at(session, policy="us-humanitarian-mine-action", at=D("1990-01-01"))
    assert answer.status == "none" and answer.states == []


def is_subsequence(wanted: list[str], seen: list[str]) -> bool:
    """Whether `wanted` occurs in `seen` in order (later sources may add states between or after)."""
    rest = iter(seen)
    return all(item in rest for item in wanted)


def test_history_matches_the_policy_states_view(engine: Engine) -> None:
    with session_scope(engine) as session:
        hist = states.history(session, policy=APL)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT state_number, valid_from, valid_to, stance, opened_by, closed_by, base_event, "
                "from_earliest_day, from_latest_day, previous_stance FROM policy_states "
                "WHERE policy_key = 'us-apl-policy' ORDER BY state_number"
            )
        ).all()
    mine = [
        (
            s.number,
            str(s.valid_from),
            str(s.valid_to) if s.valid_to else None,
            s.stance,
            s.opened_by.key,
            s.closed_by.key if s.closed_by else None,
            s.base.key if s.base else None,
            None if s.earliest == dt.date.min else s.earliest.isoformat(),
            None if s.latest == dt.date.max else s.latest.isoformat(),
            s.previous.stance if s.previous else None,
        )
        for s in hist.states
    ]
    assert [tuple(r) for r in rows] == mine
    opened = [s.opened_by.type for s in hist.states]
    assert is_subsequence(["reversed", "reinstated", "exception"], opened), opened


def test_every_policy_history_matches_the_view(engine: Engine) -> None:
    with engine.connect() as conn:
        view = conn.execute(text("SELECT policy_key, opened_by, valid_from, valid_to FROM policy_states")).all()
        keys = conn.execute(text("SELECT key FROM policies")).scalars().all()
    mine = []
    with session_scope(engine) as session:
        for key in keys:
            for s in states.history(session, policy=key).states:
                mine.append((key, s.opened_by.key, str(s.valid_from), str(s.valid_to) if s.valid_to else None))
    assert sorted(map(tuple, view)) == sorted(mine)


def test_state_command_formats_and_errors(db_copy: Path) -> None:
    out = ok("state", APL, "--at", "2021-04-06").stdout
    assert out.startswith(f"{APL} on 2021-04-06: the policy of 2020-01-31 (reversed)")
    assert "\u201cEffective today, the Administration is rescinding" in out
    data = json.loads(ok("state", "apl", "--at", "2024-12-15", "--format", "json").stdout)
    assert data["status"] == "determinate"
    state = data["states"][0]
    assert state["opened_by"]["type"] == "exception" and state["base"]["key"] == "2022-06-21-biden-reinstatement"
    assert state["possible_start"] == ["2024-01-01", "2024-11-19"]
    assert state["opened_by"]["citations"] and state["base"]["citations"]
    history = json.loads(ok("state", "apl", "--format", "json").stdout)["states"]
    assert [s["valid_to"] for s in history][-1] is None
    assert all(s["previous_stance"] == p["stance"] for p, s in zip(history, history[1:]))
    assert "## Sources" in ok("state", "apl", "--at", "2024-11-01", "--format", "markdown").stdout
    rows = list(csv.reader(io.StringIO(ok("state", "apl", "--at", "2024-11-01", "--format", "csv").stdout)))
    assert rows[0][:3] == ["at", "status", "state"] and all(r[1] == "indeterminate" for r in rows[1:])
    assert "Invalid value for '--at': '2024-13-01' is not a date" in fails("state", "apl", "--at", "2024-13-01", code=2)
    assert fails("state", "no such policy").startswith("Error: no policy matches 'no such policy'")
    assert "Missing argument 'POLICY'" in fails("state", code=2)


# --- What was known when -------------------------------------------------------------------------


def test_timeline_as_of_shows_only_what_was_published_by_then(db_copy: Path) -> None:
    events = json.loads(ok("timeline", "--policy", APL, "--as-of", "2020-12-31", "--format", "json").stdout)["events"]
    assert events
    changes = [(e["date"], e["type"]) for e in events if e["type"] in ("amended", "reversed", "reinstated", "exception")]
    assert ("2014-06-27", "amended") in changes and ("2014-09-23", "amended") in changes
    assert ("2020-01-31", "reversed") in changes
    assert all(e["date"][:4] <= "2020" for e in events)
    assert all(c["source"]["published"] <= "2020-12-31" for e in events for c in e["citations"])
    # What a source published later said is left out, and dates are as precise as the early sources made them.
    for event in events:  # no date more precise than the sources shown make it
        assert len(event["date"]) <= max(len(c["stated_date"]) for c in event["citations"]), event["key"]
    full = {e["key"]: e for e in json.loads(ok("timeline", "--policy", APL, "--format", "json").stdout)["events"]}
    assert any(len(full[e["key"]]["citations"]) > len(e["citations"]) for e in events), "later sources were left out"
    reversal = next(e for e in events if e["type"] == "reversed")
    assert {a["key"] for a in reversal["actors"]} >= {"trump-administration", "donald-trump"}
    text_out = ok("timeline", "--policy", APL, "--as-of", "2020-12-31").stdout
    assert "as the sources published by 2020-12-31 tell it" in text_out
    assert "2022" not in "".join(line[:12] for line in text_out.splitlines())


def test_state_as_of(db_copy: Path) -> None:
    out = ok("state", "apl", "--at", "2024-12-15", "--as-of", "2020-12-31").stdout
    assert "the policy of 2020-01-31 (reversed)" in out
    out = ok("state", "apl", "--at", "2024-12-15", "--as-of", "2024-11-30").stdout
    assert "with the exception of on or before 2024-11-19" in out
    assert "Statement from National Security Advisor" not in out  # published 2024-12-02


def test_as_of_before_any_source(db_copy: Path) -> None:
    assert "No events match." in ok("timeline", "--as-of", "2000-01-01").stdout


# --- Conflicts -----------------------------------------------------------------------------------


@pytest.fixture
def conflict_db(db_copy: Path) -> Path:
    load_fixtures(db_copy, "alpha", "beta", "gamma")
    return db_copy


def test_conflicting_dates_and_attributions_are_shown_and_kept(conflict_db: Path) -> None:
    data = json.loads(ok("conflicts", "--policy", "fr-mine-policy", "--format", "json").stdout)["conflicts"]
    kinds = {(c["kind"], c["event_key"], c["role"]) for c in data}
    assert ("date", "fr-restoration", None) in kinds
    assert ("attribution", "fr-restoration", "decided") in kinds
    # One entry per disagreement, every citation on each side: "2022" (alpha) agrees with the
    # event's 2022-06-21 (beta); gamma's reviewed 2022-06-24 is the other side.
    date_conflicts = [c for c in data if c["kind"] == "date"]
    assert len(date_conflicts) == 1
    sides = {s["claim"]: {(x["source"]["key"], x["stated_date"], x["marked"]) for x in s["citations"]} for s in date_conflicts[0]["sides"]}
    assert sides == {"2022-06-21": {("alpha", "2022", False), ("beta", "2022-06-21", False)}, "2022-06-24": {("gamma", "2022-06-24", True)}}
    assert all(x["quote"] for s in date_conflicts[0]["sides"] for x in s["citations"])
    assert len([c for c in data if c["kind"] == "attribution" and c["role"] == "decided"]) == 1
    # Competing claims are kept: both citations are still there, the event keeps one date.
    event = json.loads(ok("show", "event", "fr-restoration", "--format", "json").stdout)["events"][0]
    assert {c["stated_date"] for c in event["citations"]} == {"2022", "2022-06-21", "2022-06-24"}
    out = ok("conflicts", "--policy", "fr-mine-policy").stdout
    assert "dates that cannot both be true" in out and "different actors as \u201cdecided\u201d" in out
    assert "\u201cThe Ministry of Defence restored the Fictional Republic's earlier mine policy on June 24, 2022" in out


def test_conflicts_match_the_view(conflict_db: Path) -> None:
    e = engine_for(conflict_db)
    with session_scope(e) as session:
            found = conflicts.find(session)
    mine = {(c.kind, c.event_key, c.role, " ".join(c.sources), sum(len(s.citations) for s in c.sides)) for c in found}
    with e.connect() as conn:
        view = {tuple(r) for r in conn.execute(text("SELECT kind, event_key, role, sources, citations FROM conflicts"))}
        sides = {tuple(r) for r in conn.execute(text("SELECT kind, event_key, role, source_key, quote, stated_label FROM conflict_sides"))}
    e.dispose()
    assert mine == view
    assert sides == {(c.kind, c.event_key, c.role, x.source.key, x.quote, x.stated) for c in found for s in c.sides for x in s.citations}
    assert any(c.event_key == "fr-restoration" for c in found)


def test_no_conflicts_and_errors(db_copy: Path) -> None:
    out = ok("conflicts", "--policy", "Ottawa Convention").stdout
    assert out.startswith("0 conflicts between sources")
    assert fails("conflicts", "--policy", "nothing like it").startswith("Error: no policy matches")


# --- Search --------------------------------------------------------------------------------------


def test_search_finds_the_korean_peninsula_passages(db_copy: Path) -> None:
    data = json.loads(ok("search", "Korean Peninsula", "--format", "json").stdout)
    by_key = {s["source"]["key"]: s for s in data["sources"]}
    assert {"2014-09-23_dod_kirby-statement-landmines", "2022-06-21_whitehouse_apl-fact-sheet"} <= set(by_key)
    kirby = by_key["2014-09-23_dod_kirby-statement-landmines"]["passages"][0]
    assert "\u00abKorean Peninsula\u00bb" in kirby["text"]
    assert [e["key"] for e in kirby["events"]] == ["2014-09-23-no-use-outside-korea"]
    assert {e["key"] for e in data["events"]} >= {"2014-09-23-no-use-outside-korea", "2022-06-21-biden-reinstatement"}
    out = ok("search", '"Korean Peninsula"').stdout
    assert "supports: 2022-06-21 2022-06-21-biden-reinstatement" in out


def test_passages_are_verbatim_at_their_offsets(engine: Engine) -> None:
    with session_scope(engine) as session:
        results = search.search(session, query="Ottawa Convention")
        texts = {s.key: s.text for s in session.execute(text("SELECT key, text FROM sources")).all()}
    assert results.sources
    for hit in results.sources:
        for p in hit.passages:
            plain = p.text.replace("\u00ab", "").replace("\u00bb", "")
            assert " ".join(texts[hit.source.key][p.start : p.end].split()) == plain


def _declared_terms() -> list[list[str]]:
    """Every `terms:` group declared in seeds/*.yaml: [term, variant, …]."""
    import yaml

    groups = []
    for path in sorted((REPO / "seeds").glob("*.yaml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms") or []:
            groups.append([item["term"], *item["variants"]])
    return groups


def test_every_declared_term_variant_finds_what_the_others_find(engine: Engine) -> None:
    """Whatever sources are added: each way of writing a declared term finds the same things."""
    groups = _declared_terms()
    with session_scope(engine) as session:
        for group in groups:
            found = []
            for phrase in group:
                results = search.search(session, query=f'"{phrase}"', limit=1000)
                found.append(({h.source.key for h in results.sources}, {h.event.key for h in results.events}))
            assert all(f == found[0] for f in found), dict(zip(group, found))


def test_a_declared_term_finds_text_written_another_way(db_copy: Path, tmp_path: Path) -> None:
    """A source's `terms:` teach search a synonym: the other wording is found, and only while the source is in."""
    # "zorbite" is an invented word: nothing in any source is written that way
    assert "Nothing matches." in ok("search", "zorbite policy").stdout
    annotation = (FIXTURES / "alpha.yaml").read_text() + "terms:\n  - term: mines\n    variants: [zorbite, land mines]\n"
    doc = parse_document(FIXTURES / "alpha.txt")
    e = engine_for(db_copy)
    with e.begin() as conn:
        contribution = resolve(parse_annotation(annotation, origin="alpha.yaml", source_key="alpha"), doc, origin="alpha.yaml")
        loader.load_v2(conn, doc, contribution, added_at="2026-01-01")
    data = json.loads(ok("search", "zorbite policy", "--format", "json").stdout)
    assert "alpha" in [s["source"]["key"] for s in data["sources"]]
    assert any("«mines»" in p["text"] for s in data["sources"] for p in s["passages"]), "the text's own word is marked"
    with e.begin() as conn:
        loader.unload_v2(conn, "alpha")
    e.dispose()
    assert "Nothing matches." in ok("search", "zorbite policy").stdout


def test_phrase_prefix_and_boolean_queries(engine: Engine) -> None:
    with session_scope(engine) as session:
        phrase = {h.source.key for h in search.search(session, query='"limited exception"').sources}
        prefix = {h.source.key for h in search.search(session, query="reckles*").sources}
        both = {h.source.key for h in search.search(session, query="Maputo AND Mozambique").sources}
        neither = {h.source.key for h in search.search(session, query="Maputo NOT Mozambique").sources}
    assert phrase == {"2024-12-02_whitehouse_nsa-sullivan-statement-ukraine-apl"}
    assert prefix == {"000_f1e01336d2379ac6"}
    assert both and not neither


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"Korean Peninsula', "unbalanced quote"),
        ("(mines OR treaty", "unbalanced parenthesis"),
        ("mines AND", "cannot search for 'mines AND': (fts5: syntax error|no operand in tsquery)"),
        ("AND", "empty search"),
        ("   ", "empty search"),
        ("?!", "empty search"),
        ('"?!"', "a search term has no letters or digits"),
    ],
)
def test_malformed_queries_get_a_clear_error(db_copy: Path, query: str, message: str) -> None:
    line = fails("search", query)
    assert line.startswith("Error: ") and re.search(message, line), line


def test_the_search_index_follows_loads_and_unloads(db_copy: Path) -> None:
    assert "Nothing matches." in ok("search", "Fictional Republic").stdout
    load_fixtures(db_copy, "alpha")
    data = json.loads(ok("search", "Fictional Republic", "--format", "json").stdout)
    assert [s["source"]["key"] for s in data["sources"]] == ["alpha"]
    assert {e["key"] for e in data["events"]} == {"fr-2019-reversal", "fr-restoration"}
    e = engine_for(db_copy)
    with e.begin() as conn:
        loader.unload(conn, "alpha")
    if e.dialect.name == "sqlite":
        with e.connect() as conn:
            for table in ("events_fts", "sources_fts"):
                conn.execute(text(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"))
    e.dispose()
    assert "Nothing matches." in ok("search", "Fictional Republic").stdout


@sqlite_only("FTS5 tables are SQLite's; PostgreSQL has GIN indexes")
def test_fts_tables_are_named_for_datasette(engine: Engine) -> None:
    with engine.connect() as conn:
        sql = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE name IN ('events_fts', 'sources_fts')")).all())
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    assert "content=[events]" in sql["events_fts"] and "content=[sources]" in sql["sources_fts"]
    assert {f"{t}_{s}" for t in ("events", "sources") for s in ("ai", "ad", "au")} <= triggers


def test_search_errors_are_kb_errors(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(KBError):
        search.search(session, query='"open')


# --- Several policies or actors ------------------------------------------------------------------


def test_several_policies_or_actors_combine_as_a_union(db_copy: Path) -> None:
    def keys(*args: str) -> set[str]:
        return {e["key"] for e in json.loads(ok("timeline", *args, "--format", "json").stdout)["events"]}

    apl, ottawa = keys("--policy", APL), keys("--policy", "Mine Ban Treaty")
    assert keys("--policy", APL, "--policy", "Mine Ban Treaty") == apl | ottawa
    biden, trump = keys("--actor", "Joe Biden"), keys("--actor", "Donald Trump")
    assert keys("--actor", "Joe Biden", "--actor", "Donald Trump") == biden | trump
    assert keys("--policy", "Mine Ban Treaty", "--actor", "Joe Biden") == ottawa & biden
    out = ok("timeline", "--policy", APL, "--policy", "Mine Ban Treaty").stdout
    assert out.startswith(f"{APL} + Ottawa Convention (Mine Ban Treaty): ")
    assert "[ottawa-convention] " in out and "[us-apl-policy] " in out


def test_an_actors_events_show_their_role(db_copy: Path) -> None:
    out = ok("show", "actor", "Lloyd Austin").stdout
    assert "Lloyd Austin (stated)" in out
    data = json.loads(ok("show", "actor", "joe-biden", "--format", "json").stdout)
    roles = {a["role"] for e in data["events"] for a in e["actors"] if a["key"] == "joe-biden"}
    assert {"authorised", "criticised", "decided"} <= roles
    policies = {p for e in data["events"] for p in e["policies"]}
    assert len(policies) > 1  # across all policies


def test_views_are_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()
    for view in ("policy_states", "conflicts", "citation_dates", "event_dates", "events_fts", "sources_fts"):
        assert f"`{view}`" in doc


def test_the_shipped_vocabulary_copy_of_attribution_roles(tmp_path: Path) -> None:
    import importlib.util

    from kb.vocabulary import ATTRIBUTION_ROLES

    [path] = (Path(__file__).resolve().parents[1] / "migrations" / "versions").glob("*_0002_*.py")
    spec = importlib.util.spec_from_file_location("rev0002", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.ATTRIBUTION_ROLES == ATTRIBUTION_ROLES


@sqlite_only("the documented search SQL is FTS5's")
def test_search_and_as_of_match_their_sql(engine: Engine, db_copy: Path) -> None:
    """The documented SQL gives the same sources for a phrase and the same events as known then."""
    with engine.connect() as conn:
        sql_sources = conn.execute(
            text(
                "SELECT s.key FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid "
                "WHERE sources_fts MATCH '\"Korean Peninsula\"' ORDER BY rank"
            )
        ).scalars().all()
        sql_events = set(
            conn.execute(
                text("SELECT event_key FROM timeline WHERE source_published <= '2020-12-31'")
            ).scalars()
        )
    data = json.loads(ok("search", '"Korean Peninsula"', "--format", "json").stdout)
    assert [s["source"]["key"] for s in data["sources"]] == sql_sources
    known = json.loads(ok("timeline", "--as-of", "2020-12-31", "--format", "json").stdout)["events"]
    assert {e["key"] for e in known} == sql_events
