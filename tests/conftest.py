"""Shared fixtures: every test gets its own database; no test touches the repository's.

The suite runs on SQLite by default. With KB_TEST_BACKEND=postgresql it runs again on a
PostgreSQL server (KB_TEST_POSTGRES_URL, by default the local one): each test then gets its own
database, copied from a built template. When the server is not reachable, every test that
needs a database is skipped with the reason.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpers import BACKEND, POSTGRES_URL
from kb.config import Location
from kb.db import upgrade

REPO = Path(__file__).resolve().parents[1]


class Postgres:
    """Creates and drops the test databases on one server."""

    def __init__(self, admin_url: str) -> None:
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.url = make_url(admin_url)
        self.names = (f"kb_test_{os.getpid()}_{n}" for n in itertools.count())
        self.created: list[str] = []

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = next(self.names)
        with self.admin.connect() as conn:
            if template:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"),
                    {"d": template},
                )
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self.created.append(name)
        return name

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres | None]:
    if BACKEND != "postgresql":
        yield None
        return
    try:
        server = Postgres(POSTGRES_URL)
        with server.admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 (any failure to connect means: no server here)
        pytest.skip(f"PostgreSQL run skipped: no server at {make_url(POSTGRES_URL).render_as_string()} ({type(exc).__name__})")
    yield server
    server.drop_all()


@pytest.fixture
def new_db(tmp_path: Path, postgres: Postgres | None):  # noqa: ANN201
    """A factory of empty databases: file paths on SQLite, URLs on PostgreSQL."""
    counter = itertools.count()

    def make(name: str | None = None) -> str:
        if postgres is not None:
            return postgres.url_of(postgres.create())
        return str(tmp_path / (name or f"db{next(counter)}.sqlite"))

    return make


@pytest.fixture(autouse=True)
def isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres: Postgres | None) -> str:
    """KB_DB points at a fresh, empty database of the test's own (llm's pattern)."""
    db = postgres.url_of(postgres.create()) if postgres is not None else str(tmp_path / "kb.sqlite")
    monkeypatch.setenv("KB_DB", db)
    monkeypatch.chdir(REPO)
    return db


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres | None) -> str:
    """The repository's knowledge base built once from migrations/ and seeds/ (copy before changing)."""
    if postgres is not None:
        name = postgres.create()
        upgrade(Location(postgres.url_of(name), REPO, "--db"))
        return postgres.url_of(name)
    path = tmp_path_factory.mktemp("built") / "kb.sqlite"
    upgrade(Location(f"sqlite:///{path}", REPO, "--db"))
    return str(path)


def copy_database(source: str, target: str | None, postgres: Postgres | None) -> str:
    if postgres is not None:
        return postgres.url_of(postgres.create(template=make_url(source).database))
    assert target is not None
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def db_copy(built_db: str, isolated_db: str, postgres: Postgres | None, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private copy of the built knowledge base, at $KB_DB."""
    db = copy_database(built_db, isolated_db, postgres)
    monkeypatch.setenv("KB_DB", db)
    return db


def copy_root(target: Path) -> Path:
    """A copy of the knowledge base root (pyproject, migrations, seeds) to write migrations into."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(REPO / "migrations", target / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "seeds", target / "seeds")
    return target


@pytest.fixture
def root_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_db: str, postgres: Postgres | None) -> Path:
    """A scratch knowledge base root; the working directory moves into it; KB_DB is empty."""
    root = copy_root(tmp_path / "kbroot")
    monkeypatch.chdir(root)
    monkeypatch.setenv("KB_DB", isolated_db if postgres is not None else str(root / "kb.sqlite"))
    return root
