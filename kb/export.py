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
