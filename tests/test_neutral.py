"""Nothing about a subject lives in code: no key, name or alias of the shipped content in kb/."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import builtins
import keyword

import pytest
import yaml

from kb.vocabulary import ACTOR_KINDS, EVENT_TYPE_NAMES, ROLES

ROOT = Path(__file__).resolve().parents[1]
# Every module and shipped file of the package (kb/schema.md links to docs/schema.md, whose
# examples are about the shipped knowledge base, and kb/static/ holds a vendored library).
NEUTRAL = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "kb").rglob("*") if p.is_file() and p.suffix in (".py", ".mako") and "static" not in p.parts
) + ["migrations/script.py.mako"]
# Words any policy text uses: too general to mark a subject.
_GENERAL = {"policy", "united", "states", "house", "white", "department", "defense", "defence", "office", "state",
            "president", "secretary", "national", "security", "council", "convention", "administration", "program",
            "treaty", "review", "conference", "delegation", "protocol", "government", "ministry", "their", "with",
            "from", "that", "this", "which", "under", "other", "general", "international", "committee", "parties",
            "assistance", "action", "production", "transfer", "destruction", "prohibition", "stockpiling", "use",
            "humanitarian", "certain", "conventional", "weapons", "group", "groups", "officials", "press", "staff",
            "long", "range"}  # fmt: skip
# Titles and ranks are how any text names people, and the schema's and Python's own words are code.
_GENERAL |= {"admiral", "ambassador", "rear", "advisor", "adviser", "senator", "minister", "spokesperson", "chairman"}
_GENERAL |= {w.lower() for w in (*ACTOR_KINDS, *EVENT_TYPE_NAMES, *ROLES, *dir(builtins), *keyword.kwlist)}


@functools.cache
def _seeds() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) or {} for p in sorted((ROOT / "seeds").glob("*.yaml"))]


@functools.cache
def banned_phrases() -> set[str]:
    """Every actor and policy key, name and alias, and every declared term, in seeds/*.yaml (at
    least four characters)."""
    out: set[str] = set()
    for data in _seeds():
        for item in data.get("terms") or []:
            out.update(str(v).lower() for v in [item.get("term") or "", *(item.get("variants") or [])] if len(str(v)) >= 4)
        for section in ("actors", "policies"):
            for item in data.get(section) or []:
                for value in [item.get("key"), item.get("name"), *(item.get("aliases") or [])]:
                    if value and len(str(value)) >= 4:
                        out.add(str(value).lower())
    return out


@functools.cache
def banned_words() -> set[str]:
    """The subject's own words in seeds/*.yaml: people's names, the terms sources declare (and
    their variants), and the acronyms in policy names and aliases. Titles and the common words
    of names ("Deputy", "Force", "Directive") are no subject's."""
    words: set[str] = set()
    for data in _seeds():
        for item in data.get("actors") or []:
            if item.get("kind") == "person":
                words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", str(item.get("name") or "")))
        for item in data.get("terms") or []:
            for value in [item.get("term") or "", *(item.get("variants") or [])]:
                if re.fullmatch(r"[A-Za-z]{3,}", str(value)):  # a one-word term; longer ones are phrases
                    words.add(str(value).lower())
        for item in data.get("policies") or []:
            for value in [item.get("name") or "", *(item.get("aliases") or [])]:
                words.update(w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", str(value)))
    return words - _GENERAL


def test_banned_words_are_found() -> None:
    assert banned_words() and banned_phrases(), "seeds/*.yaml named nothing: the test would pass vacuously"


@pytest.mark.parametrize("module", NEUTRAL)
def test_no_subject_words_in_module(module: str) -> None:
    banned = banned_words()
    text = (ROOT / module).read_text(encoding="utf-8")
    found = {w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() in banned}
    lowered = text.lower()
    found |= {p for p in banned_phrases() if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", lowered)}
    found = sorted(found)
    assert not found, f"{module} names the shipped subject: {', '.join(found)}"
