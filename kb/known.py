"""What the knowledge base already has (actors, policies, and events with their wording), for
proposals to match names and events against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from kb.dates import DateSpec


@dataclass(frozen=True)
class KnownEvent:
    key: str
    type: str
    date: DateSpec
    policies: frozenset[str]
    headline: str = ""
    quotes: tuple[str, ...] = ()
    actors: frozenset[str] = frozenset()


@dataclass
class Known:
    """What the knowledge base already has, to match names against."""

    actors: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name or alias -> (key, name, kind)
    policies: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # name or alias -> (key, name, owner key)
    events: list[KnownEvent] = field(default_factory=list)

    @cached_property
    def kindred(self) -> dict[str, frozenset[str]]:
        """For each policy, itself and the policies some event concerns together with it: the
        policies of one subject, as the knowledge base's own events connect them."""
        out: dict[str, set[str]] = {}
        for e in self.events:
            for k in e.policies:
                out.setdefault(k, {k}).update(e.policies)
        return {k: frozenset(v) for k, v in out.items()}
