"""Reading through the database's own DB-API driver (sqlite3, psycopg): no SQLAlchemy on the read path.

Read commands run SQL text over kb's tables and views with a `Reader` and import neither
SQLAlchemy nor Alembic while the knowledge base is at head (docs/performance.md says why: their
import alone cost several times a whole read command). Writes, migrations and the first build
stay with SQLAlchemy and Alembic (`kb.db`), which `reading` falls back to when the knowledge base
is missing or behind. Statements are written once, with `:name` parameters, for both databases
(`pyformat` rewrites them for psycopg; the source loader, kb.loader, writes the same way).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from kb.config import HEAD_MARKER, Location, read_only_uri, sqlite_file
from kb.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Row = tuple[Any, ...]
Params = Mapping[str, Any]

KB_TABLES = frozenset({"sources", "actors", "policies", "events", "citations"})  # what makes a knowledge base
BUSY_TIMEOUT_MS = 30_000
# PostgreSQL: readers hold this advisory lock shared and writers (kb.db) exclusive, so a reader
# waits for a schema change instead of finding its tables gone mid-command ("kbdb").
PG_LOCK_KEY = 0x6B62_6462


@functools.lru_cache(maxsize=256)
def pyformat(sql: str) -> str:
    """`:name` parameters as psycopg's `%(name)s` (a literal % doubled; `::` casts left alone)."""
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql.replace("%", "%%"))


