"""What the baseline scripts share: a read-only sqlite3 connection, the timeline's SQL and its
JSON and text rendering, written with the standard library only (no kb, no SQLAlchemy).

Each baseline prints, byte for byte, what the matching kb command prints for the benchmark's
inputs (bench/run.py checks this before timing), doing the same SQL work by hand.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from typing import Any
from urllib.parse import quote

EVENTS = """
SELECT e.id, e.key, e.date, e.precision, e.qualifier, e.date_end, e.type,
       EXISTS (SELECT 1 FROM event_policies x WHERE x.event_id = e.id AND COALESCE(x.changes_state, t.changes_state)),
       e.headline, e.stance, e.description, e.sort_key
FROM events e JOIN event_types t ON t.name = e.type
WHERE {where} ORDER BY e.sort_key, e.key
"""
DETAILS = """
SELECT ep.event_id, p.key, p.name, '', 0, ep.policy_id FROM event_policies ep
JOIN policies p ON p.id = ep.policy_id WHERE ep.event_id IN ({ids})
UNION ALL
SELECT ea.event_id, a.key, a.name, ea.role, 1, ea.id FROM event_actors ea
JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id IN ({ids})
UNION ALL
SELECT sa.event_id, s.key, sa.text, '', 2, sa.id FROM stance_additions sa
JOIN sources s ON s.id = sa.source_id WHERE sa.event_id IN ({ids})
"""
CITATIONS = """
SELECT c.event_id, c.quote, c.stated_date, c.stated_end, c.stated_qualifier, c.date_basis, c.attributed_to,
       c.beyond_publication, c.start_offset, c.end_offset, c.disagrees, s.key, s.title, s.url, s.author,
       s.publisher, s.published, s.kind, s.partial, s.note, s.published_inferred
FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.event_id IN ({ids})
ORDER BY c.event_id, s.published, s.key, c.position
"""
RESOLVED_BASES = ("relative", "context")  # kb.vocabulary.RESOLVED_BASES


def connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)


def events(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Events as dicts with their policies, actors, stance additions and citations."""
    return [e for chunk in event_chunks(conn, where, params) for e in chunk]


def event_chunks(conn: sqlite3.Connection, where: str, params: tuple[Any, ...], size: int = 500) -> Any:
    """The same, a chunk at a time from one cursor: memory stays flat however many events match."""
    cursor = conn.execute(EVENTS.format(where=where), params)
    while rows := cursor.fetchmany(size):
        found: dict[int, dict[str, Any]] = {}
        for r in rows:
            found[r[0]] = {
                "key": r[1], "date": r[2], "precision": r[3], "qualifier": r[4], "end": r[5], "type": r[6],
                "changes_state": bool(r[7]), "headline": r[8], "stance": r[9], "description": r[10],
                "policies": [], "actors": [], "citations": [], "additions": [],
            }  # fmt: skip
        ids = list(found)
        marks = ",".join("?" * len(ids))
        seen = set()
        details = conn.execute(DETAILS.format(ids=marks), ids * 3).fetchall()
        for eid, key, name, role, part, _ in sorted(details, key=lambda r: (r[0], r[4], r[2] if r[4] == 0 else "", r[5])):
            e = found[eid]
            if part == 0:
                e["policies"].append((key, name))
            elif part == 2:
                e["additions"].append((key, name))
            elif (eid, key, role) not in seen:
                seen.add((eid, key, role))
                e["actors"].append((key, name, role))
        for row in conn.execute(CITATIONS.format(ids=marks), ids):
            found[row[0]]["citations"].append(row[1:])
        yield list(found.values())


def event_json(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": e["key"], "date": e["date"], "precision": e["precision"], "qualifier": e["qualifier"],
        "end": e["end"], "type": e["type"], "changes_state": e["changes_state"], "headline": e["headline"],
        "stance": e["stance"], "stance_additions": [{"source": k, "text": t} for k, t in e["additions"]],
        "description": e["description"], "policies": [k for k, _ in e["policies"]],
        "actors": [{"key": k, "name": n, "role": r} for k, n, r in e["actors"]],
        "citations": [
            {
                "quote": c[0], "stated_date": c[1], "stated_end": c[2], "stated_qualifier": c[3], "date_basis": c[4],
                "date_inferred": bool(c[19]) and c[4] in RESOLVED_BASES, "disagrees": c[9], "attributed_to": c[5],
                "beyond_publication": c[6], "offsets": [c[7], c[8]],
                "source": {"key": c[10], "title": c[11], "url": c[12], "published": c[15],
                           "published_inferred": bool(c[19]), "partial": bool(c[17]), "author": c[13],
                           "publisher": c[14], "kind": c[16]},
            }
            for c in e["citations"]
        ],
    }  # fmt: skip


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# The scripts encode with the standard library, as issue 16 defines them. bench/run.py's
# in-process rows set this to orjson.dumps, the fastest plain encoder of the same bytes (kb
# uses it, with OPT_INDENT_2), so those rows compare the query layers, not two JSON encoders.
FAST_DUMPS: Any = None


