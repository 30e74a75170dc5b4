"""A second subject, added by a user with no change to the code: an invented country's drone
export licensing (tests/fixtures/veltria), taken through the whole workflow and asked about.

Nothing in the answers may come from the first subject: the words of every policy and actor
name in seeds/*.yaml are checked for in what kb says about the new one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, REPO, ok

VELTRIA = FIXTURES / "veltria"
DOCUMENTS = sorted(VELTRIA.glob("*.txt"))
POLICY = "veltria-drone-export-licensing"


def first_subject_phrases() -> set[str]:
    """Every policy key, name and alias of the shipped seeds (the first subject)."""
    out: set[str] = set()
    for path in (REPO / "seeds").glob("*.yaml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("policies") or []:
            out.update(str(v).lower() for v in (item["key"], item["name"], *(item.get("aliases") or [])) if len(str(v)) >= 6)
    return out


@pytest.fixture(scope="module")
def proposals() -> dict[str, dict]:
    return {}


@pytest.fixture
def veltria(root_copy: Path, proposals: dict[str, dict]) -> Path:
    """The shipped knowledge base plus the four Veltria documents, added as the README says."""
    ok("db", "upgrade")
    existing_policies = {p["key"] for p in json.loads(ok("policies", "--format", "json").stdout)}
    incoming = root_copy.parent / "incoming"
    incoming.mkdir()
    for document in DOCUMENTS:
        key = document.stem
        shutil.copy(document, incoming / document.name)
        said = ok("source", "new", str(incoming / document.name)).stdout
        assert f"kb source check {key}" in said
        proposed = yaml.safe_load((root_copy / "seeds" / f"{key}.yaml").read_text())
        proposals[key] = {"proposed": proposed, "existing_policies": set(existing_policies)}
        shutil.copy(VELTRIA / f"{key}.yaml", root_copy / "seeds" / f"{key}.yaml")  # the review
        preview = ok("source", "check", key).stdout
        assert preview.startswith(f"{key}: ok; loading it will:")
        ok("source", "migrate", key)
        ok("db", "upgrade")
        existing_policies = {p["key"] for p in json.loads(ok("policies", "--format", "json").stdout)}
    return root_copy


def test_the_first_document_gets_a_new_policy_proposed_and_none_of_the_old_ones(veltria: Path, proposals: dict) -> None:
    first = proposals[DOCUMENTS[0].stem]
    proposed_policies = {p["key"] for p in first["proposed"].get("policies") or []}
    assert proposed_policies - first["existing_policies"], "a new policy is proposed for a new subject"
    for entry in first["proposed"].get("events") or []:
        assert not set(entry.get("policies") or []) & first["existing_policies"], entry
        assert "probably restates" not in str(entry.get("note", "")), entry  # no merge across subjects


def test_the_timeline_of_the_new_policy(veltria: Path) -> None:
    events = json.loads(ok("timeline", "--policy", POLICY, "--format", "json").stdout)["events"]
    assert [(e["date"], e["type"]) for e in events] == [
        ("2016-03-14", "adopted"),
        ("2019-07-01", "exception"),
        ("2019-07-02", "criticism"),
        ("2021-11-19", "reinstated"),
        ("2024-05-06", "reaffirmed"),
    ]
    assert {c["source"]["key"] for c in events[0]["citations"]} == {DOCUMENTS[0].stem, DOCUMENTS[1].stem}
    # the alias works as a name, as for any policy
    by_alias = json.loads(ok("timeline", "--policy", "Export Control Order", "--format", "json").stdout)["events"]
    assert [e["key"] for e in by_alias] == [e["key"] for e in events]


def test_the_state_on_a_day_follows_the_declared_changes(veltria: Path) -> None:
    def state(day: str) -> dict:
        return json.loads(ok("state", POLICY, "--at", day, "--format", "json").stdout)

    assert state("2015-06-01")["status"] == "none"
    assert "requires a licence" in state("2017-01-01")["states"][0]["stance"]
    exempt = state("2020-01-01")["states"][0]
    assert exempt["opened_by"]["type"] == "exception" and "allied states need no licence" in exempt["stance"]
    assert state("2022-01-01")["states"][0]["opened_by"]["type"] == "reinstated"
    confirmed = ok("state", POLICY, "--at", "2024-06-01").stdout
    assert "2024-05-06" in confirmed and "confirm" in confirmed.lower()


def test_search_finds_one_wording_from_another(veltria: Path) -> None:
    for query, wanted in (("UAV", DOCUMENTS[0].stem), ("drones", DOCUMENTS[1].stem), ('"unmanned aerial vehicles"', DOCUMENTS[2].stem)):
        found = {s["source"]["key"] for s in json.loads(ok("search", query, "--format", "json").stdout)["sources"]}
        assert wanted in found, (query, found)


def test_conflicts_name_the_one_real_disagreement(veltria: Path) -> None:
    conflicts = json.loads(ok("conflicts", "--policy", POLICY, "--format", "json").stdout)
    assert len(conflicts) == 1, conflicts
    text = json.dumps(conflicts)
    assert "2019-07-01-veltria-ally-exemption" in text and "2019-06" in text


def test_nothing_kb_says_about_the_new_subject_mentions_the_first(veltria: Path, tmp_path: Path) -> None:
    page = tmp_path / "veltria.html"
    ok("timeline", "--policy", POLICY, "--format", "html", "-o", str(page))
    said = "\n".join(
        [
            ok("timeline", "--policy", POLICY).stdout,
            ok("state", POLICY).stdout,
            ok("conflicts", "--policy", POLICY).stdout,
            ok("show", "policy", POLICY).stdout,
            page.read_text(),
        ]
    ).lower()
    assert "drone" in said
    leaked = sorted(p for p in first_subject_phrases() if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", said))
    assert leaked == [], leaked
