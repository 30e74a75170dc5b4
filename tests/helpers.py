"""Helpers shared by test modules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from kb.cli import cli
from kb.config import to_url
from kb.db import make_engine

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BACKEND = os.environ.get("KB_TEST_BACKEND", "sqlite")
POSTGRES_URL = os.environ.get("KB_TEST_POSTGRES_URL", "postgresql+psycopg://kb:kb@localhost:5432/postgres")


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """Skip on the PostgreSQL run, saying why the test is about SQLite."""
    return pytest.mark.skipif(BACKEND != "sqlite", reason=f"SQLite only: {reason}")


def engine_for(db: str | Path) -> Engine:
    """An engine on a test database given as a file path (SQLite) or a URL (PostgreSQL).

    On PostgreSQL it keeps no idle connections, so the database can serve as a template."""
    url = to_url(str(db))
    if url.startswith("sqlite"):
        return make_engine(url)
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(url, poolclass=NullPool)


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order.

    On SQLite, its internal tables are left out, and so are FTS5's shadow tables
    (<table>_fts_data, _idx, _docsize, _config): their bytes depend on the order of past
    inserts and deletes. Instead each FTS index must pass FTS5's integrity check against its
    content table, and what it indexes is the content table's rows, which are compared.
    """
    from sqlalchemy import inspect

    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            for name in sorted(inspect(conn).get_table_names()):
                rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
                out[name] = sorted((tuple(r) for r in rows), key=repr)
            return out
        tables = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        ).all()
        fts = {name for name, sql in tables if "VIRTUAL TABLE" in (sql or "").upper()}
        for name, _sql in tables:
            if any(name.startswith(f"{f}_") for f in fts):
                continue
            if name in fts:
                conn.execute(text(f"INSERT INTO [{name}] ([{name}], rank) VALUES ('integrity-check', 1)"))
                continue
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def run(*args: str) -> Result:
    """Run `kb ARGS…` in-process."""
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> Result:
    """Run a command that must succeed."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def fails(*args: str, code: int = 1) -> str:
    """Run a command that must fail, and return its one-line error message."""
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "an error says what is wrong"
    return lines[-1]


def has_tables(db: str) -> bool:
    """Whether anything was ever written to this test database."""
    from sqlalchemy import inspect

    if "://" not in db:
        return Path(db).exists() and Path(db).stat().st_size > 0
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            return bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def shown(db: str) -> str:
    """A database as kb prints it: the path, or the URL without its password."""
    from sqlalchemy.engine import make_url

    return db if "://" not in db else make_url(db).render_as_string(hide_password=True)


REPO = Path(__file__).resolve().parents[1]


def shipped_source_keys() -> list[str]:
    """The keys of the sources in this checkout's seeds/ (one annotation each), whatever was added."""
    return sorted(p.stem for p in (REPO / "seeds").glob("*.yaml"))
