"""Put one source (document + annotation) into the database, or take exactly it out again.

Source migrations call `apply_sources` / `remove_sources`. This writer targets the tables
as schema revision 0001 defines them, through its own Core table definitions below, never
through kb.models: a migration must replay against the schema of its own revision. When a
later schema revision changes these tables, or parsing changes what an old annotation loads
(migrations/fingerprints.json shows it), keep writer 1 as it is (the migrations written so far
name `writer=1`) and register a new writer in `writers` for new migrations.

Writer 2 (schema revision 0003 onwards) writes what writer 1 writes, then the reviewed facts
revision 0003 added: actor relations, inferred publication dates, declared state changes,
reviewed date disagreements (which do not move an event's date) and stance additions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import re

import sqlalchemy as sa
from sqlalchemy import Connection

from kb.annotations import Contribution, parse_annotation, resolve
from kb.dates import DateSpec, PartialDate, most_specific
from kb.documents import Document, parse_document, sha256_bytes
from kb.errors import LoadError
from kb.sql import pyformat

# The writer `kb source migrate` names in the migrations it writes (the newest one).
WRITER_VERSION = 2

# --- The tables as revision 0001 created them (only the columns this writer touches) ------

_meta = sa.MetaData()
actors = sa.Table(
    "actors", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("key", sa.String),
    sa.Column("name", sa.Text), sa.Column("kind", sa.String), sa.Column("description", sa.Text),
)  # fmt: skip
actor_aliases = sa.Table(
    "actor_aliases", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("actor_id", sa.Integer),
    sa.Column("alias", sa.Text), sa.Column("source_id", sa.Integer),
)  # fmt: skip
policies = sa.Table(
    "policies", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("key", sa.String), sa.Column("name", sa.Text),
    sa.Column("owner_id", sa.Integer), sa.Column("description", sa.Text),
)  # fmt: skip
policy_aliases = sa.Table(
    "policy_aliases", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("policy_id", sa.Integer),
    sa.Column("alias", sa.Text), sa.Column("source_id", sa.Integer),
)  # fmt: skip
sources = sa.Table(
    "sources", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("key", sa.String), sa.Column("title", sa.Text),
    sa.Column("url", sa.Text), sa.Column("author", sa.Text), sa.Column("issuer_id", sa.Integer),
    sa.Column("publisher", sa.Text), sa.Column("published", sa.String), sa.Column("precision", sa.String),
    sa.Column("kind", sa.String), sa.Column("note", sa.Text), sa.Column("partial", sa.Boolean),
    sa.Column("summary", sa.Text), sa.Column("highlights", sa.Text), sa.Column("text", sa.Text),
    sa.Column("content_start", sa.Integer), sa.Column("content_end", sa.Integer),
    sa.Column("sha256", sa.String), sa.Column("added_at", sa.String),
)  # fmt: skip
source_actors = sa.Table(
    "source_actors", _meta, sa.Column("source_id", sa.Integer), sa.Column("actor_id", sa.Integer)
)
source_policies = sa.Table(
    "source_policies", _meta, sa.Column("source_id", sa.Integer), sa.Column("policy_id", sa.Integer)
)
events = sa.Table(
    "events", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("key", sa.String), sa.Column("type", sa.String),
    sa.Column("headline", sa.Text), sa.Column("stance", sa.Text), sa.Column("description", sa.Text),
    sa.Column("date", sa.String), sa.Column("precision", sa.String), sa.Column("date_end", sa.String),
    sa.Column("qualifier", sa.String), sa.Column("first_day", sa.String), sa.Column("last_day", sa.String),
    sa.Column("sort_key", sa.String), sa.Column("defined_by_id", sa.Integer),
)  # fmt: skip
event_policies = sa.Table(
    "event_policies", _meta, sa.Column("event_id", sa.Integer), sa.Column("policy_id", sa.Integer)
)
event_actors = sa.Table(
    "event_actors", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("event_id", sa.Integer),
    sa.Column("actor_id", sa.Integer), sa.Column("role", sa.String), sa.Column("source_id", sa.Integer),
)  # fmt: skip
citations = sa.Table(
    "citations", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("event_id", sa.Integer),
    sa.Column("source_id", sa.Integer), sa.Column("position", sa.Integer), sa.Column("quote", sa.Text),
    sa.Column("start_offset", sa.Integer), sa.Column("end_offset", sa.Integer),
    sa.Column("stated_date", sa.String), sa.Column("stated_precision", sa.String),
    sa.Column("stated_end", sa.String), sa.Column("stated_qualifier", sa.String),
    sa.Column("date_basis", sa.String), sa.Column("attributed_to", sa.Text),
    sa.Column("attributed_actor_id", sa.Integer), sa.Column("beyond_publication", sa.String),
)  # fmt: skip


class SourceEntry(TypedDict, total=False):
    """One source in a source migration, as `kb source migrate` writes it."""

    key: str  # the document's stem, seeds/KEY.txt
    document: str  # path relative to the knowledge base root
    sha256: str  # of the document's bytes when the migration was written
    added_at: str  # when the migration was written (kept fixed so replays agree)
    annotation: str  # the reviewed annotation, embedded verbatim
    replaces: str  # for a correction: the annotation this one replaces
    replaces_added_at: str  # and when that one was added (restored on downgrade)


# --- Entry points for migrations ------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """One frozen way of writing sources: what migrations naming its version replay with."""

    version: int
    apply: Callable[[Connection, Sequence[SourceEntry], Path], None]
    remove: Callable[[Connection, Sequence[SourceEntry], Path], None]


# Every writer migrations may name. A later writer registers here beside writer 1 (which this
# module is), so migrations written for writer 1 keep replaying exactly as they did.
writers: dict[int, Writer] = {}


def apply_sources(conn: Connection, entries: Sequence[SourceEntry], *, root: Path, writer: int = 1) -> None:
    """Upgrade: load each source with the writer the migration names."""
    _check_writer(writer).apply(conn, entries, root)


def remove_sources(conn: Connection, entries: Sequence[SourceEntry], *, root: Path, writer: int = 1) -> None:
    """Downgrade: take out exactly what apply_sources put in, with the writer the migration names."""
    _check_writer(writer).remove(conn, entries, root)


def _check_writer(writer: int) -> Writer:
    if writer not in writers:
        known = ", ".join(str(v) for v in sorted(writers))
        raise LoadError(f"this migration needs source writer {writer}; kb has writer(s) {known}: upgrade kb")
    return writers[writer]


def _apply_v1(conn: Connection, entries: Sequence[SourceEntry], root: Path) -> None:
    """Writer 1's upgrade: load each source (replacing an earlier annotation of it where said)."""
    for entry in entries:
        document = read_pinned_document(root, entry)
        if "replaces" in entry:
            unload(conn, entry["key"])
        load(conn, document, _contribution(entry, document, entry["annotation"]), added_at=entry["added_at"])


