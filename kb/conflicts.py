"""Where sources disagree: one entry per disagreement (an event and the field sources disagree
on), with every citation on each side.

- date: a citation's stated date cannot fall on any day the event's date allows (a reviewed
  `disagrees: date`, or two sources loaded before that mark existed);
- attribution: sources name different actors in a role that says who did something, and no
  actor of one is related to an actor of the other (the same body, or bodies that one acts for
  or is part of, transitively): a president and the administration he acts for do not disagree.

Competing claims are kept in the knowledge base; this only finds them. The `conflicts` and
`conflict_sides` views answer the same question in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb import queries
from kb.dates import date_label
from kb.models import Actor, ActorRelation, Citation, Event, EventActor, EventPolicy, Source
from kb.vocabulary import ATTRIBUTION_ROLES


@dataclass(frozen=True)
class Cited:
    """One citation on a side."""

    source: queries.SourceRef
    stated: str  # the date as this source states it, in words
    quote: str
    marked: bool  # a reviewed disagreement (`disagrees: date`)


@dataclass(frozen=True)
class Side:
    claim: str  # the date this side gives, or the actors it names in the role
    citations: tuple[Cited, ...]


@dataclass(frozen=True)
class Conflict:
    kind: str  # "date" or "attribution"
    event_key: str
    headline: str
    role: str | None
    sides: tuple[Side, ...]

    @property
    def sources(self) -> list[str]:
        return sorted({c.source.key for side in self.sides for c in side.citations})


def find(session: Session, *, policies: tuple[str, ...] = ()) -> list[Conflict]:
    """Every disagreement, optionally only for events of these policies, in timeline order."""
    policy_ids = [queries.find_policy(session, name).id for name in policies]
    event_stmt = select(Event.id, Event.key, Event.headline, Event.date, Event.date_end, Event.qualifier).order_by(
        Event.sort_key, Event.key
    )
    if policy_ids:
        event_stmt = event_stmt.where(
            Event.id.in_(select(EventPolicy.event_id).where(EventPolicy.policy_id.in_(policy_ids)))
        )
    events = {row.id: row for row in session.execute(event_stmt)}
    if not events:
        return []
    ids = list(events)
    cites: dict[int, list[tuple[Citation, Source]]] = defaultdict(list)
    for cit, src in session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.event_id.in_(ids))
        .order_by(Source.published, Source.key, Citation.position)
    ):
        cites[cit.event_id].append((cit, src))
    roles: dict[tuple[int, str], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[int, str] = {}
    for event_id, role, source_id, actor_id, name in session.execute(
        select(EventActor.event_id, EventActor.role, EventActor.source_id, Actor.id, Actor.name)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids), EventActor.role.in_(ATTRIBUTION_ROLES))
    ):
        roles[(event_id, role)][source_id].add(actor_id)
        names[actor_id] = name
    ancestors = _ancestors(session)
    found: list[Conflict] = []
    for event_id, event in events.items():
        found.extend(_date_conflict(event, cites[event_id]))
        for role in ATTRIBUTION_ROLES:
            claims = roles.get((event_id, role))
            if claims:
                found.extend(_attribution_conflict(event, role, claims, names, ancestors, cites[event_id]))
    return found


def _ancestors(session: Session) -> dict[int, set[int]]:
    """Each related actor's ancestors through part_of / acts_for, itself included (cycles allowed)."""
    up: dict[int, set[int]] = defaultdict(set)
    for actor_id, related_id in session.execute(select(ActorRelation.actor_id, ActorRelation.related_id)):
        up[actor_id].add(related_id)
    closure: dict[int, set[int]] = {}
    for start in list(up):
        seen, todo = {start}, [start]
        while todo:
            for nxt in up.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closure[start] = seen
    return closure


def _cited(cit: Citation, src: Source) -> Cited:
    return Cited(queries.source_ref(src), date_label(cit.stated_date, cit.stated_qualifier, cit.stated_end),
                 cit.quote, cit.disagrees is not None)  # fmt: skip


def _date_conflict(event: Any, cites: list[tuple[Citation, Source]]) -> list[Conflict]:
    own = queries.date_spec(event.date, event.date_end, event.qualifier)
    agreeing: list[Cited] = []
    others: dict[str, list[Cited]] = {}
    for cit, src in cites:
        stated = queries.date_spec(cit.stated_date, cit.stated_end, cit.stated_qualifier)
        if stated.overlaps(own):
            agreeing.append(_cited(cit, src))
        else:
            others.setdefault(str(stated), []).append(_cited(cit, src))
    if not others:
        return []
    sides = [Side(str(own), tuple(agreeing))] if agreeing else []
    sides += [Side(claim, tuple(c)) for claim, c in sorted(others.items())]
    return [Conflict("date", event.key, event.headline, None, tuple(sides))]


def _attribution_conflict(
    event: Any,
    role: str,
    claims: dict[int, set[int]],
    names: dict[int, str],
    ancestors: dict[int, set[int]],
    cites: list[tuple[Citation, Source]],
) -> list[Conflict]:
    def up(actors: set[int]) -> set[int]:
        return set().union(*(ancestors.get(a, {a}) for a in actors))

    cited_sources = {src.id for _, src in cites}
    sources = sorted(s for s in claims if s in cited_sources)
    reach = {s: up(claims[s]) for s in sources}
    # Sides: sources joined when some actor of one is related to some actor of the other.
    parent = {s: s for s in sources}

    def root(s: int) -> int:
        while parent[s] != s:
            s = parent[s]
        return s

    for i, a in enumerate(sources):
        for b in sources[i + 1 :]:
            if reach[a] & reach[b]:
                parent[root(b)] = root(a)
    if all(reach[a] & reach[b] for i, a in enumerate(sources) for b in sources[i + 1 :]):
        return []
    groups: dict[int, list[int]] = defaultdict(list)
    for s in sources:
        groups[root(s)].append(s)
    if len(groups) < 2:  # related only through a third source: each distinct claim is a side
        by_claim: dict[frozenset[int], list[int]] = defaultdict(list)
        for s in sources:
            by_claim[frozenset(claims[s])].append(s)
        groups = dict(enumerate(by_claim.values()))  # type: ignore[arg-type]
    sides = []
    for members in groups.values():
        actor_names = sorted({names[a] for s in members for a in claims[s]})
        citations = tuple(_cited(cit, src) for cit, src in cites if src.id in members)
        sides.append(Side("; ".join(actor_names), citations))
    sides.sort(key=lambda side: side.claim)
    return [Conflict("attribution", event.key, event.headline, role, tuple(sides))]
