"""Baseline for `kb show event KEY` (text): sqlite3 + click, the same bytes."""

from __future__ import annotations

import sys

import click
from common import actors_text, connect, events, fail, field, label, shown, timeline_text


@click.command()
@click.argument("kind", type=click.Choice(["event"]))
@click.argument("key")
@click.option("--db", required=True)
def main(kind: str, key: str, db: str) -> None:
    conn = connect(db)
    found = events(conn, "lower(e.key) = ?", (key.strip().lower(),))
    if not found:
        fail(f"no event with key {key!r}")
    e = shown(found[0])
    out = sys.stdout
    out.write(f"event {e['key']}: {e['headline']}\n\n")
    fields = {
        "type": e["type"], "date": label(e["date"], e["qualifier"], e["end"]), "precision": e["precision"],
        "stance": e["stance"], "description": e["description"], "policies": ", ".join(n for _, n in e["policies"]),
        "actors": actors_text(e),
    }  # fmt: skip
    for name, value in fields.items():
        if value not in (None, ""):
            out.write(f"{name + ':':<12} {field(value)}\n")
    out.write("\n")
    timeline_text([e], "Citations", out)


if __name__ == "__main__":
    main()
