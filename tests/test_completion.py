"""Shell completion: policy, actor, event and source keys from the database, seeds for source commands."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner
from helpers import ok, sqlite_only

from kb.cli import cli

pytestmark = sqlite_only("completion reads the SQLite file directly")


def complete(*words: str) -> list[str]:
    """What bash completion offers for the last word of `kb WORDS…`."""
    line = ["kb", *words]
    result = CliRunner().invoke(
        cli, [], prog_name="kb", env={"_KB_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(line), "COMP_CWORD": str(len(line) - 1)}
    )
    assert result.exit_code == 0, result.output
    return [row.split(",", 1)[1] for row in result.stdout.splitlines() if row.startswith("plain,")]


def test_policy_and_actor_options_complete_keys_from_the_database(db_copy: str) -> None:
    conn = sqlite3.connect(db_copy)
    policy = conn.execute("SELECT key FROM policies ORDER BY key LIMIT 1").fetchone()[0]
    actors = [r[0] for r in conn.execute("SELECT key FROM actors ORDER BY key")]
    assert policy in complete("timeline", "--policy", policy[:3])
    assert all(k.startswith(policy[:3]) for k in complete("timeline", "--policy", policy[:3]))
    assert complete("timeline", "--actor", actors[0][:2])[0] == actors[0]
    assert policy in complete("state", policy[:4])


def test_show_completes_keys_of_the_kind_typed(db_copy: str) -> None:
    events = json.loads(ok("timeline", "--format", "json").stdout)["events"]
    key = events[0]["key"]
    assert key in complete("show", "event", key[:6])
    source = sqlite3.connect(db_copy).execute("SELECT key FROM sources LIMIT 1").fetchone()[0]
    assert source in complete("show", "source", source[:5])


def test_source_commands_complete_the_annotations_in_seeds(root_copy) -> None:  # noqa: ANN001
    keys = sorted(p.stem for p in (root_copy / "seeds").glob("*.yaml"))
    assert complete("source", "check", keys[0][:4])[0] == keys[0]
    assert set(complete("source", "migrate", "")) == set(keys)


def test_completion_is_silent_without_a_database(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("KB_DB", str(tmp_path / "missing.sqlite"))
    assert complete("timeline", "--policy", "") == []
    assert not (tmp_path / "missing.sqlite").exists(), "completion never builds a database"
    monkeypatch.setenv("KB_DB", "postgresql://nobody@localhost/none")
    assert complete("timeline", "--actor", "a") == []
