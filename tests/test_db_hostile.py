"""Hostile and careless use of the database layer: multi-word searches, dates at the ends of the
calendar, files and databases that are not ours, odd paths, missing drivers, and a reader
beside a writer. Each refusal is one line, a non-zero exit, and nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from helpers import dump, engine_for, fails, ok, run, sqlite_only
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

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
EDGE_CASES = [
    pytest.param(option, value)
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
    "option", list(DATE_OPTIONS)
)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), length=st.sampled_from([4, 7, 10]))
@example(day=dt.date(1, 1, 1), length=4)
@example(day=dt.date(9999, 12, 31), length=10)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_date_from_0001_to_9999_for_every_date_option(db_copy: str, option: str, day: dt.date, length: int) -> None:
    result = _date_run(option, day.isoformat()[:length])
    assert result.exit_code == 0, result.output


# --- Databases that are not ours -----------------------------------------------------------------


def _state(db: str) -> object:
    """The file's bytes and its neighbours (SQLite), or every row (PostgreSQL)."""
    if "://" not in db:
        path = Path(db)
        neighbours = sorted(p.name for p in path.parent.iterdir())
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None, neighbours
    engine = engine_for(db)
    try:
        return dump(engine)
    finally:
        engine.dispose()


def _foreign(new_db: Callable[..., str], statements: list[str]) -> str:
    db = new_db()
    if "://" in db:
        engine = engine_for(db)
        with engine.begin() as conn:
            for sql in statements:
                conn.execute(text(sql))
        engine.dispose()
    else:
        conn = sqlite3.connect(db)  # another application's file: rollback journal, not WAL
        with conn:
            for sql in statements:
                conn.execute(sql)
        conn.close()
    return db


FOREIGN = {
    "other tables": ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (id, body) VALUES (1, 'mine')"],
    "its own events table": ["CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT)", "INSERT INTO events (id, what) VALUES (1, 'x')"],
    "another application's alembic": [
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "INSERT INTO alembic_version VALUES ('ffffffffffff')",
        "CREATE TABLE users (id INTEGER PRIMARY KEY)",
    ],
}
COMMANDS = {
    "timeline": ["timeline"],
    "search": ["search", "landmine policy"],
    "db upgrade": ["db", "upgrade"],
    "db downgrade": ["db", "downgrade", "-1"],
    "db status": ["db", "status"],
}


@pytest.mark.parametrize("kind", FOREIGN)
@pytest.mark.parametrize("command", COMMANDS)
def test_another_applications_database_is_refused_and_untouched(new_db: Callable[..., str], kind: str, command: str) -> None:
    db = _foreign(new_db, FOREIGN[kind])
    before = _state(db)
    message = fails(*COMMANDS[command], "--db", db)
    assert re.search(r"is not a kb knowledge base: .*; to make it one, run: kb db upgrade --init", message), message
    assert _state(db) == before


@sqlite_only("an empty file is SQLite's")
@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_file_does_not_silently_become_a_knowledge_base(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert re.search(r"empty\.sqlite is not a kb knowledge base: it is an empty file", fails(*COMMANDS[command], "--db", str(empty)))
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]


@sqlite_only("an empty file is SQLite's")
def test_init_makes_an_empty_file_a_knowledge_base(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    ok("db", "upgrade", "--init", "--db", str(empty))
    assert "2022-06-21" in ok("timeline", "--db", str(empty), "--type", "reinstated").stdout
    assert "--init" in ok("db", "upgrade", "--help").stdout


def test_init_adds_kb_beside_another_applications_tables(new_db: Callable[..., str]) -> None:
    db = _foreign(new_db, FOREIGN["other tables"])
    ok("db", "upgrade", "--init", "--db", db)
    engine = engine_for(db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT body FROM notes")).scalar() == "mine"
    engine.dispose()
    assert ok("timeline", "--db", db, "--type", "reinstated").stdout


# --- Paths -----------------------------------------------------------------------------------------


@sqlite_only("file paths")
@pytest.mark.parametrize("name", ["my?db.sqlite", "kb#1.sqlite", "my%20kb.sqlite", "a b&c=d;e.sqlite"])
def test_a_db_path_is_a_path_whatever_its_characters(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    path = folder / name
    ok("db", "upgrade", "--db", str(path))
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["here", name])
    assert "2022-06-21" in ok("timeline", "--db", str(path), "--type", "reinstated").stdout
    assert f"database:  {path}  (from --db)" in ok("db", "status", "--db", str(path)).stdout


@sqlite_only("file paths")
@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("db upgrade", "db status")])
def test_a_db_path_that_does_not_exist_is_not_created_by_a_read(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "typo.sqlite"
    message = fails(*COMMANDS[command], "--db", str(missing))
    assert re.search(r"typo\.sqlite (does not exist|is empty|has no knowledge base)", message), message
    assert list(tmp_path.iterdir()) == []


@sqlite_only("the default location is a file")
def test_the_default_database_is_built_whole_or_not_at_all(root_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    monkeypatch.delenv("KB_DB")

    def killed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # as if the build were interrupted part-way

    with monkeypatch.context() as patched:
        patched.setattr(command, "upgrade", killed)
        result = run("timeline")
    assert result.exit_code != 0
    assert not [p.name for p in root_copy.iterdir() if "sqlite" in p.name], "a killed build leaves nothing"
    result = ok("timeline", "--type", "reinstated")
    assert "Building the knowledge base at" in result.stderr
    names = {p.name for p in root_copy.iterdir() if "sqlite" in p.name}
    assert "kb.sqlite" in names and names <= {"kb.sqlite", "kb.sqlite-wal", "kb.sqlite-shm"}, names


# --- Database URLs whose driver is missing or unknown ----------------------------------------------

NO_PSYCOPG = """
import sys
sys.modules["psycopg"] = None  # as if the postgres extra were not installed
from kb.cli import cli
cli(sys.argv[1:], prog_name="kb")
"""


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://kb:secret@localhost:5432/kb", r"^Error: PostgreSQL needs its driver \(psycopg\), which is not installed: install the postgres extra: pip install -e '\.\[postgres\]'$"),
        ("postgresql+psycopg://kb@localhost/kb", r"install the postgres extra: pip install -e '\.\[postgres\]'$"),
        ("mysql://kb:secret@localhost/kb", r"^Error: mysql://kb:\*\*\*@localhost/kb: kb works with SQLite .* and PostgreSQL .*, not mysql$"),
        ("oracle+cx_oracle://x@y/z", r"kb works with SQLite .* and PostgreSQL .*, not oracle$"),
        ("nonsense://", r"kb works with SQLite .* not nonsense$"),
    ],
)
@pytest.mark.parametrize("command", [["timeline"], ["db", "upgrade"], ["db", "status"]])
def test_a_missing_or_unknown_driver_is_one_line(tmp_path: Path, url: str, message: str, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_PSYCOPG, *command, "--db", url], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(message, lines[0]), result.stderr
    assert "secret" not in result.stderr
