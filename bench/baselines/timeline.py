"""Baseline for `kb timeline --policy P` or `--since A --until B`, `--format json` or `csv`:
sqlite3 + click + json + csv, the same bytes, written a chunk of events at a time."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import textwrap

import click
from common import connect, event_chunks, event_json, fail, json_text, label

FIND = """
SELECT id FROM policies WHERE lower(name) LIKE '%' || :n || '%' OR key LIKE '%' || :n || '%'
UNION SELECT policy_id FROM policy_aliases WHERE lower(alias) LIKE '%' || :n || '%'
"""
# kb's date-range filter: an event overlaps [since, until]; only a range starts more than a year before it ends.
RANGE = (
    "e.id IN (SELECT id FROM events WHERE first_day BETWEEN ? AND ? UNION ALL "
    "SELECT id FROM events WHERE date_end IS NOT NULL AND first_day <= ?) AND e.last_day >= ? AND e.first_day <= ?"
)
COLUMNS = (
    "date_label", "date", "precision", "qualifier", "end", "type", "changes_state", "headline", "stance",
    "stance_additions", "policies", "actors", "event_key", "quote", "stated_label", "stated_date",
    "stated_qualifier", "stated_end", "date_basis", "date_inferred", "disagrees", "attributed_to",
    "source_key", "source_title", "source_published", "source_url", "source_partial",
)  # fmt: skip
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def cell(value: object) -> object:
    if not isinstance(value, str):
        return value
    if _SURROGATE.search(value):
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def bound(text: str, end: bool) -> str:
    """The first (or last) day a year, month or day covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts).isoformat()
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return ((first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1) if end else first).isoformat()
    return dt.date(parts[0], 12, 31).isoformat() if end else dt.date(parts[0], 1, 1).isoformat()


@click.command()
@click.option("--policy")
@click.option("--since")
@click.option("--until")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option("--db", required=True)
def main(policy: str | None, since: str | None, until: str | None, fmt: str, db: str) -> None:
    conn = connect(db)
    if policy:
        needle = policy.strip().lower()
        exact = conn.execute("SELECT id FROM policies WHERE key = ?", (needle,)).fetchone()
        ids = [exact[0]] if exact else [r[0] for r in conn.execute(FIND, {"n": needle})]
        if len(ids) != 1:
            fail(f"policy {policy!r}: {len(ids)} matches")
        where, params = "e.id IN (SELECT event_id FROM event_policies WHERE policy_id = ?)", (ids[0],)
    else:
        lo, hi = bound(since or "0001", False), bound(until or "9999", True)
        earliest = (dt.date.fromisoformat(lo) - dt.timedelta(days=366)).isoformat()
        where, params = RANGE, (earliest, hi, hi, lo, hi)
    write(conn, where, params, fmt, sys.stdout)


def write(conn: object, where: str, params: tuple, fmt: str, out: object) -> None:  # noqa: C901
    """The timeline of the events `where` selects, as kb writes it (bench/run.py calls it in process too)."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for chunk in event_chunks(conn, where, params):
            for e in chunk:
                actors = "; ".join(f"{n} ({r})" for _, n, r in e["actors"])
                for c in e["citations"]:
                    writer.writerow([cell(v) for v in (
                        label(e["date"], e["qualifier"], e["end"]), e["date"], e["precision"], e["qualifier"] or "",
                        e["end"] or "", e["type"], int(e["changes_state"]), e["headline"], e["stance"] or "",
                        " ".join(t for _, t in e["additions"]), "; ".join(n for _, n in e["policies"]),
                        actors, e["key"], c[0], label(c[1], c[3], c[2]), c[1], c[3] or "", c[2] or "", c[4],
                        int(bool(c[19]) and c[4] in ("relative", "context")), c[9] or "", c[5] or "", c[10], c[11],
                        c[15], c[12], int(c[17]),
                    )])  # fmt: skip
        return
    out.write('{\n  "events": [')
    written = False
    for chunk in event_chunks(conn, where, params):
        for e in chunk:
            out.write(("," if written else "") + "\n" + textwrap.indent(json_text(event_json(e)), "    "))
            written = True
    out.write("\n  ]\n}\n" if written else "]\n}\n")


if __name__ == "__main__":
    main()
