"""What a reviewed annotation will do to the knowledge base, checked before anything is written.

`kb source check` and `kb source migrate` run these checks on the current database, inside the
trial load that is rolled back: a citation must fit the event it cites (one of the event's
policies declared, a date that overlaps the event's unless marked `disagrees: date`), names
must agree with the knowledge base, and every error names the annotation file and line with
"did you mean" candidates. The preview lists what the load changed. None of this lives in the
loader or the date merging that shipped migrations replay through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from kb.annotations import Contribution, did_you_mean
from kb.dates import DateSpec, PartialDate, date_label
from kb.errors import AnnotationError

_EVENT_FIELDS = ("date", "type", "stance")


@dataclass(frozen=True)
class CitationVerdict:
    """How one citation of an existing event stands to the event's date."""

    event: str
    stated: str
    event_date: str
    verdict: str  # "contains" | "narrows" | "disagrees"


@dataclass
class Preview:
    """What loading one source does to the knowledge base."""

    source: str
    published_inferred: bool = False
    events_added: list[str] = field(default_factory=list)  # "KEY (DATE, TYPE): HEADLINE"
    citations: list[CitationVerdict] = field(default_factory=list)
    events_changed: list[tuple[str, str, str, str]] = field(default_factory=list)  # key, field, old, new
    actors_added: list[str] = field(default_factory=list)
    actors_merged: list[str] = field(default_factory=list)  # "KEY (+ aliases …)"
    policies_added: list[str] = field(default_factory=list)
    policies_merged: list[str] = field(default_factory=list)
    relations_added: list[str] = field(default_factory=list)  # "A acts_for B"
    stance_additions: list[tuple[str, str]] = field(default_factory=list)
    terms_added: list[str] = field(default_factory=list)  # "TERM = VARIANT, VARIANT"

    def lines(self) -> list[str]:
        """The preview in words, one fact a line, for `kb source check`."""
        out = [f"{self.source}: ok; loading it will:"]
        if self.published_inferred:
            out.append("  mark its publication date as inferred (dates resolved against it say so)")
        sections: list[tuple[str, list[str]]] = [
            ("add events", self.events_added),
            ("add citations to existing events", [_verdict(v) for v in self.citations]),
            ("change existing events", [f"{k} {f}: {old} → {new}" for k, f, old, new in self.events_changed]),
            ("add actors", self.actors_added),
            ("merge into existing actors", self.actors_merged),
            ("add policies", self.policies_added),
            ("merge into existing policies", self.policies_merged),
            ("add actor relations", self.relations_added),
            ("add to existing events' stances", [f"{k}: “{t}”" for k, t in self.stance_additions]),
            ("add search variants", self.terms_added),
        ]
        for title, items in sections:
            if items:
                out.append(f"  {title} ({len(items)}):")
                out.extend(f"    {item}" for item in items)
        if not any(items for _, items in sections):
            out.append("  change nothing")
        return out


def _verdict(v: CitationVerdict) -> str:
    if v.verdict == "contains":
        return f"{v.event}: stated {v.stated}, contains the event's date {v.event_date} (no change)"
    if v.verdict == "narrows":
        return f"{v.event}: stated {v.stated}, narrows the event's date {v.event_date}"
    return f"{v.event}: stated {v.stated}, a reviewed disagreement with the event's date {v.event_date} (kb conflicts lists it)"


# --- Checks before loading -------------------------------------------------------------------


def check(conn: Connection, contribution: Contribution, *, origin: str) -> list[CitationVerdict]:
    """Refuse what does not fit the knowledge base as it stands, naming file and line; returns
    how each citation of an existing event stands to its date."""
    _check_names(conn, contribution, origin)
    return _check_citations(conn, contribution, origin)


