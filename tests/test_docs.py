"""docs/schema.md is the contract for people who query the SQLite file: keep it true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import BACKEND
from helpers import engine_for
from sqlalchemy import text

from kb.vocabulary import EVENT_TYPES

pytestmark = pytest.mark.skipif(
    BACKEND != "sqlite", reason="SQLite only: docs/schema.md documents the SQLite file (FTS5 tables, its SQL)"
)

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SCHEMA_MD = (DOCS / "schema.md").read_text()
QUERIES = re.findall(r"```sql\n(.*?)```", SCHEMA_MD, flags=re.S)


def test_every_table_view_and_column_is_documented(built_db: Path) -> None:
    engine = engine_for(built_db)
    with engine.connect() as conn:
        objects = conn.execute(
            text("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
        ).all()
        for name, _kind in objects:
            if "_fts_" in name:
                continue  # FTS5's own shadow tables
            assert f"`{name}`" in SCHEMA_MD, f"{name} is not documented"
            for column in conn.execute(text(f"SELECT name FROM pragma_table_info('{name}')")).scalars():
                if name == "alembic_version":
                    continue
                assert f"`{column}`" in SCHEMA_MD, f"{name}.{column} is not documented"
    engine.dispose()


def test_the_event_type_vocabulary_is_documented() -> None:
    for event_type in EVENT_TYPES:
        assert f"| `{event_type.name}` | {'yes' if event_type.changes_state else 'no'} | {event_type.description} |" in SCHEMA_MD


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i}" for i in range(len(QUERIES))])
def test_example_queries_run(built_db: Path, query: str) -> None:
    engine = engine_for(built_db)
    statements = ("\n".join(line for line in s.splitlines() if not line.strip().startswith("--")) for s in query.split(";"))
    statements = [s for s in statements if s.strip()]
    with engine.connect() as conn:
        results = [conn.execute(text(statement)).all() for statement in statements]
    engine.dispose()
    for rows in results:
        if "may return no rows" in query:
            continue  # an answer that depends on whether sources disagree: it runs, which is what is checked
        if "no rows" in query:
            assert rows == []
        else:
            assert rows, query


def test_the_readme_picture_is_made_from_the_command_the_readme_shows() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("timeline_png", REPO / "docs" / "timeline_png.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    readme = (REPO / "README.md").read_text()
    shown = readme.index(f"$ {script.README_COMMAND}\n")
    picture = readme.index("(docs/timeline.png)")
    assert shown < picture and "\n## " not in readme[shown:picture], "the picture follows the command it shows"
    assert (REPO / "docs" / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert script.page_args(Path("x.html"))[-2:] == ["-o", "x.html"]


def _readme_commands() -> list[tuple[str, str]]:
    """Every `$ kb …` line the README shows (pipes, redirections and comments taken off), with
    the line shown after it."""
    lines = (REPO / "README.md").read_text().splitlines()
    out: dict[str, str] = {}
    for i, line in enumerate(lines):
        if line.startswith("$ kb "):
            command = re.split(r"\s+(?:\||>|#)\s", line[2:], maxsplit=1)[0].strip()
            out.setdefault(command, lines[i + 1] if i + 1 < len(lines) else "")
    return list(out.items())


# Commands about a document the reader has and this checkout does not (the README's walk-through
# of adding one) are run in tests/test_growth.py and tests/test_second_subject.py instead.
_ELSEWHERE = ("kb source ", "kb db downgrade")


@pytest.mark.parametrize(("command", "shown"), [c for c in _readme_commands() if not c[0].startswith(_ELSEWHERE)], ids=lambda v: v[:60])
def test_every_command_the_readme_shows_works(
    command: str, shown: str, db_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each runs; one the README shows failing fails with the message it shows."""
    import shlex

    from helpers import run

    for folder in ("migrations", "seeds"):  # a knowledge base root whose files the commands write beside
        (tmp_path / folder).symlink_to(REPO / folder)
    monkeypatch.chdir(tmp_path)
    result = run(*shlex.split(command)[1:])
    assert "Traceback" not in result.output
    if shown.startswith("Error: "):
        said = result.stderr.strip()
        assert result.exit_code == 1, (command, result.output)
        if "candidates: " in shown:  # sources a user adds may add candidates, never take the shown ones away
            head, listed = shown.split("candidates: ", 1)
            assert said.startswith(head + "candidates: "), (said, shown)
            assert set(listed.split("; ")) <= set(said.split("candidates: ", 1)[1].split("; ")), (said, shown)
        else:
            assert said == shown, (command, said)
    else:
        assert result.exit_code == 0, (command, result.output)
