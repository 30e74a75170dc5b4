"""Prove the knowledge base still stands: quotes at their offsets, texts against their hashes
and the files in seeds/, every event cited, every reference resolved."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kb.documents import decode
from kb.errors import DocumentError
from kb.models import Citation, Event, Source

# (table, column, referenced table): every reference the schema has.
REFERENCES = (
    ("actor_aliases", "actor_id", "actors"),
    ("actor_aliases", "source_id", "sources"),
    ("policy_aliases", "policy_id", "policies"),
    ("policy_aliases", "source_id", "sources"),
    ("policies", "owner_id", "actors"),
    ("sources", "issuer_id", "actors"),
    ("source_actors", "source_id", "sources"),
    ("source_actors", "actor_id", "actors"),
    ("source_policies", "source_id", "sources"),
    ("source_policies", "policy_id", "policies"),
    ("events", "defined_by_id", "sources"),
    ("event_policies", "event_id", "events"),
    ("event_policies", "policy_id", "policies"),
    ("event_actors", "event_id", "events"),
    ("event_actors", "actor_id", "actors"),
    ("event_actors", "source_id", "sources"),
    ("citations", "event_id", "events"),
    ("citations", "source_id", "sources"),
    ("citations", "attributed_actor_id", "actors"),
)


@dataclass
class Report:
    sources: int = 0
    citations: int = 0
    events: int = 0
    files_compared: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, *, root: Path | None) -> Report:
    """Check everything; collect every problem rather than stopping at the first."""
    report = Report()
    _check_sources(session, root, report)
    _check_citations(session, report)
    _check_events(session, report)
    _check_references(session, report)
    return report


def _check_sources(session: Session, root: Path | None, report: Report) -> None:
    for src in session.scalars(select(Source).order_by(Source.key)):
        report.sources += 1
        stored = src.text.encode("utf-8")
        on_disk = root / "seeds" / f"{src.key}.txt" if root is not None else None
        if on_disk is not None and on_disk.exists():
            report.files_compared += 1
            data = on_disk.read_bytes()
            if hashlib.sha256(data).hexdigest() != src.sha256:
                report.problems.append(f"source {src.key}: seeds/{on_disk.name} no longer has the recorded SHA-256")
            try:
                if decode(data, on_disk) != src.text:
                    report.problems.append(f"source {src.key}: stored text differs from seeds/{on_disk.name}")
            except DocumentError as exc:
                report.problems.append(f"source {src.key}: {exc}")
        elif hashlib.sha256(stored).hexdigest() != src.sha256 and hashlib.sha256(b"\xef\xbb\xbf" + stored).hexdigest() != src.sha256:
            # Without the file, the stored text is checked against the hash of the bytes it came from.
            report.problems.append(f"source {src.key}: stored text does not match its SHA-256 (and no seeds/ file to compare)")
        if not (0 <= src.content_start <= src.content_end <= len(src.text)):
            report.problems.append(f"source {src.key}: content offsets {src.content_start}..{src.content_end} are outside the text")


def _check_citations(session: Session, report: Report) -> None:
    rows = session.execute(
        select(Citation.id, Citation.quote, Citation.start_offset, Citation.end_offset, Event.key, Source.key,
               Source.text, Source.content_start, Source.content_end)  # fmt: skip
        .join(Event, Event.id == Citation.event_id)
        .join(Source, Source.id == Citation.source_id)
        .order_by(Citation.id)
    ).all()
    for cid, quote, start, end, event_key, source_key, source_text, c_start, c_end in rows:
        report.citations += 1
        where = f"citation {cid} (event {event_key}, source {source_key})"
        if source_text[start:end] != quote:
            report.problems.append(f"{where}: the quote is not the source's text at offsets {start}..{end}")
        elif not (c_start <= start and end <= c_end):
            report.problems.append(f"{where}: the quote lies outside the source's <CONTENT>")


def _check_events(session: Session, report: Report) -> None:
    for key, count in session.execute(
        select(Event.key, select(Citation.id).where(Citation.event_id == Event.id).correlate(Event).exists())
        .order_by(Event.key)
    ):
        report.events += 1
        if not count:
            report.problems.append(f"event {key}: has no citation")


def _check_references(session: Session, report: Report) -> None:
    for table, column, parent in REFERENCES:
        broken = session.execute(
            text(
                f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = t.{column})"
            )
        ).scalar_one()
        if broken:
            report.problems.append(f"{table}.{column}: {broken} row(s) refer to a missing {parent} row")
    unknown = session.execute(
        text("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_types t WHERE t.name = e.type)")
    ).scalar_one()
    if unknown:
        report.problems.append(f"events.type: {unknown} event(s) have a type outside the vocabulary")
