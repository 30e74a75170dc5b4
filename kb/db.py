"""Engines and sessions (foreign keys on, real transactions on SQLite), revisions, upgrades."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
import os
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from kb.config import HEAD_MARKER, Location, read_only_uri, to_url
from kb.errors import DatabaseError
from kb.sql import KB_TABLES, PG_LOCK_KEY, marked_head, marker_stale

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
SUPPORTED = "SQLite (a file path or sqlite:///PATH) and PostgreSQL (postgresql://USER:PASSWORD@HOST/DATABASE)"


def _driver_checked(url: str) -> URL:
    """The URL parsed, refused in one line when kb does not work with its backend."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL; kb works with {SUPPORTED}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(f"{parsed.render_as_string(hide_password=True)}: kb works with {SUPPORTED}, not {backend}")
    return parsed


def _create_engine(url: str, **kwargs: Any) -> Engine:
    """create_engine, with a missing or unknown driver said in one line (the one place that says it)."""
    parsed = _driver_checked(url)
    try:
        return create_engine(parsed, **kwargs)
    except (ImportError, NoSuchModuleError) as exc:
        if parsed.get_backend_name() == "postgresql":
            module = getattr(exc, "name", None) or parsed.get_driver_name()
            raise DatabaseError(
                f"PostgreSQL needs its driver ({module}), which is not installed: "
                "install the postgres extra: pip install -e '.[postgres]'"
            ) from None
        raise DatabaseError(f"{parsed.render_as_string(hide_password=True)}: no driver {parsed.get_driver_name()!r}; kb works with {SUPPORTED}") from None


def _sqlite_connector(path: str, *, read_only: bool) -> Callable[[], Any]:
    import sqlite3

    def connect() -> Any:
        if read_only and path and path != ":memory:":
            return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
        return sqlite3.connect(path or ":memory:", check_same_thread=False)

    return connect


def make_engine(
    url: str,
    *,
    foreign_keys: bool = True,
    read_only: bool = False,
    busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    begin: str = "BEGIN",
) -> Engine:
    """An engine. On SQLite: foreign keys enforced, WAL journal, a busy timeout, BEGIN (or
    `begin`, e.g. BEGIN IMMEDIATE) emitted by SQLAlchemy rather than pysqlite, and with
    read_only the file opened with mode=ro so a query can never change it."""
    parsed = _driver_checked(url)
    if parsed.get_backend_name() != "sqlite":
        from kb.models import postgresql_arguments

        postgresql_arguments()  # the dialect is loaded now anyway
        return _create_engine(url)
    engine = _create_engine(url, creator=_sqlite_connector(parsed.database or "", read_only=read_only))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; let SQLAlchemy do it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
            cursor.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

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


def head_revision(location: Location) -> str | None:
    """The newest revision, from migrations/HEAD, recomputed from the revisions when it is stale."""
    location.require_root()
    return marked_head(location) or write_head_marker(location)


def scripted_head(location: Location) -> str | None:
    """The newest revision as Alembic finds it in migrations/versions/ (loads every revision)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(location)).get_current_head()


def write_head_marker(location: Location) -> str | None:
    """Bring migrations/HEAD in step with migrations/versions/ (after writing a revision)."""
    head = scripted_head(location)
    marker = location.require_root() / HEAD_MARKER
    if head is None:
        return head
    try:
        # temp file + rename: a reader never sees a half-written marker; rewritten even when
        # unchanged so its time is again newer than migrations/versions/
        partial = marker.with_name(f".HEAD.{os.getpid()}")
        partial.write_text(head + "\n", encoding="utf-8")
        os.replace(partial, marker)
    except OSError:
        pass  # a read-only checkout: the revisions themselves said where head is
    return head


def _where(engine: Engine) -> str:
    if engine.url.get_backend_name() == "sqlite":
        return engine.url.database or ""
    return engine.url.render_as_string(hide_password=True)


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise DatabaseError(f"{_where(engine)}: cannot read the database: {exc.orig}") from None


def database_exists(location: Location) -> bool:
    path = location.sqlite_path
    return path.exists() if path is not None else True


# --- Is it a knowledge base? -------------------------------------------------------------------

INIT_HINT = "to make it one, run: kb db upgrade --init"


@dataclass(frozen=True)
class Found:
    """What a database holds: "blank" (no tables at all), "ours" (a knowledge base at
    `revision`, None at base) or "foreign" (anything else, `reason` says why)."""

    kind: str
    revision: str | None = None
    reason: str = ""


def examine(conn: Connection) -> Found:
    """Recognise a knowledge base: alembic_version with one revision, plus kb's tables."""
    names = set(inspect(conn).get_table_names())
    if not names:
        return Found("blank")
    if "alembic_version" not in names:
        listed = ", ".join(sorted(names)[:4]) + (", …" if len(names) > 4 else "")
        return Found("foreign", reason=f"it holds other tables ({listed}) and no alembic_version")
    revisions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(revisions) > 1:
        return Found("foreign", reason=f"its alembic_version holds {len(revisions)} revisions")
    revision = revisions[0] if revisions else None
    if revision is None:
        others = names - {"alembic_version"}
        if others:
            return Found("foreign", reason=f"it holds other tables ({', '.join(sorted(others)[:4])}) and no revision")
        return Found("ours", None)
    missing = KB_TABLES - names
    if missing:
        return Found("foreign", revision, f"its alembic_version says {revision} but it has no {', '.join(sorted(missing))} table")
    return Found("ours", revision)


