"""Read the knowledge base: timelines, lists and single records, as plain dataclasses.

Queries are SQL text run through the database's own driver (kb.sql.Reader: no SQLAlchemy on
the read path), a fixed number of statements per call, so a timeline costs the same few round
trips however long it is. Every function takes a Reader or a SQLAlchemy session (read in the
session's own transaction).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb.dates import DateSpec, PartialDate, add_days, date_label, is_last_of_month, most_specific, possible_days
from kb.errors import LookupFailed
from kb.sql import Reader, in_list
from kb.vocabulary import RESOLVED_BASES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


@dataclass(frozen=True, slots=True)
class Named:
    """A policy or actor found by name: what callers use of it."""

    id: int
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class EventRef:
    id: int
    key: str
    headline: str
    type: str
    date: str


@dataclass(frozen=True, slots=True)
class SourceKey:
    id: int
    key: str
    title: str


# (table, alias table, alias table's column naming its owner) of what `_find` looks up.
_NAMED = {"policy": ("policies", "policy_aliases", "policy_id"), "actor": ("actors", "actor_aliases", "actor_id")}


def _find(db: Reader | Session, what: str, text: str) -> Named:
    reader = Reader.of(db)
    table, aliases, owner = _NAMED[what]
    needle = text.strip().lower()
    if not needle:
        raise LookupFailed(f"empty {what} name")
    # A key: one lookup on the unique index.
    by_key = reader.first(f'SELECT id, "key", name FROM {table} WHERE "key" = :k', {"k": needle})
    if by_key is not None:
        return Named(*by_key)
    records = {r[0]: Named(*r) for r in reader.rows(f'SELECT id, "key", name FROM {table}')}
    names: dict[int, set[str]] = {rid: {r.key.lower(), r.name.lower()} for rid, r in records.items()}
    for owner_id, alias in reader.rows(f"SELECT {owner}, alias FROM {aliases}"):
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


def find_policy(db: Reader | Session, text: str) -> Named:
    """A policy by key, name or alias (case-insensitive), or by a unique part of one."""
    return _find(db, "policy", text)


def find_actor(db: Reader | Session, text: str) -> Named:
    """An actor by key, name or alias (case-insensitive), or by a unique part of one."""
    return _find(db, "actor", text)


def find_event(db: Reader | Session, key: str) -> EventRef:
    reader = Reader.of(db)
    row = reader.first(
        'SELECT id, "key", headline, type, date FROM events WHERE lower("key") = :k', {"k": key.strip().lower()}
    )
    if row is None:
        keys = reader.scalars('SELECT "key" FROM events')
        close = difflib.get_close_matches(key, keys, n=5, cutoff=0.4)
        raise LookupFailed(f"no event with key {key!r}" + (f"; did you mean: {', '.join(close)}" if close else ""))
    return EventRef(*row)


def find_source(db: Reader | Session, key: str) -> SourceKey:
    reader = Reader.of(db)
    wanted = key.strip().lower()
    select_ = 'SELECT id, "key", title FROM sources WHERE '
    matches = reader.rows(select_ + 'lower("key") = :k OR lower(url) = :k', {"k": wanted})
    if not matches:
        # a position function, not LIKE: a key holding % or _ is matched as written
        position = "strpos" if reader.postgres else "instr"
        matches = reader.rows(select_ + f'{position}(lower("key"), :k) > 0', {"k": wanted})
    if len(matches) == 1:
        return SourceKey(*matches[0])
    if matches:
        raise LookupFailed(f"source {key!r} is ambiguous; candidates: {', '.join(sorted(r[1] for r in matches))}")
    keys = reader.scalars('SELECT "key" FROM sources ORDER BY "key"')
    raise LookupFailed(f"no source matches {key!r}; sources: {', '.join(keys) or 'none'}")


# --- Timelines -----------------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def published_by(as_of: dt.date, params: dict[str, Any], column: str = "sources.published") -> str:
    """SQL: the source was certainly published on or before as_of (at its precision)."""
    day, month, year = as_of.isoformat(), as_of.isoformat()[:7], as_of.isoformat()[:4]
    month_done = is_last_of_month(as_of)
    year_done = month_done and as_of.month == 12
    params.update(pb_day=day, pb_month=month, pb_year=year)
    return (
        f"((length({column}) = 10 AND {column} <= :pb_day)"
        f" OR (length({column}) = 7 AND {column} {'<=' if month_done else '<'} :pb_month)"
        f" OR (length({column}) = 4 AND {column} {'<=' if year_done else '<'} :pb_year))"
    )


# Whether the event changes the state of one of its policies (as declared, else by its type).
CHANGES_ANY_STATE = (
    "EXISTS (SELECT 1 FROM event_policies ep WHERE ep.event_id = events.id"
    " AND coalesce(ep.changes_state, event_types.changes_state))"
)

_EVENT_COLUMNS = (
    'SELECT events.id, events."key", events.date, events.precision, events.qualifier, events.date_end, events.type, '
    f"{CHANGES_ANY_STATE} AS changes_state, events.headline, events.stance, events.description, events.sort_key "
    "FROM events JOIN event_types ON event_types.name = events.type"
)
_EVENT_ORDER = ' ORDER BY events.sort_key, events."key"'


def _event_select(filters: Filters, policy_ids: list[int], actor_ids: list[int]) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    where: list[str] = []
    # IN (subquery) rather than EXISTS: the planner starts from the policy's or actor's index
    # instead of scanning every event.
    if policy_ids:
        where.append(
            "events.id IN (SELECT event_id FROM event_policies WHERE policy_id IN "
            f"({in_list('p', policy_ids, params)}))"
        )
    if actor_ids:
        where.append(
            f"events.id IN (SELECT event_id FROM event_actors WHERE actor_id IN ({in_list('a', actor_ids, params)}))"
        )
    if filters.types:
        where.append(f"events.type IN ({in_list('t', filters.types, params)})")
    if filters.as_of is not None:
        # Known then: a source published by that day cites it. Its date as then known, and the
        # date filters on it, are worked out from those citations afterwards.
        where.append(
            "EXISTS (SELECT 1 FROM citations JOIN sources ON sources.id = citations.source_id "
            f"WHERE citations.event_id = events.id AND {published_by(filters.as_of, params)})"
        )
    else:
        if filters.since is not None:
            # An event overlaps [since, …] when it ends after since. Only a range can start more
            # than a year before it ends, so the others are found by their first day, on its
            # index, and ranges by theirs.
            params.update(
                since=filters.since.isoformat(),
                upto=filters.until.isoformat() if filters.until is not None else "9999-12-31",
                earliest=add_days(filters.since, -366).isoformat(),
            )
            where.append(
                "events.id IN (SELECT id FROM events WHERE first_day BETWEEN :earliest AND :upto "
                "UNION ALL SELECT id FROM events WHERE date_end IS NOT NULL AND first_day <= :upto) "
                "AND events.last_day >= :since"
            )
        if filters.until is not None:
            params["until"] = filters.until.isoformat()
            where.append("events.first_day <= :until")
    return _EVENT_COLUMNS + (" WHERE " + " AND ".join(where) if where else "") + _EVENT_ORDER, params


def _named(reader: Reader, filters: Filters) -> tuple[list[Named], list[Named]]:
    policies = list(dict.fromkeys(find_policy(reader, name) for name in filters.policies))
    actors = list(dict.fromkeys(find_actor(reader, name) for name in filters.actors))
    return policies, actors


def timeline(db: Reader | Session, *, filters: Filters) -> Timeline:
    """Events matching the filters, in date order, each with its policies, actors and citations."""
    reader = Reader.of(db)
    policies, actors = _named(reader, filters)
    events = _events_from_rows(reader.rows(*_event_select(filters, [p.id for p in policies], [a.id for a in actors])))
    # Details by chunks of ids: re-running the filter as a subquery was 1.43x slower at 110,000 events.
    attach_details(reader, events, as_of=filters.as_of)
    ordered = list(events.values())
    if filters.as_of is not None:
        ordered = _as_known(ordered, filters)
    return Timeline(
        events=ordered,
        policies=[PolicyRef(p.key, p.name) for p in policies],
        actors=[ActorRole(a.key, a.name, "") for a in actors],
        as_of=filters.as_of,
    )


def stream_timeline(db: Reader | Session, *, filters: Filters, page: int = 1000) -> Iterator[TimelineEvent]:
    """The same events as timeline(), page by page, so a timeline of any length is written in
    constant memory. (As-of timelines are re-dated and re-sorted as a whole, so they are built
    in full.)

    Every name is resolved here, before the first event is asked for: an unknown or ambiguous
    name fails before a caller has written anything."""
    reader = Reader.of(db)
    if filters.as_of is not None:
        return iter(timeline(reader, filters=filters).events)
    policies, actors = _named(reader, filters)
    return _pages(reader, _event_select(filters, [p.id for p in policies], [a.id for a in actors]), page)


def _pages(reader: Reader, selection: tuple[str, dict[str, Any]], page: int) -> Iterator[TimelineEvent]:
    # One statement read in partitions: the filter runs once, however many pages (re-running
    # it per page from a keyset made a 110,000-event timeline 2.4x slower).
    for rows in reader.partitions(*selection, page):
        events = _events_from_rows(rows)
        attach_details(reader, events)
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
    # Rows in _EVENT_COLUMNS' order: id, key, date, precision, qualifier, date_end, type,
    # changes_state, headline, stance, description, sort_key.
    return {r[0]: TimelineEvent(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9], r[10]) for r in rows}


# Plain columns: a source's text (kilobytes) is never read for a timeline.
_SOURCE_COLUMNS = (
    'sources."key", sources.title, sources.url, sources.author, sources.publisher, sources.published, '
    "sources.kind, sources.partial, sources.note, sources.published_inferred"
)


def _details_statements(ids: str, as_of: str | None) -> tuple[str, str]:
    """The two statements behind attach_details, for the events whose ids are in `ids` (SQL),
    with `as_of` (SQL, a condition on sources) only what sources published by then say."""
    policies = (
        "SELECT ep.event_id, policies.\"key\", policies.name, '' AS role, 0 AS part, ep.policy_id AS position "
        f"FROM event_policies ep JOIN policies ON policies.id = ep.policy_id WHERE ep.event_id IN ({ids})"
    )
    roles = (
        'SELECT ea.event_id, actors."key", actors.name, ea.role, 1 AS part, ea.id AS position '
        "FROM event_actors ea JOIN actors ON actors.id = ea.actor_id"
        + (" JOIN sources ON sources.id = ea.source_id" if as_of else "")
        + f" WHERE ea.event_id IN ({ids})"
        + (f" AND {as_of}" if as_of else "")
    )
    additions = (
        "SELECT sa.event_id, sources.\"key\", sa.text, '' AS role, 2 AS part, sa.id AS position "
        f"FROM stance_additions sa JOIN sources ON sources.id = sa.source_id WHERE sa.event_id IN ({ids})"
        + (f" AND {as_of}" if as_of else "")
    )
    cites = (
        "SELECT c.event_id, c.quote, c.stated_date, c.stated_end, c.stated_qualifier, c.date_basis, "
        "c.attributed_to, c.beyond_publication, c.start_offset, c.end_offset, c.disagrees, "
        f"{_SOURCE_COLUMNS} FROM citations c JOIN sources ON sources.id = c.source_id WHERE c.event_id IN ({ids})"
        + (f" AND {as_of}" if as_of else "")
        + ' ORDER BY c.event_id, sources.published, sources."key", c.position'
    )
    return f"{policies} UNION ALL {roles} UNION ALL {additions}", cites


@functools.lru_cache(maxsize=64)
def _details_for_size(size: int) -> tuple[str, str]:
    # Statement text per chunk size, so the driver's statement cache sees the same text again.
    return _details_statements(", ".join(f":i{n}" for n in range(size)), None)


def attach_details(db: Reader | Session, events: dict[int, TimelineEvent], *, as_of: dt.date | None = None) -> None:
    """Fill in policies, actors and citations of the given events: two statements per chunk of ids.

    With as_of, only what sources published by then say: their citations and their roles."""
    reader = Reader.of(db)
    for chunk in _chunks(list(events)):
        params: dict[str, Any] = {f"i{n}": event_id for n, event_id in enumerate(chunk)}
        if as_of is None:
            both, cites = _details_for_size(len(chunk))
        else:
            condition = published_by(as_of, params)
            both, cites = _details_statements(", ".join(f":i{n}" for n in range(len(chunk))), condition)
        roles_and_policies = reader.rows(both, params)
        citation_rows = reader.rows(cites, params)
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


def events_by_id(db: Reader | Session, ids: list[int]) -> dict[int, TimelineEvent]:
    """These events with their policies, actors and citations, by id, in timeline order."""
    reader = Reader.of(db)
    rows = []
    for chunk in _chunks(ids):
        params: dict[str, Any] = {}
        rows.extend(reader.rows(f"{_EVENT_COLUMNS} WHERE events.id IN ({in_list('e', chunk, params)})", params))
    rows.sort(key=lambda r: (r[11], r[1]))  # timeline order: sort_key, key
    events = _events_from_rows(rows)
    attach_details(reader, events)
    return events


def sources_with_citations(
    db: Reader | Session, ids: list[int]
) -> dict[int, tuple[SourceRef, int, int, list[tuple[int, int, str, str, str]]]]:
    """For each source: its reference, where its <CONTENT> lies, and for each of its citations the
    offsets, event key, event date label and headline. Two statements, however many sources."""
    reader = Reader.of(db)
    out: dict[int, tuple[SourceRef, int, int, list[tuple[int, int, str, str, str]]]] = {}
    params: dict[str, Any] = {}
    wanted = in_list("s", ids, params)
    for sid, key, title, url, author, publisher, published, kind, partial, note, inferred, start, end in reader.rows(
        f"SELECT sources.id, {_SOURCE_COLUMNS}, sources.content_start, sources.content_end FROM sources "
        f"WHERE sources.id IN ({wanted})",
        params,
    ):
        ref = SourceRef(key, title, url, author, publisher, published, kind, bool(partial), note, bool(inferred))
        out[sid] = (ref, start, end, [])
    for source_id, start, end, key, date, qualifier, date_end, headline in reader.rows(
        'SELECT c.source_id, c.start_offset, c.end_offset, events."key", events.date, events.qualifier, '
        "events.date_end, events.headline FROM citations c JOIN events ON events.id = c.event_id "
        f"WHERE c.source_id IN ({wanted}) ORDER BY c.source_id, c.start_offset",
        params,
    ):
        out[source_id][3].append((start, end, key, date_label(date, qualifier, date_end), headline))
    return out
