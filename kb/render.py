"""Text, Markdown, JSON and CSV from the dataclasses in kb.queries.

Everything printed comes from documents anyone can write, so every string from the knowledge
base reaches the output through one of the escaping functions below: `displayed` for text and
Markdown (each string of the dataclasses, before any template sees it), `csv_writer` for CSV
(each cell), `json_text` for JSON.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from kb.vocabulary import FORMATS  # noqa: F401 (kb.render.FORMATS, as before)
from kb.dates import date_label as format_date

try:
    import orjson
except ImportError:  # a dependency (pyproject.toml); without it json.dumps writes the same bytes
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:  # at run time only the objects are needed: no SQLAlchemy for --help
    from kb.queries import CitationOut, SourceRef, Timeline, TimelineEvent
    from kb.records import Record

_KIND_WORDS = {"news_article": "news article", "fact_sheet": "fact sheet", "press_release": "press release"}


# --- Escaping ----------------------------------------------------------------------------------

T = TypeVar("T")

# In text and Markdown every field is one line: a line break inside a title or a headline
# could otherwise forge lines of our own ("## Sources", "[3] …"). Each break (and tab) is one space.
_BREAKS = re.compile(r"\r\n|[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
# What a terminal executes or a reader is misled by: C0 and C1 controls (ESC starts ANSI CSI
# and OSC-52 clipboard writes), DEL, the bidirectional overrides of "Trojan Source", and lone
# surrogates (which cannot be encoded at all). Shown as Python-style escapes: \x1b, \u202e.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Markdown that could make a link, an image, raw HTML, an entity or emphasis out of text.
# "_" only at a word's edge: inside a word (news_article) CommonMark does not read it.
_MD_SPECIAL = re.compile(r"[\\`*\[\]{}<>|~&@]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_BLOCK_START = re.compile(r"^(?:[#+=-]|\d+(?=[.)]))")
_LINKABLE = re.compile(r"https?://[^\x00-\x20\x7f-\x9f<>\u2028\u2029]+", re.IGNORECASE)
# Characters JSON may carry raw but a terminal, or a script embedding the JSON, may not.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A spreadsheet runs a cell that starts with one of these (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def one_line(value: str) -> str:
    """Each line break or tab inside a field as one space."""
    return _BREAKS.sub(" ", value)


def visible(value: str) -> str:
    """Control characters shown as escapes (\\x1b), never sent to the terminal."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", value)


def text_field(value: str) -> str:
    """A field for text output: one line, controls visible."""
    return visible(one_line(value))


def md_field(value: str) -> str:
    """A field for Markdown: text_field, with everything Markdown or HTML would read escaped."""
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + m[0], text_field(value))
    block = _MD_BLOCK_START.match(escaped)
    if block and block[0][0].isdigit():
        return escaped[: block.end()] + "\\" + escaped[block.end() :]
    return "\\" + escaped if block else escaped


def md_url(url: str) -> str:
    """A link for an http(s) URL; anything else (javascript:, data:, …) as plain text."""
    return f"<{url}>" if _LINKABLE.fullmatch(url) else md_field(url)


def csv_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, with a leading ' (nothing else changes)."""
    if not isinstance(value, str):
        return value
    if _SURROGATE.search(value):
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")  # unencodable otherwise
    return "'" + value if value.startswith(_FORMULA_START) else value


