"""Build a synthetic knowledge base of a given size, through kb's own bulk-loading layer.

    python bench/generate.py --events 1000000            # -> bench/data/kb-1000000.sqlite
    python bench/generate.py --migrations 5000 --root bench/data/root-5000

The database starts as the real one (`kb db upgrade`: schema, views, search indexes and the
eight landmine sources), then gets N events with dates at mixed precision (day, month, year,
"on or before"), two citations each quoting exact passages of ~5 KB source texts, 1–2 actors
and one policy each. Rows go through kb.loader.insert_rows, the insert path every load uses,
and the FTS triggers index them as they would any source. Everything lands in bench/data/,
which git ignores.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import time
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb import loader  # noqa: E402
from kb.config import Location  # noqa: E402
from kb.dates import DateSpec, PartialDate  # noqa: E402
from kb.db import make_engine, upgrade  # noqa: E402

DATA = REPO / "bench" / "data"
WORDS = (
    "policy landmine antipersonnel treaty convention announced decision ministry defense government official "
    "statement transfer stockpile destruction review peninsula exception reinstated rescinded amended adopted "
    "humanitarian clearance civilians conflict forces commitment parties allies delegation report minister "
    "security assistance package sanctions missile border territory agreement negotiations parliament vote"
).split()
RARE_WORD = "zyxquartzite"  # appears in exactly one sentence of the synthetic corpus


def sizes(events: int) -> dict[str, int]:
    return {
        "events": events,
        "sources": max(10, events // 10),
        "policies": max(2, events // 100),
        "actors": max(5, events // 20),
        "citations_per_event": 2,
    }


def _sentences(rng: random.Random, count: int) -> list[str]:
    out = []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
        words[0] = words[0].capitalize()
        out.append(" ".join(words) + f" number {i}.")
    return out


def _date(rng: random.Random) -> DateSpec:
    year = rng.randint(1990, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.65:
        start = PartialDate(year, month, day)
    elif roll < 0.85:
        start = PartialDate(year, month)
    else:
        start = PartialDate(year)
    qualifier = "on_or_before" if rng.random() < 0.08 and start.day else None
    return DateSpec(start, None, qualifier)


def generate(path: Path, events: int, *, seed: int = 7, progress: bool = True) -> dict[str, float]:
    """Build the knowledge base at path; returns seconds spent per step."""
    n = sizes(events)
    rng = random.Random(seed)
    timings: dict[str, float] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    upgrade(Location(f"sqlite:///{path}", REPO, "--db"))
    timings["schema and real sources"] = time.perf_counter() - t0
    engine = make_engine(f"sqlite:///{path}")

    def say(message: str) -> None:
        if progress:
            print(f"  {message}", file=sys.stderr, flush=True)

    with engine.begin() as conn:
        base = {t: conn.execute(sa.text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar_one()
                for t in ("actors", "policies", "sources", "events", "event_actors", "citations")}  # fmt: skip
    t = time.perf_counter()
    with engine.begin() as conn:
        loader.insert_rows(conn, loader.actors, [
            {"id": base["actors"] + i + 1, "key": f"bench-actor-{i:06d}", "name": f"Bench actor {i}",
             "kind": rng.choice(("person", "government", "agency", "organisation")), "description": None}
            for i in range(n["actors"])
        ])  # fmt: skip
        loader.insert_rows(conn, loader.policies, [
            {"id": base["policies"] + i + 1, "key": f"bench-policy-{i:05d}", "name": f"Bench policy {i}",
             "owner_id": base["actors"] + 1 + (i % n["actors"]), "description": None}
            for i in range(n["policies"])
        ])  # fmt: skip
    timings["actors and policies"] = time.perf_counter() - t
    say(f"{n['actors']} actors, {n['policies']} policies")

    # Sources: ~5 KB of sentences each; remember where each sentence is, to quote it exactly.
    t = time.perf_counter()
    pool = _sentences(rng, 5000)
    pool[1234] = pool[1234].replace("policy", RARE_WORD, 1) if "policy" in pool[1234] else pool[1234] + f" {RARE_WORD}."
    spans: list[list[tuple[int, int]]] = []
    batch: list[dict[str, object]] = []
    with engine.begin() as conn:
        for i in range(n["sources"]):
            head = (f"<TITLE>Bench source {i}</TITLE>\n<PUBLISHED_DATE>2025-01-01</PUBLISHED_DATE>\n"
                    f"<URL>https://example.org/bench/{i}</URL>\n<AUTHOR>Bench</AUTHOR>\n\n<CONTENT>\n")  # fmt: skip
            parts, offsets, cursor = [], [], len(head)
            while cursor < 5000:
                sentence = pool[rng.randrange(len(pool))] if i else pool[1234]
                offsets.append((cursor, cursor + len(sentence)))
                parts.append(sentence)
                cursor += len(sentence) + 2
            content = "\n\n".join(parts)
            text = head + content + "\n</CONTENT>\n"
            spans.append(offsets)
            batch.append({
                "id": base["sources"] + i + 1, "key": f"bench-source-{i:06d}", "title": f"Bench source {i}",
                "url": f"https://example.org/bench/{i}", "author": "Bench", "issuer_id": None, "publisher": None,
                "published": "2025-01-01", "precision": "day", "kind": "report", "note": None, "partial": False,
                "summary": None, "highlights": None, "text": text, "content_start": len(head),
                "content_end": len(head) + len(content), "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "added_at": "2025-01-01T00:00:00+00:00",
            })  # fmt: skip
            if len(batch) == 2000:
                loader.insert_rows(conn, loader.sources, batch)
                batch = []
                say(f"{i + 1} sources")
        loader.insert_rows(conn, loader.sources, batch)
    timings["sources (with full-text indexing)"] = time.perf_counter() - t

    t = time.perf_counter()
    event_rows: list[dict[str, object]] = []
    link_rows: list[dict[str, object]] = []
    role_rows: list[dict[str, object]] = []
    cite_rows: list[dict[str, object]] = []
    source_text_cache: dict[int, str] = {}

    def flush(conn: sa.Connection) -> None:
        loader.insert_rows(conn, loader.events, event_rows)
        loader.insert_rows(conn, loader.event_policies, link_rows)
        loader.insert_rows(conn, loader.event_actors, role_rows)
        loader.insert_rows(conn, loader.citations, cite_rows)
        for rows in (event_rows, link_rows, role_rows, cite_rows):
            rows.clear()

    with engine.begin() as conn:
        texts = conn.execute(sa.select(loader.sources.c.id, loader.sources.c.text).where(loader.sources.c.id > base["sources"]))
        source_text_cache = {row.id: row.text for row in texts}
        role_id, cite_id = base["event_actors"], base["citations"]
        for i in range(events):
            spec = _date(rng)
            first, last = spec.interval()
            event_id = base["events"] + i + 1
            event_rows.append({
                "id": event_id, "key": f"bench-event-{i:07d}", "type": rng.choice(("statement", "report", "amended", "criticism")),
                "headline": f"Bench event {i} about {rng.choice(WORDS)} and {rng.choice(WORDS)}", "stance": "A stance.",
                "description": None, "date": spec.start.iso(), "precision": spec.precision, "date_end": None,
                "qualifier": spec.qualifier, "first_day": first.isoformat(), "last_day": last.isoformat(),
                "sort_key": spec.sort_key(), "defined_by_id": None,
            })  # fmt: skip
            link_rows.append({"event_id": event_id, "policy_id": base["policies"] + 1 + (i % n["policies"])})
            for a in {rng.randrange(n["actors"]) for _ in range(rng.choice((1, 2)))}:
                role_id += 1
                role_rows.append({"id": role_id, "event_id": event_id, "actor_id": base["actors"] + 1 + a,
                                  "role": rng.choice(("decided", "announced", "stated")), "source_id": base["sources"] + 1})  # fmt: skip
            for k in range(n["citations_per_event"]):
                source_index = (i * 7 + k * 13) % n["sources"]
                start, end = spans[source_index][(i + k) % len(spans[source_index])]
                source_id = base["sources"] + 1 + source_index
                cite_id += 1
                cite_rows.append({
                    "id": cite_id, "event_id": event_id, "source_id": source_id, "position": k + 1,
                    "quote": source_text_cache[source_id][start:end], "start_offset": start, "end_offset": end,
                    "stated_date": spec.start.iso(), "stated_precision": spec.precision, "stated_end": None,
                    "stated_qualifier": spec.qualifier, "date_basis": "context", "attributed_to": None,
                    "attributed_actor_id": None, "beyond_publication": None,
                })  # fmt: skip
            if len(event_rows) == 20000:
                flush(conn)
                say(f"{i + 1} events")
        flush(conn)
    timings["events, roles and citations"] = time.perf_counter() - t
    t = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    timings["analyze"] = time.perf_counter() - t
    engine.dispose()
    return timings


def write_migrations(root: Path, count: int) -> Path:
    """A knowledge base root with `count` small source migrations after the real ones."""
    from kb.sources import migrate_sources  # noqa: F401  (the real writer is slow at scale; see below)

    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copyfile(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "migrations", root / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "seeds", root / "seeds")
    versions = root / "migrations" / "versions"
    head = (REPO / "migrations" / "HEAD").read_text().strip()
    # The same text `kb source migrate` writes, for generated documents (the writer itself runs a
    # trial load per migration, which is what makes writing 5,000 of them slow, not applying them).
    template = (REPO / "bench" / "migration_template.py.txt").read_text()
    for i in range(count):
        key = f"bench-{i:05d}"
        doc = (f"<TITLE>Bench {i}</TITLE>\n<PUBLISHED_DATE>2025-01-01</PUBLISHED_DATE>\n<URL>https://example.org/m/{i}</URL>\n"
               f"<AUTHOR>Bench</AUTHOR>\n\n<CONTENT>\nBench statement {i} on the landmine policy, made in 2025.\n</CONTENT>\n")  # fmt: skip
        (root / "seeds" / f"{key}.txt").write_text(doc, encoding="utf-8")
        sha = hashlib.sha256(doc.encode()).hexdigest()
        revision = f"bench{i:07d}"
        (versions / f"29990101_{revision}_source_{key.replace('-', '_')}.py").write_text(
            template.format(revision=revision, down=head, key=key, sha=sha, i=i), encoding="utf-8"
        )
        head = revision
    (root / "migrations" / "HEAD").write_text(head + "\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--migrations", type=int, help="write a root with this many source migrations instead")
    parser.add_argument("--root", type=Path)
    args = parser.parse_args()
    if args.migrations:
        root = write_migrations(args.root or DATA / f"root-{args.migrations}", args.migrations)
        print(root)
        return
    out = args.out or DATA / f"kb-{args.events}.sqlite"
    timings = generate(out, args.events)
    for step, seconds in timings.items():
        print(f"{step:<40} {seconds:8.1f} s")
    print(out)


if __name__ == "__main__":
    main()
