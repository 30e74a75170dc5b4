"""Datasette metadata: table and column descriptions from docs/schema.md, labels, order, facets, canned queries.

docs/schema.md is the one description of the schema for people; it ships inside the package
(kb/schema.md links to it), so `kb db metadata` works wherever kb is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEADING = re.compile(r"^###\s+(.*)$")
_NAME = re.compile(r"`([a-z_0-9]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")

LABELS = {"actors": "name", "policies": "name", "sources": "title", "events": "headline", "event_types": "name"}

# Opening order for the views a person reads top to bottom (Datasette's `sort`/`sort_desc`).
SORT = {
    "timeline": "sort_key",
    "event_dates": "sort_key",
    "events": "sort_key",
    "policy_states": "policy_key",
    "sources": "published",
}
FACETS = {
    "timeline": ["event_type", "policy_keys"],
    "events": ["type"],
    "policy_states": ["policy_key", "opened_by_type"],
    "conflicts": ["kind"],
    "sources": ["kind"],
    "citations": ["date_basis"],
}

CANNED = {
    "policy_timeline": {
        "title": "Timeline of a policy",
        "description": "Every event of a policy with its citations, in date order. Policy: a key from the policies table.",
        "sql": "SELECT date_label, event_type, headline, actors, quote, stated_date, date_basis, source_title, source_url "
        "FROM timeline WHERE ' ' || policy_keys || ' ' LIKE '% ' || :policy || ' %' ORDER BY sort_key",
    },
    "policy_state_at": {
        "title": "Policy state at a date",
        "description": "The state in force on a day (YYYY-MM-DD); two rows mean it is indeterminate between them.",
        "sql": "SELECT state_number, valid_from, valid_to, opened_by_type, stance, base_stance, opened_by, last_confirmed_by "
        "FROM policy_states "
        "WHERE policy_key = :policy AND (from_earliest_day IS NULL OR from_earliest_day <= :day) "
        "AND (superseded_day IS NULL OR superseded_day > :day) ORDER BY state_number",
    },
    "actor_events": {
        "title": "Events of an actor",
        "description": "Everything an actor did, across all policies, with its role. Actor: a key from the actors table.",
        "sql": "SELECT e.date, e.precision, e.type, ea.role, e.headline, e.key AS event_key FROM events e "
        "JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id "
        "WHERE a.key = :actor GROUP BY e.id, ea.role ORDER BY e.sort_key, e.key",
    },
}


def plain(markdown: str) -> str:
    """Markdown prose as plain text: emphasis and code marks dropped, links as their text."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"\1", text)
    return " ".join(text.replace("`", "").split())


@dataclass
class _Described:
    title: str = ""
    paragraphs: list[list[str]] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def description(self) -> str:
        parts = [self.title] if self.title else []
        parts += [plain(" ".join(p)) for p in self.paragraphs if p]
        text = ". ".join(s.rstrip(".") for s in parts if s)
        return text + "." if text and not text.endswith((".", ")")) else text


def _column_cells(names: list[str], meaning: str) -> dict[str, str]:
    """One description per column; a row naming N columns "→ `a`, `b`, `c`" pairs them in order."""
    targets = re.fullmatch(r"→\s*((?:`[a-z_0-9.]+`(?:,\s*)?)+)", meaning.strip())
    if targets and len(names) > 1:
        tables = _NAME.findall(targets.group(1)) or re.findall(r"`([a-z_0-9.]+)`", targets.group(1))
        if len(tables) == len(names):
            return {n: f"→ {t}" for n, t in zip(names, tables, strict=True)}
    return {n: plain(meaning) for n in names}


def schema_descriptions(schema_md: str) -> dict[str, dict[str, Any]]:
    """Table and column descriptions from docs/schema.md's text: every paragraph, as plain text."""
    described: dict[str, _Described] = {}
    current: list[str] = []
    in_code = False
    for line in schema_md.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        heading = _HEADING.match(line)
        if heading:
            current = _NAME.findall(heading.group(1).split("—", 1)[0])
            title = heading.group(1).split("—", 1)
            for name in current:
                entry = described.setdefault(name, _Described())
                entry.title = plain(title[1]) if len(title) > 1 else ""
                entry.title = entry.title[:1].upper() + entry.title[1:]
                entry.paragraphs.append([])
            continue
        if line.startswith("## "):
            current = []
            continue
        if not current:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and cells[0] not in ("column", "name") and not set(cells[0]) <= {"-", ":"}:
                for name in current:
                    described[name].columns.update(_column_cells(_NAME.findall(cells[0]), cells[1]))
        elif line.strip():
            for name in current:
                described[name].paragraphs[-1].append(line.strip())
        else:
            for name in current:
                described[name].paragraphs.append([])
    return {name: {"description": d.description(), "columns": d.columns} for name, d in described.items()}


def schema_document() -> str:
    """docs/schema.md as shipped inside the package (kb/schema.md links to it)."""
    from importlib.resources import files

    return files("kb").joinpath("schema.md").read_text(encoding="utf-8")


def datasette_metadata(*, database: str, existing: dict[str, list[str]]) -> dict[str, Any]:
    """Datasette metadata for the tables and views that exist (name -> columns)."""
    described = schema_descriptions(schema_document())
    tables: dict[str, Any] = {}
    for name, columns in existing.items():
        info = described.get(name, {"description": "", "columns": {}})
        entry: dict[str, Any] = {
            "description": info["description"],
            "columns": {c: info["columns"][c] for c in columns if c in info["columns"]},
        }
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        if SORT.get(name) in columns:
            entry["sort"] = SORT[name]
        facets = [c for c in FACETS.get(name, []) if c in columns]
        if facets:
            entry["facets"] = facets
        tables[name] = entry
    return {
        "title": "kb: policy timelines with verbatim citations",
        "description": "Actors, policies, events and sources; every event backed by verbatim quotes. "
        "Start with the timeline view, or the canned queries below.",
        "databases": {database: {"tables": tables, "queries": CANNED}},
    }