def _examine(location: Location) -> Found:
    """What the database at location holds (opened read-only: nothing is written to look)."""
    path = location.sqlite_path
    if path is not None and path.exists() and path.is_file() and path.stat().st_size == 0:
        return Found("foreign", reason="it is an empty file")
    engine = make_engine(location.url, read_only=True)
    try:
        with engine.connect() as conn:
            found = examine(conn)
    except DBAPIError as exc:
        raise DatabaseError(f"{location.describe()}: cannot read the database: {str(exc.orig).splitlines()[0]}") from None
    finally:
        engine.dispose()
    if found.kind == "blank" and path is not None:
        return Found("foreign", reason="it is an SQLite database with no tables")
    return found


def _refuse(location: Location, found: Found) -> DatabaseError:
    return DatabaseError(f"{location.describe()} is not a kb knowledge base: {found.reason}; {INIT_HINT}")


def our_revisions(location: Location) -> list[str]:
    """Every revision of migrations/versions/, base first (loads every revision: only when behind)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(location))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _pending(location: Location, revision: str | None) -> list[str]:
    """The revisions between the database's and head; refuses a revision not in migrations/."""
    revisions = our_revisions(location)
    if revision is None:
        return revisions
    if revision not in revisions:
        raise DatabaseError(
            f"{location.describe()} is at revision {revision}, which is not in this repository's migrations/ "
            "(written by a newer kb, or another application's database)"
        )
    return revisions[revisions.index(revision) + 1 :]


# --- Writing: upgrade, downgrade, a first build -------------------------------------------------


class Busy(Exception):
    """Another writer holds the database (raised only when not waiting for it)."""


@contextlib.contextmanager
def _writing(location: Location, *, wait: bool) -> Iterator[Connection]:
    """One write transaction holding the database's write lock for a whole upgrade or
    downgrade, so readers see the knowledge base before it or after it, never between."""
    engine = make_engine(
        location.url, foreign_keys=False, busy_timeout=BUSY_TIMEOUT_SECONDS if wait else 0, begin="BEGIN IMMEDIATE"
    )
    try:
        with engine.connect() as conn:
            try:
                conn.begin()
                if conn.dialect.name == "postgresql":
                    if wait:
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
                    elif not conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY}).scalar():
                        raise Busy
            except OperationalError as exc:
                if not wait and "locked" in str(exc.orig):
                    raise Busy from None
                raise
            yield conn
            conn.commit()
    finally:
        engine.dispose()


def _revision_in(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(
    location: Location, action: str, revision: str, *, wait: bool = True, locked: Callable[[], None] | None = None
) -> tuple[str | None, str | None]:
    from alembic import command

    with _writing(location, wait=wait) as conn:
        if locked is not None:
            locked()
        before = _revision_in(conn)
        if action == "downgrade" and before is None:
            raise DatabaseError(f"{location.describe()} is empty: nothing to downgrade")
        getattr(command, action)(alembic_config(location, connection=conn), revision)
        return before, _revision_in(conn)


def _build_new(location: Location, revision: str) -> tuple[str | None, str | None]:
    """Build a missing SQLite database in a temporary file beside it, moved into place only when
    complete: a build that is killed leaves no half-built file where the knowledge base goes."""
    path = location.sqlite_path
    assert path is not None
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.building")
    try:
        after = _migrate(Location(to_url(str(temporary)), location.root, location.origin), "upgrade", revision)[1]
        try:
            os.link(temporary, path)  # never replaces a database another process finished first
        except FileExistsError:
            pass
        except OSError:
            os.replace(temporary, path)  # a file system without hard links
        return None, after
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)


def upgrade(location: Location, revision: str = "head", *, init: bool = False) -> tuple[str | None, str | None]:
    """Apply migrations up to revision; returns (before, after). A database that is not a
    knowledge base is refused unless init; a missing SQLite file is created."""
    # The marker is recomputed only when stale: recomputing loads every revision, and the
    # upgrade itself loads them again.
    if location.root is not None and marker_stale(location.root):
        write_head_marker(location)
    if not database_exists(location):
        return _build_new(location, revision)
    found = _examine(location)
    if found.kind == "foreign" and not init:
        raise _refuse(location, found)
    return _migrate(location, "upgrade", revision)


def downgrade(location: Location, revision: str) -> tuple[str | None, str | None]:
    """Undo migrations down to revision ("-1", a revision id, or "base")."""
    if not database_exists(location):
        raise DatabaseError(f"{location.describe()} does not exist: nothing to downgrade")
    found = _examine(location)
    if found.kind == "foreign":
        raise _refuse(location, found)
    if found.kind == "blank" or found.revision is None:
        raise DatabaseError(f"{location.describe()} is empty: nothing to downgrade")
    return _migrate(location, "downgrade", revision)


