"""Text, Markdown, JSON and CSV from the dataclasses in kb.queries."""

from __future__ import annotations

import csv
import dataclasses
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from kb.dates import date_label as format_date
from kb.queries import CitationOut, SourceRef, Timeline, TimelineEvent
from kb.records import Record

FORMATS = ("text", "markdown", "json", "csv")
_KIND_WORDS = {"news_article": "news article", "fact_sheet": "fact sheet", "press_release": "press release"}


def _issuer(src: SourceRef) -> str:
    return src.author if not src.publisher or src.publisher in src.author else f"{src.author}, {src.publisher}"


def actors_text(event: TimelineEvent) -> str:
    return ", ".join(f"{a.name} ({a.role})" for a in event.actors)


def number_sources(events: Sequence[TimelineEvent]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for event in events:
        for cit in event.citations:
            numbers.setdefault(cit.source.key, len(numbers) + 1)
    return numbers


def _citation_note(cit: CitationOut) -> str:
    parts = [f"stated {format_date(cit.stated_date, cit.stated_qualifier, cit.stated_end)}", cit.date_basis]
    if cit.attributed_to:
        parts.append(f"attributed to {cit.attributed_to}")
    if cit.beyond_publication:
        parts.append(f"{cit.beyond_publication} after publication")
    return "; ".join(parts)


def _heading(tl: Timeline) -> str:
    subject = " + ".join([p.name for p in tl.policies] + [a.name for a in tl.actors]) or "All policies"
    known = f", as the sources published by {tl.as_of.isoformat()} tell it" if tl.as_of else ""
    return f"{subject}: {len(tl.events)} event{'s' if len(tl.events) != 1 else ''}{known}"


# --- Timelines -------------------------------------------------------------------------------


def timeline_text(tl: Timeline, out: TextIO, *, markdown: bool = False, heading: str | None = None) -> None:
    numbers = number_sources(tl.events)
    date_width = max((len(format_date(e.date, e.qualifier, e.end)) for e in tl.events), default=10)
    type_width = max((len(e.type) for e in tl.events), default=8)
    heading = heading or _heading(tl)
    chosen = tl.policies
    if markdown:
        out.write(f"# {heading}\n\n| Date | Type | Event | Actors | Sources |\n|---|---|---|---|---|\n")
    else:
        out.write(heading + "\n\n")
    for event in tl.events:
        marks = source_marks(event, numbers)
        date = format_date(event.date, event.qualifier, event.end)
        if markdown:
            lane = f"[{', '.join(p.key for p in event.policies if p in chosen)}] " if len(chosen) > 1 else ""
            cells = [date, f"**{event.type}**" if event.changes_state else event.type, lane + event.headline, actors_text(event), marks]
            out.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n")
        else:
            actors = f" — {actors_text(event)}" if event.actors else ""
            lane = f"[{', '.join(p.key for p in event.policies if p in chosen)}] " if len(chosen) > 1 else ""
            out.write(f"{date:<{date_width}}  {event.type:<{type_width}}  {lane}{event.headline}{actors} {marks}\n")
    if not tl.events:
        out.write("No events match.\n")
        return
    write_sources(tl.events, numbers, out, markdown=markdown)


def source_marks(event: TimelineEvent, numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers[c.source.key] for c in event.citations))


def write_sources(events: Sequence[TimelineEvent], numbers: dict[str, int], out: TextIO, *, markdown: bool) -> None:
    """The numbered sources of these events, each with the passages it gives for them."""
    out.write("\n## Sources\n\n" if markdown else "\nSources\n")
    by_source: dict[str, list[tuple[TimelineEvent, CitationOut]]] = {}
    refs: dict[str, SourceRef] = {}
    for event in events:
        for cit in event.citations:
            by_source.setdefault(cit.source.key, []).append((event, cit))
            refs[cit.source.key] = cit.source
    for key, n in numbers.items():
        src = refs[key]
        kind = _KIND_WORDS.get(src.kind, src.kind)
        partial = " · partial text" if src.partial else ""
        if markdown:
            out.write(f"{n}. **{src.title}**. {_issuer(src)}. {src.published}. {kind}{partial}. <{src.url}>\n")
        else:
            out.write(f"[{n}] {src.title}\n    {_issuer(src)} · {src.published} · {kind}{partial}\n    {src.url}\n")
        for event, cit in by_source[key]:
            quote = " ".join(cit.quote.split())
            label = f"{format_date(event.date, event.qualifier, event.end)} {event.type}"
            if markdown:
                out.write(f"    - {label} ({_citation_note(cit)}):\n      > {quote}\n")
            else:
                out.write(f"    - {label} ({_citation_note(cit)}): \u201c{quote}\u201d\n")
        if src.partial and src.note:
            out.write(f"    {'- ' if markdown else ''}Note: {src.note}\n")
        out.write("\n" if markdown else "")


