"""What a policy was: its consecutive states, and the state in force on a given day.

Dates are intervals: an event can fall on any day all its citations allow. The state on a
day is certain only when every change that might fall after it certainly does; otherwise the
answer is "indeterminate between" the states it could be, with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from kb import queries
from kb.dates import DateSpec
from kb.queries import PolicyRef, TimelineEvent
from kb.sql import Reader
from kb.vocabulary import CONFIRMATION_TYPE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class State:
    """One state of a policy: opened by a state-changing event, closed by the next one."""

    number: int
    opened_by: TimelineEvent
    earliest: dt.date  # the days the opening event can fall on (date.min / date.max: unbounded)
    latest: dt.date
    closed_by: TimelineEvent | None = None
    base: TimelineEvent | None = None  # for an exception: the state-changing event it departs from
    previous: State | None = None
    # Sources confirming the state still holds (`reaffirmed` events dated within it), in order.
    confirmations: list[TimelineEvent] = field(default_factory=list)

    @property
    def stance(self) -> str:
        return self.opened_by.stance or ""

    @property
    def valid_from(self) -> DateSpec:
        return queries.event_date(self.opened_by)

    @property
    def valid_to(self) -> DateSpec | None:
        return queries.event_date(self.closed_by) if self.closed_by else None

    @property
    def events(self) -> list[TimelineEvent]:
        """The events behind this state: the base change (for an exception), then the opener."""
        return [e for e in (self.base, self.opened_by) if e is not None]


@dataclass
class History:
    policy: PolicyRef
    states: list[State]
    as_of: dt.date | None = None


@dataclass
class Answer:
    """The state in force on a day, or the states it could be and why it is not known."""

    policy: PolicyRef
    at: dt.date
    status: str  # "determinate", "indeterminate" or "none" (no state recorded yet)
    states: list[State] = field(default_factory=list)  # one, or the candidates
    reason: str = ""
    as_of: dt.date | None = None
    confirmed_by: TimelineEvent | None = None  # the latest confirmation of the state on or before `at`


def _changing(reader: Reader, policy_id: int) -> dict[str, str]:
    """The events that change this policy's state (as their annotation declares, else by type),
    with their types."""
    return dict(
        reader.rows(
            'SELECT events."key", events.type FROM events '
            "JOIN event_policies ep ON ep.event_id = events.id JOIN event_types ON event_types.name = events.type "
            "WHERE ep.policy_id = :p AND coalesce(ep.changes_state, event_types.changes_state)",
            {"p": policy_id},
        )
    )


def _order(event: TimelineEvent) -> tuple[str, str]:
    return (queries.event_date(event).sort_key(), event.key)


def history(db: Reader | Session, *, policy: str, as_of: dt.date | None = None) -> History:
    """The policy's states in order, each from its opening event to the next, with the
    confirmations dated within each."""
    reader = Reader.of(db)
    found = queries.find_policy(reader, policy)
    changing = _changing(reader, found.id)
    tl = queries.timeline(
        reader,
        filters=queries.Filters(
            policies=(found.key,), types=tuple(sorted({*changing.values(), CONFIRMATION_TYPE})), as_of=as_of
        ),
    )
    states: list[State] = []
    base: TimelineEvent | None = None
    confirmations = [e for e in tl.events if e.type == CONFIRMATION_TYPE and e.key not in changing]
    for event in (e for e in tl.events if e.key in changing):
        earliest, latest = queries.possible_event_days(event)
        state = State(
            number=len(states) + 1,
            opened_by=event,
            earliest=earliest,
            latest=latest,
            base=base if event.type == "exception" else None,
            previous=states[-1] if states else None,
        )
        if states:
            states[-1].closed_by = event
        if event.type != "exception":
            base = event
        states.append(state)
    for confirmation in confirmations:
        within = [s for s in states if _order(s.opened_by) <= _order(confirmation)]
        if within:
            within[-1].confirmations.append(confirmation)
    return History(tl.policies[0], states, as_of)


def _days(state: State) -> str:
    lo = "…" if state.earliest == dt.date.min else state.earliest.isoformat()
    hi = "…" if state.latest == dt.date.max else state.latest.isoformat()
    return lo if lo == hi else f"{lo} to {hi}"


def state_at(db: Reader | Session, *, policy: str, at: dt.date, as_of: dt.date | None = None) -> Answer:
    """The state in force on day `at`, or why it cannot be told."""
    hist = history(db, policy=policy, as_of=as_of)
    happened = [s for s in hist.states if s.latest <= at]
    current = happened[-1] if happened else None
    after = hist.states[current.number :] if current else hist.states
    unsure = [s for s in after if s.earliest <= at < s.latest]
    if not unsure:
        if current is None:
            return Answer(hist.policy, at, "none", [], "no state of this policy is recorded on or before that day", as_of)
        confirmed = [c for c in current.confirmations if queries.possible_event_days(c)[1] <= at]
        return Answer(hist.policy, at, "determinate", [current], "", as_of, confirmed[-1] if confirmed else None)
    reasons = [
        f"{s.opened_by.type} “{s.opened_by.headline}” is dated "
        f"{queries.event_date(s.opened_by)} (it can fall on {_days(s)}), and {at.isoformat()} is within that span"
        for s in unsure
    ]
    candidates = ([current] if current else []) + unsure
    return Answer(hist.policy, at, "indeterminate", candidates, "; ".join(reasons), as_of)