# --- Reading ----------------------------------------------------------------------------------


def _missing(location: Location) -> DatabaseError:
    if location.root is None:
        return DatabaseError(
            f"{location.describe()} has no knowledge base and there is no migrations/ folder here to build one"
        )
    return DatabaseError(f"{location.describe()} does not exist; create a knowledge base there with: kb db upgrade --db PATH")


def _make_ready(location: Location, notify: Callable[[str], None], *, wait: bool) -> None:
    """Build a missing knowledge base; upgrade one that is behind when the write lock is free at
    once (or always, with wait); otherwise say on stderr that it is behind, and by what."""
    exists = database_exists(location)
    found = _examine(location) if exists else Found("blank")
    if found.kind == "foreign":
        raise _refuse(location, found)
    if found.kind == "blank":
        # Nothing to read. Built by a read command only where the user did not name it: a
        # mistyped --db must not leave a new knowledge base behind.
        if location.root is None or location.origin == "--db":
            raise _missing(location) if not exists else DatabaseError(
                f"{location.describe()} has no tables; create a knowledge base there with: kb db upgrade --db URL"
            )
        notify(f"Building the knowledge base at {location.describe()} from migrations/ and seeds/ …")
        upgrade(location, "head")
        return
    if location.root is None or found.revision == head_revision(location):
        return  # outside the repository the database is used as it is
    pending = _pending(location, found.revision)
    if not pending:
        return
    def say_upgrading() -> None:
        notify(f"Upgrading {location.describe()} from {found.revision or 'base (empty)'} to {pending[-1]} …")

    try:
        _migrate(location, "upgrade", "head", wait=wait, locked=say_upgrading)
    except Busy:
        if not _changes_schema(location, pending):
            notify(behind_message(location, found.revision, pending))
            return
        # This kb's queries need the tables and views of the schema revisions it lacks: reading
        # the older schema would fail, so wait for the other writer and upgrade after it.
        notify(f"Waiting for another kb that is writing to {location.describe()} (it lacks schema revision(s) this kb needs) …")
        _migrate(location, "upgrade", "head", wait=True, locked=say_upgrading)


def make_ready(location: Location, notify: Callable[[str], None]) -> None:
    """What a read command does first: build a missing knowledge base, upgrade one that is
    behind when no other writer holds it, refuse what is not one (kb.sql.reading)."""
    _make_ready(location, notify, wait=False)


def _changes_schema(location: Location, pending: list[str]) -> bool:
    """Whether any of these revisions changes the schema (a source revision only adds rows)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(location))
    return any(not hasattr(script.get_revision(rev).module, "SOURCES") for rev in pending)


def behind_message(location: Location, revision: str | None, pending: list[str]) -> str:
    shown = ", ".join(pending[:3]) + (f" and {len(pending) - 3} more" if len(pending) > 3 else "")
    return (
        f"Note: {location.describe()} is behind: at {revision or 'base (empty)'}, {len(pending)} revision(s) "
        f"short of head ({shown}); another kb is writing to it, so this reads it as it is"
    )


@contextlib.contextmanager
def reading(location: Location, notify: Callable[[str], None]) -> Iterator[Session]:
    """A session that reads one consistent snapshot of the knowledge base for the whole command.

    A missing knowledge base is built first (not one named by --db); one that is behind is
    upgraded only if no other writer holds it at that moment, else read as it is with a note."""
    _make_ready(location, notify, wait=False)
    engine = make_engine(location.url, read_only=True)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # The lock first, the snapshot after it: a snapshot taken while waiting would
                # predate the writer's commit and miss the tables it created.
                conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": PG_LOCK_KEY})
                conn.commit()
                conn.execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION READ ONLY"))
            # The first read fixes the snapshot (SQLite WAL): everything after sees this revision.
            found = examine(conn)
            if found.kind != "ours" or found.revision is None:
                raise DatabaseError(
                    f"{location.describe()} has no knowledge base at the moment (another kb has just emptied it); try again"
                )
            with Session(bind=conn) as session:
                yield session
            conn.rollback()
    except DBAPIError as exc:
        raise DatabaseError(f"{location.describe()}: cannot read the database: {str(exc.orig).splitlines()[0]}") from None
    finally:
        engine.dispose()


def open_current(location: Location, notify: Callable[[str], None]) -> Engine:
    """A read-only engine on a database at head (built or upgraded first, waiting for any other
    writer). The caller disposes of the engine."""
    _make_ready(location, notify, wait=True)
    return make_engine(location.url, read_only=True)


def ensure_current(location: Location, notify: Callable[[str], None]) -> None:
    """Build a missing database or upgrade one that is behind, telling notify what was done."""
    _make_ready(location, notify, wait=True)


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
        found = _examine(location)
        if found.kind == "foreign":
            raise _refuse(location, found)
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
