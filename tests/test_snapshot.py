"""`kb db snapshot`: a copy that opens from a read-only folder in plain sqlite3 and Datasette."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import dump, engine_for, fails, ok, sqlite_only

pytestmark = sqlite_only("a snapshot is a SQLite file")


def read_only_folder(path: Path) -> None:
    for item in [path, *path.iterdir()]:
        item.chmod(stat.S_IRUSR | stat.S_IXUSR if item.is_dir() else stat.S_IRUSR)


@pytest.fixture
def published(db_copy: str, tmp_path: Path) -> Path:
    folder = tmp_path / "published"
    folder.mkdir()
    target = folder / "kb-snapshot.sqlite"
    out = ok("db", "snapshot", str(target)).stdout
    assert f"wrote {target}" in out
    yield target
    folder.chmod(stat.S_IRWXU)
    for item in folder.iterdir():
        item.chmod(stat.S_IRWXU)


def test_the_snapshot_has_the_same_rows_in_rollback_journal_mode(published: Path, db_copy: str) -> None:
    assert published.read_bytes()[18:20] == b"\x01\x01", "file format bytes say rollback journal, not WAL"
    original, copy = engine_for(db_copy), engine_for(published)
    try:
        assert dump(copy) == dump(original)
    finally:
        original.dispose()
        copy.dispose()


def test_reading_it_writes_nothing_beside_it(published: Path, db_copy: str) -> None:
    """What a read-only folder forbids: a WAL database creates -shm/-wal files even to be read."""
    conn = sqlite3.connect(published)
    assert conn.execute("SELECT count(*) FROM timeline").fetchone()[0] > 0
    conn.close()
    assert sorted(p.name for p in published.parent.iterdir()) == [published.name]
    wal = published.parent.parent / "wal-copy" / "kb.sqlite"
    wal.parent.mkdir()
    shutil.copyfile(db_copy, wal)
    conn = sqlite3.connect(wal)
    conn.execute("SELECT count(*) FROM timeline").fetchone()
    assert len(list(wal.parent.iterdir())) > 1, "the working database (WAL) does need its folder"
    conn.close()


def test_plain_sqlite3_reads_it_from_a_read_only_folder(published: Path) -> None:
    read_only_folder(published.parent)
    if os.access(published.parent, os.W_OK):
        pytest.skip("running as a user who can write anywhere (root): test_reading_it_writes_nothing_beside_it shows it")
    conn = sqlite3.connect(f"file:{published}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM timeline").fetchone()[0] > 0
    conn.close()
    conn = sqlite3.connect(published)  # not even read-only mode needed
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    conn.close()
    assert sorted(p.name for p in published.parent.iterdir()) == [published.name], "no -wal/-shm appeared"


def test_the_sqlite3_shell_reads_it_from_a_read_only_folder(published: Path) -> None:
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("no sqlite3 shell on this machine")
    read_only_folder(published.parent)
    done = subprocess.run([shell, str(published), "SELECT count(*) FROM sources;"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 0


def test_datasette_immutable_serves_it(published: Path) -> None:
    from datasette.app import Datasette

    read_only_folder(published.parent)
    ds = Datasette(immutables=[str(published)])

    async def fetch() -> list[dict]:
        response = await ds.client.get(f"/{published.stem}/timeline.json?_shape=array")
        assert response.status_code == 200, response.text[:300]
        return response.json()

    assert asyncio.run(fetch())


def test_snapshot_refuses_to_overwrite_without_force(published: Path) -> None:
    before = published.read_bytes()
    assert fails("db", "snapshot", str(published)) == f"Error: {published}: already exists (use --force to replace it)"
    assert published.read_bytes() == before
    ok("db", "snapshot", str(published), "--force")


def test_snapshot_errors_are_one_line_and_leave_nothing(db_copy: str, tmp_path: Path) -> None:
    message = fails("db", "snapshot", str(tmp_path / "missing" / "x.sqlite"))
    assert message == f"Error: {tmp_path / 'missing'}: no such folder"
    message = fails("db", "snapshot", db_copy)
    assert "must be a different file" in message
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE notes (x)").connection.commit()
    message = fails("db", "snapshot", str(tmp_path / "copy.sqlite"), "--db", str(foreign))
    assert "not a kb knowledge base" in message
    assert not (tmp_path / "copy.sqlite").exists()
    assert not list(tmp_path.glob(".*partial*"))
