"""Text, Markdown, JSON and CSV for policy states, conflicts and search results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from kb.queries import TimelineEvent, event_date
from kb.render import csv_writer, displayed, event_json, format_date, json_text, number_sources, source_marks, write_sources
from kb.search import Results
from kb.states import Answer, History, State

if TYPE_CHECKING:
    from kb.conflicts import Conflict  # it reads through the ORM: imported by `kb conflicts` alone

_STATUS_WORDS = {"determinate": "in force", "indeterminate": "indeterminate", "none": "no recorded state"}


def _day(value: dt.date) -> str | None:
    return None if value in (dt.date.min, dt.date.max) else value.isoformat()


def _date_json(event: TimelineEvent | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {"date": event.date, "precision": event.precision, "qualifier": event.qualifier, "end": event.end}


def state_json(state: State) -> dict[str, Any]:
    return {
        "number": state.number,
        "valid_from": _date_json(state.opened_by),
        "valid_to": _date_json(state.closed_by),
        "possible_start": [_day(state.earliest), _day(state.latest)],
        "stance": state.stance,
        "previous_stance": state.previous.stance if state.previous else None,
        "opened_by": event_json(state.opened_by),
        "base": event_json(state.base) if state.base else None,
        "confirmations": [event_json(c) for c in state.confirmations],
    }


def _additions(event: TimelineEvent, numbers: dict[str, int]) -> list[str]:
    """What later sources add to the event's stance, each with its source's number."""
    return [f"   adds [{numbers[key]}]: {text}" if key in numbers else f"   adds ({key}): {text}"
            for key, text in event.stance_additions]  # fmt: skip


def _span(state: State) -> str:
    start = str(state.valid_from)
    end = str(state.valid_to) if state.valid_to else "in force"
    return f"{start} → {end}"


def _event_line(event: TimelineEvent, numbers: dict[str, int]) -> str:
    return f"{format_date(event.date, event.qualifier, event.end)}  {event.type}  {event.headline} {source_marks(event, numbers)}"


def _state_lines(state: State, numbers: dict[str, int], md: bool, *, history: bool) -> list[str]:
    strong = "**" if md else ""
    if history:
        e = state.opened_by
        lines = [f"{state.number}. {strong}{_span(state)}{strong}  {e.type}  {e.headline} {source_marks(e, numbers)}"]
        lines.append(f"   stance: {state.stance}")
        lines.extend(_additions(e, numbers))
        for c in state.confirmations:
            lines.append(f"   confirmed: {format_date(c.date, c.qualifier, c.end)}  {c.headline} {source_marks(c, numbers)}")
        if state.base is not None:
            lines.append(f"   an exception to the {state.base.type} state of {event_date(state.base)}")
        if state.previous is not None:
            lines.append(f"   changed from: {state.previous.stance}")
        return lines
    lines = []
    for event in state.events:
        lines.append(f"{'- ' if md else ''}{_event_line(event, numbers)}")
        lines.append(f"   stance: {event.stance}")
        lines.extend(_additions(event, numbers))
    return lines


def _describe(state: State) -> str:
    if state.base is None:
        return f"the policy of {state.valid_from} ({state.opened_by.type})"
    return f"the policy of {event_date(state.base)} ({state.base.type}) with the exception of {state.valid_from}"


def write_history(hist: History, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        payload = {"policy": {"key": hist.policy.key, "name": hist.policy.name}, "as_of": _iso(hist.as_of)}
        payload["states"] = [state_json(s) for s in hist.states]
        _dump(payload, out)
    elif fmt == "csv":
        _states_csv(hist.states, out, extra={})
    else:
        md = fmt == "markdown"
        hist = displayed(hist, fmt)
        events = _unique(e for s in hist.states for e in (*s.events, *s.confirmations))
        known = f", as the sources published by {hist.as_of} tell it" if hist.as_of else ""
        n = len(hist.states)
        out.write(f"{'# ' if md else ''}{hist.policy.name}: {n} state{'s' if n != 1 else ''}{known}\n\n")
        numbers = number_sources(events)
        for state in hist.states:
            out.write("\n".join(_state_lines(state, numbers, md, history=True)) + "\n")
        if events:
            write_sources(events, numbers, out, markdown=md)


def write_answer(answer: Answer, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        payload = {
            "policy": {"key": answer.policy.key, "name": answer.policy.name},
            "at": answer.at.isoformat(),
            "as_of": _iso(answer.as_of),
            "status": answer.status,
            "reason": answer.reason or None,
            "states": [state_json(s) for s in answer.states],
            "confirmed_by": event_json(answer.confirmed_by) if answer.confirmed_by else None,
        }
        _dump(payload, out)
        return
    if fmt == "csv":
        _states_csv(answer.states, out, extra={"at": answer.at.isoformat(), "status": answer.status})
        return
    md = fmt == "markdown"
    answer = displayed(answer, fmt)
    events = _unique([*(e for s in answer.states for e in s.events), *([answer.confirmed_by] if answer.confirmed_by else [])])
    known = f" (as the sources published by {answer.as_of} tell it)" if answer.as_of else ""
    head = f"{answer.policy.name} on {answer.at}{known}: "
    if answer.status == "determinate":
        head += _describe(answer.states[0])
    elif answer.status == "indeterminate":
        head += f"indeterminate between {len(answer.states) if answer.states else 2} states"
    else:
        head += _STATUS_WORDS["none"]
    out.write(f"{'# ' if md else ''}{head}\n\n")
    if answer.reason:
        out.write(f"{'**why:**' if md else 'why:'} {answer.reason}\n\n")
    numbers = number_sources(events)
    for i, state in enumerate(answer.states):
        if answer.status == "indeterminate":
            out.write(("either " if i == 0 else "or ") + f"{_describe(state)}:\n")
        out.write("\n".join(_state_lines(state, numbers, md, history=False)) + "\n")
    if answer.confirmed_by is not None:
        c = answer.confirmed_by
        out.write(f"{'- ' if md else ''}still in force as confirmed on {format_date(c.date, c.qualifier, c.end)}: "
                  f"{c.headline} {source_marks(c, numbers)}\n")  # fmt: skip
    if events:
        write_sources(events, numbers, out, markdown=md)


STATE_CSV = (
    "state", "valid_from", "valid_to", "stance", "opened_by", "type", "headline", "event_key",
    "quote", "stated_date", "date_basis", "source_key", "source_title", "source_published", "source_url",
)  # fmt: skip


def _states_csv(states: Sequence[State], out: TextIO, *, extra: dict[str, str]) -> None:
    writer = csv_writer(out)
    writer.writerow([*extra, *STATE_CSV])
    for state in states:
        for event in state.events:
            for c in event.citations:
                writer.writerow(
                    [
                        *extra.values(), state.number, str(state.valid_from), str(state.valid_to or ""),
                        state.stance, state.opened_by.key, event.type, event.headline, event.key,
                        c.quote, format_date(c.stated_date, c.stated_qualifier, c.stated_end),
                        c.date_basis, c.source.key, c.source.title, c.source.published, c.source.url,
                    ]
                )  # fmt: skip


# --- Conflicts ------------------------------------------------------------------------------------


def write_conflicts(found: Sequence[Conflict], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _dump({"conflicts": [_conflict_json(c) for c in found]}, out)
        return
    if fmt == "csv":
        writer = csv_writer(out)
        writer.writerow(["kind", "event_key", "headline", "role", "side", "claim", "stated_date", "marked", "quote",
                         "source_key", "source_title", "source_published", "source_url"])  # fmt: skip
        for c in found:
            for number, side in enumerate(c.sides, start=1):
                for cited in side.citations:
                    src = cited.source
                    writer.writerow([c.kind, c.event_key, c.headline, c.role or "", number, side.claim, cited.stated,
                                     "yes" if cited.marked else "", cited.quote, src.key, src.title, src.published,
                                     src.url])  # fmt: skip
        return
    md = fmt == "markdown"
    found = displayed(list(found), fmt)
    n = len(found)
    out.write(f"{'# ' if md else ''}{n} conflict{'s' if n != 1 else ''} between sources\n\n")
    if not found:
        out.write("No sources disagree on a date or an attribution.\n")
    for i, c in enumerate(found, start=1):
        what = "dates that cannot both be true" if c.kind == "date" else f"different actors as “{c.role}”"
        out.write(f"{'## ' if md else ''}{i}. {c.event_key}: {what}\n{'' if md else '   '}{c.headline}\n")
        for side in c.sides:
            out.write(f"{'- ' if md else '   - '}{side.claim}:\n")
            for cited in side.citations:
                src = cited.source
                mark = " (reviewed disagreement)" if cited.marked else ""
                lead = "  - " if md else "     "
                out.write(f"{lead}stated {cited.stated}{mark} — {src.title} ({src.published}) {src.url}\n")
                out.write(f"{'    > ' if md else '       '}\u201c{' '.join(cited.quote.split())}\u201d\n")
        out.write("\n")


def _conflict_json(c: Conflict) -> dict[str, Any]:
    def cited(x: Any) -> dict[str, Any]:
        src = x.source
        return {
            "quote": x.quote,
            "stated_date": x.stated,
            "marked": x.marked,
            "source": {"key": src.key, "title": src.title, "url": src.url, "published": src.published},
        }

    return {
        "kind": c.kind, "event_key": c.event_key, "headline": c.headline, "role": c.role,
        "sides": [{"claim": side.claim, "citations": [cited(x) for x in side.citations]} for side in c.sides],
    }  # fmt: skip


# --- Search ---------------------------------------------------------------------------------------


def write_search(results: Results, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _dump(
            {
                "query": results.query,
                "fts_query": results.fts,
                "events": [{"rank": h.rank, "match": h.highlighted, **event_json(h.event)} for h in results.events],
                "sources": [
                    {
                        "rank": h.rank,
                        "source": {"key": h.source.key, "title": h.source.title, "url": h.source.url,
                                   "published": h.source.published, "partial": h.source.partial},  # fmt: skip
                        "passages": [
                            {"text": p.text, "offsets": [p.start, p.end],
                             "events": [{"key": k, "date": d, "headline": t} for k, d, t in p.events]}  # fmt: skip
                            for p in h.passages
                        ],
                    }
                    for h in results.sources
                ],
            },
            out,
        )
        return
    if fmt == "csv":
        writer = csv_writer(out)
        writer.writerow(["kind", "rank", "key", "date", "match", "source_title", "source_published", "source_url", "supports"])
        for h in results.events:
            writer.writerow(["event", round(h.rank, 4), h.event.key, format_date(h.event.date, h.event.qualifier, h.event.end), h.highlighted, "", "", "", ""])
        for s in results.sources:
            for p in s.passages:
                writer.writerow(["passage", round(s.rank, 4), s.source.key, s.source.published, p.text, s.source.title,
                                 s.source.published, s.source.url, "; ".join(k for k, _, _ in p.events)])  # fmt: skip
        return
    md = fmt == "markdown"
    results = displayed(results, fmt)

    def mark(text: str) -> str:
        return text.replace("\u00ab", "**").replace("\u00bb", "**") if md else text

    out.write(f"{'# ' if md else ''}Search '{results.query}': {_count(len(results.events), 'event')}, {_count(len(results.sources), 'source')}\n\n")
    if not results.events and not results.sources:
        out.write("Nothing matches.\n")
        return
    if results.events:
        out.write(f"{'## ' if md else ''}Events\n")
        for h in results.events:
            e = h.event
            out.write(f"{'- ' if md else '  '}{format_date(e.date, e.qualifier, e.end)}  {e.type}  {e.key}: {mark(h.highlighted)}\n")
        out.write("\n")
    if results.sources:
        out.write(f"{'## ' if md else ''}Passages\n")
        for n, h in enumerate(results.sources, start=1):
            partial = " · partial text" if h.source.partial else ""
            out.write(f"{'### ' if md else ''}[{n}] {h.source.title} · {h.source.published}{partial}\n{'' if md else '    '}{h.source.url}\n")
            if not h.passages:
                out.write(f"{'' if md else '    '}(matches only the title or the editorial summary)\n")
            for p in h.passages:
                out.write(f"{'> ' if md else '    '}{mark(p.text)}\n")
                supports = "; ".join(f"{d} {k}" for k, d, _ in p.events) or "no event cites this passage"
                out.write(f"{'' if md else '      '}{'*supports:* ' if md else 'supports: '}{supports}\n")
            out.write("\n")


# --- helpers --------------------------------------------------------------------------------------


def _unique(events: Any) -> list[TimelineEvent]:
    return list({e.key: e for e in events}.values())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _dump(payload: dict[str, Any], out: TextIO) -> None:
    out.write(json_text(payload) + "\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