def _remove_v1(conn: Connection, entries: Sequence[SourceEntry], root: Path) -> None:
    """Writer 1's downgrade: take out exactly what it put in, in reverse order."""
    for entry in reversed(entries):
        unload(conn, entry["key"])
        if "replaces" in entry:
            document = read_pinned_document(root, entry)
            previous = _contribution(entry, document, entry["replaces"])
            load(conn, document, previous, added_at=entry["replaces_added_at"])


writers[1] = Writer(1, _apply_v1, _remove_v1)


# --- Writer 2: the tables as revision 0003 extends them ------------------------------------

actor_relations = sa.Table(
    "actor_relations", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("actor_id", sa.Integer),
    sa.Column("relation", sa.String), sa.Column("related_id", sa.Integer), sa.Column("source_id", sa.Integer),
)  # fmt: skip
stance_additions = sa.Table(
    "stance_additions", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("event_id", sa.Integer),
    sa.Column("source_id", sa.Integer), sa.Column("text", sa.Text),
)  # fmt: skip
term_variants = sa.Table(
    "term_variants", _meta,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("term", sa.Text),
    sa.Column("variant", sa.Text), sa.Column("source_id", sa.Integer),
)  # fmt: skip
# Columns revision 0003 added to writer 1's tables (kept apart so writer 1's statements never name them).
_meta3 = sa.MetaData()
sources3 = sa.Table(
    "sources", _meta3, sa.Column("id", sa.Integer, primary_key=True), sa.Column("published_inferred", sa.Boolean)
)
event_policies3 = sa.Table(
    "event_policies", _meta3,
    sa.Column("event_id", sa.Integer), sa.Column("policy_id", sa.Integer), sa.Column("changes_state", sa.Boolean),
)  # fmt: skip
citations3 = sa.Table(
    "citations", _meta3,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("source_id", sa.Integer), sa.Column("event_id", sa.Integer),
    sa.Column("position", sa.Integer), sa.Column("disagrees", sa.String),
)  # fmt: skip

# What a <NOTE> says when the publication date is not printed but worked out (revision 0003
# applied the same rule to the sources loaded before it).
_INFERRED_NOTE = re.compile(
    r"\b(?:date|dated)\b[^.]*\binferred\b|\binferred\b[^.]*\bdate\b|\bno dateline\b|\bnor its date\b|"
    r"\bdate is not printed\b",
    re.IGNORECASE,
)


