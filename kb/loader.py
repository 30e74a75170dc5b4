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

from collections.abc import Callable, Iterable, Sequence
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
    source_id = load(conn, document, contribution, added_at=added_at)
    if published_inferred(document, contribution):
        conn.execute(sources3.update().where(sources3.c.id == source_id).values(published_inferred=True))
    keys = [spec.key for spec in contribution.actors] + [o for spec in contribution.actors for _r, o in spec.relations]
    actor_ids = dict(conn.execute(sa.select(actors.c.key, actors.c.id).where(actors.c.key.in_(keys))).all()) if keys else {}
    relation_rows = [
        dict(actor_id=actor_ids[spec.key], relation=relation, related_id=actor_ids[other], source_id=source_id)
        for spec in contribution.actors
        for relation, other in dict.fromkeys(spec.relations)
    ]
    insert_rows(conn, actor_relations, relation_rows)
    event_keys = [e.key for e in contribution.events]
    event_ids = dict(conn.execute(sa.select(events.c.key, events.c.id).where(events.c.key.in_(event_keys))).all())
    policy_ids = dict(
        conn.execute(sa.select(policies.c.key, policies.c.id).where(policies.c.key.in_([p.key for p in contribution.policies]))).all()
    ) if contribution.policies else {}  # fmt: skip
    position = 0
    disagreeing: list[int] = []
    additions: list[dict[str, Any]] = []
    for espec in contribution.events:
        event_id = event_ids[espec.key]
        if espec.defines and espec.changes_state is not None:
            for policy_key in espec.policies:
                conn.execute(
                    event_policies3.update()
                    .where(event_policies3.c.event_id == event_id, event_policies3.c.policy_id == policy_ids[policy_key])
                    .values(changes_state=espec.changes(policy_key))
                )
        if espec.adds_to_stance:
            additions.append(dict(event_id=event_id, source_id=source_id, text=espec.adds_to_stance))
        for cit in espec.citations:
            position += 1
            if cit.disagrees:
                disagreeing.append(position)
                conn.execute(
                    citations3.update()
                    .where(citations3.c.source_id == source_id, citations3.c.position == position)
                    .values(disagrees=cit.disagrees)
                )
    insert_rows(conn, stance_additions, additions)
    terms = {(t.term, v): None for t in contribution.terms for v in t.variants}
    insert_rows(conn, term_variants, [dict(term=t, variant=v, source_id=source_id) for t, v in terms])
    refresh_event_dates_v2(conn, event_ids.values())
    return source_id


def unload_v2(conn: Connection, source_key: str) -> None:
    """Remove one source and exactly what writer 2 added for it."""
    source_id = conn.execute(sa.select(sources.c.id).where(sources.c.key == source_key)).scalar()
    if source_id is None:
        raise LoadError(f"source {source_key!r} is not in the knowledge base; nothing to remove")
    touched = set(conn.execute(sa.select(citations.c.event_id).where(citations.c.source_id == source_id)).scalars())
    conn.execute(actor_relations.delete().where(actor_relations.c.source_id == source_id))
    conn.execute(stance_additions.delete().where(stance_additions.c.source_id == source_id))
    conn.execute(term_variants.delete().where(term_variants.c.source_id == source_id))
    # An event this source defined and others still cite keeps no declaration of this source's.
    defined = sa.select(events.c.id).where(events.c.defined_by_id == source_id)
    conn.execute(event_policies3.update().where(event_policies3.c.event_id.in_(defined)).values(changes_state=None))
    unload(conn, source_key)
    remaining = set(conn.execute(sa.select(events.c.id).where(events.c.id.in_(touched))).scalars()) if touched else set()
    refresh_event_dates_v2(conn, remaining)


