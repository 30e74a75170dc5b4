"""Read the knowledge base: timelines, lists and single records, as plain dataclasses.

Queries use SQLAlchemy Core over the ORM's tables and a fixed number of statements per
call (no lazy loading), so a timeline costs the same few round trips however long it is.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from kb.dates import DateSpec, PartialDate, add_days, date_label, is_last_of_month, most_specific, possible_days
from kb.errors import LookupFailed
from kb.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    EventPolicy,
    EventType,
    Policy,
    PolicyAlias,
    Source,
    StanceAddition,
)
from kb.vocabulary import RESOLVED_BASES

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class SourceRef:
    key: str
    title: str
    url: str
    author: str
    publisher: str | None
    published: str
    kind: str
    partial: bool
    note: str | None
    published_inferred: bool = False  # the publication date is inferred, not printed


@dataclass(frozen=True, slots=True)
class CitationOut:
    quote: str
    stated_date: str
    stated_end: str | None
    stated_qualifier: str | None
    date_basis: str
    attributed_to: str | None
    beyond_publication: str | None
    start_offset: int
    end_offset: int
    disagrees: str | None  # a reviewed disagreement with the event ("date")
    source: SourceRef

    @property
    def date_inferred(self) -> bool:
        """The stated date was resolved against a publication date that is itself inferred."""
        return self.source.published_inferred and self.date_basis in RESOLVED_BASES


@dataclass(frozen=True, slots=True)
class ActorRole:
    key: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class PolicyRef:
    key: str
    name: str


@dataclass(slots=True)
class TimelineEvent:
    key: str
    date: str
    precision: str
    qualifier: str | None
    end: str | None
    type: str
    changes_state: bool
    headline: str
    stance: str | None
    description: str | None
    policies: list[PolicyRef] = field(default_factory=list)
    actors: list[ActorRole] = field(default_factory=list)
    citations: list[CitationOut] = field(default_factory=list)
    stance_additions: list[tuple[str, str]] = field(default_factory=list)  # (source key, text) a later source adds


@dataclass(frozen=True)
class Filters:
    """What `kb timeline` selects. Several policies (or actors) combine as a union; the kinds of
    filter combine as an intersection."""

    policies: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    as_of: dt.date | None = None  # only what sources published on or before this day said


@dataclass
class Timeline:
    events: list[TimelineEvent]
    policies: list[PolicyRef] = field(default_factory=list)
    actors: list[ActorRole] = field(default_factory=list)
    as_of: dt.date | None = None


def date_spec(date: str, end: str | None, qualifier: str | None) -> DateSpec:
    """A DateSpec from the text columns a date is stored in."""
    return DateSpec(PartialDate.parse(date), PartialDate.parse(end) if end else None, qualifier)


def event_date(event: TimelineEvent) -> DateSpec:
    return date_spec(event.date, event.end, event.qualifier)


def citation_date(cit: CitationOut) -> DateSpec:
    return date_spec(cit.stated_date, cit.stated_end, cit.stated_qualifier)


def possible_event_days(event: TimelineEvent) -> tuple[dt.date, dt.date]:
    """The days the event can fall on, all its (shown) citations considered but those marked as
    disagreeing on the date."""
    dates = [citation_date(c) for c in event.citations if c.disagrees is None] or [event_date(event)]
    return possible_days(dates, event_date(event))


# --- Finding records by key, name or alias -----------------------------------------------------


def _find(session: Session, model: Any, alias_model: Any, fk: str, text: str, what: str) -> Any:
    needle = text.strip().lower()
    if not needle:
        raise LookupFailed(f"empty {what} name")
    # A key: one lookup on the unique index, plain columns (what callers use: id, key, name).
    by_key = session.connection().execute(select(model.id, model.key, model.name).where(model.key == needle)).first()
    if by_key is not None:
        return by_key
    alias_rows = session.execute(select(getattr(alias_model, fk), alias_model.alias)).all()
    records = {r.id: r for r in session.scalars(select(model))}
    names: dict[int, set[str]] = {rid: {r.key.lower(), r.name.lower()} for rid, r in records.items()}
    for owner_id, alias in alias_rows:
        names[owner_id].add(alias.lower())
    exact = [records[rid] for rid, ns in names.items() if needle in ns]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [records[rid] for rid, ns in names.items() if any(needle in n for n in ns)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        listed = "; ".join(f"{r.key} ({r.name})" for r in sorted(partial, key=lambda r: r.key))
        raise LookupFailed(f"{what} {text!r} is ambiguous; candidates: {listed}")
    all_names = {n: rid for rid, ns in names.items() for n in ns}
    close = difflib.get_close_matches(needle, list(all_names), n=5, cutoff=0.5)
    suggestions = sorted({records[all_names[n]].key for n in close}) or sorted(r.key for r in records.values())
    raise LookupFailed(f"no {what} matches {text!r}; candidates: {', '.join(suggestions) or 'none'}")


def find_policy(session: Session, text: str) -> Policy:
    """A policy by key, name or alias (case-insensitive), or by a unique part of one."""
    return _find(session, Policy, PolicyAlias, "policy_id", text, "policy")


def find_actor(session: Session, text: str) -> Actor:
    """An actor by key, name or alias (case-insensitive), or by a unique part of one."""
    return _find(session, Actor, ActorAlias, "actor_id", text, "actor")


def find_event(session: Session, key: str) -> Event:
    event = session.scalar(select(Event).where(func.lower(Event.key) == key.strip().lower()))
    if event is None:
        keys = session.scalars(select(Event.key)).all()
        close = difflib.get_close_matches(key, keys, n=5, cutoff=0.4)
        raise LookupFailed(f"no event with key {key!r}" + (f"; did you mean: {', '.join(close)}" if close else ""))
    return event


def find_source(session: Session, key: str) -> Source:
    wanted = key.strip().lower()
    matches = session.scalars(
        select(Source).where(or_(func.lower(Source.key) == wanted, func.lower(Source.url) == wanted))
    ).all()
    if not matches:
        matches = session.scalars(select(Source).where(func.lower(Source.key).contains(wanted))).all()
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise LookupFailed(f"source {key!r} is ambiguous; candidates: {', '.join(sorted(s.key for s in matches))}")
    keys = session.scalars(select(Source.key).order_by(Source.key)).all()
    raise LookupFailed(f"no source matches {key!r}; sources: {', '.join(keys) or 'none'}")


# --- Timelines -----------------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def published_by(as_of: dt.date) -> Any:
    """SQL: the source was certainly published on or before as_of (at its precision)."""
    day, month, year = as_of.isoformat(), as_of.isoformat()[:7], as_of.isoformat()[:4]
    month_done = is_last_of_month(as_of)
    year_done = month_done and as_of.month == 12
    length = func.length(Source.published)
    return or_(
        and_(length == 10, Source.published <= day),
        and_(length == 7, Source.published <= month if month_done else Source.published < month),
        and_(length == 4, Source.published <= year if year_done else Source.published < year),
    )


def changes_any_state() -> Any:
    """SQL: the event changes the state of one of its policies (as declared, else by its type)."""
    return (
        exists()
        .where(EventPolicy.event_id == Event.id)
        .where(func.coalesce(EventPolicy.changes_state, EventType.changes_state))
        .label("changes_state")
    )


def _event_select(filters: Filters, policy_ids: list[int], actor_ids: list[int]) -> Select[Any]:
    stmt = select(
        Event.id,
        Event.key,
        Event.date,
        Event.precision,
        Event.qualifier,
        Event.date_end,
        Event.type,
        changes_any_state(),
        Event.headline,
        Event.stance,
        Event.description,
        Event.sort_key,
    ).join(EventType, EventType.name == Event.type)
    # IN (subquery) rather than EXISTS: the planner starts from the policy's or actor's index
    # instead of scanning every event.
    if policy_ids:
        stmt = stmt.where(Event.id.in_(select(EventPolicy.event_id).where(EventPolicy.policy_id.in_(policy_ids))))
    if actor_ids:
        stmt = stmt.where(Event.id.in_(select(EventActor.event_id).where(EventActor.actor_id.in_(actor_ids))))
    if filters.types:
        stmt = stmt.where(Event.type.in_(filters.types))
    if filters.as_of is not None:
        # Known then: a source published by that day cites it. Its date as then known, and the
        # date filters on it, are worked out from those citations afterwards.
        stmt = stmt.where(
            exists()
            .where(Citation.event_id == Event.id, Citation.source_id == Source.id)
            .where(published_by(filters.as_of))
        )
    else:
        if filters.since is not None:
            # An event overlaps [since, …] when it ends after since. Only a range can start more
            # than a year before it ends, so the others are found by their first day, on its
            # index, and ranges by theirs.
            since = filters.since.isoformat()
            until = filters.until.isoformat() if filters.until is not None else "9999-12-31"
            earliest_start = add_days(filters.since, -366).isoformat()
            near = select(Event.id).where(Event.first_day.between(earliest_start, until))
            ranges = select(Event.id).where(Event.date_end.is_not(None), Event.first_day <= until)
            stmt = stmt.where(Event.id.in_(union_all(near, ranges)), Event.last_day >= since)
        if filters.until is not None:
            stmt = stmt.where(Event.first_day <= filters.until.isoformat())
    return stmt.order_by(Event.sort_key, Event.key)


def timeline(session: Session, *, filters: Filters) -> Timeline:
    """Events matching the filters, in date order, each with its policies, actors and citations."""
    policies = list(dict.fromkeys(find_policy(session, name) for name in filters.policies))
    actors = list(dict.fromkeys(find_actor(session, name) for name in filters.actors))
    selection = _event_select(filters, [p.id for p in policies], [a.id for a in actors])
    conn = session.connection()  # Core statements: no ORM layer between the rows and the dataclasses
    events = _events_from_rows(conn.execute(selection).all())
    # Details by chunks of ids: re-running the filter as a subquery was 1.43x slower at 110,000 events.
    attach_details(session, events, as_of=filters.as_of)
    ordered = list(events.values())
    if filters.as_of is not None:
        ordered = _as_known(ordered, filters)
    return Timeline(
        events=ordered,
        policies=[PolicyRef(p.key, p.name) for p in policies],
        actors=[ActorRole(a.key, a.name, "") for a in actors],
        as_of=filters.as_of,
    )


def stream_timeline(session: Session, *, filters: Filters, page: int = 1000) -> Iterator[TimelineEvent]:
    """The same events as timeline(), page by page (keyset on the sort columns), so a timeline of
    any length is written in constant memory. (As-of timelines are re-dated and re-sorted as a
    whole, so they are built in full.)

    Every name is resolved here, before the first event is asked for: an unknown or ambiguous
    name fails before a caller has written anything."""
    if filters.as_of is not None:
        return iter(timeline(session, filters=filters).events)
    policies = list(dict.fromkeys(find_policy(session, name) for name in filters.policies))
    actors = list(dict.fromkeys(find_actor(session, name) for name in filters.actors))
    selection = _event_select(filters, [p.id for p in policies], [a.id for a in actors])
    return _pages(session, selection, page)


def _pages(session: Session, selection: Select[Any], page: int) -> Iterator[TimelineEvent]:
    # One statement read in partitions: the filter runs once, however many pages (re-running
    # it per page from a keyset made a 110,000-event timeline 2.4x slower). stream_results
    # keeps PostgreSQL's rows on the server (a named cursor) until asked for; SQLite's cursor
    # steps through them anyway.
    conn = session.connection()
    result = conn.execution_options(stream_results=True, max_row_buffer=page).execute(selection)
    for rows in result.partitions(page):
        events = _events_from_rows(rows)
        attach_details(session, events)
        yield from events.values()


def _as_known(events: list[TimelineEvent], filters: Filters) -> list[TimelineEvent]:
    """Re-date each event from the citations known at filters.as_of, then filter and order."""
    kept: list[tuple[str, str, TimelineEvent]] = []
    for event in events:
        if not event.citations:
            continue
        spec = most_specific([citation_date(c) for c in event.citations])
        event.date, event.precision = spec.start.iso(), spec.precision
        event.end, event.qualifier = (spec.end.iso() if spec.end else None), spec.qualifier
        first, last = spec.interval()
        if filters.since is not None and last < filters.since:
            continue
        if filters.until is not None and first > filters.until:
            continue
        kept.append((spec.sort_key(), event.key, event))
    return [event for _, _, event in sorted(kept, key=lambda item: (item[0], item[1]))]


def _events_from_rows(rows: Iterable[Any]) -> dict[int, TimelineEvent]:
    # Rows in _event_select's column order: id, key, date, precision, qualifier, date_end, type,
    # changes_state, headline, stance, description, sort_key.
    return {r[0]: TimelineEvent(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9], r[10]) for r in rows}


def attach_details(
    session: Session, events: dict[int, TimelineEvent], *, as_of: dt.date | None = None, selection: Any = None
) -> None:
    """Fill in policies, actors and citations of the given events: two statements per chunk of
    ids, or two in all when `selection` (a SELECT of exactly these events' ids) is given.

    With as_of, only what sources published by then say: their citations and their roles."""
    conn = session.connection()
    ids = list(events)
    for chunk in [selection] if selection is not None else _chunks(ids):
        if selection is None and as_of is None:
            # The common case: statements built once, ids bound as an expanding IN list.
            roles_and_policies = conn.execute(_DETAILS, {"ids": list(chunk)}).all()
            citation_rows = conn.execute(_CITATIONS, {"ids": list(chunk)}).all()
        else:
            roles_and_policies, citation_rows = _details_for(conn, chunk, as_of)
        seen: set[tuple[int, str, str]] = set()
        # Policies by name, actors in the order sources gave them.
        for event_id, key, name, role, part, _ in sorted(
            roles_and_policies, key=lambda r: (r[0], r[4], r[2] if r[4] == 0 else "", r[5])
        ):
            if part == 0:
                events[event_id].policies.append(PolicyRef(key, name))
            elif part == 2:  # a later source's addition to the stance: (source key, text)
                events[event_id].stance_additions.append((key, name))
            elif (event_id, key, role) not in seen:
                seen.add((event_id, key, role))
                events[event_id].actors.append(ActorRole(key, name, role))
        refs: dict[str, SourceRef] = {}
        for event_id, *cited, key, title, url, author, publisher, published, kind, partial, note, inferred in citation_rows:
            ref = refs.get(key)
            if ref is None:
                ref = refs[key] = SourceRef(key, title, url, author, publisher, published, kind, bool(partial), note, bool(inferred))
            events[event_id].citations.append(CitationOut(*cited, ref))  # type: ignore[arg-type]



def _details_statements(where_events: Any, as_of: dt.date | None) -> tuple[Any, Any]:
    """The two statements behind attach_details, for events chosen by where_events(column)."""
    policies = (
        select(EventPolicy.event_id, Policy.key, Policy.name, literal("").label("role"), literal(0).label("part"),
               EventPolicy.policy_id.label("position"))  # fmt: skip
        .join(Policy, Policy.id == EventPolicy.policy_id)
        .where(where_events(EventPolicy.event_id))
    )
    roles = (
        select(EventActor.event_id, Actor.key, Actor.name, EventActor.role, literal(1).label("part"),
               EventActor.id.label("position"))  # fmt: skip
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(where_events(EventActor.event_id))
    )
    additions = (
        select(StanceAddition.event_id, Source.key, StanceAddition.text, literal("").label("role"),
               literal(2).label("part"), StanceAddition.id.label("position"))  # fmt: skip
        .join(Source, Source.id == StanceAddition.source_id)
        .where(where_events(StanceAddition.event_id))
    )
    cites = (
        select(*_CITATION_COLUMNS, *_SOURCE_COLUMNS)
        .join(Source, Source.id == Citation.source_id)
        .where(where_events(Citation.event_id))
        .order_by(Citation.event_id, Source.published, Source.key, Citation.position)
    )
    if as_of is not None:
        roles = roles.join(Source, Source.id == EventActor.source_id).where(published_by(as_of))
        cites = cites.where(published_by(as_of))
        additions = additions.where(published_by(as_of))
    return union_all(policies, roles, additions), cites


def _details_for(conn: Any, chunk: Any, as_of: dt.date | None) -> tuple[list[Any], list[Any]]:
    if isinstance(chunk, Select):
        both, cites = _details_statements(lambda column: column.in_(chunk), as_of)
    else:
        both, cites = _details_statements(lambda column: column.in_(list(chunk)), as_of)
    return conn.execute(both).all(), conn.execute(cites).all()


# Plain columns, not ORM entities: a source's text (kilobytes) is never loaded for a timeline.
_CITATION_COLUMNS = (
    Citation.event_id, Citation.quote, Citation.stated_date, Citation.stated_end, Citation.stated_qualifier,
    Citation.date_basis, Citation.attributed_to, Citation.beyond_publication, Citation.start_offset, Citation.end_offset,
    Citation.disagrees,
)  # fmt: skip
_SOURCE_COLUMNS = (
    Source.key.label("source_key"), Source.title, Source.url, Source.author, Source.publisher, Source.published,
    Source.kind, Source.partial, Source.note, Source.published_inferred,
)  # fmt: skip


_DETAILS, _CITATIONS = _details_statements(lambda column: column.in_(bindparam("ids", expanding=True)), None)



def source_ref(src: Source) -> SourceRef:
    return SourceRef(
        key=src.key,
        title=src.title,
        url=src.url,
        author=src.author,
        publisher=src.publisher,
        published=src.published,
        kind=src.kind,
        partial=bool(src.partial),
        note=src.note,
        published_inferred=bool(src.published_inferred),
    )


def events_by_id(session: Session, ids: list[int]) -> dict[int, TimelineEvent]:
    """These events with their policies, actors and citations, by id, in timeline order."""
    rows = []
    for chunk in _chunks(ids):
        rows.extend(session.execute(_event_select(Filters(), [], []).where(Event.id.in_(chunk))).all())
    rows.sort(key=lambda r: (r[11], r[1]))  # timeline order: sort_key, key
    events = _events_from_rows(rows)
    attach_details(session, events)
    return events


def sources_with_citations(
    session: Session, ids: list[int]
) -> dict[int, tuple[SourceRef, int, int, list[tuple[int, int, str, str, str]]]]:
    """For each source: its reference, where its <CONTENT> lies, and for each of its citations the
    offsets, event key, event date label and headline. Two statements, however many sources."""
    conn = session.connection()
    out: dict[int, tuple[SourceRef, int, int, list[tuple[int, int, str, str, str]]]] = {}
    for row in conn.execute(
        select(Source.id, *_SOURCE_COLUMNS, Source.content_start, Source.content_end).where(Source.id.in_(ids))
    ):
        ref = SourceRef(row.source_key, row.title, row.url, row.author, row.publisher, row.published, row.kind,
                        bool(row.partial), row.note, bool(row.published_inferred))  # fmt: skip
        out[row.id] = (ref, row.content_start, row.content_end, [])
    for source_id, start, end, key, date, qualifier, date_end, headline in conn.execute(
        select(Citation.source_id, Citation.start_offset, Citation.end_offset, Event.key, Event.date, Event.qualifier,
               Event.date_end, Event.headline)  # fmt: skip
        .join(Event, Event.id == Citation.event_id)
        .where(Citation.source_id.in_(ids))
        .order_by(Citation.source_id, Citation.start_offset)
    ).all():
        out[source_id][3].append((start, end, key, date_label(date, qualifier, date_end), headline))
    return out
