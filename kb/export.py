"""Formats other tools read: TimelineJS3 JSON, CSL-JSON and BibTeX bibliographies, Pandoc
citations in Markdown, and Datasette metadata."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from kb.dates import PartialDate
from kb.queries import CitationOut, Timeline, TimelineEvent
from kb.records import SourceRow
from kb.render import actors_text, format_date

# --- TimelineJS3 -----------------------------------------------------------------------------------


def _tl_date(text: str) -> dict[str, int]:
    """TimelineJS date object: month and day only where the date has that precision."""
    d = PartialDate.parse(text)
    out = {"year": d.year}
    if d.month is not None:
        out["month"] = d.month
    if d.day is not None:
        out["day"] = d.day
    return out


def _citations_html(citations: Sequence[CitationOut]) -> str:
    items = []
    for c in citations:
        src = c.source
        partial = " (partial text)" if src.partial else ""
        items.append(
            f"<blockquote>{html.escape(' '.join(c.quote.split()))}</blockquote>"
            f'<p>— <a href="{html.escape(src.url)}">{html.escape(src.title)}</a>, {html.escape(src.author)}, '
            f"{src.published}{partial}; stated date {html.escape(format_date(c.stated_date, c.stated_qualifier, c.stated_end))} "
            f"({c.date_basis})</p>"
        )
    return "".join(items)


def lane(event: TimelineEvent, tl: Timeline, *, default: str = "") -> str:
    """The policy an event is drawn under: the first of the chosen policies it concerns."""
    chosen = [p for p in event.policies if p in tl.policies] or event.policies
    return chosen[0].name if chosen else default


def timelinejs(tl: Timeline) -> dict[str, Any]:
    """The timeline in Knight Lab TimelineJS3's JSON format."""
    events = []
    for e in tl.events:
        item: dict[str, Any] = {
            "unique_id": e.key,
            "start_date": _tl_date(e.date),
            "display_date": format_date(e.date, e.qualifier, e.end),
            "text": {
                "headline": html.escape(e.headline),
                "text": (
                    f"<p><b>{e.type}</b>{' — ' + html.escape(e.stance) if e.stance else ''}</p>"
                    + (f"<p>{html.escape(actors_text(e))}</p>" if e.actors else "")
                    + _citations_html(e.citations)
                ),
            },
            "group": lane(e, tl),
        }
        if e.end:
            item["end_date"] = _tl_date(e.end)
        events.append(item)
    subject = " + ".join(p.name for p in tl.policies) or "Policy timeline"
    return {"title": {"text": {"headline": html.escape(subject), "text": f"{len(events)} events, each with its sources"}}, "events": events}


# --- Bibliographies -------------------------------------------------------------------------------

_CSL_TYPES = {
    "news_article": "article-newspaper",
    "fact_sheet": "report",
    "press_release": "report",
    "statement": "speech",
    "speech": "speech",
    "transcript": "interview",
    "report": "report",
    "other": "document",
}


def citation_key(source_key: str) -> str:
    """A stable key Pandoc, BibTeX and Zotero accept: the source's key, other characters as '-'."""
    return re.sub(r"[^A-Za-z0-9_:.\-]", "-", source_key)


def csl_json(rows: Sequence[SourceRow]) -> list[dict[str, Any]]:
    items = []
    for r in rows:
        d = PartialDate.parse(r.published)
        parts = [p for p in (d.year, d.month, d.day) if p is not None]
        item: dict[str, Any] = {
            "id": citation_key(r.key),
            "type": _CSL_TYPES.get(r.kind, "document"),
            "title": r.title,
            "author": [{"literal": r.author}],
            "issued": {"date-parts": [parts]},
            "URL": r.url,
        }
        if r.publisher:
            item["container-title" if r.kind == "news_article" else "publisher"] = r.publisher
        if r.note:
            item["note"] = r.note
        items.append(item)
    return items


def _bib(value: str) -> str:
    return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}").replace("&", "\\&").replace("%", "\\%").replace("$", "\\$").replace("#", "\\#").replace("_", "\\_")


def bibtex(rows: Sequence[SourceRow], out: TextIO) -> None:
    for r in rows:
        fields = {
            "title": _bib(r.title),
            "author": "{" + _bib(r.author) + "}",
            "date": r.published,
            "url": r.url,
            "organization": _bib(r.publisher) if r.publisher else None,
            "note": _bib(r.note) if r.note else None,
        }
        out.write(f"@online{{{citation_key(r.key)},\n")
        for name, value in fields.items():
            if value:
                out.write(f"  {name} = {{{value}}},\n")
        out.write("}\n\n")


