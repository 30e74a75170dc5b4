"""Engines and sessions (foreign keys on, real transactions on SQLite), revisions, upgrades."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kb.config import Location
from kb.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

COUNTED_TABLES = (
    "sources",
    "actors",
    "policies",
    "events",
    "citations",
    "actor_aliases",
    "policy_aliases",
    "event_actors",
    "event_policies",
    "event_types",
)


JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024  # bytes the WAL file is truncated to after a checkpoint
BUSY_TIMEOUT_SECONDS = 30


def make_engine(url: str, *, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    """An engine. On SQLite: foreign keys enforced, WAL journal, a busy timeout, BEGIN emitted
    by SQLAlchemy rather than pysqlite, and with read_only the file opened with mode=ro so a
    query can never change it."""
    if not url.startswith("sqlite"):
        return create_engine(url)
    path = url[len("sqlite:///") :]
    if read_only and path and path != ":memory:":
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; let SQLAlchemy do it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
            cursor.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@contextlib.contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session, one transaction: committed on success, rolled back on any error."""
    with Session(engine) as session, session.begin():
        yield session


def alembic_config(location: Location, **attributes: Any) -> Config:
    from alembic.config import Config

    root = location.require_root()
    config = Config(toml_file=str(root / "pyproject.toml"), attributes={"kb_url": location.url, **attributes})
    config.set_main_option("script_location", str(root / "migrations"))
    return config


HEAD_MARKER = Path("migrations") / "HEAD"


def head_revision(location: Location) -> str | None:
    """The newest revision, from migrations/HEAD: read commands never import Alembic for it."""
    root = location.require_root()
    try:
        return (root / HEAD_MARKER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return write_head_marker(location)


def scripted_head(location: Location) -> str | None:
    """The newest revision as Alembic finds it in migrations/versions/ (loads every revision)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(location)).get_current_head()


def write_head_marker(location: Location) -> str | None:
    """Bring migrations/HEAD in step with migrations/versions/ (after writing a revision)."""
    head = scripted_head(location)
    marker = location.require_root() / HEAD_MARKER
    if head is not None and (not marker.exists() or marker.read_text(encoding="utf-8").strip() != head):
        marker.write_text(head + "\n", encoding="utf-8")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        where = engine.url.render_as_string(hide_password=True)
        if engine.url.get_backend_name() == "sqlite":
            where = (engine.url.database or "").removeprefix("file:")
        raise DatabaseError(f"{where}: cannot read the database: {exc.orig}") from None


def database_exists(location: Location) -> bool:
    path = location.sqlite_path
    return path.exists() if path is not None else True


def upgrade(location: Location, revision: str = "head") -> tuple[str | None, str | None]:
    """Apply migrations up to revision; returns (before, after)."""
    from alembic import command

    engine = make_engine(location.url)
    try:
        before = current_revision(engine)
        write_head_marker(location)
        command.upgrade(alembic_config(location), revision)
        return before, current_revision(engine)
    finally:
        engine.dispose()


def downgrade(location: Location, revision: str) -> tuple[str | None, str | None]:
    """Undo migrations down to revision ("-1", a revision id, or "base")."""
    from alembic import command

    engine = make_engine(location.url)
    try:
        before = current_revision(engine)
        if before is None:
            raise DatabaseError(f"{location.describe()} is empty: nothing to downgrade")
        command.downgrade(alembic_config(location), revision)
        return before, current_revision(engine)
    finally:
        engine.dispose()


def open_current(location: Location, notify: Callable[[str], None]) -> Engine:
    """A read-only engine on the database, built or upgraded first (as a separate write) if it
    is missing or behind; notify says what was done. The caller disposes of the engine."""
    existed = database_exists(location)
    engine = make_engine(location.url, read_only=True)
    try:
        current = current_revision(engine) if existed else None
    except DatabaseError:
        engine.dispose()
        raise
    if location.root is None:
        if current is None:
            engine.dispose()
            raise DatabaseError(
                f"{location.describe()} has no knowledge base and there is no migrations/ folder here to build one"
            )
        return engine  # outside the repository: use the database as it is
    head = head_revision(location)
    if current == head:
        return engine
    engine.dispose()
    if current is None:
        notify(f"Building the knowledge base at {location.describe()} from migrations/ and seeds/ …")
    else:
        notify(f"Upgrading {location.describe()} from {current} to {head} …")
    upgrade(location, "head")
    return make_engine(location.url, read_only=True)


def ensure_current(location: Location, notify: Callable[[str], None]) -> None:
    """Build a missing database or upgrade one that is behind, telling notify what was done."""
    open_current(location, notify).dispose()


@dataclass(frozen=True)
class Status:
    location: str
    origin: str
    revision: str | None
    head: str | None
    counts: dict[str, int]

    @property
    def at_head(self) -> bool:
        return self.revision is not None and self.revision == self.head


def status(location: Location) -> Status:
    """Where the database is, its revision, whether at head, and row counts."""
    counts: dict[str, int] = {}
    revision = None
    if database_exists(location):
        engine = make_engine(location.url, read_only=True)
        try:
            revision = current_revision(engine)
            with engine.connect() as conn:
                names = set(inspect(conn).get_table_names())
                for table in COUNTED_TABLES:
                    if table in names:
                        counts[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        finally:
            engine.dispose()
    head = head_revision(location) if location.root is not None else None
    return Status(location.describe(), location.origin, revision, head, counts)




def table_columns(location: Location, notify: Callable[[str], None]) -> dict[str, list[str]]:
    """Every table and view of a database at head, with its columns (FTS5's own tables aside)."""
    ensure_current(location, notify)
    engine = make_engine(location.url, read_only=True)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            names = [*inspector.get_table_names(), *inspector.get_view_names()]
            return {
                name: [c["name"] for c in inspector.get_columns(name)]
                for name in sorted(names)
                if "_fts_" not in name and name != "alembic_version"
            }
    finally:
        engine.dispose()
