"""A source's annotation file: parse, validate against its document, match quotes.

The result of `resolve()` is a `Contribution`: plain data (no database, no ORM) that says
exactly what one source adds to the knowledge base. Migrations embed the annotation text and
the loader writes its contribution, so replaying history never depends on files that change.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from kb import vocabulary as vocab
from kb.dates import DateSpec
from kb.documents import Document, line_of
from kb.errors import AnnotationError, DateError, QuoteNotFound
from kb.quotes import closest_passage, find_all, normalize

_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# What "the quote itself contains the date" means for basis: explicit.
_DATE_IN_TEXT = re.compile(rf"\b(?:FY|CY)?(1[0-9]{{3}}|20[0-9]{{2}})(?:['\u2019]?s)?\b|\b({_MONTHS})\b\.?", re.IGNORECASE)


# libyaml's parser when PyYAML was built with it (its wheels are): the same nodes and line marks, ~10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An annotation is a few kilobytes of mappings three or four levels deep; these bounds leave
# ample room and keep hostile input (a billion laughs, deep nesting) from costing anything.
MAX_ANNOTATION_BYTES = 2 * 2**20
MAX_DEPTH = 32
_MAX_OCCURRENCE_DIGITS = 6


# --- YAML with line numbers -------------------------------------------------------------


class _Map(dict):  # type: ignore[type-arg]
    line: int
    key_lines: dict[str, int]


class _List(list):  # type: ignore[type-arg]
    line: int


def _compose(text: str, *, origin: str) -> yaml.Node | None:
    """The YAML node tree, refused before it is built if it is too large, nested too deep, or
    uses anchors and aliases (which let a few bytes expand exponentially, or refer to themselves)."""
    if len(text) > MAX_ANNOTATION_BYTES or len(text.encode("utf-8")) > MAX_ANNOTATION_BYTES:
        raise AnnotationError(f"{origin}:1: {_too_large(len(text.encode('utf-8')))}")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise AnnotationError(
                    f"{origin}:{line}: YAML anchors and aliases (&name, *name) are not allowed in an annotation; "
                    "write each value out"
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise AnnotationError(f"{origin}:{line}: nested more than {MAX_DEPTH} levels deep; an annotation is not")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AnnotationError(f"{origin}:{line}: not valid YAML: {problem}") from None


class _Unusual(Exception):
    """The annotation is not a plain tree of mappings, lists and text: `_compose` and `_convert` decide."""


_NULL = "tag:yaml.org,2002:null"
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


def _plain_tree(text: str) -> _Map:
    """What `_convert(_compose(text))` gives for an ordinary annotation, in one pass over libyaml's
    events instead of two (a check pass, then composing). Anything out of the ordinary (YAML
    errors, anchors, deep nesting, a key that is not text, a key twice, a root that is not a
    mapping, a second document, a large file) raises _Unusual, and the two-pass path runs and
    says what is wrong exactly as it always has."""
    if len(text) > MAX_ANNOTATION_BYTES // 4:  # well under the bound even at 4 bytes a character
        raise _Unusual
    # Each open collection: [container, pending key or None, pending key's line].
    stack: list[list[Any]] = []
    root: _Map | None = None
    parser = _LOADER(text)
    next_event = parser.get_event  # not yaml.parse: its generator cost as much as the parsing
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or not stack:
                    raise _Unusual  # an anchor, or a document that is a single scalar
                top = stack[-1]
                container = top[0]
                if type(container) is _Map and top[1] is None:
                    key = str(event.value)
                    if key in container:
                        raise _Unusual
                    top[1], top[2] = key, event.start_mark.line + 1
                    continue
                text_value = event.value
                tag = event.tag
                # The resolver's rule (SafeLoader's): a plain scalar ~, null, Null, NULL or nothing is null.
                null = (event.implicit[0] and text_value in _NULL_WORDS) if tag is None or tag == "!" else tag == _NULL
                value = None if null or (text_value in ("", "~", "null") and not event.style) else str(text_value)
                _add(top, value)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                if stack and type(stack[-1][0]) is _Map and stack[-1][1] is None:
                    raise _Unusual  # a list or mapping as a key
                if not stack and (root is not None or kind is not yaml.MappingStartEvent):
                    raise _Unusual
                new: Any = _Map() if kind is yaml.MappingStartEvent else _List()
                new.line = event.start_mark.line + 1
                if kind is yaml.MappingStartEvent:
                    new.key_lines = {}
                stack.append([new, None, 0])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()[0]
                if stack:
                    _add(stack[-1], done)
                else:
                    root = done
            elif kind is yaml.StreamEndEvent:
                break
            elif kind is yaml.AliasEvent:
                raise _Unusual
            elif kind is yaml.DocumentStartEvent and root is not None:
                raise _Unusual  # a second document
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        parser.dispose()
    if root is None:
        raise _Unusual
    return root


def _add(top: list[Any], value: Any) -> None:
    container = top[0]
    if type(container) is _List:
        container.append(value)
    else:
        container[top[1]] = value
        container.key_lines[top[1]] = top[2]
        top[1] = None


def _too_large(size: int) -> str:
    return f"the annotation is {size / 2**20:.1f} MB; kb takes annotations up to {MAX_ANNOTATION_BYTES // 2**20} MB"


def _convert(node: yaml.Node) -> Any:
    """YAML node → Python, every scalar a string, mappings and lists remembering their lines."""
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise AnnotationError(f"{key_node.start_mark.line + 1}: a key must be a plain name, not a list or mapping")
            key = str(key_node.value)
            if key in out:
                raise AnnotationError(f"{key_node.start_mark.line + 1}: key {key!r} appears twice")
            out[key] = _convert(value_node)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = _List(_convert(item) for item in node.value)
        items.line = node.start_mark.line + 1
        return items
    if node.tag == "tag:yaml.org,2002:null" or (node.value in ("", "~", "null") and not node.style):
        return None
    return str(node.value)


# Fields `kb source new` writes on a proposed event; ignored once the proposal is accepted.
_PROPOSAL_FIELDS = ("proposed", "confidence", "note")


# --- The annotation's parts ---------------------------------------------------------------


@dataclass
class ActorSpec:
    key: str
    name: str | None
    kind: str | None
    aliases: list[str]
    description: str | None
    line: int
    proposed: bool = False
    # (relation, actor key): this actor is part of / acts for that one, as this source states it.
    relations: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PolicySpec:
    key: str
    name: str | None
    owner: str | None
    description: str | None
    aliases: list[str]
    line: int


@dataclass
class CitationSpec:
    quote: str
    date: DateSpec
    basis: str
    attributed_to: str | None
    attributed_actor: str | None
    occurrence: int | None
    beyond_publication: str | None
    line: int
    disagrees: str | None = None  # a reviewed disagreement with the event ("date")
    # Filled in by resolve():
    start: int = -1
    end: int = -1
    exact: str = ""


@dataclass
class EventSpec:
    key: str
    defines: bool  # False: `cites:` an event an earlier source defined
    type: str | None
    headline: str | None
    stance: str | None
    description: str | None
    policies: list[str]
    actors: list[tuple[str, str]]
    citations: list[CitationSpec]
    line: int
    proposed: bool = False  # drafted by `kb source new`; a person must accept it (delete the flag)
    # Declared state changes: None (as the type says), or the policies whose state it changes.
    changes_state: list[str] | None = None
    adds_to_stance: str | None = None  # `cites:` only: detail this source adds to the event's stance

    def changes(self, policy: str) -> bool:
        """Whether this event changes that policy's state (declared, else by its type)."""
        if self.changes_state is not None:
            return policy in self.changes_state
        return self.type in vocab.STATE_CHANGING_TYPES


