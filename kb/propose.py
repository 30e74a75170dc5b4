"""First-pass proposals for a new document: dated events with verbatim evidence, the actors and
policies they name, an event type and a confidence. Every proposal is marked `proposed: true`
in the annotation; nothing enters the knowledge base until a person accepts it.

The rules that are specific to policy language (which verbs rescind, restore, authorise,
exempt…) and to how news and government texts state dates are kept here, in tables.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from kb.dates import DateSpec, PartialDate
from kb.documents import Document
from kb.errors import DateError

# --- Policy language: verb families, strongest first ----------------------------------------------

FAMILIES: tuple[tuple[str, str, float, str], ...] = (
    # (event type, role of the acting party, confidence, pattern)
    ("exception", "authorised", 0.8, r"\bexception\b|\bexempt\w*|\bwaiv\w*"),
    ("reversed", "decided", 0.8, r"\brescind\w*|\brevok\w*|\boverturn\w*|\brevers\w*|\bin favor of a new\b"),
    ("reinstated", "decided", 0.8, r"\brestor\w*|\breviv\w*|\breinstat\w*"),
    ("amended", "authorised", 0.6, r"\bauthori[sz]\w*|\bapproved\b|\bdecided to\b|\badjust\w* permissions?\b|\bsanctions?\b"),
    ("rescinded", "decided", 0.7, r"\bend(?:s|ed)? (?:the|its) policy\b|\babolish\w*"),
    ("amended", "decided", 0.7, r"\bwill not (?:produce|use|acquire|develop|export|transfer|assist)\b|\balign\w* (?:our|its|U\.S\.)\b|\bchanges to\b|\bno longer\b|\bend the use\b"),
    ("adopted", "decided", 0.6, r"\bwas established\b|\badopt\w*\b|\blaunch\w*\b"),
    ("criticism", "criticised", 0.6, r"\bcritici[sz]\w*|\bcondemn\w*|\breckless\b|\bshocking\b|\bblack mark\b|\braked\b"),
    ("support", "supported", 0.6, r"\bsupports\b|\bwelcom\w*|\bendors\w*"),
    ("treaty_action", "voted", 0.6, r"\babstain\w*|\bratif\w*|\baccede\w*|\bwithdraw\w*"),
    ("deliberation", "considered", 0.5, r"\bconsidered\b|\breluctant\b|\bweigh\w*"),
    ("transfer", "provided", 0.5, r"\bprovided\b.*\bwith\b|\bprovision of\b|\bsecurity assistance package\b|\bdeliver\w*"),
    ("use", "used", 0.5, r"\b(?:been )?used since\b|\bdeployed\b|\bnot been used\b"),
    ("report", "subject", 0.5, r"\bstockpile\b|\bparties\b|\$[\d.]+ (?:billion|million)"),
    ("review", "implemented", 0.5, r"\breview\b|\bstudy\b|\bmodeling\b"),
    ("military_action", "implemented", 0.4, r"\binvad\w*|\bassaults?\b|\badvance\w*|\boffensive\b|\bentry of\b.*\b(?:soldiers|troops)\b"),
    ("statement", "stated", 0.3, r"\bsaid\b|\btold\b|\bstated\b|\bannounc\w*|\bexplained\b|\bcommitted\b|\bwarn\w*|\bvow\w*"),
)
STATE_CHANGES = {"adopted", "amended", "reversed", "rescinded", "reinstated", "exception"}

# --- How texts state dates ----------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

DATE_RULES: tuple[tuple[str, str], ...] = (
    # (name, pattern): tried in order; the first that matches in a sentence gives its date
    ("until month", rf"\b[Bb]etween now and (?:mid-|early |late |the end of )?{_MONTH}"),
    ("month day year", rf"\b{_MONTH} (\d{{1,2}}),? (\d{{4}})\b"),
    ("month year", rf"\b{_MONTH},? (\d{{4}})\b"),
    ("month day", rf"\b{_MONTH} (\d{{1,2}})\b"),
    ("today", r"\btoday\b"),
    ("weekday", r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("last year", r"\blast year\b"),
    ("this year", r"\b(?:earlier |later )?this year\b"),
    ("years ago", r"\b(?:nearly |almost |about |some )?(\w+) years ago\b"),
    ("in month", rf"\b[Ii]n {_MONTH}\b"),
    ("recent", r"\bin recent (?:weeks|months)\b"),
    ("year", r"\b(?:in|since|as of|by|of|until) ((?:19|20)\d{{2}})\b"),
    ("bare year", r"\b((?:19|20)\d{2})\b"),
)


@dataclass(frozen=True)
class StatedDate:
    spec: DateSpec
    basis: str  # explicit | relative | context
    beyond_publication: str | None = None


_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")
_RELATIVE = re.compile(r"(?i)\b(?:today|yesterday|this year|last year|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")


def find_date(sentence: str, published: PartialDate) -> StatedDate:
    """The date a sentence states, at the precision it states it; the publication date as a bound otherwise.

    A relative date inside a quotation of an older text is resolved against that text's date
    when the sentence gives it ("In its June 27, 2014 statement the White House said: “The
    United States announced today …”")."""
    pub = published.first_day() if published.day is not None else published.last_day()
    quoted = _QUOTED.search(sentence)
    if quoted and _RELATIVE.search(quoted.group(1)):
        outside = sentence[: quoted.start()] + sentence[quoted.end() :]
        m = re.search(rf"\b{_MONTH} (\d{{1,2}}),? (\d{{4}})\b", outside)
        if m:
            try:
                then = PartialDate.parse(f"{int(m.group(3)):04d}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}")
            except DateError:
                then = None
            if then is not None and then.first_day() <= pub:
                inner = find_date(quoted.group(1), then)
                return StatedDate(inner.spec, inner.basis)
    for name, pattern in DATE_RULES:
        m = re.search(pattern, sentence, 0 if name.startswith(("month", "year", "bare")) else re.IGNORECASE)
        if not m:
            continue
        try:
            stated = _rule_date(name, m, pub)
            stated.spec.interval()  # every day of it must be a date
            return stated
        except _NoDate:
            continue
        except (ValueError, OverflowError, DateError):
            continue  # a date outside years 1-9999 ("3000 years ago", "March 0000"): not proposed
    # No date in the sentence. Something going on in the present ("we are conducting", "is one
    # of the parties") holds on the day of publication; anything else happened on or before it.
    if re.search(r"\b(?:is|are)\s+(?:also\s+|now\s+|still\s+)?(?:\w+ing\b|one of\b)", sentence) and not re.search(
        r"\b(?:has|have|had|was|were)\b", sentence
    ):
        return StatedDate(DateSpec(PartialDate.from_date(pub)), "context")
    return StatedDate(DateSpec(PartialDate.from_date(pub), None, "on_or_before"), "context")


class _NoDate(Exception):
    """A date rule matched words that state no date."""


def _rule_date(name: str, m: re.Match[str], pub: dt.date) -> StatedDate:
    """The date one matched rule states; _NoDate when the match is not a date after all."""
    if name == "until month":
        # A plan from the publication day to the next such month: "between now and mid-January".
        month = _MONTHS[m.group(1).lower()]
        year = pub.year + (1 if month < pub.month else 0)
        spec = DateSpec(PartialDate.from_date(pub), PartialDate(year, month))
        return StatedDate(spec, "relative", "planned")
    if name == "month day year":
        try:
            d = PartialDate.parse(f"{int(m.group(3)):04d}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}")
        except DateError:
            raise _NoDate from None
        return _stated(DateSpec(d), "explicit", pub)
    if name == "month year":
        return _stated(DateSpec(PartialDate(int(m.group(2)), _MONTHS[m.group(1).lower()])), "explicit", pub)
    if name == "month day":
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
        if not 1 <= day <= calendar.monthrange(pub.year, month)[1]:
            raise _NoDate
        return _stated(DateSpec(PartialDate(pub.year, month, day)), "explicit", pub)
    if name == "today":
        return _stated(DateSpec(PartialDate.from_date(pub)), "relative", pub)
    if name == "weekday":
        # The nearest such day: news reports the last few days, and updates reach a day past publication.
        back = (pub.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
        shift = -back if back <= 3 else 7 - back
        return _stated(DateSpec(PartialDate.from_date(pub + dt.timedelta(days=shift))), "relative", pub)
    if name == "last year":
        return _stated(DateSpec(PartialDate(pub.year - 1)), "relative", pub)
    if name == "this year":
        return _stated(DateSpec(PartialDate(pub.year)), "relative", pub)
    if name == "years ago":
        n = _NUMBERS.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            # "nearly three years ago" is a little less than three years: half a year later.
            months = n * 12 - (6 if re.search(r"(?i)\b(?:nearly|almost)\b", m.group(0)) else 0)
            year = pub.year + (pub.month - 1 - months) // 12
            return _stated(DateSpec(PartialDate(year), None, "approximately"), "relative", pub)
        raise _NoDate
    if name == "recent":
        return _stated(DateSpec(PartialDate(pub.year)), "relative", pub)
    if name == "in month":
        return _stated(DateSpec(PartialDate(pub.year, _MONTHS[m.group(1).lower()])), "relative", pub)
    if name in ("year", "bare year"):
        return _stated(DateSpec(PartialDate(int(m.group(1)))), "explicit", pub)
    raise _NoDate


def _stated(spec: DateSpec, basis: str, pub: dt.date) -> StatedDate:
    return StatedDate(spec, basis, "updated" if spec.interval()[0] > pub else None)


# --- Sentences ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9\u201d\u2019\"')\]][.!?])\s+(?=[A-Z\u201c\"(])"  # a full stop after a word, not after "U.S."
    r"|(?<=[.!?;:\u201d\"])\s*\n\s*"  # closing punctuation at a line's end
    r"|\n\s*\n(?=\s*[A-Z\-\u2022])(?<![A-Z]\.\n\n)"  # a blank line before a new paragraph
    r"|\n(?=\s*[-\u2022])"  # before a list item
)


def sentences(document: Document) -> list[tuple[int, int]]:
    """Offsets of the sentences of the document's <CONTENT> (whitespace trimmed)."""
    text, lo, hi = document.text, document.content.start, document.content.end
    spans, start = [], lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= 12:
            out.append((a, b))
    return out


# --- Proposals ------------------------------------------------------------------------------------


@dataclass
class Known:
    """What the knowledge base already has, to match names against."""

    actors: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name or alias -> (key, name, kind)
    policies: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # keyword -> (key, name, owner key)
    events: list[tuple[str, str, DateSpec, set[str]]] = field(default_factory=list)  # key, type, date, policy keys


@dataclass
class Proposal:
    key: str
    type: str
    confidence: float
    start: int
    end: int
    quote: str
    date: StatedDate
    policies: list[str]
    actors: list[tuple[str, str]]
    new_actors: list[tuple[str, str, str]]  # key, name, kind
    note: str | None = None


_NAME = re.compile(r"\b([A-Z][a-z]+(?: [A-Z]\.| [A-Z][a-z]+){1,3})\b")
# Titles before a person's name: not part of the name ("Minister Oksana Petrenko").
_TITLES = {"President", "Minister", "Secretary", "Defense", "Ambassador", "Senator", "General", "Admiral", "Rear",
           "Adm", "Press", "National", "Security", "Advisor", "Adviser", "Foreign", "Prime", "Deputy", "Spokesman",
           "Spokeswoman", "Chairman", "Director", "Mr", "Ms", "Mrs", "Dr"}  # fmt: skip
_ORG_WORDS = ("Department", "Ministry", "Office", "Council", "Watch", "International", "Committee", "Agency", "Administration", "House", "Nations", "Union")
_NOT_NAMES = {"The", "This", "That", "These", "Those", "But", "And", "In", "On", "As", "It", "Today", "Since", "After", "Before"}


def _fuzzy_actor(name: str, known: Known) -> str | None:
    """The key of a known actor this name is a variant of (rapidfuzz token-set similarity ≥ 90)."""
    if not known.actors:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(name, list(known.actors), scorer=fuzz.token_set_ratio, score_cutoff=90)
    return known.actors[best[0]][0] if best else None


def _slug(text: str, limit: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:limit]) or "event"


