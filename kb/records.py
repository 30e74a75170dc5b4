"""Lists of policies, actors and sources, and single records with their events (kb show)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kb.errors import LookupFailed
from kb.queries import (
    Filters,
    Timeline,
    events_by_id,
    find_actor,
    find_event,
    find_policy,
    find_source,
    timeline,
)
from kb.sql import Reader

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PolicyRow:
    key: str
    name: str
    owner: str | None
    description: str | None
    aliases: list[str]
    events: int


@dataclass(frozen=True)
class ActorRow:
    key: str
    name: str
    kind: str
    description: str | None
    aliases: list[str]
    events: int


@dataclass(frozen=True)
class SourceRow:
    key: str
    title: str
    author: str
    publisher: str | None
    issuer: str | None
    published: str
    kind: str
    url: str
    partial: bool
    note: str | None
    sha256: str
    added_at: str
    citations: int
    events: int
    citation_key: str  # readable and stable: the same in CSL-JSON, BibTeX and Pandoc citations


def _aliases(reader: Reader, table: str, owner: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for owner_id, alias in reader.rows(f"SELECT DISTINCT {owner}, alias FROM {table} ORDER BY alias"):
        out.setdefault(owner_id, []).append(alias)
    return out


def list_policies(db: Reader | Session) -> list[PolicyRow]:
    reader = Reader.of(db)
    counts = dict(reader.rows("SELECT policy_id, count(*) FROM event_policies GROUP BY policy_id"))
    aliases = _aliases(reader, "policy_aliases", "policy_id")
    rows = reader.rows(
        'SELECT p.id, p."key", p.name, owner.name, p.description FROM policies p '
        "LEFT JOIN actors owner ON owner.id = p.owner_id ORDER BY p.name"
    )
    return [PolicyRow(key, name, owner, description, aliases.get(pid, []), counts.get(pid, 0))
            for pid, key, name, owner, description in rows]  # fmt: skip


def list_actors(db: Reader | Session) -> list[ActorRow]:
    reader = Reader.of(db)
    counts = dict(reader.rows("SELECT actor_id, count(DISTINCT event_id) FROM event_actors GROUP BY actor_id"))
    aliases = _aliases(reader, "actor_aliases", "actor_id")
    rows = reader.rows('SELECT id, "key", name, kind, description FROM actors ORDER BY name')
    return [ActorRow(key, name, kind, description, aliases.get(aid, []), counts.get(aid, 0))
            for aid, key, name, kind, description in rows]  # fmt: skip


def list_sources(db: Reader | Session, *, key: str | None = None) -> list[SourceRow]:
    reader = Reader.of(db)
    counts = {
        sid: (cites, events)
        for sid, cites, events in reader.rows(
            "SELECT source_id, count(*), count(DISTINCT event_id) FROM citations GROUP BY source_id"
        )
    }
    keys = citation_keys(reader)
    rows = reader.rows(
        'SELECT s.id, s."key", s.title, s.author, s.publisher, issuer.name, s.published, s.kind, s.url, '
        "s.partial, s.note, s.sha256, s.added_at FROM sources s LEFT JOIN actors issuer ON issuer.id = s.issuer_id"
        + (' WHERE s."key" = :k' if key is not None else "")
        + ' ORDER BY s.published, s."key"',
        {"k": key},
    )
    return [
        SourceRow(
            key=skey,
            title=title,
            author=author,
            publisher=publisher,
            issuer=issuer,
            published=published,
            kind=kind,
            url=url,
            partial=bool(partial),
            note=note,
            sha256=sha256,
            added_at=added_at,
            citations=counts.get(sid, (0, 0))[0],
            events=counts.get(sid, (0, 0))[1],
            citation_key=keys[skey],
        )
        for sid, skey, title, author, publisher, issuer, published, kind, url, partial, note, sha256, added_at in rows
    ]


def citation_keys(db: Reader | Session) -> dict[str, str]:
    """Every source's citation key (kb.bibliography.citation_keys, sources in the order they were added)."""
    from kb.bibliography import citation_keys as keys_for

    rows = Reader.of(db).rows(
        'SELECT s."key", s.author, issuer."key", s.publisher, s.published, s.title FROM sources s '
        "LEFT JOIN actors issuer ON issuer.id = s.issuer_id ORDER BY s.id"
    )
    return keys_for(tuple(r) for r in rows)


@dataclass
class Record:
    """One policy, actor, event or source, its fields and the events (with citations) it touches."""

    kind: str
    key: str
    title: str
    fields: dict[str, Any]
    timeline: Timeline


def show(db: Reader | Session, *, kind: str, name: str) -> Record:
    """The record of this kind named by name, with its events and their citations."""
    reader = Reader.of(db)
    if kind == "policy":
        policy = find_policy(reader, name)
        row = next(r for r in list_policies(reader) if r.key == policy.key)
        tl = timeline(reader, filters=Filters(policies=(policy.key,)))
        return Record("policy", policy.key, policy.name, _fields(row), tl)
    if kind == "actor":
        actor = find_actor(reader, name)
        arow = next(r for r in list_actors(reader) if r.key == actor.key)
        tl = timeline(reader, filters=Filters(actors=(actor.key,)))
        return Record("actor", actor.key, actor.name, _fields(arow), tl)
    if kind == "event":
        event = find_event(reader, name)
        tl = _timeline_of(reader, [event.id])
        return Record("event", event.key, event.headline, {"type": event.type, "date": event.date}, tl)
    if kind == "source":
        source = find_source(reader, name)
        srow = list_sources(reader, key=source.key)[0]
        ids = reader.scalars("SELECT DISTINCT event_id FROM citations WHERE source_id = :s", {"s": source.id})
        return Record("source", source.key, source.title, _fields(srow), _timeline_of(reader, ids))
    raise LookupFailed(f"unknown record kind {kind!r}")


def _fields(row: Any) -> dict[str, Any]:
    return {k: v for k, v in row.__dict__.items() if k not in ("key",)}


def _timeline_of(reader: Reader, event_ids: list[int]) -> Timeline:
    return Timeline(list(events_by_id(reader, event_ids).values()))
