"""First-pass proposals for a new document: dated events with verbatim evidence, the actors and
policies they name, an event type and a confidence. Every proposal is marked `proposed: true`
in the annotation; nothing enters the knowledge base until a person accepts it.

Nothing here is about one subject: verb frames of policy language (adopt, rescind, restore,
authorise…) with their polarity and modality (kb.frames), date forms (kb.datewords), sentence
structure (kb.sentences), and names from the knowledge base itself (kb.actors, kb.policies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kb.actors import NOT_NAMES, TITLES, acronyms, actors_in, kind_of, names_in, slug, surname_index
from kb.dates import DateSpec, PartialDate
from kb.datewords import FUTURE, Found, StatedDate, anaphora, attached, find_all, publication_day
from kb.documents import Document
from kb.frames import CLAUSE_END, FRAMES, PREPOSED, Frame, act_in, frames, frames_in
from kb.known import Known, KnownEvent
from kb.policies import instrument_title, new_policy, policy_scores
from kb.sentences import Segment, outside_quotes, quotation_speakers, segments, shouting, truecased
from kb.vocabulary import STATE_CHANGING_TYPES

__all__ = ["FRAMES", "Known", "KnownEvent", "Proposal", "StatedDate", "find_date", "frames", "known_from", "propose", "proposals_yaml", "sentences"]

FAMILIES = FRAMES  # the name earlier releases used
STATE_CHANGES = STATE_CHANGING_TYPES


# --- Dates ----------------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")
_PRESENT = re.compile(r"\b(?:is|are|remains?)\s+(?:also\s+|now\s+|still\s+)?(?:\w+ing\b|one of\b|not a\b|committed\b)|\b(?:will|remain\w*|believes|needs|continues|supports|says|wants)\b"
                      # a stance taken in the present tense ("The administration maintains that …", "The Court rejects the argument …")
                      r"|\b(?:maintains|argues|contends|insists|holds|rejects|finds|concludes|notes|welcomes|condemns|regrets|deplores|urges|opposes|considers|accepts|acknowledges|agrees|disagrees|denies|warns|expects|hopes|fears|recogni[sz]es)\b")
_PAST = re.compile(r"\b(?:has|have|had|was|were|did)\b")


# Words before a verb that put what it names before the time of writing ("previous steps to end…",
# "in the wake of the recent authorisation…").
_PRIOR = re.compile(r"(?i)(?:\b(?:previous|prior|earlier|recent|former)\b(?:\s+[\w\u2019'-]+){0,3}|\b(?:in the wake of|following|after)\b(?:\s+[\w\u2019'-]+){0,6})\s*$")
# A verb in the simple past, not an adjective ("the proposed rule") nor a participle after "be".
_ACTED = re.compile(r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bbe )(?<!\bbeen )\b(?:[a-z]{3,}ed|spoke|met|gave|held|began|struck|sent|took|made|wrote|told|said|led|won|lost|chose|set|put|paid|sought|fought|drew|rose|fell|broke|withdrew|went|came|brought|saw|found|sold|bought|built|cut|shut|hit|threw|ran|became|left|kept|stood|swore|undertook)\b")
# A line handing over to a quotation: "Prime Minister Jane Roe said:", "Quotes attributable to the Minister …:".
_SPEECH_LEAD = re.compile(r"(?i)(?:\b(?:said|says|added|stated|commented|remarked)|\bquotes? attributable to\b.*):$")
_OPENING_QUOTES = "\"\u201c\u2018'"
_SIMPLE_PAST = re.compile(r"(?i)\b(?:was|were|had|did)\b")
# An act told in the present perfect ("the President has directed …", "has pulled the country out"): done
# on some day before the writing, not a state holding on its day ("has not signed", "has been", "has become").
_PERFECT_ACT = re.compile(r"(?i)\b(?:has|have)\s+(?:(?:also|already|now|just|recently|twice|again|\w+ly)\s+)?(?!been\b|become\b)(?:[a-z]{3,}ed|made|taken|sent|given|brought|begun|withdrawn|led|held|set|put|cut|kept|won|lost|paid|spent|sought|built|chosen|written|shown|drawn|done|struck|told)\b")
_DEMAND_NOW = re.compile(r"(?i)\b(?:should|must|needs? to|ought to|urges?|calls? (?:on|for|upon)|asks?|demands?)\b")
# A definite noun phrase naming an act at the head of a sentence refers back to one already told.
_REFERS_BACK = re.compile(r"(?i)^(?:(?:this|these|that|those)\b(?!\s+(?:year|week|month|morning|afternoon)\b)|(?:the|such)\s+(?:new\s+|latest\s+)?(?:announcement|decision|move|step|changes?|commitment|statement|measures?|actions?|order|directive|study|review)\b)")


# An instrument made on a date earlier in the document ("signed a memorandum yesterday", "an executive
# order that the governor signed on Jan. 20"), and a later sentence whose subject it is ("The new memorandum
# sets …", "The order also revoked …", "It directs …"): that sentence tells what the instrument did then.
_INSTRUMENT = r"(?:executive order|order|memorandum|memo|proclamation|directive|decree|rule|regulation|guidance|ordinance|statute|law|legislation)s?"
_MADE = r"(?:signed|issued|published|promulgated|finali[sz]ed|released|adopted|enacted|passed|approved|announced|unveiled|replaced it \S+ (?:\S+ )?with)"
_INSTRUMENT_MADE = re.compile(rf"(?i)\b{_MADE}\s+(?:(?:an?|the|its|his|her|their|a new)\s+)?(?:[\w-]+\s+){{0,3}}?({_INSTRUMENT})\b|\b({_INSTRUMENT})\s+(?:that|which)\s+(?:[\w.'\u2019-]+\s+){{0,5}}?{_MADE}\b")
_INSTRUMENT_SUBJECT = re.compile(rf"(?i)^(?:the|this|that)\s+(?:(?:new|executive|presidential|final|interim|latest)\s+)*({_INSTRUMENT})\b(?!\s+(?:of|that|which|was|is|would|will|to)\b)")
_IT_ACTS = re.compile(r"^(?:(?:Instead|And|But|However|Also|Meanwhile),?\s+)?[Ii]t\s+(?:also\s+)?(?!is\b|was\b|has\b|had\b|does\b|did\b)[a-z]+(?:s|ed)\b")


def _instrument_head(noun: str) -> str:
    head = re.sub(r"s$", "", noun.lower().split()[-1])
    return {"memo": "memorandum", "legislation": "law", "statute": "law", "regulation": "rule"}.get(head, head)


def instrument_made(sentence: str, published: PartialDate) -> tuple[str, StatedDate] | None:
    """The instrument a sentence says was made on a date it states, with that date."""
    found = [f for f in find_all(sentence, published) if not f.name and not f.span and f.date.spec.start.first_day() <= publication_day(published)]
    best: tuple[int, str, StatedDate] | None = None
    for m in _INSTRUMENT_MADE.finditer(sentence):
        noun = m.group(1) or m.group(2)
        for f in found:
            gap = f.start - m.end() if f.start >= m.end() else m.start() - f.end
            between = sentence[min(m.end(), f.end) : max(m.start(), f.start)] if gap > 0 else ""
            if gap < 0 or gap > 45 or re.search(r"[;:]|\.\s", between):
                continue
            if best is None or gap < best[0]:
                best = (gap, _instrument_head(noun), f.date)
    return (best[1], best[2]) if best else None


# Instruments that take their date from a signature (an order, a memorandum, a proclamation).
_SIGNED_INSTRUMENT = re.compile(r"(?i)\b(?:executive order|order|memorandum|proclamation|directive|decree|determination|presidential (?:policy )?(?:decision|directive))\b")


def signing_date(document: Document, segs: list[Segment]) -> PartialDate | None:
    """The day the document dates or signs itself ("THE PALACE, March 3, 2025.", "Executive
    Order 14999 of March 3, 2025"): its own act's day, when on or up to 120 days before publication
    (an instrument is often published days after it is signed)."""
    heads = [s.text for s in segs if s.kind == "heading"][:3]
    if not any(_SIGNED_INSTRUMENT.search(t) for t in [document.title, *heads]):
        return None  # a rule or notice takes effect from its publication, not from the day it was dated
    pub = publication_day(document.published)
    texts = [s.text for s in segs if s.kind == "dateline"] + [s.text for s in segs if s.kind == "heading"] + [document.title]
    for text in texts:
        for f in find_all(text, document.published):
            start = f.date.spec.start
            if f.date.basis == "explicit" and start.day is not None and f.date.spec.end is None and 0 <= (pub - start.first_day()).days <= 120:
                return start
    return None


_WORDS_TYPES = frozenset({"statement", "criticism", "support", "reaffirmed"})
_SAYS = r"(?:said|says|stated|added|noted|explained|warned|argued|wrote|declared)"
_NEVER = re.compile(r"(?!x)x")


def issuer_voice(document: Document) -> re.Pattern[str]:
    """What the document's own author saying something looks like ("Senator Roe said", "said Roe"),
    from the names in its <AUTHOR> (and, in a joint release whose title names the author, the
    title's other names); a pattern that never matches when the author names no one."""
    names = {w for w in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", document.author) if w not in TITLES and w not in NOT_NAMES}
    names -= {"Office", "Press", "Department", "Ministry", "Committee", "Staff", "United", "States", "House", "Senate", "By"}
    if names & set(re.findall(r"\b[A-Z][a-z]+\b", document.title)):
        names |= {w for w in re.findall(r"\b([A-Z][a-z]+)(?=,|\s+and\b)", document.title) if w not in TITLES}
    if not names:
        return _NEVER
    who = "|".join(sorted(map(re.escape, names)))
    return re.compile(rf"\b(?:{who})\b(?:\s+\([^)]*\))?\s+{_SAYS}\b|\b{_SAYS}\s+(?:[A-Z][a-z]*\.?\s+){{0,3}}(?:{who})\b")


# An item opening with a commitment or a command: "Will not …", "Not assist …", "Prohibit the use of …", "Require that …".
_COMMAND = re.compile(r"(?:[-\u2022*]\s*|\(?[a-z0-9]{1,3}[.)]\s+)?(?:(?:[Ww]ill|[Ww]ould|[Ss]hall|[Nn]ot|[Nn]ever|[Tt]o)\b|(?!(?:The|This|That|These|Those|It|Its|Our|Their|His|Her|We|They|He|She|In|On|At|By|For|From|As|After|Before|Since|While|When|If)\b)[A-Za-z]+(?<!s)(?<!ed)\s+(?:the|a|an|that|all|any|its|their|our|his|her|new|no|each|every|back|up|out|down|funds?|funding)\b)")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
# Someone else's words reported (narrower than SPEECH_VERB: "we have continued to …" is still our own words).
_REPORTED = re.compile(r"\b(?:said|says|told|tells|stated|according to|reported)\b")


# --- Whose record: a journalist's report, or the issuer's own ----------------------------------------

# A byline: a line of its own that opens with "By" and a name ("By Jo Roe", "Dec. 1, 2017 | By Jo Roe"),
# not "Statement by …" nor "By the authority vested in me".
_BYLINE = re.compile(r"(?m)^[ \t]*(?:[^|\n]{0,40}\|[ \t]*)?[Bb][Yy][ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]*){1,3}[ \t]*(?:,|\band\b|\(|$)")
_BARE_NAME = re.compile(r"(?:[A-Z][a-z'-]+\.?\s+){1,3}[A-Z][a-z'-]+")
_NEWS_AGENCY = re.compile(r"\b(?:Reuters|Associated Press|Agence France-Presse|AFP|United Press International|UPI|Bloomberg News)\b|\((?:AP|AFP|UPI)\)")
# A newspaper named in the author line ("Sam Poe, The Daily Example"); not an issuer's own news service ("DoD News").
_NEWSPAPER = re.compile(r"\b(?:Times|Post|Journal|Herald|Tribune|Gazette|Daily|Chronicle|Telegraph|Guardian|Newswire)\b")


def news_report(document: Document) -> bool:
    """Whether the document is a journalist's report of what others did and said: a byline or a
    news agency opens its text, or its <AUTHOR> is a news agency, a newspaper or people's names
    alone, with no office, role or body."""
    head = "\n".join(document.content.value.strip().splitlines()[:8])
    if _BYLINE.search(head) or document.author.startswith("By ") or _NEWS_AGENCY.search(document.author) or _NEWS_AGENCY.search(head) or _NEWSPAPER.search(document.author):
        return True
    parts = [p.strip() for p in re.split(r",|\band\b", document.author) if p.strip()]
    return bool(parts) and all(_BARE_NAME.fullmatch(p) and kind_of(p) == "person" and not set(p.split()) & (TITLES | NOT_NAMES) for p in parts)


# Words told of as said on an earlier occasion: an affirmative present perfect ("officials have told the
# committee", "the ministry has said"), unless it tells how long something has held ("for five years it has refused").
_EARLIER = re.compile(r"\b(?:has|have)\s+(?!not\b|never\b)(?:\w+ly\s+|also\s+|already\s+|instead\s+|long\s+)?(?:said|told|been|[a-z]+ed)\b")
_HELD_FOR = re.compile(r"(?i)\b(?:for|over) (?:more than |over |nearly |almost |the (?:past|last) )?(?:\w+ |\d+ )?(?:years|months|decades|weeks)\b")
_SAID_THEN = re.compile(r"\b(?:said|told|noted|stated|described|responded|added|explained|argued|warned)\b")
# A verb in the simple past (an act's verb, not after an auxiliary): a narrative of what was done, not the record's own words.
_NARRATED = re.compile(r"(?i)\b(?:was|were|did)\b|(?<!\bhas )(?<!\bhave )(?<!\bhad )(?<!\bis )(?<!\bare )(?<!\bbeing )" + _ACTED.pattern)
_TODAY = re.compile(r"\b[Tt]oday\b")
# An entry of a chronology: a paragraph opening with its date and a dash or colon ("October 18, 2023 – OFAC
# issues …", "June 30, 2016: The Secretary announced …"). Every sentence of the entry tells of that day.
_ENTRY_MARK = re.compile(r"\s*[:\u2013\u2014-]\s")


def _words_of_the_record(sentence: str, of_the_day: bool) -> bool:
    """Whether undated words in an issuer's own record (a release, a meeting's write-up, a floor
    statement, a court's summary) are said in it, on its day: its own judgments in the present, or,
    in a record of the day's occasion (one that says "today"), speech told in the simple past; not
    words told as said earlier ("has said") nor a narrative of what was done."""
    outside, _open = outside_quotes(sentence, False)
    if _EARLIER.search(outside) and not _HELD_FOR.search(outside):
        return False
    return of_the_day if _SAID_THEN.search(outside) else not _NARRATED.search(outside)


def _own_words(sentence: str) -> bool:
    """Whether a sentence is the author's own words in the first person ("I regret to say …", "we
    are concerned …"), not a quotation nor speech reported of someone else."""
    outside, _open = outside_quotes(sentence, False)
    return bool(_FIRST_PERSON.search(outside)) and not _REPORTED.search(outside) and sentence[:1] not in _OPENING_QUOTES


def find_date(sentence: str, published: PartialDate, anchor: int | None = None) -> StatedDate:
    """The date a sentence states for the verb at `anchor` (the first date when none), at the
    precision it states it; the publication date as a bound otherwise."""
    return _date_and_rule(sentence, published, anchor)[0]


def _on_or_before(spec: DateSpec) -> DateSpec:
    return spec if spec.qualifier == "on_or_before" else DateSpec(spec.start, None, "on_or_before")


def _date_and_rule(sentence: str, published: PartialDate, anchor: int | None, frame: Frame | None = None,
                   carried: StatedDate | None = None, lead_in: StatedDate | None = None,
                   signed: PartialDate | None = None, instrument: StatedDate | None = None,
                   before_paragraph: StatedDate | None = None) -> tuple[StatedDate, str]:  # fmt: skip
    pub = publication_day(published)
    found = find_all(sentence, published)
    # A relative date inside a quotation of an older text is resolved against that text's date.
    quoted = _QUOTED.search(sentence)
    if quoted:
        outside = [f for f in found if not (quoted.start() <= f.start < quoted.end()) and f.rule in ("month day year", "day month year")]
        older = [f for f in outside if f.date.spec.start.first_day() <= pub]
        if older:
            inner = [f for f in find_all(quoted.group(1), older[0].date.spec.start) if f.date.basis == "relative"]
            if inner and (anchor is None or quoted.start() <= anchor < quoted.end()):
                return StatedDate(inner[0].date.spec, inner[0].date.basis), "date:quoted-older-text"
    if frame is not None and "voice:own-act" in frame.rules:
        # The document's own act happens when the document is issued, whatever older dates it names.
        if signed is not None:
            return StatedDate(DateSpec(signed), "context"), "date:own-act-on-signing"
        return StatedDate(DateSpec(PartialDate.from_date(pub)), "context"), "date:own-act-on-publication"
    # A preposed adjunct clause with an event of its own keeps its dates; the main clause keeps the rest.
    adjunct = PREPOSED.match(sentence)
    if adjunct and frame is not None and (frame.prior or frames_in(sentence, 0, adjunct.end())):
        found = [f for f in found if (f.end <= adjunct.end()) == frame.prior]
    # "said the same day that …": a date told from the one an earlier sentence stated, where this
    # sentence has none of its own to tell it from.
    reference = carried if carried is not None else before_paragraph
    if reference is not None and not any(f.rule == "anaphoric" for f in found):
        told_rule = "anaphoric-from-paragraph" if carried is not None else "anaphoric-from-previous-paragraph"
        found = sorted([*found, *(f for f in anaphora(sentence, reference, told_rule) if not any(g.start < f.end and f.start < g.end for g in found))],
                       key=lambda f: f.start)  # fmt: skip
    chosen: Found | None = attached(found, sentence, anchor)
    if chosen is not None:
        return chosen.date, "date:by-deadline" if chosen.by else f"date:{chosen.rule}"
    if frame is not None and frame.prior and adjunct:
        main, _rule = _date_and_rule(sentence, published, adjunct.end(), None)
        return StatedDate(_on_or_before(main.spec), "context"), "date:before-main-clause"
    no_date = StatedDate(DateSpec(PartialDate.from_date(pub), None, "on_or_before"), "context")
    on_the_day = StatedDate(DateSpec(PartialDate.from_date(pub)), "context")
    if anchor is not None and _PRIOR.search(sentence[max(0, anchor - 60) : anchor]):
        return no_date, "date:prior-reference"
    if carried is not None and _REFERS_BACK.match(sentence):
        return carried, "date:carried-from-paragraph"
    if frame is not None and anchor is not None:
        verb = sentence[anchor : anchor + 25].split()[0].lower()
        if frame.type == "reaffirmed" and not verb.endswith("ed"):
            return on_the_day, "date:reaffirmed-on-publication"
        if frame.type == "report" and not _SIMPLE_PAST.search(sentence, adjunct.end() if adjunct and not frame.prior else 0):
            if "frame:undated-actor-sentence" in frame.rules and _PERFECT_ACT.search(sentence):
                return no_date, "date:perfect-act-before-publication"
            return on_the_day, "date:figure-as-of-publication"
        if "modality:demanded" in frame.rules and _DEMAND_NOW.search(sentence[max(0, anchor - 60) : anchor]):
            return on_the_day, "date:demand-on-publication"
    if instrument is not None:
        return StatedDate(instrument.spec, "context"), "date:instrument-made-earlier"
    if lead_in is not None:
        return lead_in, "date:list-lead-in"
    # No date: a state of affairs in the present holds on the day of publication; anything else
    # happened on or before it.
    if _PRESENT.search(sentence) and not _PAST.search(sentence):
        return on_the_day, "date:present-state"
    return no_date, "date:on-or-before-publication"


# --- Sentences ------------------------------------------------------------------------------------


def sentences(document: Document) -> list[tuple[int, int]]:
    """Offsets of the sentences of the document's <CONTENT> (headings and datelines left out)."""
    return [(s.start, s.end) for s in segments(document) if s.kind == "sentence" and len(s.text) >= 12]


@dataclass(frozen=True)
class Candidate:
    """An existing event a proposal may restate, with how well it fits."""

    key: str
    date: DateSpec
    type: str
    headline: str
    score: float


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
    candidates: list[Candidate] = field(default_factory=list)
    new_policies: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # key, name, owner, description
    rules: tuple[str, ...] = ()
    policy_scores: dict[str, float] = field(default_factory=dict)
    actor_aliases: dict[str, list[str]] = field(default_factory=dict)  # new actor key -> the acronyms the document gave it


# --- Merge suggestions --------------------------------------------------------------------------


def candidates(p: Proposal, sentence: str, known: Known, published: PartialDate) -> list[Candidate]:
    """Up to three existing events this proposal may restate, best first: wording (the quote vs the
    event's citations and headline), type, actors, policies and date all weigh in. An event dated
    after the document's publication is never suggested unless the sentence is about the future."""
    if not known.events:
        return []
    from rapidfuzz import fuzz

    pub_first = published.first_day()
    future = bool(FUTURE.search(sentence))
    own_actors = {a for a, _ in p.actors}
    fitting = [
        e for e in known.events
        if (e.date.interval()[0] <= publication_day(published) or future) and e.date.overlaps(p.date.spec)
    ]
    same_type = [e for e in fitting if e.type == p.type]
    out = []
    for e in fitting:
        wording = max([fuzz.token_set_ratio(sentence, q) for q in e.quotes[:5]] + [fuzz.token_set_ratio(sentence, e.headline)]) / 100
        typed = e.type == p.type
        exact_date = p.date.spec == e.date or (p.date.basis != "context" and e.date.start == p.date.spec.start)
        contains = p.date.basis != "context" and p.date.spec.interval()[0] <= e.date.interval()[0] and e.date.interval()[1] <= p.date.spec.interval()[1]
        score = (
            0.4 * wording
            + 0.2 * typed
            + 0.1 * bool(own_actors & e.actors)
            + 0.1 * bool(set(p.policies) & e.policies)
            + (0.15 if exact_date else 0.1 if contains else 0)
            + 0.05 * (typed and len(same_type) == 1)  # the only event of its type the date allows
        )
        if p.date.basis == "context" and e.date.interval()[0] == pub_first and p.date.spec.qualifier is None:
            score += 0.05  # the day's own announcement told again
        vague = p.date.basis == "context" and p.date.spec.qualifier == "on_or_before"
        # An event of another subject (none of its policies ever concerned together with one of the
        # proposal's) is no restatement, whatever its type, date or a shared country say.
        other_subject = bool(p.policies and e.policies) and not any(known.kindred.get(k, frozenset({k})) & e.policies for k in p.policies)
        if score >= 0.6 and not other_subject and (typed or wording >= 0.7) and not (vague and (not typed or wording < 0.75)):
            out.append(Candidate(e.key, e.date, e.type, e.headline, round(score, 2)))
    out.sort(key=lambda c: -c.score)
    return out[:3]


def _note(cands: list[Candidate]) -> str:
    shown = "; ".join(f"{c.key} ({c.date}, {c.type}, “{c.headline[:80]}”, score {c.score:.2f})" for c in cands)
    return f"probably restates {cands[0].key}: if so, replace `key:` … with `cites: {cands[0].key}`. Candidates: {shown}"


# --- Proposing ----------------------------------------------------------------------------------


def _evidence(seg: Segment, sentence: str, at: int, text: str) -> tuple[int, int]:
    """Stored offsets of the evidence: the sentence, or for interleaved columns the stored line
    holding the character `at` of the column's reading (a quote must be one run of stored text)."""
    if not seg.lines:
        return seg.start, seg.end
    pos = 0
    for a, b in seg.lines:
        piece = " ".join(text[a:b].split())
        i = sentence.lower().find(piece[:20].lower(), max(0, pos - 1))
        if i >= 0 and i <= at < i + len(piece) + 1:
            return a, b
        if i >= 0:
            pos = i + len(piece)
    return seg.lines[0]


# A finite verb: an auxiliary or modal, or a verb in the past or the third person present.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|shall|did|does|remains?|continues?)\b|\b[a-z]{3,}(?:ed|es)\b|\b[a-z]{2,}[^s\W]s\b")
_FAULT = re.compile(r"(?i)\b(?:fail(?:ed|s|ure)? to|has failed|have failed|without (?:any )?consult\w*|refus(?:ed|es|ing) (?:to|every|all|any)|walked away|br(?:oke|eaks?|oken) (?:its|their|his|her|our) (?:word|promise|pledge|commitment)s?|incomplete|cheat(?:ed|ing)|not consistently)\b")
_COMMITS = re.compile(r"(?i)\b(?:will|shall|would|is to|are to)\b")


def _actor_fact(sentence: str, known: Known, surnames: dict[str, str], doc_names: dict[str, str],
                short: dict[str, str]) -> Frame | None:
    """An undated sentence with no policy verb still tells of something when an actor it names does
    or is something in it ("The agency has not published the data.", "The envoy will lead the
    delegation."): a commitment is a statement, the rest a state of affairs reported. Lead-ins to a
    list or a quotation, questions, and a transcript speaker's talk naming no one are not."""
    if sentence.rstrip().endswith((":", "?")) or not _FINITE.search(sentence):
        return None
    if not actors_in(sentence, None, known, None, surnames, doc_names, short)[0]:
        return None
    if _FAULT.search(sentence):
        # An actor found at fault ("has failed to …", "acted without consulting …", "the data are incomplete").
        return Frame("criticism", "criticised", 0.1, 0, ("frame:undated-actor-sentence", "frame:fault-found"))
    kind = "statement" if _COMMITS.search(sentence) else "report"
    return Frame(kind, "stated", 0.1, 0, ("frame:undated-actor-sentence",))


def propose(document: Document, known: Known) -> list[Proposal]:
    """Proposed events for a document, likely policy-state changes first."""
    published = document.published
    text = document.text
    # All-capital passages are read in ordinary case, the knowledge base's names written as it writes them.
    segs = [replace(s, text=truecased(s.text, [*known.actors, *known.policies])) if shouting(s.text) else s for s in segments(document)]
    surnames = surname_index(known)
    doc_names: dict[str, str] = {}
    for s in segs:
        for _pos, name in names_in(s.text):
            if kind_of(name) == "person":
                doc_names.setdefault(name.split()[-1].lower(), name)
    whole = " ".join([document.title, *(s.text for s in segs)])
    short = acronyms([s.text for s in segs])
    doc_policies = policy_scores(whole, known)
    main_policy = max(doc_policies, key=lambda k: doc_policies[k]) if doc_policies else None
    owner_guess = next((key for _n, (key, _nm, kind) in known.actors.items() if kind == "government" and _n in whole), None)
    own = any("voice:own-act" in f.rules for s in segs if s.kind == "sentence" for f in frames(s.text))
    fresh_policy = new_policy(document, segs, owner_guess, own) if not doc_policies else None
    signed = signing_date(document, segs) if own else None
    issuer = issuer_voice(document)
    record = not news_report(document)
    of_the_day = bool(_TODAY.search(document.content.value))
    proposals: list[Proposal] = []
    used_keys: set[str] = set()
    next_suffix: dict[str, int] = {}
    carried: dict[int, StatedDate] = {}  # per paragraph, the last date a sentence stated for its event
    entries: dict[int, StatedDate | None] = {}  # per paragraph of a chronology, the date it opens with
    # A list's items happen on the date of the sentence introducing them ("This means that … will:").
    lead_in: StatedDate | None = None
    previous, previous_paragraph, previous_item = "", -1, False
    speech: str | None = None  # "Minister X said:", "Quotes attributable to X:": the quotation after it is X's
    last_dated: StatedDate | None = None  # the last date a sentence stated for its event, in any paragraph
    made: dict[str, StatedDate] = {}  # instruments the document says were made on a date, by their head noun
    subject: str | None = None  # the instrument the sentences now speak of ("The order …", "It also …")
    release_day = StatedDate(DateSpec(PartialDate.from_date(publication_day(published))), "context")
    # A quotation running over several sentences is the words of the one its attribution names, said when they said it.
    prose = [s for s in segs if s.kind == "sentence"]
    spoken_by = {id(s): prose[k] for s, k in zip(prose, quotation_speakers(prose)) if k is not None and prose[k] is not s}
    for seg in segs:
        if seg.kind != "sentence" or len(seg.text) < 12:
            continue
        sentence = seg.text
        if seg.paragraph not in entries:
            opening = find_all(sentence, published)
            entries[seg.paragraph] = opening[0].date if opening and opening[0].start == 0 and opening[0].date.basis == "explicit" and _ENTRY_MARK.match(sentence, opening[0].end) else None
        if previous.endswith(":"):
            said, _rule = _date_and_rule(previous, published, None, None, carried.get(previous_paragraph))
            lead_in = said
        elif not previous.endswith(";") and not (seg.item and previous_item):
            lead_in = None  # a lead-in holds over its list: items closing with ";", or bulleted ones
        previous, previous_paragraph, previous_item = sentence, seg.paragraph, seg.item
        quoted_by, speech = (speech if sentence[:1] in _OPENING_QUOTES else None), None
        attribution = spoken_by[id(seg)].text if quoted_by is None and id(seg) in spoken_by else None
        head = _INSTRUMENT_SUBJECT.match(sentence)
        if head and _instrument_head(head.group(1)) in made:
            subject = _instrument_head(head.group(1))
        elif not (subject and _IT_ACTS.match(sentence)):
            subject = None
        instrument = made[subject] if subject else None
        if (told := instrument_made(sentence, published)) is not None:
            made[told[0]] = told[1]
        if _SPEECH_LEAD.search(sentence):
            speech = sentence  # the lead-in itself states nothing; its quotation does
            continue
        found = frames(sentence)
        if not found and quoted_by:
            found = [Frame("statement", "stated", 0.3, 0, ("frame:quoted-after-lead-in",))]
        if not found:
            stated, date_rule = _date_and_rule(sentence, published, None)
            acted = _ACTED.search(sentence) if stated.basis == "relative" else None
            if stated.basis == "explicit":
                found = [act_in(sentence) or Frame("amended", "decided", 0.25, 0, ("frame:dated-sentence",))]
            elif acted is not None:
                # A relative date ("Last week", "three years ago") with a verb in the past tells of an act too.
                found = [act_in(sentence) or Frame("amended", "decided", 0.2, acted.start(), ("frame:relative-dated-act",))]
            elif (fact := _actor_fact(sentence, known, surnames, doc_names, short)) is not None:
                found = [fact]
            else:
                continue  # no policy verb, no date, no actor doing anything: not an event
        sentence_policies = policy_scores(sentence, known)
        stated_dates: list[DateSpec] = []
        first: tuple[Frame, str, StatedDate, float, list[str], list[tuple[str, str]], list[tuple[str, str, str]], int, int] | None = None
        for n, frame in enumerate(found):
            stated, date_rule = _date_and_rule(sentence, published, frame.anchor, frame, carried.get(seg.paragraph), lead_in, signed, instrument,
                                               None if seg.paragraph in carried else last_dated)
            if stated.basis == "context" and entries.get(seg.paragraph) is not None:
                stated, date_rule = entries[seg.paragraph], "date:chronology-entry"
            if frame.type in _WORDS_TYPES and stated.basis != "context" and stated.spec.interval()[0] > release_day.spec.interval()[1] \
                    and (said := _REPORTED.search(sentence)) and any(f.start > said.start() and f.date.spec == stated.spec for f in find_all(sentence, published)):  # fmt: skip
                # Words said in the past about a day still to come ("urged supporters to join the May 1 marches"): the
                # day is what they tell of; they were said on or before publication. (Where the day comes before the
                # verb of saying, "X is to speak on Monday, the office said", the sentence tells of that day.)
                stated, date_rule = StatedDate(DateSpec(PartialDate.from_date(publication_day(published)), None, "on_or_before"), "context"), "date:words-before-the-day-they-tell"
            if date_rule == "date:on-or-before-publication" and frame.type in _WORDS_TYPES and issuer.search(sentence):
                # The document's own author speaking in it ("…," Senator Roe said. in Roe's release) speaks on its day.
                stated, date_rule = release_day, "date:issuer-speaks-on-publication"
            elif attribution is not None and stated.basis == "context" and frame.type in _WORDS_TYPES:
                # Words of a quotation running over several sentences are said when its attribution says
                # they were: "X said:" or the author's own words on the release's day, another's on the
                # day the attribution states, if it states one.
                if _SPEECH_LEAD.search(attribution) or issuer.search(attribution):
                    stated, date_rule = release_day, "date:quotation-continued"
                elif (when := _date_and_rule(attribution, published, None)[0]).basis != "context":
                    stated, date_rule = when, "date:quotation-continued"
            elif quoted_by and stated.basis == "context" and frame.type in _WORDS_TYPES:
                # Words a release quotes after "X said:" are said for the release, on its day.
                stated, date_rule = release_day, "date:quoted-on-publication"
            elif date_rule == "date:list-lead-in" and lead_in is not None and lead_in.basis == "context" and _COMMAND.match(sentence):
                # An item of a list of what someone will do or should do ("Will not use …;", "Prohibit the
                # use of …", "Rescind the rule;") under an undated lead-in ("The bill would:", "We urge the
                # ministry to:"): the document commits to it or asks for it on its day.
                stated, date_rule = release_day, "date:list-of-commitments-on-publication"
            elif date_rule == "date:on-or-before-publication" and frame.type in _WORDS_TYPES and attribution is None and _own_words(sentence):
                # The author speaking in the first person, no one else's words: said in the document, on its day.
                stated, date_rule = release_day, "date:own-words-on-publication"
            elif date_rule == "date:on-or-before-publication" and frame.type in _WORDS_TYPES and record and _words_of_the_record(sentence, of_the_day):
                # Words an issuer's own record reports, not a journalist's: said on the occasion it records, the day it is issued.
                stated, date_rule = release_day, "date:words-in-issuers-record"
            confidence = frame.confidence + (0.1 if stated.basis == "explicit" else 0)
            # The document's main policy, and any other the sentence names as a whole phrase.
            policies = list(dict.fromkeys(([main_policy] if main_policy else []) + sorted(sentence_policies)))
            actors, new_actors = actors_in(quoted_by or sentence, frame if not quoted_by else None, known, seg.speaker, surnames, doc_names, short)
            start, end = _evidence(seg, sentence, frame.anchor, text)
            base = key = f"{published.iso()}-{slug(sentence)}" + (f"-{frame.type}" if n else "")
            k = next_suffix.get(base, 1)
            while key in used_keys:
                k += 1
                key = f"{base}-{k}"
            next_suffix[base] = k
            used_keys.add(key)
            rules = (*frame.rules, date_rule) + (("date:instrument-name-skipped",) if any(f.name for f in find_all(sentence, published)) else ()) + (("policy:whole-phrase",) if sentence_policies else ("policy:document",) if policies else ())
            p = Proposal(key, frame.type, round(min(0.95, confidence), 2), start, end, text[start:end], stated, policies,
                         actors, new_actors, rules=rules, policy_scores={k_: round(v, 1) for k_, v in (sentence_policies or doc_policies).items()})  # fmt: skip
            p.actor_aliases = {k: [a for a, full in short.items() if full == n] for k, n, _kind in new_actors if n in short.values()}
            if fresh_policy and not p.policies:
                p.policies = [fresh_policy[0]]
                p.new_policies = [fresh_policy]
                p.rules = (*p.rules, "policy:new") + (("policy:instrument-title",) if own and fresh_policy[1] == instrument_title(document.title) else ())
            p.candidates = candidates(p, sentence, known, published)
            if p.candidates:
                p.note = _note(p.candidates)
                p.rules = (*p.rules, "merge:suggested")
            proposals.append(p)
            stated_dates.append(stated.spec)
            if n == 0:
                first = (frame, key, stated, confidence, policies, actors, new_actors, start, end)
                if stated.basis != "context":
                    carried[seg.paragraph] = last_dated = stated
        if first is not None:
            frame, key, stated, confidence, policies, actors, new_actors, start, end = first
            # Each further date the sentence states tells of a further happening ("not used since
            # 1991 … apart from a single 2002 incident"): one more proposal for each.
            for f in find_all(sentence, published):
                # A relative date counts when a verb of its own in the past governs it ("the strategy
                # that the administration issued last year"), not a bare "today" or "now".
                acted = f.date.basis == "relative" and _ACTED.search(sentence[max(0, f.start - 40) : f.start]) and f.date.spec != release_day.spec
                if f.date.basis != "explicit" and f.rule != "anaphoric" and not acted or f.name or f.span and f.rule != "span year" or any(f.date.spec == d or f.date.spec.overlaps(d) and d.qualifier != "on_or_before" for d in stated_dates):
                    continue
                # The clause the date stands in tells what happened then, when it has a verb of its own
                # ("In 2016 the board adopted the quota, and in 2020 it was suspended").
                lo = max((m.end() for m in CLAUSE_END.finditer(sentence, 0, f.start)), default=0)
                hi = next((m.start() for m in CLAUSE_END.finditer(sentence, f.end)), len(sentence))
                local = [g for g in frames_in(sentence, lo, hi) if g.anchor != frame.anchor] if (lo, hi) != (0, len(sentence)) else []
                etype, rules = (local[0].type, (*local[0].rules, "clause:own-frame")) if local else (frame.type, frame.rules)
                extra = Proposal(f"{key}-{slug(sentence[f.start:f.end], 3)}", etype, round(max(0.1, confidence - 0.2), 2), start, end,
                                 text[start:end], f.date, policies, actors, new_actors, rules=(*rules, f"date:{f.rule}", "date:further-date") + (("date:further-relative-date",) if f.date.basis == "relative" and f.rule != "anaphoric" else ()))  # fmt: skip
                used_keys.add(extra.key)
                proposals.append(extra)
    _link_effective_dates(proposals)
    proposals.sort(key=lambda p: (p.type not in STATE_CHANGES, -p.confidence, p.start))
    return proposals


_TAKES_EFFECT = re.compile(r"(?i)\b(?:takes?|took|will take|shall take) effect\b|\b(?:becomes?|became|is|shall be|will be) effective\b|\beffective (?:on|as of|from)\b|\b(?:goes|go|went|will go) into effect\b|\b(?:enters?|entered|will enter) into force\b")


def _link_effective_dates(proposals: list[Proposal]) -> None:
    """A sentence saying when the document's own act takes effect dates that act's change of the
    policy: typed as the act, with a note linking the two (a reviewer cites one from the other)."""
    own = next((p for p in proposals if "voice:own-act" in p.rules), None)
    if own is None:
        return
    for p in proposals:
        if p is own or p.date.basis == "context" or p.type not in ("statement", "amended", own.type) or not _TAKES_EFFECT.search(p.quote):
            continue
        p.type = own.type
        p.confidence = max(p.confidence, 0.5)
        p.rules = (*p.rules, "frame:takes-effect")
        p.note = (f"when {own.key} takes effect: the policy changes on this date; keep it as the act's date, or cite the act with this quote"
                  + (f". {p.note}" if p.note else ""))


def known_from(session) -> Known:  # noqa: ANN001 (a SQLAlchemy session)
    """Names, aliases, policy names and events (with their wording) from the knowledge base."""
    from sqlalchemy import select

    from kb.models import Actor, ActorAlias, Citation, Event, EventActor, EventPolicy, Policy, PolicyAlias

    known = Known()
    actors = {a.id: a for a in session.scalars(select(Actor))}
    for a in actors.values():
        known.actors[a.name] = (a.key, a.name, a.kind)
    for actor_id, alias in session.execute(select(ActorAlias.actor_id, ActorAlias.alias)):
        a = actors[actor_id]
        if len(alias) > 3 and alias[0].isupper():  # a two-letter abbreviation or a lowercase role noun would match too much
            known.actors.setdefault(alias, (a.key, a.name, a.kind))
    policies = {p.id: p for p in session.scalars(select(Policy))}
    for p in policies.values():
        owner = actors[p.owner_id].key if p.owner_id in actors else None
        known.policies[p.name] = (p.key, p.name, owner)
    for policy_id, alias in session.execute(select(PolicyAlias.policy_id, PolicyAlias.alias)):
        p = policies[policy_id]
        known.policies.setdefault(alias, (p.key, p.name, actors[p.owner_id].key if p.owner_id in actors else None))
    links: dict[int, set[str]] = {}
    for event_id, policy_id in session.execute(select(EventPolicy.event_id, EventPolicy.policy_id)):
        links.setdefault(event_id, set()).add(policies[policy_id].key)
    quotes: dict[int, list[str]] = {}
    for event_id, quote in session.execute(select(Citation.event_id, Citation.quote).order_by(Citation.id)):
        quotes.setdefault(event_id, []).append(" ".join(quote.split()))
    roles: dict[int, set[str]] = {}
    for event_id, actor_id in session.execute(select(EventActor.event_id, EventActor.actor_id)):
        roles.setdefault(event_id, set()).add(actors[actor_id].key)
    for e in session.scalars(select(Event)):
        spec = DateSpec(PartialDate.parse(e.date), PartialDate.parse(e.date_end) if e.date_end else None, e.qualifier)
        known.events.append(
            KnownEvent(e.key, e.type, spec, frozenset(links.get(e.id, ())), e.headline or "", tuple(quotes.get(e.id, ())[:5]),
                       frozenset(roles.get(e.id, ())))  # fmt: skip
        )
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
    fresh = {key: (name, owner, description) for p in proposals for key, name, owner, description in p.new_policies}
    needed_actors = [a for p in proposals for a, _ in p.actors]
    needed_policies = list(dict.fromkeys(k for p in proposals for k in p.policies))
    needed_actors += [policy_by_key[k][1] for k in needed_policies if k in policy_by_key and policy_by_key[k][1]]
    needed_actors += [fresh[k][1] for k in needed_policies if k in fresh and fresh[k][1]]
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
                            f"    kind: {kind}"]  # fmt: skip
            short = next((p.actor_aliases[key] for p in proposals if p.actor_aliases.get(key)), [])
            actor_lines += [f"    aliases: [{', '.join(_q(a) for a in short)}]"] if short else []
            actor_lines += ["    proposed: true"]
    policy_lines: list[str] = []
    for key in needed_policies:
        if key in fresh:
            name, owner, description = fresh[key]
            policy_lines += [f"  - key: {key}        # new: the document's own words; or use an existing policy's key", f"    name: {_q(name)}"]
            policy_lines += [f"    owner: {owner}"] if owner else []
            policy_lines += [f"    description: {_q(description)}"]
            continue
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
        if p.policy_scores:
            shown = ", ".join(f"{k} {v:g}" for k, v in sorted(p.policy_scores.items(), key=lambda kv: -kv[1]))
            event_lines.append(f"    # policy matches (whole names and aliases, by words matched): {shown}")
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