class _SafeWriter:
    """csv.writer whose rows pass through csv_cell."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(v) for v in row])


def csv_writer(out: TextIO) -> _SafeWriter:
    return _SafeWriter(out)


def json_text(payload: Any, *, floats: bool = True) -> str:
    """Indented JSON; the values are exact, with C1 controls, line separators, bidi overrides and
    lone surrogates written as \\u escapes.

    A payload without floats (floats=False: timelines, records) is encoded by orjson, whose
    OPT_INDENT_2 output is byte for byte json.dumps(ensure_ascii=False, indent=2)'s for strings,
    integers, booleans and None, ~10x faster (it writes 1e-05 as 1e-5, hence not for floats)."""
    text = None
    if not floats and orjson is not None:
        try:
            text = orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode()
        except TypeError:  # lone surrogates, integers beyond 64 bits: json.dumps writes them
            pass
    if text is None:
        text = json.dumps(payload, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def displayed(value: T, fmt: str) -> T:
    """A copy of value (dataclasses, lists, tuples, dicts) with every string made safe for fmt:
    text_field for text, md_field for Markdown (and md_url for fields named url)."""
    field_fn, url_fn = (md_field, md_url) if fmt == "markdown" else (text_field, text_field)
    seen: dict[int, Any] = {}

    def walk(obj: Any, name: str = "") -> Any:
        if isinstance(obj, str):
            return url_fn(obj) if name == "url" else field_fn(obj)
        if obj is None or isinstance(obj, (bool, int, float)):
            return obj
        if id(obj) in seen:
            return seen[id(obj)]
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            changes = {}
            for f in dataclasses.fields(obj):
                if f.init:
                    old = getattr(obj, f.name)
                    new = walk(old, f.name)
                    if new is not old:
                        changes[f.name] = new
            out = dataclasses.replace(obj, **changes) if changes else obj
        elif isinstance(obj, list):
            out = [walk(v) for v in obj]
        elif isinstance(obj, tuple):
            out = tuple(walk(v) for v in obj)
        elif isinstance(obj, dict):
            out = {k: walk(v, k if isinstance(k, str) else "") for k, v in obj.items()}
        else:
            return obj  # dates and the like: nothing a document wrote
        seen[id(obj)] = out
        return out

    return walk(value)  # type: ignore[no-any-return]


def display_width(value: str) -> int:
    """Terminal columns a string takes: wide East Asian characters two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value
    )


def truncate(value: str, width: int) -> str:
    """value cut to width terminal columns, ending in … when cut."""
    if display_width(value) <= width:
        return value
    out, used = [], 0
    for c in value:
        w = display_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def terminal_width(out: TextIO) -> int | None:
    """The width to fit text output to, or None when it is not going to a terminal.

    A terminal is a stream whose isatty() is true, or any stream when $KB_TERMINAL is 1 (for a
    pager, or a test); KB_TERMINAL=0 turns fitting off. The width is $COLUMNS, else the
    terminal's own (shutil.get_terminal_size)."""
    forced = os.environ.get("KB_TERMINAL", "")
    isatty = getattr(out, "isatty", None)
    if forced != "1" and (forced == "0" or not (callable(isatty) and isatty())):
        return None
    return shutil.get_terminal_size().columns



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
    if cit.date_inferred:
        parts.append(f"resolved against an inferred publication date ({cit.source.published})")
    if cit.disagrees:
        parts.append(f"disagrees with the event's {cit.disagrees} (reviewed)")
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
#
# The functions taking `shown` data expect it through displayed() already.


def timeline_text(shown: Timeline, out: TextIO, *, markdown: bool = False, heading: str | None = None) -> None:
    numbers = number_sources(shown.events)
    date_width = max((len(format_date(e.date, e.qualifier, e.end)) for e in shown.events), default=10)
    type_width = max((len(e.type) for e in shown.events), default=8)
    heading = heading or _heading(shown)
    chosen = shown.policies
    if markdown:
        out.write(f"# {heading}\n\n| Date | Type | Event | Actors | Sources |\n|---|---|---|---|---|\n")
    else:
        out.write(heading + "\n\n")
    for event in shown.events:
        marks = source_marks(event, numbers)
        date = format_date(event.date, event.qualifier, event.end)
        lane = f"[{', '.join(p.key for p in event.policies if p in chosen)}] " if len(chosen) > 1 else ""
        if markdown:
            lane = lane.replace("[", "\\[").replace("]", "\\]")
            cells = [date, f"**{event.type}**" if event.changes_state else event.type, lane + event.headline, actors_text(event), marks]
            out.write("| " + " | ".join(cells) + " |\n")  # "|" in a field is escaped already
        else:
            actors = f" — {actors_text(event)}" if event.actors else ""
            out.write(f"{date:<{date_width}}  {event.type:<{type_width}}  {lane}{event.headline}{actors} {marks}\n")
    if not shown.events:
        out.write("No events match.\n")
        return
    write_sources(shown.events, numbers, out, markdown=markdown)


def source_marks(event: TimelineEvent, numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers[c.source.key] for c in event.citations))