def note_says_inferred(note: str | None) -> bool:
    """Whether a document's <NOTE> says its publication date is inferred rather than printed."""
    return bool(note and _INFERRED_NOTE.search(note))


def published_inferred(document: Document, contribution: Contribution) -> bool:
    """The annotation's `published_inferred`, else what the <NOTE> says."""
    if contribution.published_inferred is not None:
        return contribution.published_inferred
    return note_says_inferred(document.note)


def _apply_v2(conn: Connection, entries: Sequence[SourceEntry], root: Path) -> None:
    """Writer 2's upgrade: writer 1's rows, then the reviewed facts of revision 0003."""
    for entry in entries:
        document = read_pinned_document(root, entry)
        if "replaces" in entry:
            unload_v2(conn, entry["key"])
        load_v2(conn, document, _contribution(entry, document, entry["annotation"]), added_at=entry["added_at"])


def _remove_v2(conn: Connection, entries: Sequence[SourceEntry], root: Path) -> None:
    """Writer 2's downgrade: take out exactly what it put in, in reverse order."""
    for entry in reversed(entries):
        unload_v2(conn, entry["key"])
        if "replaces" in entry:
            document = read_pinned_document(root, entry)
            previous = _contribution(entry, document, entry["replaces"])
            load_v2(conn, document, previous, added_at=entry["replaces_added_at"])


def load_v2(conn: Connection, document: Document, contribution: Contribution, *, added_at: str) -> int:
    """Insert one source as writer 1 does, then its relations, inferred date, declared state
    changes, disagreements and stance additions; returns the source id."""
    db = _Cursor(conn)
    source_id, actor_ids, policy_ids, event_ids, fresh = _load(db, document, contribution, added_at=added_at, dates=False)
    if published_inferred(document, contribution):
        db.run("UPDATE sources SET published_inferred = :v WHERE id = :id", {"v": True, "id": source_id})
    db.many(
        "INSERT INTO actor_relations (actor_id, relation, related_id, source_id) VALUES (:a, :r, :o, :s)",
        [
            {"a": actor_ids[spec.key], "r": relation, "o": actor_ids[other], "s": source_id}
            for spec in contribution.actors
            for relation, other in dict.fromkeys(spec.relations)
        ],
    )
    position = 0
    declared: list[dict[str, Any]] = []
    disagreeing: list[dict[str, Any]] = []
    additions: list[dict[str, Any]] = []
    for espec in contribution.events:
        event_id = event_ids[espec.key]
        if espec.defines and espec.changes_state is not None:
            for policy_key in espec.policies:
                declared.append({"v": espec.changes(policy_key), "e": event_id, "p": policy_ids[policy_key]})
        if espec.adds_to_stance:
            additions.append({"e": event_id, "s": source_id, "t": espec.adds_to_stance})
        for cit in espec.citations:
            position += 1
            if cit.disagrees:
                disagreeing.append({"d": cit.disagrees, "s": source_id, "p": position})
    db.many("UPDATE event_policies SET changes_state = :v WHERE event_id = :e AND policy_id = :p", declared)
    db.many("UPDATE citations SET disagrees = :d WHERE source_id = :s AND position = :p", disagreeing)
    db.many("INSERT INTO stance_additions (event_id, source_id, text) VALUES (:e, :s, :t)", additions)
    terms = {(t.term, v): None for t in contribution.terms for v in t.variants}
    db.many(
        "INSERT INTO term_variants (term, variant, source_id) VALUES (:t, :v, :s)",
        [{"t": t, "v": v, "s": source_id} for t, v in terms],
    )
    # Writer 2 used to set writer 1's dates and then its own over them: one read gives both, and
    # an event whose every citation disagrees keeps writer 1's date, as it did.
    _refresh(db, event_ids.values(), writer=2, fallback=True, fresh=fresh)
    return source_id


def unload_v2(conn: Connection, source_key: str) -> None:
    """Remove one source and exactly what writer 2 added for it."""
    db = _Cursor(conn)
    source_id = _source_id(db, source_key)
    touched = set(db.scalars("SELECT event_id FROM citations WHERE source_id = :s", {"s": source_id}))
    for table in ("actor_relations", "stance_additions", "term_variants"):
        db.run(f"DELETE FROM {table} WHERE source_id = :s", {"s": source_id})
    # An event this source defined and others still cite keeps no declaration of this source's.
    db.run(
        "UPDATE event_policies SET changes_state = NULL WHERE event_id IN (SELECT id FROM events WHERE defined_by_id = :s)",
        {"s": source_id},
    )
    _unload(db, source_id, dates=False)
    remaining = set(db.scalars(*_where_in("SELECT id FROM events WHERE", "id", touched))) if touched else set()
    _refresh(db, remaining, writer=2, fallback=True)


