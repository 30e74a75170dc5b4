"""Alembic environment for kb: one transaction per revision, connection sharing, batch mode.

Foreign keys are switched off while migrating (SQLite's own advice for schema changes: a
batch "move and copy" of a parent table would otherwise cascade), and every schema revision
ends with PRAGMA foreign_key_check inside its transaction, so a broken reference rolls it
back. Source revisions write only through kb.loader and skip that whole-database scan, which
would make replaying thousands of them quadratic; `kb verify` re-checks every reference.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, text

from kb.config import locate
from kb.db import make_engine
from kb.models import Base, include_name

config = context.config
target_metadata = Base.metadata


def _check_foreign_keys(ctx, step, heads, run_args) -> None:  # noqa: ANN001 (Alembic callback)
    conn = ctx.connection
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL enforces them throughout
    revision = step.revision_map.get_revision(step.up_revision_id) if step.is_upgrade else None
    if revision is not None and hasattr(revision.module, "SOURCES"):
        # A source revision writes through kb.loader, which only uses ids it has just read or
        # inserted; checking the whole database after each of thousands of them would make
        # replay quadratic. `kb verify` re-checks every reference.
        return
    problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise RuntimeError(
            f"revision {step.up_revision_id or step.down_revision_ids}: row {rowid} of {table} "
            f"refers to a missing row of {parent} ({len(problems)} broken reference(s))"
        )


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=True,
        on_version_apply=_check_foreign_keys,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = config.attributes.get("kb_url") or locate().url
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    shared = config.attributes.get("connection")  # a Connection or Engine from the caller (tests)
    if isinstance(shared, Connection):
        _run(shared)
        return
    if isinstance(shared, Engine):
        with shared.connect() as conn:
            _run(conn)
            conn.commit()
        return
    url = config.attributes.get("kb_url") or locate().url
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
