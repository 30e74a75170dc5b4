"""Helpers shared by test modules."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

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
