"""Shared fixtures: every test gets its own database path; no test touches the repository's."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kb.config import Location
from kb.db import alembic_config as make_alembic_config
from kb.db import make_engine, upgrade

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KB_DB points at a fresh path inside the test's temporary folder (llm's pattern)."""
    path = tmp_path / "kb.sqlite"
    monkeypatch.setenv("KB_DB", str(path))
    monkeypatch.chdir(REPO)
    return path


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's knowledge base built once from migrations/ and seeds/ (copy before changing)."""
    path = tmp_path_factory.mktemp("built") / "kb.sqlite"
    upgrade(Location(f"sqlite:///{path}", REPO, "--db"))
    return path


@pytest.fixture
def db_copy(built_db: Path, isolated_db: Path) -> Path:
    """A private copy of the built knowledge base at $KB_DB."""
    shutil.copyfile(built_db, isolated_db)
    return isolated_db


def copy_root(target: Path) -> Path:
    """A copy of the knowledge base root (pyproject, migrations, seeds) to write migrations into."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(REPO / "migrations", target / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "seeds", target / "seeds")
    return target


@pytest.fixture
def root_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch knowledge base root; the working directory moves into it."""
    root = copy_root(tmp_path / "kbroot")
    monkeypatch.chdir(root)
    monkeypatch.setenv("KB_DB", str(root / "kb.sqlite"))
    return root


# --- pytest-alembic ---------------------------------------------------------------------------


@pytest.fixture
def alembic_config(isolated_db: Path):  # noqa: ANN201 (pytest-alembic's fixture name)
    return make_alembic_config(Location(f"sqlite:///{isolated_db}", REPO, "--db"))


@pytest.fixture
def alembic_engine(isolated_db: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{isolated_db}", foreign_keys=False)
    yield engine
    engine.dispose()
