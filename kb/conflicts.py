"""Where sources disagree: dates that cannot both be true, and differing attributions.

Competing claims are kept in the knowledge base; this only finds them. The `conflicts` view
answers the same question in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb import queries
from kb.models import Actor, Citation, Event, EventActor, EventPolicy, Source
from kb.render import format_date
from kb.vocabulary import ATTRIBUTION_ROLES


@dataclass(frozen=True)
class Side:
    source: queries.SourceRef
    claim: str  # the stated date, or the actors named in the role
    quote: str


@dataclass(frozen=True)
class Conflict:
    kind: str  # "date" or "attribution"
    event_key: str
    headline: str
    role: str | None
    a: Side
    b: Side


def find(session: Session, *, policies: tuple[str, ...] = ()) -> list[Conflict]:
    """Every conflict, optionally only for events of these policies, in timeline order."""
    policy_ids = [queries.find_policy(session, name).id for name in policies]
    event_stmt = select(Event.id, Event.key, Event.headline).order_by(Event.sort_key, Event.key)
    if policy_ids:
        event_stmt = event_stmt.where(
            Event.id.in_(select(EventPolicy.event_id).where(EventPolicy.policy_id.in_(policy_ids)))
        )
    events = {row.id: row for row in session.execute(event_stmt)}
    if not events:
        return []
    ids = list(events)
    cites: dict[int, list[tuple[Citation, Source]]] = {}
    for cit, src in session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.event_id.in_(ids))
        .order_by(Citation.id)
    ):
        cites.setdefault(cit.event_id, []).append((cit, src))
    roles: dict[tuple[int, str, int], set[str]] = {}
    for event_id, role, source_id, name in session.execute(
        select(EventActor.event_id, EventActor.role, EventActor.source_id, Actor.name)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids), EventActor.role.in_(ATTRIBUTION_ROLES))
    ):
        roles.setdefault((event_id, role, source_id), set()).add(name)
    found: list[Conflict] = []
    for event_id, event in events.items():
        found.extend(_date_conflicts(event, cites.get(event_id, [])))
        found.extend(_attribution_conflicts(event, roles, cites.get(event_id, [])))
    return found


def _date_conflicts(event: Any, cites: list[tuple[Citation, Source]]) -> list[Conflict]:
    out = []
    for i, (ca, sa) in enumerate(cites):
        da = queries.date_spec(ca.stated_date, ca.stated_end, ca.stated_qualifier)
        for cb, sb in cites[i + 1 :]:
            db = queries.date_spec(cb.stated_date, cb.stated_end, cb.stated_qualifier)
            if not da.overlaps(db):
                out.append(
                    Conflict(
                        "date",
                        event.key,
                        event.headline,
                        None,
                        Side(queries.source_ref(sa), _label(ca), ca.quote),
                        Side(queries.source_ref(sb), _label(cb), cb.quote),
                    )
                )
    return out


def _label(cit: Citation) -> str:
    return format_date(cit.stated_date, cit.stated_qualifier, cit.stated_end)


def _attribution_conflicts(
    event: Any, roles: dict[tuple[int, str, int], set[str]], cites: list[tuple[Citation, Source]]
) -> list[Conflict]:
    event_id = event.id
    sources = {src.id: src for _, src in cites}
    first_quote: dict[int, str] = {}
    for cit, _src in sorted(cites, key=lambda pair: pair[0].position):
        first_quote.setdefault(cit.source_id, cit.quote)
    by_role: dict[str, list[tuple[int, set[str]]]] = {}
    for (eid, role, source_id), names in sorted(roles.items()):
        if eid == event_id:
            by_role.setdefault(role, []).append((source_id, names))
    out = []
    for role, claims in by_role.items():
        for i, (sa, names_a) in enumerate(claims):
            for sb, names_b in claims[i + 1 :]:
                if names_a.isdisjoint(names_b) and sa in sources and sb in sources:
                    out.append(
                        Conflict(
                            "attribution",
                            event.key,
                            event.headline,
                            role,
                            Side(queries.source_ref(sources[sa]), "; ".join(sorted(names_a)), first_quote.get(sa, "")),
                            Side(queries.source_ref(sources[sb]), "; ".join(sorted(names_b)), first_quote.get(sb, "")),
                        )
                    )
    return out