def refresh_event_dates_v2(conn: Connection, event_ids: Iterable[int]) -> None:
    """Writer 2's event dates: as writer 1's, but a citation marked as disagreeing on the date
    does not move its event."""
    _refresh(_Cursor(conn), event_ids, writer=2)


writers[2] = Writer(2, _apply_v2, _remove_v2)


def _contribution(entry: SourceEntry, document: Document, annotation: str) -> Contribution:
    origin = f"migration annotation of {entry['key']}"
    return resolve(parse_annotation(annotation, origin=origin, source_key=entry["key"]), document, origin=origin)


def read_pinned_document(root: Path, entry: SourceEntry) -> Document:
    """The document from seeds/, refused if it changed since the migration was written."""
    path = root / entry["document"]
    try:
        data = path.read_bytes()
    except OSError:
        raise LoadError(f"{path}: the document of source {entry['key']} is missing") from None
    digest = sha256_bytes(data)
    if digest != entry["sha256"]:
        raise LoadError(
            f"{path}: the document changed since its migration was written (sha256 {digest[:12]}…, "
            f"migration expects {entry['sha256'][:12]}…); a changed document is a new source: restore it, "
            "or add the new version under a new name with `kb source new`"
        )
    return parse_document(path, data)


def load(conn: Connection, document: Document, contribution: Contribution, *, added_at: str) -> int:
    """Insert one source and everything its annotation says; returns the source id."""
    return _load(_Cursor(conn), document, contribution, added_at=added_at, dates=True)[0]


# --- Statements on the connection's own DB-API cursor ----------------------------------------
#
# A source migration runs a few dozen small statements; built and compiled through SQLAlchemy
# Core each one cost ~0.2 ms, most of a migration's time (5,000 migrations took 4.7x Alembic's
# trivial ones). They are SQL text with `:name` parameters, written once for both databases, run
# in the caller's transaction.