def write_sources(shown: Sequence[TimelineEvent], numbers: dict[str, int], out: TextIO, *, markdown: bool) -> None:
    """The numbered sources of these events, each with the passages it gives for them."""
    out.write("\n## Sources\n\n" if markdown else "\nSources\n")
    by_source: dict[str, list[tuple[TimelineEvent, CitationOut]]] = {}
    refs: dict[str, SourceRef] = {}
    for event in shown:
        for cit in event.citations:
            by_source.setdefault(cit.source.key, []).append((event, cit))
            refs[cit.source.key] = cit.source
    for key, n in numbers.items():
        src = refs[key]
        kind = _KIND_WORDS.get(src.kind, src.kind)
        partial = " · partial text" if src.partial else ""
        partial += " · publication date inferred" if src.published_inferred else ""
        if markdown:
            out.write(f"{n}. **{src.title}**. {_issuer(src)}. {src.published}. {kind}{partial}. {src.url}\n")
        else:
            out.write(f"[{n}] {src.title}\n    {_issuer(src)} · {src.published} · {kind}{partial}\n    {src.url}\n")
        for event, cit in by_source[key]:
            quote = " ".join(cit.quote.split())
            label = f"{format_date(event.date, event.qualifier, event.end)} {event.type}"
            if markdown:
                out.write(f"    - {label} ({_citation_note(cit)}):\n      > {quote}\n")
            else:
                out.write(f"    - {label} ({_citation_note(cit)}): \u201c{quote}\u201d\n")
        if (src.partial or src.published_inferred) and src.note:
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
        "stance_additions": [{"source": key, "text": text} for key, text in event.stance_additions],
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
                "date_inferred": c.date_inferred,
                "disagrees": c.disagrees,
                "attributed_to": c.attributed_to,
                "beyond_publication": c.beyond_publication,
                "offsets": [c.start_offset, c.end_offset],
                "source": {
                    "key": c.source.key,
                    "title": c.source.title,
                    "url": c.source.url,
                    "published": c.source.published,
                    "published_inferred": c.source.published_inferred,
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
    "date_label", "date", "precision", "qualifier", "end", "type", "changes_state", "headline", "stance",
    "stance_additions", "policies", "actors", "event_key", "quote", "stated_label", "stated_date",
    "stated_qualifier", "stated_end", "date_basis", "date_inferred", "disagrees", "attributed_to",
    "source_key", "source_title", "source_published", "source_url", "source_partial",
)  # fmt: skip


def timeline_csv(tl: Timeline, out: TextIO, *, header: bool = True) -> None:
    """One row per event and citation; quotes verbatim (the csv module quotes line breaks)."""
    writer = csv_writer(out)
    if header:
        writer.writerow(CSV_COLUMNS)
    _csv_rows(tl.events, writer)


def _csv_rows(events: Iterable[TimelineEvent], writer: _SafeWriter) -> None:
    for e in events:
        for c in e.citations:
            writer.writerow(
                # The names and order of the JSON output, flattened (docs/schema.md): ISO dates in
                # data columns, the human label beside them, lists "; "-separated as in the view.
                [
                    format_date(e.date, e.qualifier, e.end), e.date, e.precision, e.qualifier or "", e.end or "",
                    e.type, int(e.changes_state), e.headline, e.stance or "",
                    " ".join(text for _key, text in e.stance_additions),
                    "; ".join(p.name for p in e.policies), "; ".join(f"{a.name} ({a.role})" for a in e.actors), e.key,
                    c.quote, format_date(c.stated_date, c.stated_qualifier, c.stated_end), c.stated_date,
                    c.stated_qualifier or "", c.stated_end or "", c.date_basis, int(c.date_inferred),
                    c.disagrees or "", c.attributed_to or "", c.source.key, c.source.title, c.source.published,
                    c.source.url, int(c.source.partial),
                ]
            )  # fmt: skip


def stream_timeline(events: Iterable[TimelineEvent], fmt: str, out: TextIO) -> None:
    """JSON or CSV written event by event, as the events arrive: memory stays flat.

    Nothing is written before the first page of events has been read, so a query that fails
    (an unknown name, a database error) leaves no half-written document."""
    events = iter(events)
    first = next(events, None)
    chain: Iterator[TimelineEvent] = iter(()) if first is None else _prepend(first, events)
    if fmt == "csv":
        writer = csv_writer(out)
        writer.writerow(CSV_COLUMNS)
        _csv_rows(chain, writer)
        return
    # Byte for byte what json_text writes for the whole list.
    out.write('{\n  "events": [')
    written = False
    for event in chain:
        # textwrap.indent's result: the JSON's only line breaks are its own "\n" (json_text escapes the rest)
        item = "    " + json_text(event_json(event), floats=False).replace("\n", "\n    ")
        out.write(("," if written else "") + "\n" + item)
        written = True
    out.write("\n  ]\n}\n" if written else "]\n}\n")