@dataclass
class TermSpec:
    """Words this source uses for one thing: a term and its variants (spellings, acronyms, plain-language synonyms)."""

    term: str
    variants: list[str]
    line: int


@dataclass
class Contribution:
    """Everything one source adds: the annotation, validated, quotes located."""

    source_key: str
    kind: str
    issuer: str | None
    publisher: str | None
    reviewed: bool
    published_inferred: bool | None = None  # None: as the document's <NOTE> says
    actors: list[ActorSpec] = field(default_factory=list)
    policies: list[PolicySpec] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)
    terms: list[TermSpec] = field(default_factory=list)


class _Reader:
    """Pulls typed fields out of a parsed mapping, naming file, line and field on error."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, line: int, where: str, message: str) -> AnnotationError:
        return AnnotationError(f"{self.origin}:{line}: {where}: {message}")

    def mapping(self, value: Any, line: int, where: str) -> _Map:
        if not isinstance(value, _Map):
            raise self.fail(line, where, "expected a mapping of fields")
        return value

    def items(self, value: Any, line: int, where: str) -> _List:
        if value is None:
            empty = _List()
            empty.line = line
            return empty
        if not isinstance(value, _List):
            raise self.fail(line, where, "expected a list")
        return value

    def text(self, m: _Map, name: str, where: str, *, required: bool = False) -> str | None:
        value = m.get(name)
        line = m.key_lines.get(name, m.line)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(line, f"{where}.{name}", "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(line, f"{where}.{name}", "expected text")
        return " ".join(value.split()) if name != "quote" else value

    def key(self, m: _Map, name: str, where: str, *, required: bool = True) -> str | None:
        value = self.text(m, name, where, required=required)
        if value is not None and not _KEY.match(value):
            raise self.fail(
                m.key_lines.get(name, m.line),
                f"{where}.{name}",
                f"{value!r} is not a key (use lowercase letters, digits, '-', '.', '_')",
            )
        return value

    def choice(self, m: _Map, name: str, where: str, allowed: tuple[str, ...], *, required: bool) -> str | None:
        value = self.text(m, name, where, required=required)
        if value is not None and value not in allowed:
            raise self.fail(
                m.key_lines.get(name, m.line),
                f"{where}.{name}",
                f"unknown value {value!r} (expected one of: {', '.join(allowed)})",
            )
        return value

    def strings(self, m: _Map, name: str, where: str) -> list[str]:
        line = m.key_lines.get(name, m.line)
        out = []
        for i, item in enumerate(self.items(m.get(name), line, f"{where}.{name}")):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(line, f"{where}.{name}[{i}]", "expected text")
            out.append(" ".join(item.split()))
        return out

    def keys(self, m: _Map, name: str, where: str) -> list[str]:
        """A list of keys (a single key is taken as a list of one)."""
        value = m.get(name)
        line = m.key_lines.get(name, m.line)
        items = [value] if isinstance(value, str) else self.strings(m, name, where)
        for item in items:
            if not _KEY.match(item):
                raise self.fail(line, f"{where}.{name}", f"{item!r} is not a key")
        return items

    def flag(self, m: _Map, name: str, where: str) -> bool | None:
        """true/false (yes/no), or None when absent."""
        value = self.text(m, name, where)
        if value is None:
            return None
        if value.lower() not in ("true", "false", "yes", "no"):
            raise self.fail(m.key_lines.get(name, m.line), f"{where}.{name}", "expected true or false")
        return value.lower() in ("true", "yes")

    def unknown(self, m: _Map, where: str, allowed: tuple[str, ...]) -> None:
        for name in m:
            if name not in allowed:
                raise self.fail(
                    m.key_lines[name], f"{where}.{name}", f"unknown field (expected one of: {', '.join(allowed)})"
                )


def parse_annotation(text: str, *, origin: str, source_key: str) -> Contribution:
    """Parse annotation YAML into a Contribution whose quotes are not yet located."""
    r = _Reader(origin)
    try:
        root = _plain_tree(text)
    except _Unusual:
        node = _compose(text, origin=origin)
        if node is None:
            raise AnnotationError(f"{origin}:1: the annotation is empty") from None
        try:
            root = r.mapping(_convert(node), 1, "annotation")
        except AnnotationError as exc:
            raise AnnotationError(f"{origin}:{exc}") from None
    r.unknown(root, "annotation", ("source", "reviewed", "actors", "policies", "events", "terms"))
    src = r.mapping(root.get("source"), root.key_lines.get("source", 1), "source")
    r.unknown(src, "source", ("kind", "issuer", "publisher", "published_inferred"))
    reviewed_text = r.text(root, "reviewed", "annotation") or "false"
    if reviewed_text.lower() not in ("true", "false", "yes", "no"):
        raise r.fail(root.key_lines["reviewed"], "reviewed", "expected true or false")
    contribution = Contribution(
        source_key=source_key,
        kind=r.choice(src, "kind", "source", vocab.SOURCE_KINDS, required=True) or "other",
        issuer=r.key(src, "issuer", "source", required=False),
        publisher=r.text(src, "publisher", "source"),
        reviewed=reviewed_text.lower() in ("true", "yes"),
        published_inferred=r.flag(src, "published_inferred", "source"),
    )
    for i, item in enumerate(r.items(root.get("actors"), root.key_lines.get("actors", 1), "actors")):
        where = f"actors[{i}]"
        a = r.mapping(item, root.key_lines.get("actors", 1), where)
        r.unknown(a, where, ("key", "name", "kind", "aliases", "description", "proposed", *vocab.RELATIONS))
        contribution.actors.append(
            ActorSpec(
                key=r.key(a, "key", where) or "",
                name=r.text(a, "name", where, required=True),
                kind=r.choice(a, "kind", where, vocab.ACTOR_KINDS, required=True),
                aliases=r.strings(a, "aliases", where),
                description=r.text(a, "description", where),
                line=a.line,
                proposed=(r.text(a, "proposed", where) or "false").lower() in ("true", "yes"),
                relations=[(rel, other) for rel in vocab.RELATIONS for other in r.keys(a, rel, where)],
            )
        )
    for i, item in enumerate(r.items(root.get("policies"), root.key_lines.get("policies", 1), "policies")):
        where = f"policies[{i}]"
        p = r.mapping(item, root.key_lines.get("policies", 1), where)
        r.unknown(p, where, ("key", "name", "owner", "description", "aliases", "proposed"))
        contribution.policies.append(
            PolicySpec(
                key=r.key(p, "key", where) or "",
                name=r.text(p, "name", where, required=True),
                owner=r.key(p, "owner", where, required=False),
                description=r.text(p, "description", where),
                aliases=r.strings(p, "aliases", where),
                line=p.line,
            )
        )
    for i, item in enumerate(r.items(root.get("events"), root.key_lines.get("events", 1), "events")):
        contribution.events.append(_parse_event(r, item, i, root.key_lines.get("events", 1)))
    for i, item in enumerate(r.items(root.get("terms"), root.key_lines.get("terms", 1), "terms")):
        where = f"terms[{i}]"
        t = r.mapping(item, root.key_lines.get("terms", 1), where)
        r.unknown(t, where, ("term", "variants"))
        term = r.text(t, "term", where, required=True) or ""
        variants = [v for v in r.strings(t, "variants", where) if v.strip().lower() != term.strip().lower()]
        if not variants:
            raise r.fail(t.key_lines.get("variants", t.line), f"{where}.variants", "list at least one other way of writing the term")
        contribution.terms.append(TermSpec(term=term, variants=variants, line=t.line))
    _check_references(r, contribution)
    return contribution


def _parse_event(r: _Reader, item: Any, i: int, line: int) -> EventSpec:
    where = f"events[{i}]"
    e = r.mapping(item, line, where)
    defines = "cites" not in e
    if defines:
        key = r.key(e, "key", where) or ""
        where = f"event {key}"
        r.unknown(e, where, ("key", "type", "headline", "stance", "description", "policies", "actors", "citations", "changes_state", *_PROPOSAL_FIELDS))
        etype = r.choice(e, "type", where, vocab.EVENT_TYPE_NAMES, required=True)
        headline = r.text(e, "headline", where, required=True)
        stance = r.text(e, "stance", where)
        policies = r.strings(e, "policies", where)
        for pk in policies:
            if not _KEY.match(pk):
                raise r.fail(e.key_lines["policies"], f"{where}.policies", f"{pk!r} is not a key")
        changes_state = _declared_changes(r, e, where, policies)
        changes_any = bool(changes_state) if changes_state is not None else etype in vocab.STATE_CHANGING_TYPES
        if (changes_any or etype in vocab.STATE_CHANGING_TYPES) and not stance:
            raise r.fail(e.line, f"{where}.stance", f"{_a(etype or '')} {etype!r} event changes the policy's state: say in one sentence what the policy is after it")
        if not changes_any and etype not in vocab.STATE_CHANGING_TYPES and stance:
            raise r.fail(e.key_lines["stance"], f"{where}.stance", f"only state-changing events carry a stance, not {_a(etype or '')} {etype!r} event (declare `changes_state: true` if this one changes it)")
        if not policies and (r.text(e, "proposed", where) or "false").lower() not in ("true", "yes"):
            raise r.fail(e.line, f"{where}.policies", "name at least one policy the event concerns")
    else:
        if "key" in e:
            raise r.fail(e.key_lines["key"], f"{where}.key", "an entry that `cites:` an event has no key of its own")
        key = r.key(e, "cites", where) or ""
        where = f"event {key}"
        r.unknown(e, where, ("cites", "actors", "citations", "adds_to_stance", *_PROPOSAL_FIELDS))
        etype = headline = stance = None
        policies = []
        changes_state = None
    actors: list[tuple[str, str]] = []
    actors_line = e.key_lines.get("actors", e.line)
    for j, a in enumerate(r.items(e.get("actors"), actors_line, f"{where}.actors")):
        am = r.mapping(a, actors_line, f"{where}.actors[{j}]")
        r.unknown(am, f"{where}.actors[{j}]", ("actor", "role"))
        actors.append(
            (
                r.key(am, "actor", f"{where}.actors[{j}]") or "",
                r.choice(am, "role", f"{where}.actors[{j}]", vocab.ROLES, required=True) or "",
            )
        )
    citations: list[CitationSpec] = []
    cit_line = e.key_lines.get("citations", e.line)
    cit_items = r.items(e.get("citations"), cit_line, f"{where}.citations")
    if not cit_items:
        raise r.fail(cit_line, f"{where}.citations", "an event needs at least one citation (a verbatim quote)")
    for j, c in enumerate(cit_items):
        cwhere = f"{where}.citations[{j}]"
        cm = r.mapping(c, cit_line, cwhere)
        r.unknown(cm, cwhere, ("quote", "date", "basis", "attributed_to", "attributed_actor", "occurrence", "beyond_publication", "disagrees"))
        disagrees = r.choice(cm, "disagrees", cwhere, vocab.DISAGREEMENTS, required=False)
        if disagrees is not None and defines:
            raise r.fail(
                cm.key_lines["disagrees"], f"{cwhere}.disagrees",
                "an event's defining source states its date; mark a later source's `cites:` citation instead",
            )  # fmt: skip
        date_text = r.text(cm, "date", cwhere, required=True) or ""
        try:
            date = DateSpec.parse(date_text)
        except DateError as exc:
            raise r.fail(cm.key_lines["date"], f"{cwhere}.date", str(exc)) from None
        occurrence_text = r.text(cm, "occurrence", cwhere)
        occurrence = None
        if occurrence_text is not None:
            # ASCII digits only ("²".isdigit() is true), and few: int() refuses 4,300+ digits.
            if not re.fullmatch(rf"[0-9]{{1,{_MAX_OCCURRENCE_DIGITS}}}", occurrence_text) or int(occurrence_text) < 1:
                raise r.fail(
                    cm.key_lines["occurrence"], f"{cwhere}.occurrence",
                    f"expected a whole number from 1 (at most {_MAX_OCCURRENCE_DIGITS} digits), not {_short(occurrence_text)}",
                )  # fmt: skip
            occurrence = int(occurrence_text)
        citations.append(
            CitationSpec(
                quote=r.text(cm, "quote", cwhere, required=True) or "",
                date=date,
                basis=r.choice(cm, "basis", cwhere, vocab.DATE_BASES, required=True) or "",
                attributed_to=r.text(cm, "attributed_to", cwhere),
                attributed_actor=r.key(cm, "attributed_actor", cwhere, required=False),
                occurrence=occurrence,
                beyond_publication=r.choice(cm, "beyond_publication", cwhere, vocab.BEYOND_PUBLICATION, required=False),
                line=cm.line,
                disagrees=disagrees,
            )
        )
    proposed = (r.text(e, "proposed", where) or "false").lower() in ("true", "yes")
    return EventSpec(
        key, defines, etype, headline, stance, r.text(e, "description", where) if defines else None,
        policies, actors, citations, e.line, proposed, changes_state,
        None if defines else r.text(e, "adds_to_stance", where),
    )  # fmt: skip


def _a(word: str) -> str:
    """The indefinite article for a word: "an 'amended' event", "a 'reversed' event"."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _declared_changes(r: _Reader, e: _Map, where: str, policies: list[str]) -> list[str] | None:
    """`changes_state:` true, false or a list of the event's policies; None when not declared."""
    if "changes_state" not in e:
        return None
    value = e["changes_state"]
    line = e.key_lines["changes_state"]
    if isinstance(value, str):
        flag = r.flag(e, "changes_state", where)
        return list(policies) if flag else []
    keys = r.keys(e, "changes_state", where)
    for key in keys:
        if key not in policies:
            raise r.fail(line, f"{where}.changes_state", f"{key!r} is not one of the event's policies ({', '.join(policies) or 'none'})")
    return keys


