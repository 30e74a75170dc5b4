"""Prove the knowledge base against the repository: the database's own consistency (quotes at
their offsets, texts against their hashes and seeds/, every event cited, every reference
resolved), then every row each source contributes against a fresh replay of migrations/ and
seeds/ into a scratch database, and each source migration against its record."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from kb import fingerprint
from kb.documents import decode
from kb.errors import DocumentError, KBError
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
    migrations_replayed: int = 0
    problems: list[str] = field(default_factory=list)  # the database disagrees with itself or seeds/
    differences: list[str] = field(default_factory=list)  # the database disagrees with the replay
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.differences


def verify(session: Session, *, root: Path | None, replay: bool = True) -> Report:
    """Check everything; collect every problem rather than stopping at the first."""
    report = Report()
    _check_sources(session, root, report)
    _check_citations(session, report)
    _check_events(session, report)
    _check_references(session, report)
    if not replay:
        return report
    if root is None:
        report.notes.append("no migrations/ folder here: rows were not compared with a replay of the repository")
    else:
        _compare_with_replay(session.connection(), root, report)
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


# --- Against the repository ---------------------------------------------------------------------


def _compare_with_replay(conn: Connection, root: Path, report: Report) -> None:
    """Replay migrations/ (to the database's revision) into a scratch SQLite file and compare."""
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        report.problems.append("the database records no revision: it is not a built knowledge base")
        return
    with tempfile.TemporaryDirectory(prefix="kb-verify-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'replay.sqlite'}"
        try:
            replayed = fingerprint.replay(root, url, revision=revision)
        except KBError as exc:
            report.problems.append(f"replaying migrations/ to {revision} failed, so rows were not compared: {exc}")
            return
        except Exception as exc:  # noqa: BLE001 (Alembic's own errors: an unknown revision, a broken file)
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            report.problems.append(f"replaying migrations/ to {revision} failed, so rows were not compared: {first}")
            return
        report.migrations_replayed = len(replayed)
        report.differences.extend(fingerprint.check_records(replayed, fingerprint.load_records(root)))
        from kb.db import make_engine

        engine = make_engine(url, read_only=True)
        try:
            with engine.connect() as expected_conn:
                # A PostgreSQL knowledge base is compared row for row with the SQLite replay;
                # its search index and DDL are the server's own, so only SQLite's are compared.
                expected = _everything(expected_conn, sqlite_parts=conn.dialect.name == "sqlite")
        finally:
            engine.dispose()
    report.differences.extend(differences(_everything(conn, sqlite_parts=True), expected))


def _everything(conn: Connection, *, sqlite_parts: bool) -> fingerprint.Units:
    """Every row the repository determines, grouped by the source (or record) it belongs to."""
    units = fingerprint.contributions(conn)
    vocabulary = units.setdefault("event types", {})
    for name, changes_state, description, position in conn.execute(
        text("SELECT name, changes_state, description, position FROM event_types")
    ):
        vocabulary[name] = f"{bool(changes_state)} {position} {description}"
    if sqlite_parts and conn.dialect.name == "sqlite":
        _search_index(conn, units)
        schema = units.setdefault("schema", {})
        for kind, name, sql in conn.execute(
            text("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        ):
            schema[f"{kind} {name}"] = sql
    return units


# (FTS5 table, content table): what migration 0002 indexes.
_SEARCH_INDEXES = (("sources_fts", "sources"), ("events_fts", "events"))


def _search_index(conn: Connection, units: fingerprint.Units) -> None:
    """What each FTS5 index holds for each row, read from the index itself (fts5vocab), not
    from its content table, so an emptied or stale index shows."""
    names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
    for index, table in _SEARCH_INDEXES:
        if index not in names:
            continue
        vocab = f"kb_verify_{index}"
        conn.execute(text(f"CREATE VIRTUAL TABLE temp.{vocab} USING fts5vocab(main, '{index}', 'instance')"))
        try:
            terms: dict[int, list[tuple[Any, ...]]] = {}
            for doc, column, term, offset in conn.execute(text(f"SELECT doc, col, term, offset FROM temp.{vocab}")):
                terms.setdefault(doc, []).append((column, offset, term))
        finally:
            conn.execute(text(f"DROP TABLE temp.{vocab}"))
        if table == "sources":
            rows = conn.execute(text("SELECT id, 'source ' || key, '' FROM sources")).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT e.id, COALESCE('source ' || s.key, 'event ' || e.key), "
                    "CASE WHEN s.key IS NULL THEN '' ELSE 'event ' || e.key || ' ' END "
                    "FROM events e LEFT JOIN sources s ON s.id = e.defined_by_id"
                )
            ).all()
        for row_id, unit, prefix in rows:
            found = sorted(terms.pop(row_id, []))
            digest = hashlib.sha256(repr(found).encode("utf-8")).hexdigest()[:12]
            units.setdefault(unit, {})[f"{prefix}search index"] = f"{len(found)} terms (digest {digest})"
        for row_id in sorted(terms):  # entries for rows that no longer exist
            units.setdefault(f"search index {index}", {})[f"row {row_id}"] = f"{len(terms[row_id])} terms"


def differences(actual: fingerprint.Units, expected: fingerprint.Units) -> list[str]:
    """One line per unit or field where the database (actual) differs from the replay (expected)."""
    lines = []
    for unit in sorted(actual.keys() | expected.keys()):
        if unit not in expected:
            lines.append(f"{unit}: in the database, but no migration in the repository loads it")
            continue
        if unit not in actual:
            lines.append(f"{unit}: missing from the database, though the repository's migrations load it")
            continue
        have, want = actual[unit], expected[unit]
        for name in sorted(have.keys() | want.keys()):
            if name not in want:
                lines.append(f"{unit}: {name}: {_show(have[name])} in the database, absent from the repository")
            elif name not in have:
                lines.append(f"{unit}: {name}: missing from the database; the repository has {_show(want[name])}")
            elif have[name] != want[name]:
                a, b = _contrast(have[name], want[name])
                lines.append(f"{unit}: {name}: {a} in the database, {b} from the repository")
    return lines


_SHOWN = 80  # characters of a value shown in a difference


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    shown = repr(value)
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"


def _contrast(have: Any, want: Any) -> tuple[str, str]:
    """The two values, long texts cut to the neighbourhood of their first difference."""
    if not (isinstance(have, str) and isinstance(want, str)) or max(len(have), len(want)) <= _SHOWN:
        return _show(have), _show(want)
    at = next((i for i, (x, y) in enumerate(zip(have, want)) if x != y), min(len(have), len(want)))
    start = max(0, at - 20)

    def cut(value: str) -> str:
        return ("…" if start else "") + repr(value[start : start + 40]) + ("…" if start + 40 < len(value) else "")

    return f"{cut(have)} (length {len(have)}, first difference at character {at})", f"{cut(want)} (length {len(want)})"
