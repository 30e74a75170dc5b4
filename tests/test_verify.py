"""kb verify proves every row against a replay of the repository: each kind of tampering is
reported, naming the source and the field, even when whatever is stored beside it is changed
to match."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import BACKEND, engine_for, ok, run, sqlite_only
from sqlalchemy import Connection, text
from test_bad_input import fingerprint, root  # noqa: F401 (root is a fixture)

from kb.loader import unload_v2 as unload

RELEASE = "2020-01-31_dod_landmine-policy-release"
REVERSAL = "2020-01-31-trump-reversal"
KIRBY = "2014-09-23_dod_kirby-statement-landmines"
CITATION_1 = f"(SELECT id FROM citations WHERE position = 1 AND source_id = (SELECT id FROM sources WHERE key = '{RELEASE}'))"


def tamper(change: Callable[[Connection], None] | str) -> None:
    """Change the database at $KB_DB behind kb's back (plain SQL, or a function of a connection)."""
    engine = engine_for(os.environ["KB_DB"])
    try:
        with engine.begin() as conn:
            if isinstance(change, str):
                for statement in change.split(";"):
                    if statement.strip():
                        conn.execute(text(statement))
            else:
                change(conn)
    finally:
        engine.dispose()


def verify_fails() -> list[str]:
    """Run kb verify, which must fail; its report lines (one per difference)."""
    result = run("verify")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line.strip() for line in result.stdout.splitlines()[1:]]


def reported(lines: list[str], pattern: str) -> None:
    assert any(re.search(pattern, line) for line in lines), "\n".join(lines)


def move_quote(conn: Connection) -> None:
    """Point citation 1 of the release at another sentence of its content, offsets consistent."""
    text_, start, end = conn.execute(
        text("SELECT text, content_start, content_end FROM sources WHERE key = :k"), {"k": RELEASE}
    ).one()
    quote, offset = conn.execute(text(f"SELECT quote, start_offset FROM citations WHERE id = {CITATION_1}")).one()
    other = next(
        m for m in re.finditer(r"[A-Z][^.\n]{30,200}\.", text_[start:end]) if start + m.start() != offset
    )
    conn.execute(
        text(f"UPDATE citations SET quote = :q, start_offset = :s, end_offset = :e WHERE id = {CITATION_1}"),
        {"q": other.group(), "s": start + other.start(), "e": start + other.end()},
    )
    assert other.group() != quote


def rewrite_text_quotes_and_hash(conn: Connection) -> None:
    """A word changed in a source's text, in every quote of it, and its SHA-256 recomputed."""
    source_id, text_ = conn.execute(text("SELECT id, text FROM sources WHERE key = :k"), {"k": KIRBY}).one()
    new = text_.replace("Korean", "Koreen")
    assert new != text_ and len(new) == len(text_)
    conn.execute(
        text("UPDATE sources SET text = :t, sha256 = :h WHERE id = :i"),
        {"t": new, "h": hashlib.sha256(new.encode("utf-8")).hexdigest(), "i": source_id},
    )
    conn.execute(text("UPDATE citations SET quote = replace(quote, 'Korean', 'Koreen') WHERE source_id = :i"), {"i": source_id})


TAMPERINGS: dict[str, tuple[Callable[[Connection], None] | str, str]] = {
    "rewritten headline": (
        f"UPDATE events SET headline = 'United States keeps its landmine policy' WHERE key = '{REVERSAL}'",
        rf"^source {RELEASE}: event {REVERSAL} headline: 'United States keeps its landmine policy'.* in the database, 'United States rescinds",
    ),
    "event type": (
        f"UPDATE events SET type = 'support', stance = NULL WHERE key = '{REVERSAL}'",
        rf"^source {RELEASE}: event {REVERSAL} type: 'support' in the database, 'reversed' from the repository",
    ),
    "event date": (
        f"UPDATE events SET date = '2020-03-31', first_day = '2020-03-31', last_day = '2020-03-31', sort_key = '2020-03-31' WHERE key = '{REVERSAL}'",
        rf"^source {RELEASE}: event {REVERSAL} date: '2020-03-31 day .*' in the database, '2020-01-31 day .*' from the repository",
    ),
    "stated date": (
        f"UPDATE citations SET stated_date = '2020-02-01' WHERE id = {CITATION_1}",
        rf"^source {RELEASE}: citation 1 stated date: '2020-02-01 day - -' in the database, '2020-01-31 day - -' from the repository",
    ),
    "actor role": (
        f"UPDATE event_actors SET role = 'supported' WHERE source_id = (SELECT id FROM sources WHERE key = '{RELEASE}') "
        f"AND event_id = (SELECT id FROM events WHERE key = '{REVERSAL}') "
        "AND actor_id = (SELECT id FROM actors WHERE key = 'vic-mercado')",
        rf"^source {RELEASE}: event {REVERSAL} actor vic-mercado roles: \('supported'\) in the database, \('announced'\) from the repository",
    ),
    "citation re-pointed": (
        f"UPDATE citations SET event_id = (SELECT id FROM events WHERE key = '2019-dod-landmine-policy-study') WHERE id = {CITATION_1}",
        rf"^source {RELEASE}: citation 1 event: '2019-dod-landmine-policy-study' in the database, '{REVERSAL}' from the repository",
    ),
    "quote moved with consistent offsets": (move_quote, rf"^source {RELEASE}: citation 1 quote: .* in the database, .* from the repository"),
    "source deleted": (lambda conn: unload(conn, KIRBY), rf"^source {KIRBY}: missing from the database, though the repository's migrations load it"),
    "text, quotes and SHA-256 changed together": (
        rewrite_text_quotes_and_hash,
        rf"^source {KIRBY}: text: .*Koreen.* in the database, .*Korean.* from the repository",
    ),
}