def _check_references(r: _Reader, c: Contribution) -> None:
    actor_keys = {a.key for a in c.actors}
    policy_keys = {p.key for p in c.policies}
    for kind, keys, lines in (("actor", [a.key for a in c.actors], [a.line for a in c.actors]), ("policy", [p.key for p in c.policies], [p.line for p in c.policies])):
        seen: set[str] = set()
        for key, line in zip(keys, lines):
            if key in seen:
                raise r.fail(line, f"{kind} {key}", "declared twice in this file")
            seen.add(key)

    def need(keys: set[str], key: str | None, line: int, where: str, what: str) -> None:
        if key is not None and key not in keys:
            known = ", ".join(sorted(keys)) or "none"
            plural = "policies" if what == "policy" else f"{what}s"
            raise r.fail(
                line, where,
                f"unknown {what} {key!r}{did_you_mean(key, keys)}: declare it under `{plural}:` in this file (declared: {known})",
            )  # fmt: skip

    need(actor_keys, c.issuer, 1, "source.issuer", "actor")
    for a in c.actors:
        for relation, other in a.relations:
            need(actor_keys, other, a.line, f"actor {a.key}.{relation}", "actor")
            if other == a.key:
                raise r.fail(a.line, f"actor {a.key}.{relation}", "an actor is not related to itself")
    for p in c.policies:
        need(actor_keys, p.owner, p.line, f"policy {p.key}.owner", "actor")
    event_keys: set[str] = set()
    for e in c.events:
        if e.defines:
            if e.key in event_keys:
                raise r.fail(e.line, f"event {e.key}", "defined twice in this file")
            event_keys.add(e.key)
        for pk in e.policies:
            need(policy_keys, pk, e.line, f"event {e.key}.policies", "policy")
        for ak, _role in e.actors:
            need(actor_keys, ak, e.line, f"event {e.key}.actors", "actor")
        for cit in e.citations:
            need(actor_keys, cit.attributed_actor, cit.line, f"event {e.key}.attributed_actor", "actor")