def json_text(payload: Any) -> str:
    if FAST_DUMPS is not None:
        try:
            text = FAST_DUMPS(payload).decode()
        except TypeError:  # what orjson refuses (lone surrogates), json.dumps writes
            text = json.dumps(payload, ensure_ascii=False, indent=2)
    else:
        text = json.dumps(payload, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_BREAKS = re.compile(r"\r\n|[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def field(value: Any) -> Any:
    """A string for text output: one line, control characters shown as escapes."""
    if not isinstance(value, str):
        return value
    value = _BREAKS.sub(" ", value)
    return _CONTROLS.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", value)


_LABELS = {"on_or_before": "on or before ", "on_or_after": "on or after ", "approximately": "about "}
_KIND_WORDS = {"news_article": "news article", "fact_sheet": "fact sheet", "press_release": "press release"}


def label(date: str, qualifier: str | None, end: str | None) -> str:
    return _LABELS.get(qualifier or "", "") + date + (f" to {end}" if end else "")


def shown(e: dict[str, Any]) -> dict[str, Any]:
    """The event with every string made safe for text output."""
    out = {k: field(v) for k, v in e.items() if not isinstance(v, list)}
    out["policies"] = [tuple(map(field, p)) for p in e["policies"]]
    out["actors"] = [tuple(map(field, a)) for a in e["actors"]]
    out["additions"] = [tuple(map(field, a)) for a in e["additions"]]
    out["citations"] = [tuple(map(field, c)) for c in e["citations"]]
    return out


def actors_text(e: dict[str, Any]) -> str:
    return ", ".join(f"{n} ({r})" for _, n, r in e["actors"])


def numbers(evs: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in evs:
        for c in e["citations"]:
            out.setdefault(c[10], len(out) + 1)
    return out


def marks(e: dict[str, Any], nums: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(nums[c[10]] for c in e["citations"]))


def _note(c: tuple[Any, ...]) -> str:
    parts = [f"stated {label(c[1], c[3], c[2])}", c[4]]
    if c[19] and c[4] in RESOLVED_BASES:
        parts.append(f"resolved against an inferred publication date ({c[15]})")
    if c[9]:
        parts.append(f"disagrees with the event's {c[9]} (reviewed)")
    if c[5]:
        parts.append(f"attributed to {c[5]}")
    if c[6]:
        parts.append(f"{c[6]} after publication")
    return "; ".join(parts)


def write_sources(evs: list[dict[str, Any]], nums: dict[str, int], out: Any) -> None:
    out.write("\nSources\n")
    by_source: dict[str, list[tuple[dict[str, Any], tuple[Any, ...]]]] = {}
    for e in evs:
        for c in e["citations"]:
            by_source.setdefault(c[10], []).append((e, c))
    for key, n in nums.items():
        c0 = by_source[key][0][1]
        title, url, author, publisher, published, kind, partial, note, inferred = c0[11:20]
        issuer = author if not publisher or publisher in author else f"{author}, {publisher}"
        extra = (" · partial text" if partial else "") + (" · publication date inferred" if inferred else "")
        out.write(f"[{n}] {title}\n    {issuer} · {published} · {_KIND_WORDS.get(kind, kind)}{extra}\n    {url}\n")
        for e, c in by_source[key]:
            quote_ = " ".join(c[0].split())
            out.write(f"    - {label(e['date'], e['qualifier'], e['end'])} {e['type']} ({_note(c)}): \u201c{quote_}\u201d\n")
        if (partial or inferred) and note:
            out.write(f"    Note: {note}\n")


def timeline_text(evs: list[dict[str, Any]], heading: str, out: Any) -> None:
    nums = numbers(evs)
    date_width = max((len(label(e["date"], e["qualifier"], e["end"])) for e in evs), default=10)
    type_width = max((len(e["type"]) for e in evs), default=8)
    out.write(heading + "\n\n")
    for e in evs:
        actors = f" — {actors_text(e)}" if e["actors"] else ""
        date = label(e["date"], e["qualifier"], e["end"])
        out.write(f"{date:<{date_width}}  {e['type']:<{type_width}}  {e['headline']}{actors} {marks(e, nums)}\n")
    if not evs:
        out.write("No events match.\n")
        return
    write_sources(evs, nums, out)


def fail(message: str) -> None:
    sys.stderr.write(f"Error: {message}\n")
    raise SystemExit(1)