def propose(document: Document, known: Known) -> list[Proposal]:
    """Proposed events for a document, likely policy-state changes first."""
    published = document.published
    text = document.text
    proposals: list[Proposal] = []
    used_keys: set[str] = set()
    next_suffix: dict[str, int] = {}
    for start, end in sentences(document):
        sentence = " ".join(text[start:end].split())
        family = next(((t, role, conf) for t, role, conf, pattern in FAMILIES if re.search(pattern, sentence)), None)
        stated = find_date(sentence, published)
        if family is None:
            if stated.basis != "explicit":
                continue  # neither a policy verb nor a date: not an event
            family = ("statement", "stated", 0.25)
        etype, role, confidence = family
        if stated.basis == "explicit":
            confidence = min(0.95, confidence + 0.1)
        policies = sorted({key for word, (key, _n, _o) in known.policies.items() if re.search(rf"(?i)\b{re.escape(word)}\b", sentence)})
        actors: list[tuple[str, str]] = []
        for name, (key, _n, _k) in sorted(known.actors.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{re.escape(name)}\b", sentence) and key not in [a for a, _ in actors]:
                actors.append((key, role if not actors else "subject"))
        new_actors = []
        for m in _NAME.finditer(sentence):
            words = m.group(1).split()
            while words and words[0].rstrip(".") in _TITLES:
                words = words[1:]
            name = " ".join(words)
            if len(words) < 2 or words[0] in _NOT_NAMES or name in known.actors or any(name in k for k in known.actors):
                continue
            match = _fuzzy_actor(name, known)
            if match is not None:  # "Secretary Hagel", "President Joe R. Biden": an actor already known
                if match not in [a for a, _ in actors]:
                    actors.append((match, role if not actors else "subject"))
                continue
            kind = "organisation" if any(w in name for w in _ORG_WORDS) else "person"
            key = _slug(name, 4)
            if key not in [a for a, _k in actors] and key not in [k for k, _n, _kind in new_actors]:
                new_actors.append((key, name, kind))
                actors.append((key, role if len(actors) == 0 else "subject"))
        # A repeated sentence gets -2, -3, …: counting per base key keeps this linear.
        base = key = f"{published.iso()}-{_slug(sentence)}"
        n = next_suffix.get(base, 1)
        while key in used_keys:
            n += 1
            key = f"{base}-{n}"
        next_suffix[base] = n
        used_keys.add(key)
        proposal = Proposal(key, etype, round(confidence, 2), start, end, text[start:end], stated, policies, actors, new_actors)
        for event_key, event_type, event_date, event_policies in known.events:
            if event_type == etype and (not policies or event_policies & set(policies)) and event_date.overlaps(stated.spec):
                proposal.note = f"probably restates {event_key}: if so, replace `key:` … with `cites: {event_key}`"
                break
        proposals.append(proposal)
        # A sentence that states several years tells of several happenings ("not used since
        # 1991 … apart from a single 2002 incident"): one more proposal for each further year.
        for year in dict.fromkeys(re.findall(r"\b((?:19|20)\d{2})\b", sentence)):
            if stated.basis == "explicit" and str(stated.spec.start.year) != year and stated.spec.precision == "year":
                extra = Proposal(f"{key}-{year}", etype, round(confidence - 0.1, 2), start, end, text[start:end],
                                 StatedDate(DateSpec(PartialDate(int(year))), "explicit"), policies, actors, new_actors)  # fmt: skip
                used_keys.add(extra.key)
                proposals.append(extra)
    proposals.sort(key=lambda p: (p.type not in STATE_CHANGES, -p.confidence, p.start))
    return proposals


_GENERIC = {"policy", "program", "the", "of", "and", "on", "u.s.", "united", "states", "us", "to", "for", "in", "s", "our"}


def known_from(session) -> Known:  # noqa: ANN001 (a SQLAlchemy session)
    """Names, aliases and policy keywords from the knowledge base."""
    from sqlalchemy import select

    from kb.models import Actor, ActorAlias, Event, EventPolicy, Policy, PolicyAlias

    known = Known()
    actors = {a.id: a for a in session.scalars(select(Actor))}
    for a in actors.values():
        known.actors[a.name] = (a.key, a.name, a.kind)
    for actor_id, alias in session.execute(select(ActorAlias.actor_id, ActorAlias.alias)):
        a = actors[actor_id]
        if len(alias) > 3 and alias[0].isupper():  # "U.S." or "the department" would match too much
            known.actors.setdefault(alias, (a.key, a.name, a.kind))
    policies = {p.id: p for p in session.scalars(select(Policy))}
    names: dict[int, set[str]] = {pid: {p.name} for pid, p in policies.items()}
    for policy_id, alias in session.execute(select(PolicyAlias.policy_id, PolicyAlias.alias)):
        names[policy_id].add(alias)
    words: dict[int, set[str]] = {
        pid: {w for n in ns for w in re.findall(r"[A-Za-z][A-Za-z.\-]+", n) if w.lower() not in _GENERIC and (len(w) > 3 or w.isupper())}
        for pid, ns in names.items()
    }
    for pid, own in words.items():
        # A policy's distinctive words: in its names and in no other policy's (ignoring case).
        others = {w.lower() for other, ws in words.items() if other != pid for w in ws}
        own = {w for w in own if w.lower() not in others}
        owner = actors[policies[pid].owner_id].key if policies[pid].owner_id in actors else None
        for word in own | names[pid]:
            known.policies[word] = (policies[pid].key, policies[pid].name, owner)
    links: dict[int, set[str]] = {}
    for event_id, policy_id in session.execute(select(EventPolicy.event_id, EventPolicy.policy_id)):
        links.setdefault(event_id, set()).add(policies[policy_id].key)
    for e in session.scalars(select(Event)):
        spec = DateSpec(PartialDate.parse(e.date), PartialDate.parse(e.date_end) if e.date_end else None, e.qualifier)
        known.events.append((e.key, e.type, spec, links.get(e.id, set())))
    return known


def _q(value: str) -> str:
    """A YAML scalar that reads back exactly (a JSON string is a YAML double-quoted scalar)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def proposals_yaml(proposals: list[Proposal], known: Known) -> tuple[str, str, str]:
    """The actors, policies and events sections of a starting annotation holding these proposals."""
    actor_lines: list[str] = []
    declared: set[str] = set()
    by_key = {key: (name, kind) for key, name, kind in known.actors.values()}
    policy_by_key = {key: (name, owner) for key, name, owner in known.policies.values()}
    needed_actors = [a for p in proposals for a, _ in p.actors]
    needed_policies = list(dict.fromkeys(k for p in proposals for k in p.policies))
    needed_actors += [policy_by_key[k][1] for k in needed_policies if policy_by_key[k][1]]
    new = {k: (n, kind) for p in proposals for k, n, kind in p.new_actors}
    for key in dict.fromkeys(needed_actors):
        if key in declared:
            continue
        declared.add(key)
        if key in by_key:
            name, kind = by_key[key]
            actor_lines += [f"  - key: {key}", f"    name: {_q(name)}", f"    kind: {kind}"]
        else:
            name, kind = new[key]
            actor_lines += [f"  - key: {key}        # new: or replace with an existing actor's key", f"    name: {_q(name)}",
                            f"    kind: {kind}", "    proposed: true"]  # fmt: skip
    policy_lines: list[str] = []
    for key in needed_policies:
        name, owner = policy_by_key[key]
        policy_lines += [f"  - key: {key}", f"    name: {_q(name)}"] + ([f"    owner: {owner}"] if owner else [])
    event_lines: list[str] = []
    for p in proposals:
        event_lines += [
            f"  - key: {p.key}",
            f"    type: {p.type}",
            f"    headline: {_q(' '.join(p.quote.split())[:120])}",
        ]
        if p.type in STATE_CHANGES:
            # The sentence states the change: a first draft of the stance after it, to be edited.
            event_lines.append(f"    stance: {_q(' '.join(p.quote.split()))}")
        event_lines.append(f"    policies: [{', '.join(p.policies)}]")
        if p.actors:
            event_lines.append("    actors:")
            event_lines += [f"      - {{actor: {a}, role: {role}}}" for a, role in p.actors]
        event_lines += [
            "    citations:",
            f"      - quote: {_q(' '.join(p.quote.split()))}",
            f"        date: {_q(str(p.date.spec))}",
            f"        basis: {p.date.basis}",
        ]
        if p.date.beyond_publication:
            event_lines.append(f"        beyond_publication: {p.date.beyond_publication}")
        event_lines += ["    proposed: true", f"    confidence: {p.confidence}"]
        if p.note:
            event_lines.append(f"    note: {_q(p.note)}")
    return "\n".join(actor_lines), "\n".join(policy_lines), "\n".join(event_lines)