def resolve(contribution: Contribution, document: Document, *, origin: str) -> Contribution:
    """Locate every quote in the document's <CONTENT> and check each stated date against it."""
    content = document.content
    published = document.published
    for event in contribution.events:
        for cit in event.citations:
            where = f"{origin}:{cit.line}: event {event.key}"
            matches = find_all(document.text, cit.quote, start=content.start, end=content.end)
            if not matches:
                near = closest_passage(document.text, cit.quote, start=content.start, end=content.end)
                passage = normalize(document.text[near.start : near.end])
                raise QuoteNotFound(
                    f"{where}: quote not found in {document.path.name} <CONTENT>; "
                    f"closest passage (line {line_of(document.text, near.start)}): \u201c{passage}\u201d"
                )
            if cit.occurrence is None and len(matches) > 1:
                lines = ", ".join(str(line_of(document.text, m.start)) for m in matches)
                raise AnnotationError(
                    f"{where}: quote occurs {len(matches)} times (lines {lines}); add `occurrence: N` to say which"
                )
            if cit.occurrence is not None and cit.occurrence > len(matches):
                raise AnnotationError(
                    f"{where}: occurrence {cit.occurrence} asked for, but the quote occurs {len(matches)} time(s)"
                )
            match = matches[(cit.occurrence or 1) - 1]
            cit.start, cit.end = match.start, match.end
            cit.exact = document.text[match.start : match.end]
            if cit.basis == "explicit" and not _DATE_IN_TEXT.search(cit.quote):
                raise AnnotationError(
                    f"{where}: basis is 'explicit' but the quote contains no date; use 'context' or 'relative'"
                )
            stated_first, _ = cit.date.interval()
            if stated_first > published.last_day() and cit.date.qualifier != "on_or_before" and cit.beyond_publication is None:
                raise AnnotationError(
                    f"{where}: stated date {cit.date} is after the document's publication date {published}; "
                    "mark the citation `beyond_publication: updated` or `planned` if that is right"
                )
    return contribution