class _Cursor:
    """The loader's statements on the DB-API cursor of a SQLAlchemy connection (same transaction);
    driver errors are raised as SQLAlchemy's, as if the statement had gone through it."""

    def __init__(self, conn: Connection) -> None:
        if not conn.in_transaction():
            conn.begin()  # what executing through SQLAlchemy would have done
        self.dialect = conn.dialect
        self.postgres = conn.dialect.name == "postgresql"
        self.cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

    def _call(self, method: str, sql: str, params: Any) -> Any:
        statement = pyformat(sql) if self.postgres else sql
        try:
            getattr(self.cursor, method)(statement, params)
        except self.dialect.loaded_dbapi.Error as exc:
            raise sa.exc.DBAPIError.instance(
                statement, params, exc, self.dialect.loaded_dbapi.Error, dialect=self.dialect
            ) from exc
        return self.cursor

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._call("execute", sql, params or {})

    def many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._call("executemany", sql, rows)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        return self.run(sql, params).fetchall()

    def scalars(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        return [row[0] for row in self.rows(sql, params)]

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        row = self.run(sql, params).fetchone()
        return None if row is None else row[0]

    def insert(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run one INSERT; the id of the new row."""
        if self.postgres:
            return int(self.run(sql + " RETURNING id", params).fetchone()[0])
        return int(self.run(sql, params).lastrowid)


def _where_in(sql: str, column: str, values: Iterable[Any], params: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    """`sql column IN (:in0, :in1, …)` and its parameters (values must not be empty)."""
    bound = {f"in{i}": v for i, v in enumerate(values)}
    return f"{sql} {column} IN ({', '.join(':' + name for name in bound)})", {**(params or {}), **bound}


def _columns_insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"


_SOURCE_COLUMNS = (
    "key", "title", "url", "author", "issuer_id", "publisher", "published", "precision", "kind", "note", "partial",
    "summary", "highlights", "text", "content_start", "content_end", "sha256", "added_at",
)  # fmt: skip
_INSERT_SOURCE = _columns_insert("sources", _SOURCE_COLUMNS)
_INSERT_ACTOR = _columns_insert("actors", ("key", "name", "kind", "description"))
_INSERT_POLICY = _columns_insert("policies", ("key", "name", "owner_id", "description"))
_EVENT_COLUMNS = (
    "type", "headline", "stance", "description", "defined_by_id",
    "date", "precision", "date_end", "qualifier", "first_day", "last_day", "sort_key",
)  # fmt: skip
_INSERT_EVENT = _columns_insert("events", ("key", *_EVENT_COLUMNS))
_REDEFINE_EVENT = f"UPDATE events SET {', '.join(f'{c} = :{c}' for c in _EVENT_COLUMNS)} WHERE id = :id"
_DATE_COLUMNS = ("date", "precision", "date_end", "qualifier", "first_day", "last_day", "sort_key")
_SET_DATES = f"UPDATE events SET {', '.join(f'{c} = :{c}' for c in _DATE_COLUMNS)} WHERE id = :id"
_CITATION_COLUMNS = (
    "event_id", "source_id", "position", "quote", "start_offset", "end_offset", "stated_date", "stated_precision",
    "stated_end", "stated_qualifier", "date_basis", "attributed_to", "attributed_actor_id", "beyond_publication",
)  # fmt: skip
_INSERT_CITATION = _columns_insert("citations", _CITATION_COLUMNS)
_INSERT_ROLE = _columns_insert("event_actors", ("event_id", "actor_id", "role", "source_id"))
# The owner's key of an alias another record already has (compared as the query always did:
# the database's lower() of the stored alias against Python's lower() of the new one).
_ALIAS_CLASH = {
    "actor_aliases": "SELECT actors.key FROM actors JOIN actor_aliases ON actor_aliases.actor_id = actors.id "
    "WHERE lower(actor_aliases.alias) = :alias AND actor_aliases.actor_id != :owner",
    "policy_aliases": "SELECT policies.key FROM policies JOIN policy_aliases ON policy_aliases.policy_id = policies.id "
    "WHERE lower(policy_aliases.alias) = :alias AND policy_aliases.policy_id != :owner",
}
_INSERT_ALIAS = {
    "actor_aliases": _columns_insert("actor_aliases", ("actor_id", "alias", "source_id")),
    "policy_aliases": _columns_insert("policy_aliases", ("policy_id", "alias", "source_id")),
}


# --- Load -----------------------------------------------------------------------------------


# An event this source has just created: the date columns it was inserted with, and this source's
# citations of it in order (stated date, end, qualifier, disagreement), all the citations it has.
_Fresh = dict[int, tuple[dict[str, Any], list[tuple[str, str | None, str | None, str | None]]]]


def _load(
    db: _Cursor, document: Document, contribution: Contribution, *, added_at: str, dates: bool
) -> tuple[int, dict[str, int], dict[str, int], dict[str, int], _Fresh]:
    """Writer 1's rows for one source; the ids of the source and of its actors, policies and
    events (by key), and the events it created. Event dates are left to the caller when not `dates`."""
    _refuse_duplicate(db, document)
    if db.postgres:
        _rewind_sequences(db)  # a rolled-back load (kb source migrate's trial) advanced them
    actor_ids = _upsert_actors(db, contribution.actors)
    published = document.published
    source_id = db.insert(
        _INSERT_SOURCE,
        dict(
            key=document.key,
            title=document.title,
            url=document.url,
            author=document.author,
            issuer_id=actor_ids.get(contribution.issuer) if contribution.issuer else None,
            publisher=contribution.publisher,
            published=published.iso(),
            precision=published.precision,
            kind=contribution.kind,
            note=document.note,
            partial=document.partial,
            summary=document.summary,
            highlights=document.highlights,
            text=document.text,
            content_start=document.content.start,
            content_end=document.content.end,
            sha256=document.sha256,
            added_at=added_at,
        ),
    )
    db.many(
        "INSERT INTO source_actors (source_id, actor_id) VALUES (:s, :a)",
        [{"s": source_id, "a": actor_ids[spec.key]} for spec in contribution.actors],
    )
    for spec in contribution.actors:
        _add_aliases(db, "actor_aliases", actor_ids[spec.key], spec.aliases, source_id)
    policy_ids: dict[str, int] = {}
    existing = _existing(db, "SELECT key, id, name, owner_id FROM policies WHERE", [p.key for p in contribution.policies])
    for pspec in contribution.policies:
        policy_ids[pspec.key] = _upsert_policy(db, pspec, actor_ids, existing)
        _add_aliases(db, "policy_aliases", policy_ids[pspec.key], pspec.aliases, source_id)
    db.many(
        "INSERT INTO source_policies (source_id, policy_id) VALUES (:s, :p)",
        [{"s": source_id, "p": policy_ids[p.key]} for p in contribution.policies],
    )
    found = {
        key: (row[1], row[2])
        for key, row in _existing(db, "SELECT key, id, defined_by_id FROM events WHERE", [e.key for e in contribution.events]).items()
    }
    event_ids: dict[str, int] = {}
    fresh: _Fresh = {}
    role_rows: list[dict[str, Any]] = []
    citation_rows: list[dict[str, Any]] = []
    for espec in contribution.events:
        event_id = _define_or_find_event(db, espec, policy_ids, source_id, found, fresh)
        event_ids[espec.key] = event_id
        for actor_key, role in dict.fromkeys(espec.actors):
            role_rows.append(dict(event_id=event_id, actor_id=actor_ids[actor_key], role=role, source_id=source_id))
        for cit in espec.citations:
            citation_rows.append(
                dict(
                    event_id=event_id,
                    source_id=source_id,
                    position=len(citation_rows) + 1,
                    quote=cit.exact,
                    start_offset=cit.start,
                    end_offset=cit.end,
                    stated_date=cit.date.start.iso(),
                    stated_precision=cit.date.precision,
                    stated_end=cit.date.end.iso() if cit.date.end else None,
                    stated_qualifier=cit.date.qualifier,
                    date_basis=cit.basis,
                    attributed_to=cit.attributed_to,
                    attributed_actor_id=actor_ids.get(cit.attributed_actor) if cit.attributed_actor else None,
                    beyond_publication=cit.beyond_publication,
                )
            )
            if event_id in fresh:
                row = citation_rows[-1]
                fresh[event_id][1].append((row["stated_date"], row["stated_end"], row["stated_qualifier"], cit.disagrees))
    db.many(_INSERT_ROLE, role_rows)
    db.many(_INSERT_CITATION, citation_rows)
    if dates:
        _refresh(db, event_ids.values(), writer=1, fresh=fresh)
    return source_id, actor_ids, policy_ids, event_ids, fresh


_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]], *, chunk: int = 20000) -> None:
    """Insert many rows with one prepared statement (executemany): the bulk path every load uses.

    Rows go to the driver as tuples, the way a hand-written executemany would, so bulk loads
    run near the driver's own rate; every row must have the same keys."""
    if not rows:
        return
    columns = list(rows[0])
    mark = _PLACEHOLDERS.get(conn.dialect.paramstyle)
    if mark is None:  # a driver with another parameter style: let SQLAlchemy bind
        for start in range(0, len(rows), chunk):
            conn.execute(table.insert(), list(rows[start : start + chunk]))
        return
    preparer = conn.dialect.identifier_preparer
    sql = (
        f"INSERT INTO {preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    for start in range(0, len(rows), chunk):
        conn.exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows[start : start + chunk]])


def _existing(db: _Cursor, select: str, keys: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """The rows already there for these keys, by key: one statement, however many keys."""
    if not keys:
        return {}
    return {row[0]: tuple(row) for row in db.rows(*_where_in(select, "key", dict.fromkeys(keys)))}


def _refuse_duplicate(db: _Cursor, document: Document) -> None:
    values = {"key": document.key, "url": document.url, "sha256": document.sha256}
    # One statement for the three unique columns; the error names them in this order, as before.
    rows = db.rows("SELECT key, url, sha256 FROM sources WHERE key = :key OR url = :url OR sha256 = :sha256", values)
    for index, (column, what) in enumerate((("key", "key"), ("url", "URL"), ("sha256", "SHA-256"))):
        existing = next((row[0] for row in rows if row[index] == values[column]), None)
        if existing is not None:
            raise LoadError(f"{document.path}: a source with the same {what} is already loaded: {existing!r}")


def _upsert_actors(db: _Cursor, specs: Sequence[Any]) -> dict[str, int]:
    existing = _existing(db, "SELECT key, id, name, kind FROM actors WHERE", [spec.key for spec in specs])
    ids: dict[str, int] = {}
    for spec in specs:
        row = existing.get(spec.key)
        if row is None:
            ids[spec.key] = db.insert(
                _INSERT_ACTOR,
                dict(key=spec.key, name=spec.name, kind=spec.kind, description=spec.description),
            )
            existing[spec.key] = (spec.key, ids[spec.key], spec.name, spec.kind)
            continue
        _key, actor_id, name, kind = row
        if (name, kind) != (spec.name, spec.kind):
            raise LoadError(
                f"actor {spec.key}: already in the knowledge base as {name!r} ({kind}), "
                f"not {spec.name!r} ({spec.kind}); use the same name and kind, or another key"
            )
        ids[spec.key] = int(actor_id)
    return ids


def _upsert_policy(db: _Cursor, spec: Any, actor_ids: dict[str, int], existing: dict[str, tuple[Any, ...]]) -> int:
    owner_id = actor_ids.get(spec.owner) if spec.owner else None
    row = existing.get(spec.key)
    if row is None:
        policy_id = db.insert(
            _INSERT_POLICY,
            dict(key=spec.key, name=spec.name, owner_id=owner_id, description=spec.description),
        )
        existing[spec.key] = (spec.key, policy_id, spec.name, owner_id)
        return policy_id
    _key, policy_id, name, existing_owner = row
    if (name, existing_owner) != (spec.name, owner_id):
        raise LoadError(
            f"policy {spec.key}: already in the knowledge base as {name!r} with another name or owner; "
            "declare it the same way, or use another key"
        )
    return int(policy_id)


def _add_aliases(db: _Cursor, table: str, owner_id: int, aliases: Iterable[str], source_id: int) -> None:
    for alias in dict.fromkeys(aliases):
        clash = db.scalar(_ALIAS_CLASH[table], {"alias": alias.lower(), "owner": owner_id})
        if clash is not None:
            raise LoadError(f"alias {alias!r} already names {clash!r}; an alias must name one record")
        db.run(_INSERT_ALIAS[table], {"actor_id" if table == "actor_aliases" else "policy_id": owner_id, "alias": alias, "source_id": source_id})


def _define_or_find_event(
    db: _Cursor,
    spec: Any,
    policy_ids: dict[str, int],
    source_id: int,
    found: dict[str, tuple[int, int | None]],
    fresh: _Fresh,
) -> int:
    """The event's id, defining it when the spec does; `found` holds (id, defined_by_id) by key
    for the events already there, and gains those this source defines; `fresh` gains those it creates."""
    row = found.get(spec.key)
    if not spec.defines:
        if row is None:
            raise LoadError(
                f"event {spec.key}: `cites:` an event that is not in the knowledge base; "
                "define it here (key, type, headline, …) or load the source that defines it first"
            )
        return int(row[0])
    first = spec.citations[0].date
    values = dict(
        type=spec.type,
        headline=spec.headline,
        stance=spec.stance,
        description=spec.description,
        defined_by_id=source_id,
        **_date_columns(first),
    )
    if row is None:
        event_id = db.insert(_INSERT_EVENT, dict(key=spec.key, **values))
        fresh[event_id] = ({c: values[c] for c in _DATE_COLUMNS}, [])
    elif row[1] is None:
        # Its defining source was taken out while others still cite it: this source defines it anew.
        event_id = int(row[0])
        db.run(_REDEFINE_EVENT, dict(id=event_id, **values))
        db.run("DELETE FROM event_policies WHERE event_id = :e", {"e": event_id})
    else:
        owner = db.scalar("SELECT key FROM sources WHERE id = :id", {"id": row[1]})
        raise LoadError(
            f"event {spec.key}: already defined by source {owner!r}; cite it with `cites: {spec.key}` instead"
        )
    found[spec.key] = (event_id, source_id)
    db.many(
        "INSERT INTO event_policies (event_id, policy_id) VALUES (:e, :p)",
        [{"e": event_id, "p": policy_ids[policy_key]} for policy_key in spec.policies],
    )
    return event_id


def _date_columns(spec: DateSpec) -> dict[str, Any]:
    first_day, last_day = spec.interval()
    return dict(
        date=spec.start.iso(),
        precision=spec.precision,
        date_end=spec.end.iso() if spec.end else None,
        qualifier=spec.qualifier,
        first_day=first_day.isoformat(),
        last_day=last_day.isoformat(),
        sort_key=spec.sort_key(),
    )


def refresh_event_dates(conn: Connection, event_ids: Iterable[int]) -> None:
    """Derive each event's date from its citations: the most precise one the others agree with."""
    _refresh(_Cursor(conn), event_ids, writer=1)


def _refresh(db: _Cursor, event_ids: Iterable[int], *, writer: int, fallback: bool = False, fresh: _Fresh | None = None) -> None:
    """Set the events' dates from their citations (one read, one executemany). Writer 2 leaves
    out citations that disagree on the date; with `fallback`, an event all of whose citations
    disagree gets writer 1's date, as writer 1's refresh followed by writer 2's left it.

    An event in `fresh` is not read back: its citations are the ones this source just wrote,
    and when its date comes out as inserted, it is not written again either."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    fresh = fresh or {}
    stated: dict[int, list[DateSpec]] = {}
    every: dict[int, list[DateSpec]] = {}

    def add(event_id: int, date: str, end: str | None, qualifier: str | None, agreeing: Any) -> None:
        spec = DateSpec(PartialDate.parse(date), PartialDate.parse(end) if end else None, qualifier)
        if agreeing:
            stated.setdefault(event_id, []).append(spec)
        every.setdefault(event_id, []).append(spec)

    for event_id in ids:
        for date, end, qualifier, disagrees in fresh[event_id][1] if event_id in fresh else ():
            add(event_id, date, end, qualifier, writer == 1 or not disagrees)
    others = [event_id for event_id in ids if event_id not in fresh]
    if others:
        agrees = "citations.disagrees IS NULL" if writer == 2 else "1 = 1"
        sql, params = _where_in(
            "SELECT citations.event_id, citations.stated_date, citations.stated_end, citations.stated_qualifier, "
            f"{agrees} FROM citations JOIN sources ON sources.id = citations.source_id WHERE",
            "citations.event_id",
            others,
        )
        sql += " ORDER BY citations.event_id, sources.published, sources.key, citations.position"
        for row in db.rows(sql, params):
            add(*row)
    if fallback:
        stated = {event_id: stated.get(event_id) or dates for event_id, dates in every.items()}
    updates = []
    for event_id in sorted(stated):
        dates = stated[event_id]
        # One date is its own most specific (most_specific's overlap scoring costs ~0.1 ms).
        columns = _date_columns(dates[0] if len(dates) == 1 else most_specific(dates))
        if event_id not in fresh or fresh[event_id][0] != columns:
            updates.append(dict(id=event_id, **columns))
    db.many(_SET_DATES, updates)


# --- Unload ---------------------------------------------------------------------------------


def unload(conn: Connection, source_key: str) -> None:
    """Remove one source and exactly what it added; what other sources support stays."""
    db = _Cursor(conn)
    _unload(db, _source_id(db, source_key), dates=True)


def _source_id(db: _Cursor, source_key: str) -> int:
    source_id = db.scalar("SELECT id FROM sources WHERE key = :key", {"key": source_key})
    if source_id is None:
        raise LoadError(f"source {source_key!r} is not in the knowledge base; nothing to remove")
    return int(source_id)


def _unload(db: _Cursor, source_id: int, *, dates: bool) -> None:
    """Writer 1's unload of one source; event dates are left to the caller when not `dates`."""
    s = {"s": source_id}
    touched = set(db.scalars("SELECT event_id FROM citations WHERE source_id = :s", s))
    db.run("DELETE FROM citations WHERE source_id = :s", s)
    db.run("DELETE FROM event_actors WHERE source_id = :s", s)
    orphan_ids: set[int] = set()
    if touched:
        orphan_ids = set(db.scalars(*_where_in(
            "SELECT events.id FROM events WHERE NOT (EXISTS (SELECT 1 FROM citations WHERE citations.event_id = events.id)) AND",
            "events.id", touched,
        )))  # fmt: skip
    if orphan_ids:
        for sql in ("DELETE FROM event_actors WHERE", "DELETE FROM event_policies WHERE"):
            db.run(*_where_in(sql, "event_id", orphan_ids))
        db.run(*_where_in("DELETE FROM events WHERE", "id", orphan_ids))
    db.run("UPDATE events SET defined_by_id = NULL WHERE defined_by_id = :s", s)
    db.run("DELETE FROM actor_aliases WHERE source_id = :s", s)
    db.run("DELETE FROM policy_aliases WHERE source_id = :s", s)
    declared_policies = set(db.scalars("SELECT policy_id FROM source_policies WHERE source_id = :s", s))
    declared_actors = set(db.scalars("SELECT actor_id FROM source_actors WHERE source_id = :s", s))
    db.run("DELETE FROM source_policies WHERE source_id = :s", s)
    db.run("DELETE FROM source_actors WHERE source_id = :s", s)
    db.run("DELETE FROM sources WHERE id = :s", s)
    if declared_policies:
        db.run(*_where_in(
            "DELETE FROM policies WHERE NOT (EXISTS (SELECT 1 FROM source_policies WHERE source_policies.policy_id = policies.id)) "
            "AND NOT (EXISTS (SELECT 1 FROM event_policies WHERE event_policies.policy_id = policies.id)) AND",
            "policies.id", declared_policies,
        ))  # fmt: skip
    if declared_actors:
        unused = " AND ".join(
            f"NOT (EXISTS (SELECT 1 FROM {table} WHERE {table}.{column} = actors.id))"
            for table, column in (
                ("source_actors", "actor_id"), ("event_actors", "actor_id"), ("policies", "owner_id"),
                ("sources", "issuer_id"), ("citations", "attributed_actor_id"),
            )
        )  # fmt: skip
        db.run(*_where_in(f"DELETE FROM actors WHERE {unused} AND", "actors.id", declared_actors))
    if dates:
        _refresh(db, touched - orphan_ids, writer=1)
    if db.postgres:
        _rewind_sequences(db)


# The tables whose ids the loader hands out.
_SEQUENCED = ("actors", "actor_aliases", "policies", "policy_aliases", "sources", "events", "event_actors", "citations")


def _rewind_sequences(db: _Cursor) -> None:
    """Give the next row of each table the id max(id) + 1, as SQLite does, so that replaying,
    downgrading and upgrading again give the same rows on PostgreSQL too."""
    db.run(
        "SELECT "
        + ", ".join(
            f"setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            for table in _SEQUENCED
        )
    )
