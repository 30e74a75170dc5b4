"""Policies a text names: known names and aliases found as whole phrases, scored by the words
they match; when none is found, a new policy named in the document's own words.
"""

from __future__ import annotations

import re

from kb.actors import slug
from kb.documents import Document
from kb.frames import frames
from kb.known import Known
from kb.sentences import Segment

_STOP = frozenset("the a an of and or in on for to by with policy policies program programme law act our their its".split())


# Kinds of instrument: "the convention", "the Agreement" point back at one inside a document (a
# reviewer's alias may say so) but name none across documents.
_KINDS = frozenset("convention conventions agreement agreements treaty treaties accord accords protocol protocols pact rule rules order orders ban bans "
                   "moratorium regulation regulations directive memorandum statute bill resolution decree proclamation guidance sanctions tariffs tariff "
                   "embargo cap quota quotas plan strategy initiative scheme".split())  # fmt: skip


def _phrase_ok(phrase: str) -> bool:
    """A name or alias specific enough to stand for a policy on its own."""
    words = re.findall(r"[\w.'-]+", phrase.lower())
    return len(phrase) >= 4 and any(w not in _STOP and w not in _KINDS for w in words)


def policy_scores(text: str, known: Known) -> dict[str, float]:
    """Policies whose name or alias occurs in the text as a whole phrase, scored by the length of
    the phrases found (longer names are more specific)."""
    scores: dict[str, float] = {}
    for phrase, (key, _n, _o) in known.policies.items():
        if not _phrase_ok(phrase):
            continue
        # One word stands for a policy only as written (a proper name or an acronym), never as a common word.
        flags = re.IGNORECASE if len(phrase.split()) > 1 else 0
        hits = len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, flags))
        words = phrase.split()
        for k in range(1, len(words)):
            # The owner's possessive: "Ruritania's new arms policy" for "Ruritania arms policy".
            if all(w[0].isupper() for w in words[:k]) and _phrase_ok(" ".join(words[k:])):
                owner, rest = (re.escape(" ".join(ws)) for ws in (words[:k], words[k:]))
                hits += len(re.findall(rf"(?<![\w-]){owner}['\u2019]s\s+(?:\w+\s+){{0,2}}{rest}(?![\w-])", text, re.IGNORECASE))
        if hits:
            scores[key] = scores.get(key, 0.0) + hits * len(phrase.split())
    return scores


_POLICY_HEADS = r"(?:Policy|Policies|Program|Programme|Act|Law|Directive|Ban|Moratorium|Regulations?|Rule|Treaty|Convention|Agreement|Strategy|Initiative|Doctrine|Order|Decree|Guidelines|Cap|Embargo|Mandate|Tariffs?|Sanctions|Quotas?|Scheme)"


# Words that point at a thing instead of naming it: "Today's rule", "this order", "such a policy".
_DEICTIC = re.compile(r"(?i)^(?:today|yesterday|tomorrow|tonight|this|that|these|those|such|its|their|our|his|her|my|your|said|the present|the new|the same)\b")
# What an instrument's title says it is before its name ("Notice of …", "Executive Order 14999 of March 3, 2025: …").
_INSTRUMENT_PREFIX = re.compile(
    r"(?i)^(?:notice of\s+|(?:[A-Z][\w.]*\s+){0,3}(?:order|proclamation|memorandum|directive|rule|notice|decree|determination)\b[^:\u2014\u2013]*(?::|\s[\u2014\u2013-]{1,2})\s+)"
)


def instrument_title(title: str) -> str | None:
    """The name an instrument's title gives it, without what kind of instrument it is."""
    name = _INSTRUMENT_PREFIX.sub("", " ".join(title.split())).strip(" .")
    return name if name != title.strip(" .") or len(name.split()) >= 2 and _title_like_name(name) else None


def _title_like_name(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words) and not _DEICTIC.match(text)


_BYLINE = re.compile(r"^(?:By|From|Contact|Written by|Author)\b[:\s]")


def new_policy(document: Document, segs: list[Segment], owner: str | None, own: bool = False) -> tuple[str, str, str | None, str] | None:
    """A policy the document is about when none known matches: a verbatim phrase of the document
    (its title first) that names a policy, with an owner and a one-line description. A document
    acting on its own ("This order establishes …") is about the instrument its title names."""
    texts = [document.title, *(s.text for s in segs)]
    titled = instrument_title(document.title) if own else None
    if titled and _title_like_name(titled) and len(titled.split()) >= 2:
        line = next((s.text for s in segs if s.kind == "sentence" and "voice:own-act" in {r for f in frames(s.text) for r in f.rules}), document.title)
        return slug(titled, 6), titled, owner, " ".join(line.split())[:200]
    # The title first, then the text in order: in each, an owner's policy ("Ruritania's arms policy"),
    # else a capitalised name ending in a policy's head word.
    for text in texts:
        m = re.search(rf"\b(?:[A-Z][\w.-]*\s+){{0,3}}[A-Z][\w.-]*['\u2019]s\s+(?:[\w-]+\s+){{0,3}}(?i:{_POLICY_HEADS})\b", text)
        if m and _DEICTIC.match(m.group(0)):
            m = None  # "Today's rule" points at the document; it names nothing
        if m:
            name = re.sub(r"^(?:The|A|An)\s+", "", m.group(0).strip())
            line = next((s.text for s in segs if s.kind == "sentence" and name.lower() in s.text.lower()), text)
            return slug(name, 6), name, owner, " ".join(line.split())[:200]
        if _BYLINE.match(text):
            continue  # "By Jane Roe, Senior Policy Analyst": who wrote it, not what it is about
        # The head ends the name: "Senior Policy Analyst" is a job, not a policy.
        m = re.search(rf"((?:[A-Z][\w.'-]*\s+|of\s+|on\s+|for\s+|and\s+){{0,6}}{_POLICY_HEADS})\b(?!\s+[A-Z][a-z])", text)
        if m is None:
            m = re.search(r"\b((?:(?!(?:the|a|an|its|their|our|his|her|this|that|on|of|to)\b)[\w.'-]+\s+){1,3}(?:policy|program|ban|law|directive))\b", text)
        if m:
            name = re.sub(r"^(?:The|A|An|New|On|Of)\s+", "", m.group(1).strip())
            if len(name.split()) >= 2 and _phrase_ok(name) and not _DEICTIC.match(name) and not re.fullmatch(r"(?i)(?:executive|final|interim|proposed)\s+\w+", name):
                line = next((s.text for s in segs if s.kind == "sentence" and name.lower() in s.text.lower()), text)
                return slug(name, 6), name, owner, " ".join(line.split())[:200]
    return None