def did_you_mean(word: str, candidates: Iterable[str], *, limit: int = 3) -> str:
    """"; did you mean: a, b" for the candidates closest to word (rapidfuzz), or ""."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(word, list(dict.fromkeys(candidates)), scorer=fuzz.ratio, processor=utils.default_process, limit=limit, score_cutoff=60)
    return f" (did you mean: {', '.join(repr(name) for name, _score, _i in found)}?)" if found else ""


def _short(text: str) -> str:
    return repr(text) if len(text) <= 20 else f"{text[:12]!r}… ({len(text)} characters)"


def read_annotation(path: Path) -> str:
    """An annotation file's text: a regular file (never a directory, FIFO or device), UTF-8, bounded in size."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AnnotationError(f"{path}: no annotation file; `kb source new` writes a starting one") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read the annotation: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise AnnotationError(f"{path}: is a directory, not an annotation file")
    if not stat.S_ISREG(info.st_mode):
        raise AnnotationError(f"{path}: not a regular file (a FIFO, socket or device); an annotation is a YAML file")
    if info.st_size > MAX_ANNOTATION_BYTES:
        raise AnnotationError(f"{path}:1: {_too_large(info.st_size)}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnnotationError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read the annotation: {exc.strerror}") from None


def load_annotation_file(path: Path, document: Document) -> Contribution:
    """Parse and resolve seeds/KEY.yaml against its document."""
    text = read_annotation(path)
    contribution = parse_annotation(text, origin=str(path), source_key=document.key)
    return resolve(contribution, document, origin=str(path))


def check_reviewed(contribution: Contribution, *, origin: str) -> None:
    """Refuse an annotation with anything a person has not yet accepted."""
    if not contribution.reviewed:
        raise AnnotationError(f"{origin}: not reviewed yet; check every quote and date, then set `reviewed: true`")
    for actor in contribution.actors:
        if actor.proposed:
            raise AnnotationError(
                f"{origin}:{actor.line}: actor {actor.key} is still a proposal: check its name and kind "
                "(or use an existing actor's key), then delete `proposed: true`"
            )
    for event in contribution.events:
        if event.proposed:
            raise AnnotationError(
                f"{origin}:{event.line}: event {event.key} is still a proposal: check it, then delete "
                "`proposed: true` to accept it (or delete the entry to reject it)"
            )
    if not contribution.events:
        raise AnnotationError(f"{origin}: names no events; a source adds at least one cited event")
