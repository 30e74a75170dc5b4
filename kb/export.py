"""Formats other tools read: TimelineJS3 JSON, CSL-JSON and BibTeX bibliographies, Pandoc
citations in Markdown, and Datasette metadata."""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from kb.dates import PartialDate
from kb.queries import CitationOut, Timeline, TimelineEvent
from kb.records import SourceRow
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
    web = _web_url(url)
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
    """CSL-JSON items; every string one line, with control characters shown as escapes; URL only if http(s)."""
    items = []
    for raw, r in zip(rows, displayed(list(rows), "text"), strict=True):
        d = PartialDate.parse(r.published)
        parts = [p for p in (d.year, d.month, d.day) if p is not None]
        item: dict[str, Any] = {
            "id": citation_key(raw.key),  # the same key as BibTeX's and Pandoc's
            "type": _CSL_TYPES.get(r.kind, "document"),
            "title": r.title,
            "author": [{"literal": r.author}],
            "issued": {"date-parts": [parts]},
        }
        if _web_url(raw.url):
            item["URL"] = r.url
        if r.publisher:
            item["container-title" if r.kind == "news_article" else "publisher"] = r.publisher
        if r.note:
            item["note"] = r.note
        items.append(item)
    return items


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
}  # fmt: skip


def _bib(value: str) -> str:
    """A BibTeX field value: one line, controls visible, every character TeX reads escaped (in one pass)."""
    return re.sub(r"[\\{}~^%&$#_]", lambda m: _BIB_SPECIAL[m[0]], text_field(value))


def _web_url(url: str) -> str | None:
    """The URL if it is http(s), else None: bibliographies turn URLs into links."""
    return url.strip() if urllib.parse.urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _bib_url(url: str) -> str | None:
    """An http(s) URL percent-encoded wherever BibTeX or TeX would read it (braces, backslashes,
    spaces, a lone %); None for any other scheme."""
    web = _web_url(url)
    if web is None:
        return None
    web = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", web)
    return urllib.parse.quote(web, safe="/:?#[]@!$&'()*+,;=%~-._", errors="backslashreplace")


def bibtex(rows: Sequence[SourceRow], out: TextIO) -> None:
    for r in rows:
        fields = {
            "title": _bib(r.title),
            "author": "{" + _bib(r.author) + "}",
            "date": r.published,
            "url": _bib_url(r.url),
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
    shown = displayed(tl, "markdown")
    subject = " + ".join(p.name for p in shown.policies) or "All policies"
    out.write(f"# {subject}\n\n")
    for raw, e in zip(tl.events, shown.events, strict=True):
        cites = "; ".join(
            f'@{citation_key(r.source.key)}, "{_quote_for_pandoc(c.quote)}"' for r, c in zip(raw.citations, e.citations, strict=True)
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