def _prepend(first: TimelineEvent, rest: Iterator[TimelineEvent]) -> Iterator[TimelineEvent]:
    yield first
    yield from rest


def write_timeline(tl: Timeline, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(json_text({"events": [event_json(e) for e in tl.events]}, floats=False) + "\n")
    elif fmt == "csv":
        timeline_csv(tl, out)
    else:
        timeline_text(displayed(tl, fmt), out, markdown=fmt == "markdown")


# --- Lists and records --------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def write_rows(rows: Sequence[Any], fmt: str, out: TextIO, *, columns: Sequence[str]) -> None:
    """A list of dataclass rows: aligned text (fitted to the terminal, see terminal_width), a
    Markdown table, JSON or CSV."""
    dicts = [dataclasses.asdict(r) for r in rows]
    if fmt == "json":
        out.write(json_text(dicts) + "\n")
        return
    if fmt == "csv":
        writer = csv_writer(out)
        fields = list(dicts[0]) if dicts else list(columns)
        writer.writerow(fields)
        for d in dicts:
            writer.writerow([_cell(d[f]) for f in fields])
        return
    table = [[_cell(d[c]) for c in columns] for d in displayed(dicts, fmt)]
    if fmt == "markdown":
        out.write("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n")
        for row in table:
            out.write("| " + " | ".join(row) + " |\n")
        return
    header = [c.upper() for c in columns]
    widths = [max(display_width(v) for v in [h] + [r[i] for r in table]) for i, h in enumerate(header)]
    limit = terminal_width(out)
    if limit is not None:
        widths = _fit(widths, limit - 2 * (len(widths) - 1), header)
    for row in [header, *table]:
        cells = [truncate(v, w) for v, w in zip(row, widths)]
        out.write("  ".join(v + " " * (w - display_width(v)) for v, w in zip(cells, widths)).rstrip() + "\n")


def _fit(widths: list[int], room: int, headers: Sequence[str]) -> list[int]:
    """Column widths that sum to at most room. The other columns give way before the first (the
    key a user types), each down to its header or 12 characters; then all of them, at last to 1."""
    widths = list(widths)
    floors = [min(w, max(len(h), 12)) for w, h in zip(widths, headers)]
    everything = range(len(widths))
    for columns, floor in ((everything[1:], floors), (everything, floors), (everything, [1] * len(widths))):
        while sum(widths) > room:
            wider = [i for i in columns if widths[i] > floor[i]]
            if not wider:
                break
            widths[max(wider, key=lambda i: widths[i])] -= 1
    return widths


def write_record(record: Record, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        payload = {"kind": record.kind, "key": record.key, "title": record.title, **record.fields}
        payload["events"] = [event_json(e) for e in record.timeline.events]
        out.write(json_text(payload) + "\n")
        return
    if fmt == "csv":
        timeline_csv(record.timeline, out)
        return
    md = fmt == "markdown"
    shown = displayed(record, fmt)
    fields = dict(shown.fields)
    if shown.kind == "event" and shown.timeline.events:
        e = shown.timeline.events[0]
        fields = {
            "type": e.type, "date": format_date(e.date, e.qualifier, e.end), "precision": e.precision,
            "stance": e.stance, "description": e.description, "policies": ", ".join(p.name for p in e.policies),
            "actors": actors_text(e),
        }  # fmt: skip
    out.write(f"{'# ' if md else ''}{shown.kind} {shown.key}: {shown.title}\n\n")
    for name, value in fields.items():
        if value not in (None, "", []):
            out.write(f"- **{name}**: {_cell(value)}\n" if md else f"{name + ':':<12} {_cell(value)}\n")
    out.write("\n")
    count = len(shown.timeline.events)
    heading = f"Events ({count})" if shown.kind != "event" else "Citations"
    timeline_text(shown.timeline, out, markdown=md, heading=heading)
