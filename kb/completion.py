"""Shell completion of policy, actor, event and source keys (click's shell_complete).

Completion runs on every Tab press, so it reads the SQLite file directly (read-only, no build,
no upgrade, no SQLAlchemy) and stays silent on anything unexpected: a missing database, a
PostgreSQL URL, a file that is not a knowledge base.
"""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

_TABLES = {"policy": ("policies", "name"), "actor": ("actors", "name"), "event": ("events", "headline"), "source": ("sources", "title")}
LIMIT = 200


def _database(ctx: click.Context) -> Path | None:
    from kb.config import locate

    root = ctx.find_root()
    db = ctx.params.get("db") or root.params.get("db")
    try:
        location = locate(db)
    except Exception:  # noqa: BLE001 (completion never fails loudly)
        return None
    path = location.sqlite_path
    return path if path is not None and path.is_file() else None


def _items(ctx: click.Context, kind: str, incomplete: str) -> list[CompletionItem]:
    import sqlite3  # here, not at import: every kb command imports this module for its options
    from kb.config import read_only_uri

    path = _database(ctx)
    if path is None or kind not in _TABLES:
        return []
    table, label = _TABLES[kind]
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = conn.execute(
                f"SELECT key, {label} FROM {table} WHERE key LIKE ? ESCAPE '\\' ORDER BY key LIMIT ?",
                (incomplete.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", LIMIT),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [CompletionItem(key, help=" ".join(str(text or "").split())[:80]) for key, text in rows]


def policies(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(ctx, "policy", incomplete)


def actors(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(ctx, "actor", incomplete)


def records(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`kb show KIND NAME`: keys of the kind already typed."""
    return _items(ctx, str(ctx.params.get("kind") or ""), incomplete)


def seed_keys(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`kb source check/migrate KEY`: the annotations in seeds/ (keys that need not be migrated yet)."""
    import glob

    from kb.config import find_root

    root = find_root()
    if root is None:
        return []
    return [CompletionItem(p.stem) for p in sorted((root / "seeds").glob(f"{glob.escape(incomplete)}*.yaml"))]
