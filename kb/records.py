"""Lists of policies, actors and sources, and single records with their events (kb show)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kb.errors import LookupFailed
from kb.models import Actor, ActorAlias, Citation, EventActor, EventPolicy, Policy, PolicyAlias, Source
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


def _aliases(session: Session, alias_model: Any, fk: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for owner_id, alias in session.execute(
        select(getattr(alias_model, fk), alias_model.alias).distinct().order_by(alias_model.alias)
    ):
        out.setdefault(owner_id, []).append(alias)
    return out


def list_policies(session: Session) -> list[PolicyRow]:
    counts = dict(session.execute(select(EventPolicy.policy_id, func.count()).group_by(EventPolicy.policy_id)).all())
    aliases = _aliases(session, PolicyAlias, "policy_id")
    owner_names = dict(session.execute(select(Actor.id, Actor.name)).all())
    return [
        PolicyRow(p.key, p.name, owner_names.get(p.owner_id), p.description, aliases.get(p.id, []), counts.get(p.id, 0))
        for p in session.scalars(select(Policy).order_by(Policy.name))
    ]


def list_actors(session: Session) -> list[ActorRow]:
    counts = dict(
        session.execute(
            select(EventActor.actor_id, func.count(func.distinct(EventActor.event_id))).group_by(EventActor.actor_id)
        ).all()
    )
    aliases = _aliases(session, ActorAlias, "actor_id")
    return [
        ActorRow(a.key, a.name, a.kind, a.description, aliases.get(a.id, []), counts.get(a.id, 0))
        for a in session.scalars(select(Actor).order_by(Actor.name))
    ]


def list_sources(session: Session, *, key: str | None = None) -> list[SourceRow]:
    cites = dict(session.execute(select(Citation.source_id, func.count()).group_by(Citation.source_id)).all())
    evs = dict(
        session.execute(
            select(Citation.source_id, func.count(func.distinct(Citation.event_id))).group_by(Citation.source_id)
        ).all()
    )
    issuers = dict(session.execute(select(Actor.id, Actor.name)).all())
    keys = citation_keys(session)
    stmt = select(Source).order_by(Source.published, Source.key)
    if key is not None:
        stmt = stmt.where(Source.key == key)
    return [
        SourceRow(
            key=s.key,
            title=s.title,
            author=s.author,
            publisher=s.publisher,
            issuer=issuers.get(s.issuer_id),
            published=s.published,
            kind=s.kind,
            url=s.url,
            partial=bool(s.partial),
            note=s.note,
            sha256=s.sha256,
            added_at=s.added_at,
            citations=cites.get(s.id, 0),
            events=evs.get(s.id, 0),
            citation_key=keys[s.key],
        )
        for s in session.scalars(stmt)
    ]


def citation_keys(session: Session) -> dict[str, str]:
    """Every source's citation key (kb.bibliography.citation_keys, sources in the order they were added)."""
    from kb.bibliography import citation_keys as keys_for

    issuer = Actor.__table__.alias("issuer")
    rows = session.execute(
        select(Source.key, Source.author, issuer.c.key, Source.publisher, Source.published, Source.title)
        .outerjoin(issuer, issuer.c.id == Source.issuer_id)
        .order_by(Source.id)
    ).all()
    return keys_for(tuple(r) for r in rows)


@dataclass
class Record:
    """One policy, actor, event or source, its fields and the events (with citations) it touches."""

    kind: str
    key: str
    title: str
    fields: dict[str, Any]
    timeline: Timeline


def show(session: Session, *, kind: str, name: str) -> Record:
    """The record of this kind named by name, with its events and their citations."""
    if kind == "policy":
        policy = find_policy(session, name)
        row = next(r for r in list_policies(session) if r.key == policy.key)
        tl = timeline(session, filters=Filters(policies=(policy.key,)))
        return Record("policy", policy.key, policy.name, _fields(row), tl)
    if kind == "actor":
        actor = find_actor(session, name)
        arow = next(r for r in list_actors(session) if r.key == actor.key)
        tl = timeline(session, filters=Filters(actors=(actor.key,)))
        return Record("actor", actor.key, actor.name, _fields(arow), tl)
    if kind == "event":
        event = find_event(session, name)
        tl = _timeline_of(session, [event.id])
        return Record("event", event.key, event.headline, {"type": event.type, "date": event.date}, tl)
    if kind == "source":
        source = find_source(session, name)
        srow = list_sources(session, key=source.key)[0]
        ids = session.scalars(select(Citation.event_id).where(Citation.source_id == source.id).distinct()).all()
        return Record("source", source.key, source.title, _fields(srow), _timeline_of(session, list(ids)))
    raise LookupFailed(f"unknown record kind {kind!r}")


def _fields(row: Any) -> dict[str, Any]:
    return {k: v for k, v in row.__dict__.items() if k not in ("key",)}


def _timeline_of(session: Session, event_ids: list[int]) -> Timeline:
    return Timeline(list(events_by_id(session, event_ids).values()))