def refresh_event_dates_v2(conn: Connection, event_ids: Iterable[int]) -> None:
    """Writer 2's event dates: as writer 1's, but a citation marked as disagreeing on the date
    does not move its event."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    rows = conn.execute(
        sa.select(citations.c.event_id, citations.c.stated_date, citations.c.stated_end, citations.c.stated_qualifier)
        .join(sources, sources.c.id == citations.c.source_id)
        .where(citations.c.event_id.in_(ids), sa.text("citations.disagrees IS NULL"))
        .order_by(citations.c.event_id, sources.c.published, sources.c.key, citations.c.position)
    ).all()
    stated: dict[int, list[DateSpec]] = {}
    for row in rows:
        stated.setdefault(row.event_id, []).append(
            DateSpec(
                PartialDate.parse(row.stated_date),
                PartialDate.parse(row.stated_end) if row.stated_end else None,
                row.stated_qualifier,
            )
        )
    for event_id, dates in stated.items():
        conn.execute(events.update().where(events.c.id == event_id).values(**_date_columns(most_specific(dates))))


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


# --- Load -----------------------------------------------------------------------------------


def load(conn: Connection, document: Document, contribution: Contribution, *, added_at: str) -> int:
    """Insert one source and everything its annotation says; returns the source id."""
    _refuse_duplicate(conn, document)
    if conn.dialect.name == "postgresql":
        _rewind_sequences(conn)  # a rolled-back load (kb source migrate's trial) advanced them
    actor_ids = {spec.key: _upsert_actor(conn, spec) for spec in contribution.actors}
    published = document.published
    source_id = conn.execute(
        sources.insert().values(
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
        )
    ).inserted_primary_key[0]
    for spec in contribution.actors:
        conn.execute(source_actors.insert().values(source_id=source_id, actor_id=actor_ids[spec.key]))
        _add_aliases(conn, actor_aliases, "actor_id", actors, actor_ids[spec.key], spec.aliases, source_id)
    policy_ids: dict[str, int] = {}
    for pspec in contribution.policies:
        policy_ids[pspec.key] = _upsert_policy(conn, pspec, actor_ids)
        conn.execute(source_policies.insert().values(source_id=source_id, policy_id=policy_ids[pspec.key]))
        _add_aliases(conn, policy_aliases, "policy_id", policies, policy_ids[pspec.key], pspec.aliases, source_id)
    touched: list[int] = []
    role_rows: list[dict[str, Any]] = []
    citation_rows: list[dict[str, Any]] = []
    for espec in contribution.events:
        event_id = _define_or_find_event(conn, espec, policy_ids, source_id)
        touched.append(event_id)
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
    insert_rows(conn, event_actors, role_rows)
    insert_rows(conn, citations, citation_rows)
    refresh_event_dates(conn, touched)
    return int(source_id)


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


def _refuse_duplicate(conn: Connection, document: Document) -> None:
    for column, value, what in (
        (sources.c.key, document.key, "key"),
        (sources.c.url, document.url, "URL"),
        (sources.c.sha256, document.sha256, "SHA-256"),
    ):
        existing = conn.execute(sa.select(sources.c.key).where(column == value)).scalar()
        if existing is not None:
            raise LoadError(
                f"{document.path}: a source with the same {what} is already loaded: {existing!r}"
            )


def _upsert_actor(conn: Connection, spec: Any) -> int:
    row = conn.execute(sa.select(actors).where(actors.c.key == spec.key)).mappings().first()
    if row is None:
        return int(
            conn.execute(
                actors.insert().values(key=spec.key, name=spec.name, kind=spec.kind, description=spec.description)
            ).inserted_primary_key[0]
        )
    if (row["name"], row["kind"]) != (spec.name, spec.kind):
        raise LoadError(
            f"actor {spec.key}: already in the knowledge base as {row['name']!r} ({row['kind']}), "
            f"not {spec.name!r} ({spec.kind}); use the same name and kind, or another key"
        )
    return int(row["id"])


def _upsert_policy(conn: Connection, spec: Any, actor_ids: dict[str, int]) -> int:
    owner_id = actor_ids.get(spec.owner) if spec.owner else None
    row = conn.execute(sa.select(policies).where(policies.c.key == spec.key)).mappings().first()
    if row is None:
        return int(
            conn.execute(
                policies.insert().values(
                    key=spec.key, name=spec.name, owner_id=owner_id, description=spec.description
                )
            ).inserted_primary_key[0]
        )
    if (row["name"], row["owner_id"]) != (spec.name, owner_id):
        raise LoadError(
            f"policy {spec.key}: already in the knowledge base as {row['name']!r} with another name or owner; "
            "declare it the same way, or use another key"
        )
    return int(row["id"])


def _add_aliases(
    conn: Connection, table: sa.Table, fk: str, owners: sa.Table, owner_id: int, aliases: Iterable[str], source_id: int
) -> None:
    for alias in dict.fromkeys(aliases):
        clash = conn.execute(
            sa.select(owners.c.key)
            .join(table, table.c[fk] == owners.c.id)
            .where(sa.func.lower(table.c.alias) == alias.lower(), table.c[fk] != owner_id)
        ).scalar()
        if clash is not None:
            raise LoadError(f"alias {alias!r} already names {clash!r}; an alias must name one record")
        conn.execute(table.insert().values({fk: owner_id, "alias": alias, "source_id": source_id}))


def _define_or_find_event(conn: Connection, spec: Any, policy_ids: dict[str, int], source_id: int) -> int:
    row = conn.execute(sa.select(events.c.id, events.c.defined_by_id).where(events.c.key == spec.key)).first()
    if not spec.defines:
        if row is None:
            raise LoadError(
                f"event {spec.key}: `cites:` an event that is not in the knowledge base; "
                "define it here (key, type, headline, …) or load the source that defines it first"
            )
        return int(row.id)
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
        event_id = int(conn.execute(events.insert().values(key=spec.key, **values)).inserted_primary_key[0])
    elif row.defined_by_id is None:
        # Its defining source was taken out while others still cite it: this source defines it anew.
        event_id = int(row.id)
        conn.execute(events.update().where(events.c.id == event_id).values(**values))
        conn.execute(event_policies.delete().where(event_policies.c.event_id == event_id))
    else:
        owner = conn.execute(sa.select(sources.c.key).where(sources.c.id == row.defined_by_id)).scalar()
        raise LoadError(
            f"event {spec.key}: already defined by source {owner!r}; cite it with `cites: {spec.key}` instead"
        )
    for policy_key in spec.policies:
        conn.execute(event_policies.insert().values(event_id=event_id, policy_id=policy_ids[policy_key]))
    return event_id


def _date_columns(spec: DateSpec) -> dict[str, Any]:
    return dict(
        date=spec.start.iso(),
        precision=spec.precision,
        date_end=spec.end.iso() if spec.end else None,
        qualifier=spec.qualifier,
        first_day=spec.interval()[0].isoformat(),
        last_day=spec.interval()[1].isoformat(),
        sort_key=spec.sort_key(),
    )


def refresh_event_dates(conn: Connection, event_ids: Iterable[int]) -> None:
    """Derive each event's date from its citations: the most precise one the others agree with."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    rows = conn.execute(
        sa.select(
            citations.c.event_id,
            citations.c.stated_date,
            citations.c.stated_end,
            citations.c.stated_qualifier,
        )
        .join(sources, sources.c.id == citations.c.source_id)
        .where(citations.c.event_id.in_(ids))
        .order_by(citations.c.event_id, sources.c.published, sources.c.key, citations.c.position)
    ).all()
    stated: dict[int, list[DateSpec]] = {}
    for row in rows:
        stated.setdefault(row.event_id, []).append(
            DateSpec(
                PartialDate.parse(row.stated_date),
                PartialDate.parse(row.stated_end) if row.stated_end else None,
                row.stated_qualifier,
            )
        )
    for event_id, dates in stated.items():
        conn.execute(events.update().where(events.c.id == event_id).values(**_date_columns(most_specific(dates))))


