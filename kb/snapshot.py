"""A portable copy of a SQLite knowledge base, for publishing or attaching to a paper.

The working database runs in WAL mode, which needs a writable folder even to read (SQLite
creates the -shm file); a copy placed in a read-only folder then fails with "attempt to write a
readonly database". A snapshot is a compacted copy (`VACUUM INTO`) switched to the rollback
journal, so plain `sqlite3`, pandas and `datasette --immutable` open it anywhere.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kb.config import Location, read_only_uri
from kb.errors import DatabaseError


@dataclass(frozen=True)
class Snapshot:
    path: Path
    size: int
    revision: str
    events: int
    sources: int


def snapshot(*, location: Location, target: Path, overwrite: bool = False) -> Snapshot:
    """Copy the knowledge base at location to target (a new file), in rollback-journal mode."""
    source = location.sqlite_path
    if source is None:
        raise DatabaseError(
            f"{location.describe()}: kb db snapshot copies a SQLite knowledge base; "
            "for PostgreSQL use pg_dump, or build a SQLite copy with kb db upgrade --db FILE"
        )
    if not source.is_file():
        raise DatabaseError(f"{source}: no knowledge base there (kb db upgrade builds one)")
    target = target.expanduser().absolute()
    if target.resolve() == source.resolve():
        raise DatabaseError(f"{target}: the snapshot must be a different file from the knowledge base")
    if target.is_dir():
        raise DatabaseError(f"{target}: is a folder; give the snapshot's file name")
    if target.exists() and not overwrite:
        raise DatabaseError(f"{target}: already exists (use --force to replace it)")
    if not target.parent.is_dir():
        raise DatabaseError(f"{target.parent}: no such folder")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        reader = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            revision = _revision(reader, source)
            reader.execute("VACUUM INTO ?", (str(partial),))
        finally:
            reader.close()
        writer = sqlite3.connect(partial, isolation_level=None)
        try:
            mode = writer.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if mode != "delete":
                raise DatabaseError(f"{target}: could not switch the snapshot to the rollback journal ({mode})")
            events = writer.execute("SELECT count(*) FROM events").fetchone()[0]
            sources = writer.execute("SELECT count(*) FROM sources").fetchone()[0]
            problems = writer.execute("PRAGMA integrity_check").fetchone()[0]
            if problems != "ok":
                raise DatabaseError(f"{target}: the copy fails SQLite's integrity check: {problems}")
        finally:
            writer.close()
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{target}: cannot write the snapshot: {exc}") from None
    except OSError as exc:
        raise DatabaseError(f"{target}: cannot write the snapshot: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return Snapshot(target, target.stat().st_size, revision, events, sources)


def _revision(conn: sqlite3.Connection, where: Path) -> str:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.execute("SELECT 1 FROM events LIMIT 1")
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        raise DatabaseError(f"{where}: not a kb knowledge base (no kb revision or events table)")
    return str(row[0])
