"""The controlled vocabularies of the knowledge base, kept in one place.

The schema migration embeds a frozen copy of these lists into lookup tables
(``event_types``) and CHECK constraints; ``tests/test_vocabulary.py`` fails
if the two drift apart, so a change here needs a new schema migration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    changes_state: bool
    description: str


EVENT_TYPES: tuple[EventType, ...] = (
    # Policy-state changes: each records the stance the policy has after it.
    EventType("adopted", True, "A policy is first put in place."),
    EventType("amended", True, "A policy in force is changed in part; the rest stays."),
    EventType(
        "reversed",
        True,
        "The prior stance is rescinded and replaced by a contrary one.",
    ),
    EventType("rescinded", True, "A policy is ended with nothing put in its place."),
    EventType("reinstated", True, "An earlier stance of the policy is restored."),
    EventType(
        "exception",
        True,
        "A bounded departure from a policy that leaves the policy itself in force.",
    ),
    # Everything else that happens around a policy.
    EventType("statement", False, "An actor states a position, an explanation or a commitment."),
    EventType("criticism", False, "An actor criticises a decision or a policy."),
    EventType("support", False, "An actor endorses a decision or a policy."),
    EventType("transfer", False, "Weapons or aid are provided to another party."),
    EventType("use", False, "Weapons are used, or last used, in a conflict."),
    EventType("military_action", False, "An invasion, offensive or other armed action."),
    EventType(
        "report",
        False,
        "A figure or state of affairs reported as of a date (a stockpile, a count of parties, money spent).",
    ),
    EventType("review", False, "A study or review of a policy is carried out."),
    EventType(
        "deliberation",
        False,
        "An actor considers a change (such as leaving a treaty) without, or before, making it.",
    ),
    EventType(
        "treaty_action",
        False,
        "A state acts on a treaty: signs, ratifies, accedes, withdraws, or votes on a treaty resolution.",
    ),
    EventType(
        "reaffirmed",
        False,
        "A source confirms that a policy or stance still holds on a date (it changes nothing).",
    ),
)

EVENT_TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)
STATE_CHANGING_TYPES: frozenset[str] = frozenset(t.name for t in EVENT_TYPES if t.changes_state)

ACTOR_KINDS: tuple[str, ...] = (
    "person",
    "government",
    "agency",
    "office",
    "organisation",
    "delegation",
    "military",
    "group",
)

SOURCE_KINDS: tuple[str, ...] = (
    "news_article",
    "fact_sheet",
    "press_release",
    "statement",
    "speech",
    "transcript",
    "report",
    "other",
)

ROLES: tuple[str, ...] = (
    "decided",
    "announced",
    "authorised",
    "implemented",
    "criticised",
    "supported",
    "stated",
    "reported",
    "commissioned",
    "considered",
    "provided",
    "received",
    "used",
    "voted",
    "subject",
)

DATE_BASES: tuple[str, ...] = ("explicit", "relative", "context")

# Bases whose date is worked out from the source's publication date (so an inferred
# publication date makes them inferred too).
RESOLVED_BASES: tuple[str, ...] = ("relative", "context")

# How one actor stands to another: a member of a body, or someone acting on its behalf.
# Attributions to an actor and to a body it is related to (transitively) do not disagree.
RELATIONS: tuple[str, ...] = ("part_of", "acts_for")

# What a citation may be marked as disagreeing with its event on (a reviewed disagreement).
DISAGREEMENTS: tuple[str, ...] = ("date",)

# The event type of a confirmation: a policy or stance still holds on a date.
CONFIRMATION_TYPE = "reaffirmed"

QUALIFIERS: tuple[str, ...] = ("on_or_before", "on_or_after", "approximately")

PRECISIONS: tuple[str, ...] = ("year", "month", "day")

# Why a citation may state a date later than its source's publication date.
BEYOND_PUBLICATION: tuple[str, ...] = ("planned", "updated")

# Roles that say who did something: sources naming different actors in one of these roles for
# the same event disagree (`kb conflicts`). Reporting, stating or being the subject does not.
ATTRIBUTION_ROLES: tuple[str, ...] = (
    "decided",
    "announced",
    "authorised",
    "implemented",
    "commissioned",
    "provided",
    "used",
    "voted",
)

# Output formats every query command takes (kb.render writes them; kept here so option parsing
# does not import the renderers).
FORMATS: tuple[str, ...] = ("text", "markdown", "json", "csv")
