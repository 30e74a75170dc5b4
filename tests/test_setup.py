"""The set-up a newcomer runs: dependency bounds, the constraints file, CI's fresh environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["postgres"]]]


def _pinned() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_has_an_upper_bound() -> None:
    """A next major release must not reach a user's first install untried."""
    unbounded = [str(r) for r in _declared() if not any(s.operator in ("<", "<=", "~=", "==") for s in r.specifier)]
    assert unbounded == [], f"dependencies without an upper bound: {unbounded}"


def test_constraints_pin_every_declared_dependency_within_its_bounds() -> None:
    pins = _pinned()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt lacks {requirement.name}: refresh it (see its first lines)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {requirement.name}=={pins[name]}, outside {requirement.specifier}"
        )


def test_ci_builds_its_own_environment_and_runs_the_readme_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"-m venv --clear", ci), "CI must create a brand-new virtual environment"
    assert "--system-site-packages" not in ci
    assert "readme_command 1" in ci and "readme_command 2" in ci
    assert "-c constraints.txt" in ci, "CI must also pass with the recorded exact versions"


def test_readme_names_the_constraints_file() -> None:
    assert "pip install -c constraints.txt -e '.[test]'" in (REPO / "README.md").read_text()