def test_the_built_knowledge_base_proves_against_its_replay(db_copy: str) -> None:
    assert re.search(r": no problems$", ok("verify").stdout.splitlines()[0])


@pytest.mark.parametrize("name", list(TAMPERINGS))
def test_every_kind_of_tampering_is_reported_with_source_and_field(db_copy: str, name: str) -> None:
    change, expected = TAMPERINGS[name]
    tamper(change)
    reported(verify_fails(), expected)


def test_changed_together_the_hash_is_also_caught_without_seeds(db_copy: str) -> None:
    tamper(rewrite_text_quotes_and_hash)
    lines = verify_fails()
    reported(lines, rf"^source {KIRBY}: sha256: '[0-9a-f]+' in the database, '[0-9a-f]+' from the repository")
    reported(lines, rf"^source {KIRBY}: citation \d+ quote: .*Koreen.* in the database")


@sqlite_only("FTS5 indexes; PostgreSQL's search index is an expression index the server maintains")
def test_an_emptied_search_index_is_reported(db_copy: str) -> None:
    tamper("INSERT INTO events_fts (events_fts) VALUES ('delete-all')")
    lines = verify_fails()
    reported(lines, rf"^source {RELEASE}: event {REVERSAL} search index: '0 terms .*' in the database, '[1-9]\d* terms .*' from the repository")
    assert not any("sources_fts" in line or re.search(r"^source [^:]+: search index", line) for line in lines), lines


@sqlite_only("FTS5 indexes")
def test_an_emptied_source_index_is_reported(db_copy: str) -> None:
    tamper("INSERT INTO sources_fts (sources_fts) VALUES ('delete-all')")
    reported(verify_fails(), rf"^source {KIRBY}: search index: '0 terms .*' in the database")


def test_an_edited_annotation_inside_an_applied_migration_is_reported(root: Path) -> None:  # noqa: F811
    """Against the database built before the edit, and against its own record."""
    assert "no problems" in ok("verify").stdout
    # The latest migration of the source (a correction, if it was corrected): the one whose rows stand.
    path = max(
        p for p in (root / "migrations" / "versions").glob("*.py")
        if re.search(rf"""["']key["']: ["']{re.escape(RELEASE)}["']""", p.read_text())
    )
    code = path.read_text()
    assert "Vic Mercado" in code
    path.write_text(code.replace("{actor: vic-mercado, role: announced}", "{actor: vic-mercado, role: decided}", 1))
    lines = verify_fails()
    reported(lines, rf"^migration \w+ \({RELEASE}\): its embedded annotation or document pin changed after it was recorded.*write a correction migration instead")
    reported(lines, rf"^source {RELEASE}: event {REVERSAL} actor vic-mercado roles: \('announced'\) in the database, \('decided'\) from the repository")
    # A database built from the edited history agrees with the replay, but not with the record.
    if BACKEND == "sqlite":
        (root / "kb.sqlite").unlink()
        ok("db", "upgrade")
    else:
        ok("db", "downgrade", "base")
        ok("db", "upgrade")
    lines = verify_fails()
    assert len(lines) == 1 and "its embedded annotation or document pin changed" in lines[0], lines


def test_a_source_added_behind_kbs_back_is_reported(db_copy: str) -> None:
    tamper(
        "INSERT INTO sources (key, title, url, author, published, precision, kind, partial, text, content_start, "
        "content_end, sha256, added_at) VALUES ('planted', 'Planted', 'https://example.org/planted', 'Nobody', "
        "'2020-01-01', 'day', 'other', false, '<CONTENT>x</CONTENT>', 9, 10, '" + "a" * 64 + "', '2020-01-01')"
    )
    reported(verify_fails(), r"^source planted: in the database, but no migration in the repository loads it")


@sqlite_only("compares the database file's bytes")
def test_verify_changes_nothing_and_leaves_nothing_behind(root: Path, tmp_path: Path) -> None:  # noqa: F811
    ok("verify")  # the first run may settle the WAL file
    before = fingerprint(root)
    listing = sorted(p.name for p in root.rglob("*") if "__pycache__" not in p.parts)
    assert "no problems" in ok("verify").stdout
    assert fingerprint(root) == before
    assert sorted(p.name for p in root.rglob("*") if "__pycache__" not in p.parts) == listing


def test_a_database_at_an_unknown_revision_is_refused_in_one_line(db_copy: str) -> None:
    tamper("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    result = run("verify")
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_a_clean_replay_equals_the_built_database_row_for_row(db_copy: str, tmp_path: Path) -> None:
    """On PostgreSQL too: the scratch SQLite replay's rows compare equal to the server's."""
    from kb.db import make_engine
    from kb.fingerprint import contributions, replay

    replay(Path(__file__).resolve().parents[1], f"sqlite:///{tmp_path / 'replay.sqlite'}")
    scratch = make_engine(f"sqlite:///{tmp_path / 'replay.sqlite'}")
    tested = engine_for(db_copy)
    try:
        with scratch.connect() as a, tested.connect() as b:
            assert contributions(a) == contributions(b)
    finally:
        scratch.dispose()
        tested.dispose()
