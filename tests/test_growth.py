"""A user adds a source of their own: the project's own tests about the shipped content still pass.

The test copies this checkout, adds a made-up statement through the documented workflow
(`kb source new` → review → `kb source check` → `kb source migrate` → `kb db upgrade`), and runs
the content, export, documentation, CLI and question tests inside the copy. A test that pins
a count of today's rows fails there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, sqlite_only

REPO = Path(__file__).resolve().parents[1]
GROWTH = FIXTURES / "growth"
KEY = "2025-03-04_invented-office_statement"
INNER_TESTS = ["test_content.py", "test_export.py", "test_docs.py", "test_cli.py", "test_questions.py"]
SKIP = shutil.ignore_patterns(".git", "kb.sqlite*", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info", "bench")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KB_", "PYTEST_"))}
    env["KB_TEST_BACKEND"] = "sqlite"
    return env


def _run(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args], cwd=root, env=_env(), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this checkout with one more source, added the way the README tells a user."""
    root = tmp_path_factory.mktemp("grown") / "kb"
    shutil.copytree(REPO, root, ignore=SKIP)
    incoming = root.parent / "incoming"
    incoming.mkdir()
    shutil.copy(GROWTH / f"{KEY}.txt", incoming)
    _run(root, "-m", "kb", "source", "new", str(incoming / f"{KEY}.txt"))
    assert (root / "seeds" / f"{KEY}.yaml").exists(), "kb source new writes the annotation to review"
    shutil.copy(GROWTH / f"{KEY}.yaml", root / "seeds" / f"{KEY}.yaml")  # the review
    _run(root, "-m", "kb", "source", "check", KEY)
    _run(root, "-m", "kb", "source", "migrate", KEY)
    _run(root, "-m", "kb", "db", "upgrade")
    return root


@sqlite_only("one backend shows it; the inner run is a whole test session")
def test_the_copy_runs_its_own_code(grown: Path) -> None:
    where = _run(grown, "-c", "import kb; print(kb.__file__)").stdout.strip()
    assert Path(where).resolve().is_relative_to(grown.resolve())


@sqlite_only("one backend shows it; the inner run is a whole test session")
def test_the_new_source_is_in_the_copy(grown: Path) -> None:
    out = _run(grown, "-m", "kb", "timeline", "--policy", "us-apl-policy", "--format", "json").stdout
    assert "2025-03-03-us-apl-stockpile-destruction" in out
    assert "invented-apl-statement" in out


@sqlite_only("one backend shows it; the inner run is a whole test session")
def test_content_export_and_docs_tests_pass_after_a_user_adds_a_source(grown: Path) -> None:
    inner = [str(Path("tests") / name) for name in INNER_TESTS]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *inner],
        cwd=grown,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    tail = "\n".join(done.stdout.splitlines()[-30:])
    assert done.returncode == 0, f"the project's tests fail once a user adds a source:\n{tail}\n{done.stderr[-2000:]}"
    assert " passed" in tail