def pandoc_markdown(tl: Timeline, out: TextIO) -> None:
    """The timeline with Pandoc citations, for `pandoc --citeproc --bibliography sources.json`."""
    subject = " + ".join(p.name for p in tl.policies) or "All policies"
    out.write(f"# {subject}\n\n")
    for e in tl.events:
        cites = "; ".join(f'@{citation_key(c.source.key)}, "{_quote_for_pandoc(c.quote)}"' for c in e.citations)
        actors = f" ({actors_text(e)})" if e.actors else ""
        out.write(f"- **{format_date(e.date, e.qualifier, e.end)}** {e.type}: {e.headline}{actors} [{cites}]\n")
    out.write("\n# References\n\n::: {#refs}\n:::\n")


def _quote_for_pandoc(quote: str) -> str:
    """The quote, verbatim, with the characters Pandoc's citation syntax would read escaped."""
    text = " ".join(quote.split())
    return re.sub(r'([\\\[\];@"])', r"\\\1", text)


def write_timeline_export(tl: Timeline, fmt: str, out: TextIO) -> None:
    if fmt == "timelinejs":
        json.dump(timelinejs(tl), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        raise ValueError(fmt)


# --- Datasette ------------------------------------------------------------------------------------

_HEADING = re.compile(r"^###\s+(.*)$")
_NAME = re.compile(r"`([a-z_0-9]+)`")

LABELS = {"actors": "name", "policies": "name", "sources": "title", "events": "headline", "event_types": "name"}

CANNED = {
    "policy_timeline": {
        "title": "Timeline of a policy",
        "description": "Every event of a policy with its citations, in date order. Policy: a key such as us-apl-policy.",
        "sql": "SELECT date_label, event_type, headline, actors, quote, stated_date, date_basis, source_title, source_url "
        "FROM timeline WHERE ' ' || policy_keys || ' ' LIKE '% ' || :policy || ' %' ORDER BY sort_key",
    },
    "policy_state_at": {
        "title": "Policy state at a date",
        "description": "The state in force on a day (YYYY-MM-DD); two rows mean it is indeterminate between them.",
        "sql": "SELECT state_number, valid_from, valid_to, opened_by_type, stance, base_stance FROM policy_states "
        "WHERE policy_key = :policy AND (from_earliest_day IS NULL OR from_earliest_day <= :day) "
        "AND (to_latest_day IS NULL OR to_latest_day > :day) ORDER BY state_number",
    },
    "actor_events": {
        "title": "Events of an actor",
        "description": "Everything an actor did, across all policies, with its role. Actor: a key such as joe-biden.",
        "sql": "SELECT e.date, e.precision, e.type, ea.role, e.headline, e.key AS event_key FROM events e "
        "JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id "
        "WHERE a.key = :actor GROUP BY e.id, ea.role ORDER BY e.sort_key, e.key",
    },
}


def schema_document() -> str:
    """docs/schema.md as shipped inside the package (kb/schema.md links to it)."""
    from importlib.resources import files

    return files("kb").joinpath("schema.md").read_text(encoding="utf-8")


def schema_descriptions(schema_md: str) -> dict[str, dict[str, Any]]:
    """Table and column descriptions, read from docs/schema.md's text (one place for both)."""
    tables: dict[str, dict[str, Any]] = {}
    current: list[str] = []
    paragraph: list[str] = []
    for line in schema_md.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = _NAME.findall(heading.group(1))
            title = heading.group(1).split("—", 1)
            for name in current:
                tables.setdefault(name, {"description": title[1].strip() if len(title) > 1 else "", "columns": {}})
            paragraph = []
            continue
        if line.startswith("## "):
            current = []
            continue
        if not current:
            continue
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 2 and cells[0] not in ("column", "name"):
                for column in _NAME.findall(cells[0]):
                    for name in current:
                        tables[name]["columns"][column] = re.sub(r"`", "", cells[1])
        elif line.strip() and not line.startswith(("```", "|")):
            paragraph.append(line.strip())
            for name in current:
                if not tables[name]["description"]:
                    tables[name]["description"] = " ".join(paragraph)
    return tables


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
        tables[name] = entry
    return {
        "title": "kb: policy timelines with verbatim citations",
        "description": "Actors, policies, events and sources; every event backed by verbatim quotes. "
        "Start with the timeline view, or the canned queries below.",
        "databases": {database: {"tables": tables, "queries": CANNED}},
    }
