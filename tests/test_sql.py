"""kb.sql: statements written once for both drivers, and the read-only snapshot read commands use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import ok, sqlite_only

from kb.config import Location
from kb.config import sqlite_file as sqlite_path
from kb.sql import Reader, in_list, pyformat, reading


def test_pyformat_turns_names_into_psycopg_parameters_and_leaves_the_rest() -> None:
    assert pyformat("SELECT a FROM t WHERE k = :k AND x IN (:x_0, :x_1)") == (
        "SELECT a FROM t WHERE k = %(k)s AND x IN (%(x_0)s, %(x_1)s)"
    )
    # casts, literal percent signs and words after a colon inside no parameter stay as written
    assert pyformat("SELECT '5%' || v::text FROM t WHERE k = :k") == "SELECT '5%%' || v::text FROM t WHERE k = %(k)s"


def test_in_list_binds_every_value_and_an_empty_list_matches_nothing() -> None:
    params: dict[str, object] = {}
    assert in_list("k", ["a", "b'); DROP", 3], params) == ":k_0, :k_1, :k_2"
    assert params == {"k_0": "a", "k_1": "b'); DROP", "k_2": 3}
    conn = sqlite3.connect(":memory:")
    reader = Reader(conn, "sqlite")
    assert reader.scalars(f"SELECT 1 WHERE 1 IN ({in_list('e', [], {})})") == []
    bound: dict[str, object] = {}
    hostile = "b'); DROP"
    assert reader.scalars(f"SELECT 'b''); DROP' IN ({in_list('k', ['a', hostile], bound)})", bound) == [1]


def test_sqlite_path_decodes_the_url_kb_makes_from_a_path(tmp_path: Path) -> None:
    from kb.config import to_url

    odd = tmp_path / "a dir?#%20" / "k b.sqlite"
    assert sqlite_path(to_url(str(odd))) == str(odd)
    assert sqlite_path("postgresql+psycopg://u:p@h/db") is None
    assert sqlite_path("sqlite:///:memory:") is None


def test_partitions_read_one_statement_in_pieces() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (i INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    pieces = list(Reader(conn, "sqlite").partitions("SELECT i FROM t WHERE i >= :lo ORDER BY i", {"lo": 3}, 3))
    assert [len(p) for p in pieces] == [3, 3, 1] and pieces[0][0] == (3,)


@sqlite_only("about the SQLite file")
def test_reading_opens_the_file_read_only_in_one_snapshot(db_copy: str) -> None:
    location = Location(f"sqlite:///{db_copy}", None, "--db")
    with reading(location, lambda _m: None) as reader:
        before = reader.scalar("SELECT count(*) FROM events")
        # another connection writes meanwhile: this reader keeps its snapshot
        other = sqlite3.connect(db_copy)
        other.execute("UPDATE events SET headline = headline || '!' WHERE id = (SELECT min(id) FROM events)")
        other.execute("INSERT INTO term_variants (term, variant, source_id) VALUES ('x', 'y', (SELECT min(id) FROM sources))")
        other.commit()
        other.close()
        assert reader.scalar("SELECT count(*) FROM term_variants WHERE term = 'x'") == 0
        assert reader.scalar("SELECT count(*) FROM events") == before
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.rows("DELETE FROM term_variants")


@sqlite_only("about SQLite files")
def test_a_read_command_on_a_file_that_is_no_knowledge_base_is_refused_by_kb_db(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    from helpers import fails

    assert "is not a kb knowledge base" in fails("timeline", "--db", str(foreign))
    assert ok("timeline", "--help").exit_code == 0