# --- Unload ---------------------------------------------------------------------------------


def unload(conn: Connection, source_key: str) -> None:
    """Remove one source and exactly what it added; what other sources support stays."""
    source_id = conn.execute(sa.select(sources.c.id).where(sources.c.key == source_key)).scalar()
    if source_id is None:
        raise LoadError(f"source {source_key!r} is not in the knowledge base; nothing to remove")
    touched = set(conn.execute(sa.select(citations.c.event_id).where(citations.c.source_id == source_id)).scalars())
    conn.execute(citations.delete().where(citations.c.source_id == source_id))
    conn.execute(event_actors.delete().where(event_actors.c.source_id == source_id))
    orphans = sa.select(events.c.id).where(
        ~sa.exists().where(citations.c.event_id == events.c.id), events.c.id.in_(touched)
    )
    orphan_ids = set(conn.execute(orphans).scalars())
    if orphan_ids:
        conn.execute(event_actors.delete().where(event_actors.c.event_id.in_(orphan_ids)))
        conn.execute(event_policies.delete().where(event_policies.c.event_id.in_(orphan_ids)))
        conn.execute(events.delete().where(events.c.id.in_(orphan_ids)))
    conn.execute(events.update().where(events.c.defined_by_id == source_id).values(defined_by_id=None))
    conn.execute(actor_aliases.delete().where(actor_aliases.c.source_id == source_id))
    conn.execute(policy_aliases.delete().where(policy_aliases.c.source_id == source_id))
    declared_policies = set(
        conn.execute(sa.select(source_policies.c.policy_id).where(source_policies.c.source_id == source_id)).scalars()
    )
    declared_actors = set(
        conn.execute(sa.select(source_actors.c.actor_id).where(source_actors.c.source_id == source_id)).scalars()
    )
    conn.execute(source_policies.delete().where(source_policies.c.source_id == source_id))
    conn.execute(source_actors.delete().where(source_actors.c.source_id == source_id))
    conn.execute(sources.delete().where(sources.c.id == source_id))
    conn.execute(
        policies.delete().where(
            policies.c.id.in_(declared_policies),
            ~sa.exists().where(source_policies.c.policy_id == policies.c.id),
            ~sa.exists().where(event_policies.c.policy_id == policies.c.id),
        )
    )
    conn.execute(
        actors.delete().where(
            actors.c.id.in_(declared_actors),
            ~sa.exists().where(source_actors.c.actor_id == actors.c.id),
            ~sa.exists().where(event_actors.c.actor_id == actors.c.id),
            ~sa.exists().where(policies.c.owner_id == actors.c.id),
            ~sa.exists().where(sources.c.issuer_id == actors.c.id),
            ~sa.exists().where(citations.c.attributed_actor_id == actors.c.id),
        )
    )
    refresh_event_dates(conn, touched - orphan_ids)
    if conn.dialect.name == "postgresql":
        _rewind_sequences(conn)


def _rewind_sequences(conn: Connection) -> None:
    """Give the next row of each table the id max(id) + 1, as SQLite does, so that replaying,
    downgrading and upgrading again give the same rows on PostgreSQL too."""
    for table in (actors, actor_aliases, policies, policy_aliases, sources, events, event_actors, citations):
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
