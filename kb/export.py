"""Formats other tools read: TimelineJS3 JSON and Pandoc citations in Markdown (bibliographies:
kb.bibliography; Datasette: kb.datasette)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, TextIO

from kb.bibliography import web_url
from kb.dates import PartialDate
from kb.queries import CitationOut, Timeline, TimelineEvent
from kb.render import actors_text, displayed, format_date, json_text, text_field

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


def _h(value: str) -> str:
    """Text for HTML that TimelineJS inserts as markup: one line, controls visible, escaped."""
    return html.escape(text_field(value), quote=True)


def _link(url: str, label: str) -> str:
    """An <a> only for an http(s) URL: a javascript: or data: URL stays text."""
    web = web_url(url)
    return f'<a href="{_h(web)}">{_h(label)}</a>' if web else f"{_h(label)} ({_h(url)})"


def _citations_html(citations: Sequence[CitationOut]) -> str:
    items = []
    for c in citations:
        src = c.source
        partial = " (partial text)" if src.partial else ""
        items.append(
            f"<blockquote>{_h(' '.join(c.quote.split()))}</blockquote>"
            f"<p>— {_link(src.url, src.title)}, {_h(src.author)}, "
            f"{_h(src.published)}{partial}; stated date {_h(format_date(c.stated_date, c.stated_qualifier, c.stated_end))} "
            f"({_h(c.date_basis)})</p>"
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
            "display_date": _h(format_date(e.date, e.qualifier, e.end)),
            "text": {
                "headline": _h(e.headline),
                "text": (
                    f"<p><b>{_h(e.type)}</b>{' — ' + _h(e.stance) if e.stance else ''}</p>"
                    + (f"<p>{_h(actors_text(e))}</p>" if e.actors else "")
                    + _citations_html(e.citations)
                ),
            },
            "group": _h(lane(e, tl)),
        }
        if e.end:
            item["end_date"] = _tl_date(e.end)
        events.append(item)
    subject = " + ".join(p.name for p in tl.policies) or "Policy timeline"
    return {"title": {"text": {"headline": _h(subject), "text": f"{len(events)} events, each with its sources"}}, "events": events}


# --- Bibliographies -------------------------------------------------------------------------------

def pandoc_markdown(tl: Timeline, out: TextIO, *, keys: dict[str, str]) -> None:
    """The timeline with Pandoc citations, for `pandoc --citeproc --bibliography sources.json`."""
    shown = displayed(tl, "markdown")
    subject = " + ".join(p.name for p in shown.policies) or "All policies"
    out.write(f"# {subject}\n\n")
    for raw, e in zip(tl.events, shown.events, strict=True):
        cites = "; ".join(
            f'@{keys[r.source.key]}, "{_quote_for_pandoc(c.quote)}"' for r, c in zip(raw.citations, e.citations, strict=True)
        )
        actors = f" ({actors_text(e)})" if e.actors else ""
        out.write(f"- **{format_date(e.date, e.qualifier, e.end)}** {e.type}: {e.headline}{actors} [{cites}]\n")
    out.write("\n# References\n\n::: {#refs}\n:::\n")


def _quote_for_pandoc(shown_quote: str) -> str:
    """A quote already escaped for Markdown (displayed), with what else Pandoc's citation syntax reads escaped."""
    text = " ".join(shown_quote.split())
    return re.sub(r'([;"])', r"\\\1", text)


def write_timeline_export(tl: Timeline, fmt: str, out: TextIO) -> None:
    if fmt == "timelinejs":
        out.write(json_text(timelinejs(tl)) + "\n")
    else:
        raise ValueError(fmt)