def event_json(event: TimelineEvent) -> dict[str, Any]:
    return {
        "key": event.key,
        "date": event.date,
        "precision": event.precision,
        "qualifier": event.qualifier,
        "end": event.end,
        "type": event.type,
        "changes_state": event.changes_state,
        "headline": event.headline,
        "stance": event.stance,
        "description": event.description,
        "policies": [p.key for p in event.policies],
        "actors": [{"key": a.key, "name": a.name, "role": a.role} for a in event.actors],
        "citations": [
            {
                "quote": c.quote,
                "stated_date": c.stated_date,
                "stated_end": c.stated_end,
                "stated_qualifier": c.stated_qualifier,
                "date_basis": c.date_basis,
                "attributed_to": c.attributed_to,
                "beyond_publication": c.beyond_publication,
                "offsets": [c.start_offset, c.end_offset],
                "source": {
                    "key": c.source.key,
                    "title": c.source.title,
                    "url": c.source.url,
                    "published": c.source.published,
                    "partial": c.source.partial,
                    "author": c.source.author,
                    "publisher": c.source.publisher,
                    "kind": c.source.kind,
                },
            }
            for c in event.citations
        ],
    }


CSV_COLUMNS = (
    "date", "precision", "qualifier", "end", "type", "changes_state", "headline", "stance", "policies",
    "actors", "event_key", "quote", "stated_date", "date_basis", "attributed_to", "source_key",
    "source_title", "source_published", "source_url", "source_partial",
)  # fmt: skip


def timeline_csv(tl: Timeline, out: TextIO, *, header: bool = True) -> None:
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    for e in tl.events:
        for c in e.citations:
            writer.writerow(
                [
                    e.date, e.precision, e.qualifier or "", e.end or "", e.type, int(e.changes_state), e.headline,
                    e.stance or "", "; ".join(p.name for p in e.policies), actors_text(e), e.key,
                    " ".join(c.quote.split()), format_date(c.stated_date, c.stated_qualifier, c.stated_end),
                    c.date_basis, c.attributed_to or "", c.source.key, c.source.title, c.source.published,
                    c.source.url, int(c.source.partial),
                ]
            )  # fmt: skip


def stream_timeline(events: Iterable[TimelineEvent], fmt: str, out: TextIO) -> None:
    """JSON or CSV written event by event, as the events arrive: memory stays flat."""
    if fmt == "csv":
        timeline_csv(Timeline(events=[]), out)
        for event in events:
            timeline_csv(Timeline(events=[event]), out, header=False)
        return
    # Byte for byte what json.dump(..., indent=2) writes for the whole list.
    out.write('{\n  "events": [')
    written = False
    for event in events:
        item = textwrap.indent(json.dumps(event_json(event), ensure_ascii=False, indent=2), "    ")
        out.write(("," if written else "") + "\n" + item)
        written = True
    out.write("\n  ]\n}\n" if written else "]\n}\n")


def write_timeline(tl: Timeline, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump({"events": [event_json(e) for e in tl.events]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        timeline_csv(tl, out)
    else:
        timeline_text(tl, out, markdown=fmt == "markdown")


# --- Lists and records --------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def write_rows(rows: Sequence[Any], fmt: str, out: TextIO, *, columns: Sequence[str]) -> None:
    """A list of dataclass rows: aligned text, a Markdown table, JSON or CSV."""
    dicts = [dataclasses.asdict(r) for r in rows]
    if fmt == "json":
        json.dump(dicts, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        fields = list(dicts[0]) if dicts else list(columns)
        writer.writerow(fields)
        for d in dicts:
            writer.writerow([_cell(d[f]) for f in fields])
        return
    table = [[_cell(d[c]) for c in columns] for d in dicts]
    if fmt == "markdown":
        out.write("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n")
        for row in table:
            out.write("| " + " | ".join(v.replace("|", "\\|") for v in row) + " |\n")
        return
    widths = [max([len(c)] + [len(r[i]) for r in table]) for i, c in enumerate(columns)]
    out.write("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for row in table:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


def write_record(record: Record, fmt: str, out: TextIO) -> None:
    fields = dict(record.fields)
    if fmt == "json":
        payload = {"kind": record.kind, "key": record.key, "title": record.title, **fields}
        payload["events"] = [event_json(e) for e in record.timeline.events]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        timeline_csv(record.timeline, out)
        return
    md = fmt == "markdown"
    if record.kind == "event" and record.timeline.events:
        e = record.timeline.events[0]
        fields = {
            "type": e.type, "date": format_date(e.date, e.qualifier, e.end), "precision": e.precision,
            "stance": e.stance, "description": e.description, "policies": ", ".join(p.name for p in e.policies),
            "actors": actors_text(e),
        }  # fmt: skip
    out.write(f"{'# ' if md else ''}{record.kind} {record.key}: {record.title}\n\n")
    for name, value in fields.items():
        if value not in (None, "", []):
            out.write(f"- **{name}**: {_cell(value)}\n" if md else f"{name + ':':<12} {_cell(value)}\n")
    out.write("\n")
    count = len(record.timeline.events)
    timeline_text(record.timeline, out, markdown=md, heading=f"Events ({count})" if record.kind != "event" else "Citations")