def _check_names(conn: Connection, c: Contribution, origin: str) -> None:
    actors = {r.key: r for r in conn.execute(sa.text("SELECT id, key, name, kind FROM actors")).all()}
    for spec in c.actors:
        row = actors.get(spec.key)
        if row is not None and (row.name, row.kind) != (spec.name, spec.kind):
            same_name = [r.key for r in actors.values() if r.name == spec.name and r.kind == spec.kind]
            hint = (
                f" (did you mean: {', '.join(repr(k) for k in same_name)}?)" if same_name
                else did_you_mean(spec.name or spec.key, [r.name for r in actors.values() if r.key != spec.key])
            )  # fmt: skip
            raise AnnotationError(
                f"{origin}:{spec.line}: actor {spec.key}: already in the knowledge base as {row.name!r} ({row.kind}), "
                f"not {spec.name!r} ({spec.kind}){hint}; use the same name and kind, or another key"
            )
    policies = {r.key: r for r in conn.execute(
        sa.text("SELECT p.key, p.name, o.key AS owner FROM policies p LEFT JOIN actors o ON o.id = p.owner_id")
    ).all()}  # fmt: skip
    for pspec in c.policies:
        row = policies.get(pspec.key)
        if row is not None and (row.name, row.owner) != (pspec.name, pspec.owner):
            hint = did_you_mean(pspec.name or pspec.key, [r.name for r in policies.values() if r.key != pspec.key])
            raise AnnotationError(
                f"{origin}:{pspec.line}: policy {pspec.key}: already in the knowledge base as {row.name!r} "
                f"(owner {row.owner}), not {pspec.name!r} (owner {pspec.owner}){hint}; declare it the same way, or use another key"
            )


def _event_rows(conn: Connection, keys: list[str]) -> dict[str, Any]:
    if not keys:
        return {}
    stmt = sa.text(
        "SELECT e.id, e.key, e.type, e.date, e.qualifier, e.date_end, e.stance, s.key AS defined_by FROM events e "
        "LEFT JOIN sources s ON s.id = e.defined_by_id WHERE e.key IN :keys"
    ).bindparams(sa.bindparam("keys", expanding=True))
    return {r.key: r for r in conn.execute(stmt, {"keys": keys}).all()}


def _check_citations(conn: Connection, c: Contribution, origin: str) -> list[CitationVerdict]:
    rows = _event_rows(conn, [e.key for e in c.events])
    declared = {p.key for p in c.policies}
    verdicts: list[CitationVerdict] = []
    for spec in c.events:
        row = rows.get(spec.key)
        if spec.defines:
            if row is not None and row.defined_by is not None:
                raise AnnotationError(
                    f"{origin}:{spec.line}: event {spec.key}: already defined by source {row.defined_by!r}; "
                    f"cite it with `cites: {spec.key}` instead"
                )
            continue
        if row is None:
            keys = conn.execute(sa.text("SELECT key FROM events")).scalars().all()
            raise AnnotationError(
                f"{origin}:{spec.line}: event {spec.key}: `cites:` an event that is not in the knowledge base"
                f"{did_you_mean(spec.key, keys)}; define it here (key, type, headline, …) or load the source that defines it first"
            )
        policies = conn.execute(
            sa.text("SELECT p.key FROM event_policies ep JOIN policies p ON p.id = ep.policy_id WHERE ep.event_id = :id ORDER BY p.key"),
            {"id": row.id},
        ).scalars().all()  # fmt: skip
        if policies and not declared & set(policies):
            raise AnnotationError(
                f"{origin}:{spec.line}: event {spec.key}: this source declares none of the event's policies "
                f"({', '.join(policies)}); a citation must be about its event's subject: declare the policy under "
                "`policies:` if the source is about it, or define an event of its own"
            )
        if spec.adds_to_stance and row.stance is None:
            raise AnnotationError(
                f"{origin}:{spec.line}: event {spec.key}.adds_to_stance: the event has no stance to add to "
                "(it changes no policy's state)"
            )
        event_date = DateSpec(PartialDate.parse(row.date), PartialDate.parse(row.date_end) if row.date_end else None, row.qualifier)
        for cit in spec.citations:
            verdict = _date_verdict(cit.date, event_date)
            where = f"{origin}:{cit.line}: event {spec.key}"
            if verdict == "disjoint" and cit.disagrees != "date":
                raise AnnotationError(
                    f"{where}: stated date {cit.date} does not overlap the event's date {event_date} "
                    f"(defined by {row.defined_by}); if this source tells another happening, define a new event; "
                    "if it disagrees on the date, mark the citation `disagrees: date` (it then appears in `kb conflicts` "
                    "and does not move the event)"
                )
            if verdict != "disjoint" and cit.disagrees == "date":
                raise AnnotationError(
                    f"{where}: marked `disagrees: date`, but its stated date {cit.date} agrees with the event's "
                    f"date {event_date}; remove the mark"
                )
            verdicts.append(
                CitationVerdict(spec.key, str(cit.date), str(event_date), "disagrees" if verdict == "disjoint" else verdict)
            )
    return verdicts