class Reader:
    """One DB-API connection inside one read transaction; statements take `:name` parameters."""

    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect  # "sqlite" or "postgresql"
        self.postgres = dialect == "postgresql"
        self.errors: tuple[type[Exception], ...] = _driver_errors(dialect)

    @classmethod
    def of(cls, db: Reader | Session) -> Reader:
        """A Reader for a Reader, or for a SQLAlchemy session's connection (same transaction)."""
        if isinstance(db, Reader):
            return db
        connection = db.connection()
        return cls(connection.connection.dbapi_connection, connection.dialect.name)

    def _execute(self, cursor: Any, sql: str, params: Params | None) -> Any:
        if self.postgres:
            cursor.execute(pyformat(sql), params or {})
        else:
            cursor.execute(sql, params or {})
        return cursor

    def rows(self, sql: str, params: Params | None = None) -> list[Row]:
        cursor = self.connection.cursor()
        try:
            return [tuple(r) for r in self._execute(cursor, sql, params).fetchall()]
        finally:
            cursor.close()

    def first(self, sql: str, params: Params | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalars(self, sql: str, params: Params | None = None) -> list[Any]:
        return [r[0] for r in self.rows(sql, params)]

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        row = self.first(sql, params)
        return row[0] if row else None

    def partitions(self, sql: str, params: Params | None, size: int) -> Iterator[list[Row]]:
        """The rows of one statement, `size` at a time: the statement runs once (a server-side
        cursor on PostgreSQL, so rows stay there until asked for)."""
        cursor = self.connection.cursor(name="kb_stream") if self.postgres else self.connection.cursor()
        try:
            self._execute(cursor, sql, params)
            while True:
                chunk = cursor.fetchmany(size)
                if not chunk:
                    return
                yield [tuple(r) for r in chunk]
        finally:
            cursor.close()


def in_list(name: str, values: Iterable[Any], params: dict[str, Any]) -> str:
    """`:name_0, :name_1, …` for an IN list, the values added to params (an empty list matches nothing)."""
    values = list(values)
    params.update({f"{name}_{i}": v for i, v in enumerate(values)})
    return ", ".join(f":{name}_{i}" for i in range(len(values))) or "NULL"


def _driver_errors(dialect: str) -> tuple[type[Exception], ...]:
    if dialect == "postgresql":
        import psycopg

        return (psycopg.Error,)
    import sqlite3

    return (sqlite3.Error,)


# --- Opening a knowledge base for reading ---------------------------------------------------------


def _connect(location: Location) -> Reader:
    path = sqlite_file(location.url)
    if path is not None:
        import sqlite3

        # mode=ro: a read can never change the file
        conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN")
        return Reader(conn, "sqlite")
    import psycopg  # when missing, kb.db says so in one line (reading() hands over to it)

    # libpq takes the same URL without SQLAlchemy's "+driver".
    scheme, _, rest = location.url.partition("://")
    conn = psycopg.connect(f"{scheme.split('+')[0]}://{rest}", autocommit=True)
    # The lock first, the snapshot after it: a snapshot taken while waiting for a writer would
    # predate its commit and miss the tables it created.
    conn.execute("SELECT pg_advisory_lock_shared(%s)", (PG_LOCK_KEY,))
    conn.autocommit = False
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    return Reader(conn, "postgresql")


def _revision(reader: Reader) -> str | None:
    """The knowledge base's revision, or None when it is not (or not yet) one: this read fixes
    the snapshot every later statement sees."""
    if reader.postgres:
        names = reader.scalars(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    else:
        names = reader.scalars("SELECT name FROM sqlite_master WHERE type = 'table'")
    if "alembic_version" not in names or not KB_TABLES <= set(names):
        return None
    revisions = reader.scalars("SELECT version_num FROM alembic_version")
    return revisions[0] if len(revisions) == 1 else None


def marker_stale(root: Path) -> bool:
    """Whether migrations/HEAD is missing or older than migrations/versions/ (a revision written
    or removed after it, e.g. by an interrupted `kb source migrate` or a `git pull`)."""
    try:
        return (root / "migrations" / "versions").stat().st_mtime_ns > (root / HEAD_MARKER).stat().st_mtime_ns
    except FileNotFoundError:
        return True


def marked_head(location: Location) -> str | None:
    """migrations/HEAD when it is current, else None (two stats and a read; no Alembic)."""
    root = location.root
    if root is None or marker_stale(root):
        return None
    try:
        return (root / HEAD_MARKER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _worth_trying(location: Location) -> bool:
    """Whether to try the driver before kb.db: an SQLite file that exists and is not empty, or a
    PostgreSQL URL (anything else is kb.db's to build, refuse or explain)."""
    path = sqlite_file(location.url)
    if path is None:
        return location.url.startswith(("postgresql://", "postgresql+psycopg://"))
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


@contextlib.contextmanager
def reading(location: Location, notify: Callable[[str], None]) -> Iterator[Reader]:
    """A Reader on one consistent snapshot of the knowledge base for the whole command.

    At head, only the driver is imported. A missing knowledge base, one that is behind, or
    anything that is not a knowledge base goes through kb.db first (built, upgraded when no
    other writer holds it, or refused in one line), as every read command did before."""
    reader = _open_at_head(location) if _worth_trying(location) else None
    if reader is None:
        from kb import db

        db.make_ready(location, notify)
        reader = _open(location)
    try:
        yield reader
        reader.connection.rollback()
    except reader.errors as exc:
        raise DatabaseError(f"{location.describe()}: cannot read the database: {str(exc).splitlines()[0]}") from None
    finally:
        reader.connection.close()


def _open_at_head(location: Location) -> Reader | None:
    """A Reader when the knowledge base is at head (or read as it is outside a repository), else None."""
    try:
        reader = _connect(location)
    except Exception:
        return None  # kb.db says what is wrong, in its words
    try:
        revision = _revision(reader)
    except reader.errors:
        revision = None
    if revision is not None and (location.root is None or revision == marked_head(location)):
        return reader
    reader.connection.close()
    return None


def _open(location: Location) -> Reader:
    """A Reader after kb.db made the knowledge base ready (or said why it is behind)."""
    try:
        reader = _connect(location)
        revision = _revision(reader)
    except DatabaseError:
        raise
    except Exception as exc:
        raise DatabaseError(f"{location.describe()}: cannot read the database: {str(exc).splitlines()[0]}") from None
    if revision is None:
        reader.connection.close()
        raise DatabaseError(
            f"{location.describe()} has no knowledge base at the moment (another kb has just emptied it); try again"
        )
    return reader

