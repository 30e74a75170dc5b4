"""Helpers shared by test modules."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table (SQLite's internal tables aside), in a stable order."""
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        names = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        ).scalars()
        for name in list(names):
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out
