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
from typing import TYPE_CHECKING, Any, NamedTuple

from kb import queries
from kb.dates import date_label
from kb.sql import Reader, in_list
from kb.vocabulary import ATTRIBUTION_ROLES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class _Event(NamedTuple):
    id: int
    key: str
    headline: str
    date: str
    date_end: str | None
    qualifier: str | None


class Citation(NamedTuple):
    event_id: int
    stated_date: str
    stated_end: str | None
    stated_qualifier: str | None
    quote: str
    disagrees: str | None


# A citation of an event, the id of the source it is in (sides group sources), and that source.
_Cites = list[tuple[Citation, int, queries.SourceRef]]


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


def find(db: Reader | Session, *, policies: tuple[str, ...] = ()) -> list[Conflict]:
    """Every disagreement, optionally only for events of these policies, in timeline order."""
    reader = Reader.of(db)
    policy_ids = [queries.find_policy(reader, name).id for name in policies]
    params: dict[str, Any] = {}
    where = (
        f" WHERE id IN (SELECT event_id FROM event_policies WHERE policy_id IN ({in_list('p', policy_ids, params)}))"
        if policy_ids else ""
    )  # fmt: skip
    events = {
        row[0]: _Event(*row)
        for row in reader.rows(
            f'SELECT id, "key", headline, date, date_end, qualifier FROM events{where} ORDER BY sort_key, "key"', params
        )
    }
    if not events:
        return []
    cites: dict[int, _Cites] = defaultdict(list)
    roles: dict[tuple[int, str], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[int, str] = {}
    ids = list(events)
    for start in range(0, len(ids), 500):
        chunk: dict[str, Any] = {}
        wanted = in_list("e", ids[start : start + 500], chunk)
        for row in reader.rows(
            "SELECT c.event_id, c.stated_date, c.stated_end, c.stated_qualifier, c.quote, c.disagrees, "
            's.id, s."key", s.title, s.url, s.author, s.publisher, s.published, s.kind, s.partial, s.note, '
            f"s.published_inferred FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.event_id IN ({wanted}) "
            'ORDER BY s.published, s."key", c.position',
            chunk,
        ):
            cites[row[0]].append((Citation(*row[:6]), row[6], queries.SourceRef(*row[7:14], bool(row[14]), row[15], bool(row[16]))))
        chunk.update({f"r{i}": role for i, role in enumerate(ATTRIBUTION_ROLES)})
        for event_id, role, source_id, actor_id, name in reader.rows(
            "SELECT ea.event_id, ea.role, ea.source_id, a.id, a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
            f"WHERE ea.event_id IN ({wanted}) AND ea.role IN ({', '.join(f':r{i}' for i in range(len(ATTRIBUTION_ROLES)))})",
            chunk,
        ):
            roles[(event_id, role)][source_id].add(actor_id)
            names[actor_id] = name
    ancestors = _ancestors(reader)
    found: list[Conflict] = []
    for event_id, event in events.items():
        found.extend(_date_conflict(event, cites[event_id]))
        for role in ATTRIBUTION_ROLES:
            claims = roles.get((event_id, role))
            if claims:
                found.extend(_attribution_conflict(event, role, claims, names, ancestors, cites[event_id]))
    return found


def _ancestors(reader: Reader) -> dict[int, set[int]]:
    """Each related actor's ancestors through part_of / acts_for, itself included (cycles allowed)."""
    up: dict[int, set[int]] = defaultdict(set)
    for actor_id, related_id in reader.rows("SELECT actor_id, related_id FROM actor_relations"):
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


def _cited(cit: Citation, source: queries.SourceRef) -> Cited:
    return Cited(source, date_label(cit.stated_date, cit.stated_qualifier, cit.stated_end),
                 cit.quote, cit.disagrees is not None)  # fmt: skip


def _date_conflict(event: Any, cites: _Cites) -> list[Conflict]:
    own = queries.date_spec(event.date, event.date_end, event.qualifier)
    agreeing: list[Cited] = []
    others: dict[str, list[Cited]] = {}
    for cit, _source_id, source in cites:
        stated = queries.date_spec(cit.stated_date, cit.stated_end, cit.stated_qualifier)
        if stated.overlaps(own):
            agreeing.append(_cited(cit, source))
        else:
            others.setdefault(str(stated), []).append(_cited(cit, source))
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
    cites: _Cites,
) -> list[Conflict]:
    def up(actors: set[int]) -> set[int]:
        return set().union(*(ancestors.get(a, {a}) for a in actors))

    cited_sources = {source_id for _, source_id, _ in cites}
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
        citations = tuple(_cited(cit, source) for cit, source_id, source in cites if source_id in members)
        sides.append(Side("; ".join(actor_names), citations))
    sides.sort(key=lambda side: side.claim)
    return [Conflict("attribution", event.key, event.headline, role, tuple(sides))]