def _date_verdict(stated: DateSpec, event: DateSpec) -> str:
    """contains: the stated date allows every day the event's does; narrows: it overlaps and
    allows fewer; disjoint: no day in common."""
    s0, s1 = stated.bounds()
    e0, e1 = event.bounds()
    if s0 <= e0 and e1 <= s1:
        return "contains"
    if s0 <= e1 and e0 <= s1:
        return "narrows"
    return "disjoint"


# --- What the load changed -------------------------------------------------------------------


@dataclass
class Snapshot:
    events: dict[str, dict[str, str]]
    actors: dict[str, set[str]]  # key -> aliases
    policies: dict[str, set[str]]


def snapshot(conn: Connection, c: Contribution) -> Snapshot:
    """The records this contribution names, as they stand now."""
    events: dict[str, dict[str, str]] = {}
    for row in _event_rows(conn, [e.key for e in c.events]).values():
        events[row.key] = {
            "date": date_label(row.date, row.qualifier, row.date_end),
            "type": row.type,
            "stance": row.stance or "—",
        }
    return Snapshot(
        events,
        _aliases(conn, "actors", "actor_aliases", "actor_id", [a.key for a in c.actors]),
        _aliases(conn, "policies", "policy_aliases", "policy_id", [p.key for p in c.policies]),
    )


def _aliases(conn: Connection, table: str, aliases: str, fk: str, keys: list[str]) -> dict[str, set[str]]:
    if not keys:
        return {}
    out: dict[str, set[str]] = {}
    stmt = sa.text(
        f"SELECT t.key, x.alias FROM {table} t LEFT JOIN {aliases} x ON x.{fk} = t.id WHERE t.key IN :keys"
    ).bindparams(sa.bindparam("keys", expanding=True))
    for key, alias in conn.execute(stmt, {"keys": keys}).all():
        out.setdefault(key, set())
        if alias is not None:
            out[key].add(alias)
    return out


def preview(
    conn: Connection, c: Contribution, before: Snapshot, verdicts: list[CitationVerdict], *, source_id: int
) -> Preview:
    """Compare the knowledge base after loading the contribution with the snapshot before."""
    after = snapshot(conn, c)
    out = Preview(c.source_key, citations=verdicts)
    out.published_inferred = bool(
        conn.execute(sa.text("SELECT published_inferred FROM sources WHERE id = :id"), {"id": source_id}).scalar()
    )
    for spec in c.events:
        if spec.key not in before.events and spec.defines and spec.key in after.events:
            new = after.events[spec.key]
            out.events_added.append(f"{spec.key} ({new['date']}, {new['type']}): {spec.headline}")
    for key, old in before.events.items():
        new = after.events.get(key, {})
        for name in _EVENT_FIELDS:
            if name in new and new[name] != old[name]:
                out.events_changed.append((key, name, old[name], new[name]))
    for kind, was, now, added, merged in (
        ("actor", before.actors, after.actors, out.actors_added, out.actors_merged),
        ("policy", before.policies, after.policies, out.policies_added, out.policies_merged),
    ):
        for key, aliases in now.items():
            if key not in was:
                added.append(key)
            else:
                new_aliases = sorted(aliases - was[key])
                merged.append(key + (f" (+ aliases {', '.join(repr(a) for a in new_aliases)})" if new_aliases else ""))
    out.relations_added = [
        f"{a} {rel} {b}"
        for a, rel, b in conn.execute(
            sa.text(
                "SELECT a.key, r.relation, b.key FROM actor_relations r JOIN actors a ON a.id = r.actor_id "
                "JOIN actors b ON b.id = r.related_id WHERE r.source_id = :id ORDER BY r.id"
            ),
            {"id": source_id},
        ).all()
    ]
    out.stance_additions = [(e.key, e.adds_to_stance) for e in c.events if e.adds_to_stance]
    out.terms_added = [f"{t.term} = {', '.join(t.variants)}" for t in c.terms]
    return out
