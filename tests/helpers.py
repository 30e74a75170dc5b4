"""Helpers shared by test modules."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from kb.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order.

    SQLite's internal tables are left out, and so are FTS5's shadow tables (<table>_fts_data,
    _idx, _docsize, _config): their bytes depend on the order of past inserts and deletes.
    Instead each FTS index must pass FTS5's integrity check against its content table, and
    what it indexes is the content table's rows, which are compared.
    """
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
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
