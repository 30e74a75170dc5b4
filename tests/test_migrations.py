"""Migrations: single head, upgrade from empty, models match the DDL, exact downgrades, replay
after a later schema change.

These are the checks pytest-alembic provided, written against Alembic's own API: the plugin
reached into pytest's private node attributes and stopped collecting under pytest 9."""

from __future__ import annotations

import os

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from helpers import dump, engine_for
from sqlalchemy import inspect, text

from kb.config import Location, to_url
from kb.db import alembic_config, downgrade, make_engine, upgrade

REPO = Path(__file__).resolve().parents[1]


def location_for(root: Path, db: str | Path) -> Location:
    return Location(to_url(str(db)), root, "--db")


def revisions_oldest_first(location: Location) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(location))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_single_head_revision() -> None:
    script = ScriptDirectory.from_config(alembic_config(location_for(REPO, REPO / "unused.sqlite")))
    assert len(script.get_heads()) == 1, f"more than one head: {script.get_heads()}"


def test_upgrade_from_empty_reaches_head(isolated_db: str) -> None:
    location = location_for(REPO, isolated_db)
    before, after = upgrade(location)
    assert before is None
    assert after == ScriptDirectory.from_config(alembic_config(location)).get_current_head()


def test_model_definitions_match_ddl(isolated_db: str) -> None:
    """The models and the migrations describe the same schema (Alembic's autogenerate sees nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kb.models import Base, include_name

    location = location_for(REPO, isolated_db)
    upgrade(location)
    engine = make_engine(location.url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "include_name": include_name, "target_metadata": Base.metadata},
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == [], f"models and migrations differ: {differences}"


def _facts(engine) -> tuple[object, dict[str, int]]:  # noqa: ANN001
    """Every fact by its keys (kb.fingerprint), and how many rows each table holds: a database
    as a reader sees it, whatever internal row ids it was given."""
    from kb.fingerprint import contributions

    tables = dump(engine)
    with engine.connect() as conn:
        facts = contributions(conn) if "sources" in tables else {}
    return facts, {name: len(rows) for name, rows in tables.items()}


def _is_correction(location: Location, revision: str) -> bool:
    module = ScriptDirectory.from_config(alembic_config(location)).get_revision(revision).module
    return any("replaces" in entry for entry in getattr(module, "SOURCES", []))


def test_every_step_down_restores_exactly_the_database_before_the_step_up(isolated_db: str) -> None:
    """Upgrade one revision at a time, then downgrade one at a time: each state is identical,
    row for row; once a correction has been undone (it reloads the source's earlier annotation)
    the same facts come back under new row ids, as documented for `id` columns."""
    location = location_for(REPO, isolated_db)
    engine = make_engine(location.url)
    states = []
    revisions = revisions_oldest_first(location)
    assert len(revisions) >= 9  # the schema and eight sources
    for revision in revisions:
        upgrade(location, revision)
        states.append((dump(engine), _facts(engine)))
    renumbered = False
    for index in range(len(revisions) - 2, -1, -1):
        revision, (rows, facts) = revisions[index], states[index]
        renumbered = renumbered or _is_correction(location, revisions[index + 1])
        before, after = downgrade(location, "-1")
        assert after == revision
        if renumbered:
            assert _facts(engine) == facts, f"downgrade to {revision} left different facts"
        else:
            assert dump(engine) == rows, f"downgrade to {revision} left a different database"
    downgrade(location, "base")
    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = inspector.get_table_names() + inspector.get_view_names()
    assert tables == ["alembic_version"]
    upgrade(location)
    assert dump(engine) == states[-1][0], "upgrading again rebuilds the same knowledge base"
    engine.dispose()


def test_replaying_from_empty_gives_the_same_knowledge_base(new_db) -> None:  # noqa: ANN001
    dumps = []
    for _ in range(2):
        location = location_for(REPO, new_db())
        upgrade(location)
        engine = make_engine(location.url)
        dumps.append(dump(engine))
        engine.dispose()
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["citations"]) > 0


def test_source_migrations_never_import_the_orm_models() -> None:
    for path in sorted((REPO / "migrations" / "versions").glob("*.py")):
        tree = ast.parse(path.read_text())
        imported = {
            node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not any(name == "kb.models" or name.startswith("kb.models.") for name in imported), path.name
        assert not any(name in ("kb.queries", "kb.cli") for name in imported), path.name
    # What they do import must not pull the models in either.
    probe = "import sys, kb.loader; print('kb.models' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


LATER_SCHEMA_CHANGE = '''
"""A throwaway later schema change: rename events.defined_by_id, add a NOT NULL column, drop one.

Revision ID: ffff00000001
Revises: {head}
"""
from alembic import op
import sqlalchemy as sa

revision = "ffff00000001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def _dependents() -> list:
    """Views and triggers: SQLite drops a table's triggers when batch mode rebuilds it."""
    if op.get_bind().dialect.name != "sqlite":
        return []  # PostgreSQL alters the table in place; its views and triggers stay
    sql = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type DESC, name"
    return op.get_bind().exec_driver_sql(sql).all()


def _drop(saved: list) -> None:
    for kind, name, _ in saved:
        op.execute(f"DROP {kind.upper()} IF EXISTS {name}")


def upgrade() -> None:
    saved = _dependents()
    _drop(saved)
    with op.batch_alter_table("events") as batch:
        batch.alter_column("defined_by_id", new_column_name="defining_source_id")
        batch.add_column(sa.Column("importance", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("description")
    for _, _, sql in saved:
        op.execute(sql)


def downgrade() -> None:
    saved = _dependents()
    _drop(saved)
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("description", sa.Text(), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.drop_column("importance")
        batch.alter_column("defining_source_id", new_column_name="defined_by_id")
    for _, _, sql in saved:
        op.execute(sql)
'''


def test_history_replays_after_a_later_schema_change(root_copy: Path) -> None:
    """Source migrations run against their own revision's schema, so a later change does not break them."""
    location = location_for(root_copy, os.environ["KB_DB"])
    head = ScriptDirectory.from_config(alembic_config(location)).get_current_head()
    later = root_copy / "migrations" / "versions" / "29991231_ffff00000001_later_schema_change.py"
    later.write_text(textwrap.dedent(LATER_SCHEMA_CHANGE.replace("{head}", head)))

    upgrade(location)
    engine = make_engine(location.url)
    with engine.connect() as conn:
        columns = [c["name"] for c in inspect(conn).get_columns("events")]
        titles = conn.execute(text("SELECT count(*) FROM events WHERE defining_source_id IS NOT NULL")).scalar()
        citations = conn.execute(text("SELECT count(*) FROM citations")).scalar()
        assert conn.execute(text("SELECT count(*) FROM timeline")).scalar() == citations
    assert "defining_source_id" in columns and "defined_by_id" not in columns and "importance" in columns
    assert titles and citations
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert not conn.execute(text("PRAGMA foreign_key_check")).all()
            triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
            # the search index still matches the rebuilt table
            conn.execute(text("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)"))
            assert conn.execute(text("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'landmine'")).scalar()
        assert {"events_stance_on_insert", "events_stance_on_update", "events_ai", "events_ad", "events_au"} <= set(triggers)
    # And all the way down and up again.
    downgrade(location, "base")
    upgrade(location)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM citations")).scalar() == citations
    engine.dispose()


def test_a_batch_migration_that_fails_half_way_leaves_nothing(root_copy: Path) -> None:
    from click.testing import CliRunner

    from kb.cli import cli

    runner = CliRunner()
    fixtures = Path(__file__).resolve().parent / "fixtures"
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    for name in ("alpha", "beta"):
        assert runner.invoke(cli, ["source", "new", str(fixtures / f"{name}.txt")]).exit_code == 0
        (root_copy / "seeds" / f"{name}.yaml").write_text((fixtures / f"{name}.yaml").read_text())
    result = runner.invoke(cli, ["source", "migrate", "alpha", "beta"])
    assert result.exit_code == 0, result.output
    # The second document changes after the migration was written.
    beta = root_copy / "seeds" / "beta.txt"
    beta.write_text(beta.read_text().replace("supports", "backs"))
    engine = engine_for(os.environ["KB_DB"])
    before = dump(engine)
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "beta.txt: the document changed since its migration was written" in result.output
    assert dump(engine) == before
    engine.dispose()


@pytest.mark.parametrize("name", ["kb.cli", "kb.queries"])
def test_read_side_modules_do_not_import_alembic(name: str) -> None:
    probe = f"import sys, {name}; print('alembic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


def test_the_head_marker_is_in_step_with_the_revisions() -> None:
    """Read commands check "at head" against migrations/HEAD instead of loading every revision."""
    from kb.db import HEAD_MARKER, scripted_head

    location = location_for(REPO, REPO / "unused.sqlite")
    assert (REPO / HEAD_MARKER).read_text().strip() == scripted_head(location)


def test_a_read_command_on_a_database_at_head_never_imports_alembic(built_db: Path) -> None:
    probe = (
        "import sys; from click.testing import CliRunner; from kb.cli import cli; "
        f"r = CliRunner().invoke(cli, ['timeline', '--db', {str(built_db)!r}, '--format', 'json']); "
        "assert r.exit_code == 0, r.output; print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


# --- Per-migration records: history must not drift ------------------------------------------------


def replay_against_records(root: Path, db: str) -> list[str]:
    """Replay migrations/ from empty (always a scratch SQLite file) and check every record."""
    from kb.fingerprint import check_records, load_records, replay

    return check_records(replay(root, to_url(db)), load_records(root))


def test_every_source_migration_replays_to_its_record(tmp_path: Path) -> None:
    """Each migration's embedded annotation matches its checksum and its rows their fingerprint."""
    from kb.fingerprint import load_records, replay

    replayed = replay(REPO, to_url(str(tmp_path / "replay.sqlite")))
    recorded = load_records(REPO)
    assert replayed, "the repository has source migrations"
    unrecorded = sorted(set(replayed) - set(recorded))
    assert not unrecorded, f"source migrations without a record in migrations/fingerprints.json: {unrecorded}"
    from kb.fingerprint import check_records

    problems = check_records(replayed, recorded)
    assert not problems, "\n".join(problems)


def _a_source_migration(root: Path) -> Path:
    return next(p for p in sorted((root / "migrations" / "versions").glob("*.py")) if "SOURCES" in p.read_text())


def test_an_edited_old_migration_fails_and_says_to_write_a_correction(root_copy: Path, tmp_path: Path) -> None:
    path = _a_source_migration(root_copy)
    code = path.read_text()
    assert "basis: context" in code
    path.write_text(code.replace("basis: context", "basis: relative", 1))
    problems = replay_against_records(root_copy, str(tmp_path / "replay.sqlite"))
    assert len(problems) == 1, problems
    assert "its embedded annotation or document pin changed after it was recorded" in problems[0]
    assert "write a correction migration instead" in problems[0]


def test_a_code_change_that_alters_what_history_loads_fails_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Here: date merging that keeps the earliest stated date instead of the most specific one."""
    import kb.loader

    monkeypatch.setattr(kb.loader, "most_specific", lambda dates: min(dates, key=lambda d: d.sort_key()))
    problems = replay_against_records(REPO, str(tmp_path / "replay.sqlite"))
    assert problems, "a change to what old migrations load must not pass silently"
    assert all("replaying it today loads different rows than when it was recorded" in p for p in problems)
    assert "frozen writer version" in problems[0] and "correction migration" in problems[0]


def test_a_new_source_with_its_own_record_passes(root_copy: Path, tmp_path: Path) -> None:
    """The record `kb source migrate` makes from its trial load equals what a replay loads."""
    from click.testing import CliRunner

    from kb.cli import cli
    from kb.config import locate
    from kb.fingerprint import load_records, record_migration, rows_fingerprint
    from kb.loader import apply_sources

    runner = CliRunner()
    fixtures = Path(__file__).resolve().parent / "fixtures"
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(cli, ["source", "new", "--no-propose", str(fixtures / "alpha.txt")]).exit_code == 0
    (root_copy / "seeds" / "alpha.yaml").write_text((fixtures / "alpha.yaml").read_text())
    result = runner.invoke(cli, ["source", "migrate", "alpha"])
    assert result.exit_code == 0, result.output
    location = locate()
    head = ScriptDirectory.from_config(alembic_config(location)).get_revision("head")
    if head.revision not in load_records(root_copy):  # until `kb source migrate` records it itself
        engine = make_engine(location.url)
        with engine.connect() as conn, conn.begin() as tx:
            apply_sources(conn, head.module.SOURCES, root=root_copy)
            fingerprint = rows_fingerprint(conn, [e["key"] for e in head.module.SOURCES])
            tx.rollback()
        engine.dispose()
        record_migration(root_copy, head.revision, head.module.SOURCES, fingerprint)
    assert head.revision in load_records(root_copy)
    assert replay_against_records(root_copy, str(tmp_path / "replay.sqlite")) == []


def test_writer_1_stays_importable_beside_a_later_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    import kb.loader
    from kb.errors import LoadError

    calls: list[str] = []
    later = kb.loader.Writer(2, lambda conn, entries, root: calls.append("apply 2"), lambda conn, entries, root: calls.append("remove 2"))
    monkeypatch.setitem(kb.loader.writers, 2, later)
    first = kb.loader.writers[1]
    assert first.version == 1 and first.apply is not later.apply
    kb.loader.apply_sources(None, [], root=REPO, writer=2)  # type: ignore[arg-type]
    kb.loader.remove_sources(None, [], root=REPO, writer=2)  # type: ignore[arg-type]
    assert calls == ["apply 2", "remove 2"]
    kb.loader.apply_sources(None, [], root=REPO, writer=1)  # type: ignore[arg-type] (no entries: no database needed)
    with pytest.raises(LoadError, match=r"this migration needs source writer 3; kb has writer\(s\) 1, 2"):
        kb.loader.apply_sources(None, [], root=REPO, writer=3)  # type: ignore[arg-type]
