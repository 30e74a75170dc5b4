"""First-pass proposals for a new document: dated events with verbatim evidence, the actors and
policies they name, an event type and a confidence. Every proposal is marked `proposed: true`
in the annotation; nothing enters the knowledge base until a person accepts it.

Nothing here is about one subject: verb frames of policy language (adopt, rescind, restore,
authorise…) with their polarity and modality, date forms (kb.datewords), sentence structure
(kb.sentences), and names from the knowledge base itself.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from kb.dates import DateSpec, PartialDate
from kb.datewords import FUTURE, Found, StatedDate, attached, find_all, publication_day
from kb.documents import Document
from kb.sentences import Segment, segments
from kb.vocabulary import EVENT_TYPE_NAMES, STATE_CHANGING_TYPES

__all__ = ["FRAMES", "Known", "KnownEvent", "Proposal", "StatedDate", "find_date", "known_from", "propose", "proposals_yaml", "sentences"]

# --- Verb frames: (event type, role of the acting party, confidence, pattern), strongest first ------

FRAMES: tuple[tuple[str, str, float, str], ...] = (
    ("exception", "authorised", 0.8, r"\bexceptions?\b|\bexempt\w*|\bwaiv\w*"),
    ("reversed", "decided", 0.8, r"\brescind\w*|\brevok\w*|\boverturn\w*|\brevers\w*|\breplac(?:es|ed|ing) (?:the|its|their|a|an|his|her|our) (?:[\w-]+ ){0,3}(?:policy|rule|order|ban|moratorium|directive|memorandum|guidance|plan|program|programme)\b|\babandon(?:s|ed|ing)? (?:its|their|the|a|his|her|our) (?:[\w-]+ ){0,2}(?:commitment|policy|pledge|plan|ban|moratorium)\b|\broll(?:ed|s|ing)? back\b|\brollback\b|\bcancel\w*|\bin favou?r of a new\b|\bundo\w*|\brepeal\w*"),
    ("reinstated", "decided", 0.8, r"\brestor\w*|\breviv\w*|\breinstat\w*"),
    ("rescinded", "decided", 0.7, r"\bend(?:s|ed)? (?:the|its) policy\b|\babolish\w*|\bterminat\w*|\bdiscontinu\w*|\blift(?:s|ed|ing)? (?:the|its|a|all) (?:[\w-]+ ){0,3}(?:ban|moratorium|prohibition|restrictions?|sanctions|embargo)\b"),
    ("amended", "authorised", 0.6, r"\bauthori[sz]\w*|\bapproved\b|\bdecided to\b|\badjust\w* permissions?\b|\bpermits?\b|\bexpand\w*|\bbroaden\w*|\bextend(?:s|ed)? (?:the|its|their) (?:[\w-]+ ){0,3}(?:ban|moratorium|prohibition|restrictions?|limits?|controls?|policy|rule|requirements?|deadline|quotas?)\b"),
    ("amended", "decided", 0.7, r"\bamends\b|\brevises\b|\bmodifies\b|\bhereby (?:amend|revis|modif)\w*|\b(?:will|would) not (?:produce|use|acquire|develop|export|transfer|assist|emplace|deploy|sell)\b|\balign\w* (?:our|its|their|\w+'s)\b|\bchanges? to\b|\bno longer\b|\bend the use\b|\bforbid\w*|\bforbade\b|\bprohibit\w*|\bbanned\b|\bbanning\b|\bbarr(?:ed|ing)\b|\bbars (?:the|all|any)\b|(?:^|[-\u2022*]\s|\b(?:to|will|would|shall|and|also) )ban\b|\bbans (?:the|all|any|new|a|an)\b|\bsuspend(?:s|ed|ing)?\b|\bpaus(?:es|ed)\b|\bfr(?:oze|eezes)\b"),
    ("adopted", "decided", 0.6, r"\bwas established\b|\bestablishes\b|\bhereby (?:establish|adopt|creat|designat|issu|promulgat)\w*|\badopt\w*\b|\blaunch\w*\b|\bissued\b|\bintroduc(?:e|es|ed|ing)\b(?! (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|legislation|amendment|measure)s?\b| (?:the |a )?(?:[\w-]+ ){0,8}Act\b)|\bsign(?:s|ed|ing)? (?:into law|(?:an? |the )?(?:executive order|order|directive|memorandum|decree|proclamation|national security presidential memorandum)\b)|\bannounc\w* (?:a|the) new\b|\b(?:published|promulgated|finali[sz]ed|issued) (?:a|an|the|its) (?:[\w-]+ ){0,3}(?:rule|regulation|order|directive|memorandum|guidance)\b|\benacted\b|\bpass(?:ed|es)? (?:a |an |the )?(?:[\w-]+ ){0,3}(?:law|act|statute|ordinance)\b|\bfirst (?:imposed|put in place|instituted|introduced)\b|\binstitut(?:ed|es)\b"),
    ("criticism", "criticised", 0.6, r"\b(?:critics|opponents|detractors) (?:have )?(?:say|said|argue\w*|contend\w*|charg\w*|complain\w*|warn\w*)\b|\bcritici[sz]\w*|\bcondemn\w*|\breckless\b|\bshocking\b|\bblack mark\b|\braked\b|\bperplex\w*|\bdeplor\w*|\bdisappoint\w*|\boppos\w*|\bmistake\b|\bstep backward\b|\bwrong\b|\bunnecessary\b"),
    ("support", "supported", 0.6, r"\bsupports\b|\bwelcom\w*|\bendors\w*|\bprais\w*|\bapplaud\w*|\bcongratulat\w*|\bbelieves (?:this|the) decision\b"),
    ("treaty_action", "voted", 0.6, r"\babstain\w*|\bratif\w*|\bacced\w*|\bwithdr[ae]w\w* from (?:the )?(?:[A-Z][\w-]* ){0,3}(?:treaty|convention|agreement|protocol)\b|\bentered into force\b|\bvot(?:ed|es|ing) (?:\w+ ){0,2}(?:on|for|against|in favou?r of|no on|yes on) (?:the |a |this |that )?(?:[\w-]+ ){0,4}(?:resolution|treaty|convention|protocol)\b|\b(?:re)?join(?:ed|s)? the (?:[\w-]+ ){0,4}(?:treaty|convention|agreement|protocol|accord)\b|\bsign(?:ed|s)? the (?:[\w-]+ ){0,4}(?:treaty|convention|agreement|protocol|accord)\b|\bdeclined to sign\b|\bcomplet\w* the destruction\b|\bbecom\w* (?:a |an )?(?:state )?part(?:y|ies) to\b|\bdeposit\w* (?:its |the |an )?(?:instrument|ratification|accession)|\bsign\w* (?:the |an )?instrument\b|\bnotif\w* (?:[\w.]+ ){0,6}(?:of )?(?:its |the |their )?(?:intention to )?withdraw\w*|\bnotice of withdrawal\b|\bwithdrawal (?:[\w-]+ ){0,5}(?:took|takes|take|will take) effect\b"),
    ("deliberation", "considered", 0.5, r"\bconsider\w*|\breluctant\b|\bweigh\w*|\bunder consideration\b|\bdebat\w*"),
    ("transfer", "provided", 0.5, r"\bprovided\b.*\bwith\b|\bprovision of\b|\bsecurity assistance package\b|\bsen(?:d|t|ding) (?!(?:[\w,]+ ){0,3}(?:troops|soldiers|forces|personnel|marines|warships|battalions?|brigades?|letters?|messages?|notes?|notices?|signals?|delegations?|envoys?)\b)(?:\w+ ){0,4}to\b|\bsuppl(?:y|ied|ies)\b|\btransferr\w* (?:\w+ ){0,4}to\b|\bdeliver(?:s|ed|ing|y|ies)?\b(?! (?:at|on|in|to the|a speech|remarks|an address|a statement))"),
    ("use", "used", 0.5, r"\b(?:dropped|fired|scattered|laid) (?:[\w,]+ ){0,6}(?:bombs|munitions|submunitions|bomblets|mines|shells|rockets|missiles)\b|\b(?:been )?used (?:since|in|by)\b|\b(?:has|have|had)(?: not| never)? used\b|\bdeployed\b|\bemplaced\b|\bnot been used\b"),
    ("report", "subject", 0.5, r"\bstockpiles?\b|\b\d[\d,]* (?:countries|states|nations|parties)\b|\$[\d.,]+ (?:billion|million)|\bnot a ?party\b|\bparties\b"),
    # Commissioning a review ("directed the agency to review …", "asked the office to assess …").
    ("review", "commissioned", 0.5, r"\b(?:direct|ask|instruct|order|task|commission|request|charg|mandat)\w* (?:[\w'-]+ ){0,6}to (?:review|study|assess|examine|evaluate|investigate|audit|reassess|reconsider)\b"),
    ("review", "implemented", 0.5, r"\b(?:a|the|an|its|internal|policy) (?:\w+ )?review\b|\breview (?:of|was|is)\b|\bstudy\b|\bmodell?ing\b|\bassessment\b|\bresearching\b"),
    ("military_action", "implemented", 0.4, r"\binvad\w*|\binvasion\b|\bassaults?\b|\boffensive\b|\b(?:troops|soldiers|forces) (?:\w+ ){0,3}(?:into|across)\b|\b(?:sen(?:d|t|ding)|deploy\w*|dispatch\w*|mov(?:e|ed|ing)) (?:[\w,]+ ){0,3}(?:troops|soldiers|forces|personnel|marines|warships|battalions?|brigades?)\b"),
    # A policy or stance restated as still holding: changes nothing, confirms it on the source's date.
    ("reaffirmed", "stated", 0.5, r"\breaffirm\w*|\breiterat\w*|\brecommit\w*|\bcontinu(?:e|es|ed|ing) to (?:\w+ )?(?:fund|financ|provid|support|oppos|work|implement|compl|abid|uphold|observ|respect|pursu|press|urg|call|lead|seek|back|hono|enforc|apply|maintain|adher|promot|assist|help|contribut|invest|spend|execut|engag|participat|meet|stand|recogni|condemn|reject|refrain|destroy (?:our|its|their|all|the remaining) stock)\w*|\bremain\w* (?:fully |firmly |strongly )?committed\b|\bstand(?:s|ing)? (?:by|behind)\b|\bremain\w* (?:in (?:force|effect|place)|unchanged)\b|\bstill (?:in (?:force|effect|place)|holds?|applies)\b"),
    # "It is the policy of the Republic to …": the policy's content follows, not an act.
    ("statement", "stated", 0.3, r"\b(?:it|this) is (?:the |our |its |their )?(?-i:[A-Z][\w.]* )*policy\b"),
    ("statement", "stated", 0.3, r"\bgave (?:a |an )?(?:speech|address|remarks|testimony)\b|\bdelivered (?:a |an |his |her |their )?(?:[\w-]+ )?(?:speech|address|remarks|statement)\b|\bspoke (?:at|to|before) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:conference|meeting|session|summit|forum|hearing|committee|assembly|council|parliament|congress|senate|house|event|gathering|rally)\b|\btestif(?:y|ied|ies)\b|"
                                        r"\bintroduc\w* (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|legislation|amendment|measure)\b|\bintroduc\w* (?:the |a )?(?:[A-Z][\w-]* |of |for |and |on |the ){0,8}Act\b|\bpass(?:ed|es)? (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|measure)\b|\bvot(?:ed|es) to\b|\bsent (?:a |an )?letter\b|\b(?:was|were|been) (?:introduced|filed)\b|\b(?:bill|resolution|measure)s? (?:was |were |has been )?passed\b|"
                                        r"\b(?:has|have|had) (?:been|made it) clear\b|\bmade (?:it )?clear\b|\bsaid\b|\btold\b|\bstated\b|\bannounc\w*|\bexplained\b|\bcommitted\b|\bwarn\w*|\bvow\w*|\bnoted\b|\bdeclar\w*|\bremain\w* (?:fully )?committed\b"),
)
FAMILIES = FRAMES  # the name earlier releases used
STATE_CHANGES = STATE_CHANGING_TYPES

# Words before a verb that keep it from happening: hedged, negated, demanded or opposed.
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|no)\s+(?:\w+\s+){0,2}$")
_HEDGED = re.compile(r"(?i)\b(?:would like to|wants? to|wish(?:es)? to|hopes? to|seeks? to|may|might|could|plans? to|intends? to|consider(?:s|ed|ing)?|aims? to|pursuing solutions that would(?: \w+){0,6}|allow (?:\w+ ){0,3}to)\s+(?:\w+\s+){0,3}$")
_DEMANDED = re.compile(r"(?i)\b(?:should|must|needs? to|ought to|urg\w+ (?:\w+ ){0,4}to|call\w* (?:on|for|upon) (?:\w+ ){0,4}(?:to )?|ask\w* (?:\w+ ){0,4}to|demand\w* (?:\w+ ){0,4}(?:to )?)\s*(?:\w+\s+){0,2}$")
_OPPOSED = re.compile(r"(?i)\b(?:decision to|efforts? to)\s+(?:\w+\s+){0,3}$")
# Opposing, criticising or condemning a change, or critics telling of it: the sentence's event is
# the criticism, never the change ("groups opposed the reversal", "critics say it wrongly revoked …").
_OPPOSING = re.compile(r"(?i)\b(?:oppos\w*|against|critici[sz]\w*|condemn\w*|denounc\w*|protest\w*|object\w* to)\s+(?:\w+\s+){0,3}$|\b(?:wrongly|illegally|unlawfully|recklessly|needlessly|rashly)\s+$")
_CRITICS = re.compile(r"(?i)\b(?:critics|opponents|detractors)\s+(?:have\s+)?(?:say|said|argue\w*|contend\w*|charg\w*|complain\w*|warn\w*)\b")


# A sentence opening with an adjunct clause ("Since the programme was set up in 1993, …", "After a
# review, …", "In response to …, …"): the main clause after it states the sentence's event, the
# adjunct an earlier one.
_PREPOSED = re.compile(r"(?i)^(?:(?:and|but)\s+)?(?:since|after|following|in response to|in the wake of|upon|once|having)\b[^,;:]{6,}?,\s+(?=\S)")
# A verb describing what an instrument says ("the treaty prohibiting…", "a convention that bans…"):
# the instrument's content, not something that happened.
_DESCRIBES = re.compile(r"(?i)\b(?:treaty|convention|agreement|protocol|accord|law|resolution|(?:policy|ban|act) (?:that|which))\s*(?:,\s*|[\u2013\u2014-]\s*)?(?:(?:that|which)\s+)?$")
# The infinitive after "(it is the) policy (of X) to …" states what the policy is, not an act.
_POLICY_CONTENT = re.compile(r"(?i)\b(?:is|are|remains?|be|as)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?-i:[A-Z][\w.]*\s+)*policy(?:\s+of\s+[^,;:]{2,60}?)?\s+(?:not\s+)?to\b[^,;:]*$")
# What a bill or proposal would do ("a bill on Wednesday that would restore …", "a measure to ban …").
_BILL_CONTENT = re.compile(r"(?i)\b(?:bill|resolution|legislation|measure|amendment|proposal|petition)\b[^,;:]{0,40}?\b(?:that|which) would\s+(?:not\s+)?(?:\w+\s+){0,2}$|\b(?:bill|legislation|measure|resolution|amendment|proposal|petition)s?\s+(?:to\s+(?:\w+\s+){0,2})?$|\b(?:bill|legislation|measure|resolution|amendment|proposal|petition)s?\b[^,;:.]{0,80}\b\w+ing\b[^,;:.]{0,80}\b(?:and\s+)?$")
# "A bill that would … was introduced": a bill is introduced, no policy is.
_BILL_INTRODUCED = re.compile(r"(?i)\b(?:bill|resolution|legislation|measure|amendment)s?\b[^;]{0,80}\b(?:was|were|been|is|are|being)\s+$")
_CLAUSE_END = re.compile(r";|\s[\u2014\u2013-]{1,2}\s|,\s(?:and|but|while|whereas|although|though|which|who|as)\b")


# The document's own act: "hereby", or the instrument itself as the one acting ("This order
# establishes …", "In this rule, the Bureau amends …"), in the present tense.
_HEREBY = re.compile(r"(?i)\bhereby\s+(?:\w+\s+)?$")
_OWN_VOICE = re.compile(r"(?i)\b(?:this|today['\u2019]s|the present)\s+(?:(?:interim|final|proposed|direct|executive)\s+)*(?:rule|order|notice|directive|proclamation|memorandum|regulation|decree|decision|resolution|instrument)\b")
_PRESENT_ACT = re.compile(r"(?i)^[a-z]+(?:es|s)\b(?<!ss)(?<!ed)")


def own_act(sentence: str, anchor: int) -> bool:
    """Whether the verb at `anchor` is the document's own act ("is hereby revoked", "This order
    establishes …"): done by the document itself, on its own date."""
    before = sentence[max(0, anchor - 40) : anchor]
    if _HEREBY.search(before):
        return True
    voice = _OWN_VOICE.search(sentence, 0, anchor)
    return bool(voice and _PRESENT_ACT.match(sentence[anchor:]) and not re.search(r"(?i)\b(?:will|would|shall|may|not)\s+$", before))


@dataclass(frozen=True)
class Frame:
    type: str
    role: str
    confidence: float
    anchor: int  # where the verb is in the sentence
    rules: tuple[str, ...]
    prior: bool = False  # in a preposed adjunct clause: before the main clause's event


def _verb(pattern: str, sentence: str, lo: int, hi: int) -> tuple[re.Match[str] | None, tuple[str, ...]]:
    """The first match of a frame's pattern between lo and hi that is a verb of the sentence, not
    a word of a title ("the Convention on the Prohibition of …") or an instrument's content."""
    skipped: tuple[str, ...] = ()
    for m in re.finditer(pattern, sentence, re.IGNORECASE):
        if not lo <= m.start() < hi:
            continue
        before = sentence[: m.start()].rstrip()
        if sentence[m.start()].isupper() and before and before[-1] not in "\u201c\"\u2018'(:;\u2014\u2013-":
            skipped = ("frame-skip:title-word",)
            continue
        describes = _DESCRIBES.search(sentence[max(0, m.start() - 40) : m.start()])
        # "the treaty prohibiting …", "a convention that bans …": its content; "the convention entered
        # into force …": the instrument as the subject of what happened.
        if describes and (re.search(r"(?i)that|which|,|[\u2013\u2014-]", describes.group(0)) or re.match(r"\w+(?:ing|s)\b", m.group(0))):
            skipped = ("frame-skip:instrument-content",)
            continue
        if _POLICY_CONTENT.search(sentence, 0, m.start()):
            skipped = ("frame-skip:policy-content",)
            continue
        if _BILL_CONTENT.search(sentence, max(0, m.start() - 80), m.start()) or (
                m.group(0).lower().startswith("introduc") and _BILL_INTRODUCED.search(sentence, 0, m.start())):
            skipped = ("frame-skip:bill-content",)
            continue
        return m, skipped
    return None, skipped


def _frames_in(sentence: str, lo: int, hi: int) -> list[Frame]:
    """Frames whose verb lies between lo and hi, strongest first, each with its modality."""
    out: list[Frame] = []
    seen: set[str] = set()
    skips: set[str] = set()
    for etype, role, confidence, pattern in FRAMES:
        if etype in seen:
            continue
        m, skipped = _verb(pattern, sentence, lo, hi)
        skips.update(skipped)
        if not m:
            continue
        seen.add(etype)
        before = sentence[max(0, m.start() - 60) : m.start()]
        rules = (f"frame:{etype}",) + (("frame:commissioned-review",) if role == "commissioned" else ()) + (("voice:own-act",) if etype in STATE_CHANGING_TYPES and own_act(sentence, m.start()) else ())
        if etype in STATE_CHANGING_TYPES or etype in ("treaty_action", "reaffirmed"):
            if _DEMANDED.search(before):
                # A demand to keep a policy is a statement; a demand to change one criticises it.
                etype, role = ("statement", "stated") if etype == "reaffirmed" else ("criticism", "criticised")
                rules = (*rules, "modality:demanded")
            elif _HEDGED.search(before):
                etype, role, rules = "deliberation", "considered", (*rules, "modality:hedged")
            elif _NEGATED.search(before) and not m.group(0).lower().startswith(("will not", "would not", "no longer")):
                etype, role, rules = "statement", "stated", (*rules, "polarity:negated")
            elif etype in STATE_CHANGING_TYPES and (_OPPOSING.search(before) or _CRITICS.search(sentence, 0, m.start())):
                etype, role, rules = "criticism", "criticised", (*rules, "modality:criticised")
            elif _OPPOSED.search(before) and etype not in ("criticism", "reaffirmed"):
                # "the decision to roll back …" names the change; an opposing word says it is criticised
                rules = (*rules, "modality:opposed")
        out.append(Frame(etype, role, confidence, m.start(), rules))
    if out and skips:
        out[0] = replace(out[0], rules=(*out[0].rules, *sorted(skips)))
    return out


def frames(sentence: str) -> list[Frame]:
    """The event types a sentence's verbs state, with polarity and modality: a hedged or negated
    change is a deliberation or a statement, a demanded or opposed one a criticism. The main
    clause decides; a preposed adjunct clause ("Since … in 1993, …") states an earlier event."""
    adjunct = _PREPOSED.match(sentence)
    cut = adjunct.end() if adjunct else 0
    # The sentence's event is in its first clause that has one; later clauses add to it.
    bounds = [m.start() for m in _CLAUSE_END.finditer(sentence, cut)] + [len(sentence)]
    main = next((found for hi in bounds if (found := _frames_in(sentence, cut, hi))), [])
    out = [*main, *(f for f in _frames_in(sentence, cut, len(sentence)) if f.type not in {g.type for g in main})]
    background: list[Frame] = []
    if cut:
        background = [replace(f, prior=True, rules=(*f.rules, "clause:preposed")) for f in _frames_in(sentence, 0, cut)[:1]]
    if not out:
        return background
    # A change told as criticised is the criticism, anchored on the critic's own verb when it has one.
    # One criticism per sentence wherever it stands ("…," said X, who opposed the rollback).
    criticisms = [f for f in out if f.type == "criticism"]
    if len(criticisms) > 1:
        voiced = next((f for f in criticisms if "modality:criticised" not in f.rules), criticisms[0])
        out = [f for f in out if f.type != "criticism" or f is voiced]
    # The first frame decides; a criticism or support voiced about a change is a second event.
    primary = out[0]
    extra = [f for f in out[1:] if f.type in ("criticism", "support") and f.type != primary.type]
    # A figure in a clause of its own ("…, which has more than 160 parties") is reported apart.
    extra += [replace(f, rules=(*f.rules, "clause:figure-apart")) for f in out[1:] if f.type == "report" != primary.type
              and _CLAUSE_END.search(sentence, min(f.anchor, primary.anchor), max(f.anchor, primary.anchor))]  # fmt: skip
    if primary.type in STATE_CHANGING_TYPES and "modality:opposed" in primary.rules and not extra:
        extra = [Frame("criticism", "criticised", 0.5, primary.anchor, ("frame:criticism", "modality:opposed"))]
    return [primary, *extra[:2], *background]


# --- Dates ----------------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")
_PRESENT = re.compile(r"\b(?:is|are|remains?)\s+(?:also\s+|now\s+|still\s+)?(?:\w+ing\b|one of\b|not a\b|committed\b)|\b(?:will|remain\w*|believes|needs|continues|supports|says|wants)\b")
_PAST = re.compile(r"\b(?:has|have|had|was|were|did)\b")


# Words before a verb that put what it names before the time of writing ("previous steps to end…",
# "in the wake of the recent authorisation…").
_PRIOR = re.compile(r"(?i)(?:\b(?:previous|prior|earlier|recent|former)\b(?:\s+[\w\u2019'-]+){0,3}|\b(?:in the wake of|following|after)\b(?:\s+[\w\u2019'-]+){0,6})\s*$")
_SIMPLE_PAST = re.compile(r"(?i)\b(?:was|were|had|did)\b")
_DEMAND_NOW = re.compile(r"(?i)\b(?:should|must|needs? to|ought to|urges?|calls? (?:on|for|upon)|asks?|demands?)\b")
# A definite noun phrase naming an act at the head of a sentence refers back to one already told.
_REFERS_BACK = re.compile(r"(?i)^(?:(?:this|these|that|those)\b(?!\s+(?:year|week|month|morning|afternoon)\b)|(?:the|such)\s+(?:new\s+|latest\s+)?(?:announcement|decision|move|step|changes?|commitment|statement|measures?|actions?|order|directive|study|review)\b)")


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
    names = {w for w in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", document.author) if w not in _TITLES and w not in _NOT_NAMES}
    names -= {"Office", "Press", "Department", "Ministry", "Committee", "Staff", "United", "States", "House", "Senate", "By"}
    if names & set(re.findall(r"\b[A-Z][a-z]+\b", document.title)):
        names |= {w for w in re.findall(r"\b([A-Z][a-z]+)(?=,|\s+and\b)", document.title) if w not in _TITLES}
    if not names:
        return _NEVER
    who = "|".join(sorted(map(re.escape, names)))
    return re.compile(rf"\b(?:{who})\b(?:\s+\([^)]*\))?\s+{_SAYS}\b|\b{_SAYS}\s+(?:[A-Z][a-z]*\.?\s+){{0,3}}(?:{who})\b")


def find_date(sentence: str, published: PartialDate, anchor: int | None = None) -> StatedDate:
    """The date a sentence states for the verb at `anchor` (the first date when none), at the
    precision it states it; the publication date as a bound otherwise."""
    return _date_and_rule(sentence, published, anchor)[0]


def _on_or_before(spec: DateSpec) -> DateSpec:
    return spec if spec.qualifier == "on_or_before" else DateSpec(spec.start, None, "on_or_before")


def _date_and_rule(sentence: str, published: PartialDate, anchor: int | None, frame: Frame | None = None,
                   carried: StatedDate | None = None, lead_in: StatedDate | None = None,
                   signed: PartialDate | None = None) -> tuple[StatedDate, str]:  # fmt: skip
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
    adjunct = _PREPOSED.match(sentence)
    if adjunct and frame is not None and (frame.prior or _frames_in(sentence, 0, adjunct.end())):
        found = [f for f in found if (f.end <= adjunct.end()) == frame.prior]
    chosen: Found | None = attached(found, sentence, anchor)
    if chosen is not None:
        return chosen.date, f"date:{chosen.rule}"
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
            return on_the_day, "date:figure-as-of-publication"
        if "modality:demanded" in frame.rules and _DEMAND_NOW.search(sentence[max(0, anchor - 60) : anchor]):
            return on_the_day, "date:demand-on-publication"
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


# --- What the knowledge base knows -------------------------------------------------------------------


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


# --- Actors -------------------------------------------------------------------------------------

# Titles and ranks before a name: not part of it ("Minister Oksana Petrenko", "Vice Adm. Ana Rossi").
_TITLES = frozenset(
    "President Vice Minister Secretary Defense Ambassador Senator Sen Representative Rep Governor Gov General Gen "
    "Admiral Adm Rear Lt Lieutenant Col Colonel Maj Major Capt Captain Sgt Cmdr Commander Army Navy Air Force Marine "
    "Press National Security Advisor Adviser Foreign Prime Deputy Assistant Acting Spokesman Spokeswoman Spokesperson "
    "Chairman Chairwoman Chair Director Mr Ms Mrs Dr Prof Then Former Performing Duties Of The Under "
    "Amb Brig Hon Rev Sec Dep Asst Chief Staff Joint Chiefs Special Envoy Undersecretary Attorney Judge Justice Mayor King Queen Prince "
    "Senators Representatives Ministers Members Secretaries Ambassadors Governors Judges Messrs "
    "Commissioner Administrator Councillor Councilor Councilman Councilwoman Speaker Leader Majority Minority Premier Chancellor".split()
)
# Heads of names that are not actors: documents, events, places, periods, things.
_NOT_ACTOR_HEADS = frozenset(
    "Policy Policies Act Law Year Register Sheet Report Statement Convention Treaty Protocol Conference Program "
    "Programme Directive Memorandum Strategy Affairs Release Day Week Month Peninsula Sea Ocean River Island Islands "
    "Mountains Region Province Street Avenue Weapons Munitions Use Review Resolution "
    "Manual Plan Initiative Agreement Accord Declaration Summit Session Meeting Hearing Bill Order Code Rule Rules "
    "Budget Fund Aid Assistance Engagement Briefing Transcript Note Notes Edition Article Section Chapter Page "
    "Capabilities Plans Awareness Safety Production Stockpiling Transfer Prohibition Mission Success "
    "Regulation Regulations Requirements Standards Provisions Guidelines Controls".split()
)
_ORG_KINDS: tuple[tuple[str, str], ...] = (
    (r"\b(?:Department|Ministry|Agency|Bureau|Service|Commission)\b", "agency"),
    (r"\b(?:Office|House|Secretariat|Presidency|Cabinet)\b", "office"),
    (r"\b(?:Administration|Government|Republic|Kingdom|Federation|Congress|Senate|Parliament|States)\b", "government"),
    (r"\b(?:Delegation|Mission to)\b", "delegation"),
    (r"\b(?:Army|Navy|Forces|Force|Command|Corps|Guard|Military)\b", "military"),
    (r"\b(?:Council|Committee|Watch|International|Campaign|Foundation|Institute|Association|Union|Nations|Organi[sz]ation|Coalition|Center|Centre|Group|Party|Parties)\b", "organisation"),
)
_MONTH_WORDS = frozenset("January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"  # "Okafor", "McAllister", "Silva-Lindqvist"
_ABBREVIATED_TITLE = r"(?:Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Amb|Adm|Sgt|Cmdr|Dr|Mr|Ms|Mrs|Prof|Rev|Hon|Brig|Sec|Dep|Asst)\.(?=\s+[A-Z])"
_NAME = re.compile(rf"\b((?:{_ABBREVIATED_TITLE}|{_WORD}|[A-Z]\.)(?:\s+(?:{_ABBREVIATED_TITLE}|[A-Z]\.|{_WORD}|of(?:\s+the)?|for|on|and)){{1,6}})(?<!\.)\b")
_NOT_NAMES = frozenset("The This That These Those But And In On As It Today Since After Before A An Our We Their His Her If When While For Of At By To".split())
# Prepositions that put a place, not an actor, after them ("outside the Northern Province", "in Oldtown").
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|outside|inside|across|near|from|into|throughout|on the|of the|off the)\s+(?:the\s+)?)$")


# A title followed by what it is the title of names an office, not a person ("the Secretary of
# Commerce", "the Under Secretary for Industry and Security", "the Minister for Water").
_OFFICE = re.compile(r"^(?:(?:Under|Deputy|Assistant|Vice|Acting|Principal)\s+)*(?:Secretary|Minister|Attorney General|Administrator|Director|"
                     r"Commissioner|Comptroller|Inspector General|Ambassador|Chief|Surgeon General|President|Chancellor|Registrar|Governor)"
                     r"(?:\s+General)?\s+(?:of|for|to)\b")
# A lowercase collective of organisations acting together ("Several industry groups opposed …").
_COLLECTIVE = re.compile(r"(?i)\b(?:several|many|some|numerous|various|two|three|four|five|six|seven|eight|nine|ten|a number of|a coalition of|a group of)\s+"
                         r"(?:[a-z][\w-]*\s+){0,2}(?:groups|organi[sz]ations|associations|companies|firms|unions|advocates|commenters|stakeholders|"
                         r"manufacturers|exporters|importers|nonprofits|charities|coalitions)\b")
# "the Bureau of Industry and Security (BIS)": the acronym the document goes on to use for it.
_ACRONYM = re.compile(r"\b((?:[A-Z][a-z]+\s+)(?:(?:of|for|on|and|the|[A-Z][a-z]+)\s+){0,6}[A-Z][a-z]+)\s+\(([A-Z][A-Z&]{1,7})\)")


def acronyms(texts: list[str]) -> dict[str, str]:
    """The acronyms a document introduces for names ("… Security (BIS)"), acronym -> name."""
    out: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            words = m.group(1).split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            initials = "".join(w[0] for w in words if w[0].isupper())
            if words and initials.startswith(m.group(2)[0]) and len(m.group(2)) >= 2:
                out.setdefault(m.group(2), " ".join(words))
    return out


# A transcript label with a title names its speaker even where the text never gives a full name.
_TITLED_LABEL = re.compile(r"^(?:MR|MS|MRS|DR|SEN|REP|AMB|SENATOR|REPRESENTATIVE|CONGRESSMAN|CONGRESSWOMAN|SECRETARY|MINISTER|AMBASSADOR|GENERAL|ADMIRAL|JUDGE|GOVERNOR|CHAIRMAN|CHAIRWOMAN|DIRECTOR|COMMISSIONER)\.?\s+\S")


def _kind_of(name: str) -> str:
    if _OFFICE.match(name):
        return "office"
    if _COLLECTIVE.fullmatch(name):
        return "organisation"
    for pattern, kind in _ORG_KINDS:
        if re.search(pattern, name):
            return kind
    return "person"


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


def _surname_index(known: Known) -> dict[str, str]:
    """Known people by surname (a surname two people share is left out)."""
    by: dict[str, set[str]] = {}
    for name, (key, _n, kind) in known.actors.items():
        if kind == "person" and len(name.split()) >= 2:
            by.setdefault(name.split()[-1].lower(), set()).add(key)
    return {s: next(iter(keys)) for s, keys in by.items() if len(keys) == 1}


def _names(sentence: str) -> list[tuple[int, str]]:
    """Capitalised names of a sentence, titles stripped, places, dates and fragments rejected."""
    out = []
    for m in _NAME.finditer(sentence):
        words = m.group(1).split()
        start = m.start()
        titles: list[str] = []
        while words and (words[0].rstrip(".") in _TITLES or words[0] in _NOT_NAMES):
            start = sentence.index(words[0], start) + len(words[0])
            titles = [*titles, words[0]] if words[0] not in _NOT_NAMES else []
            words = words[1:]
        if titles and words and words[0] in ("of", "for", "to") and _OFFICE.match(" ".join([*titles, *words])):
            words = [*titles, *words]  # an office: "Secretary of Commerce"
            # … held by a person named after it: "Secretary of State Ana Okafor", "… Jan K. Silva"
            run = list(itertools.takewhile(lambda w: w[0].isupper(), reversed(words)))[::-1]
            if len(run) >= 3 and run[-1] not in _NOT_ACTOR_HEADS and _kind_of(" ".join(run[-2:])) == "person":
                words = run[-3:] if re.fullmatch(r"[A-Z]\.", run[-2]) else run[-2:]
        else:
            # A title inside the name ends what qualifies it: "New York Gov. Kathy Hochul",
            # "Ukrainian Foreign Minister Andrii Sybiha".
            inner = [i for i, w in enumerate(words[:-2]) if w.rstrip(".") in _TITLES and w not in ("of", "Of")]
            if inner and all(w[0].isupper() for w in words[inner[-1] + 1 :]) and _kind_of(" ".join(words[inner[-1] + 1 :])) == "person":
                words = words[inner[-1] + 1 :]
        while words and words[-1] in ("of", "for", "on", "and", "the"):
            words = words[:-1]
        if words and words[-2:-1] == ["of"] and words[-1] == "the":
            words = words[:-2]
        if re.search(r"(?i)\b(?:order|act|rule|law|directive|proclamation|memorandum|decree)\b[^()]{0,40}\(\s*$", sentence[: m.start()]):
            continue  # the title of an instrument named just before: "Executive Order 14001 (Coastal Planning)"
        if len(words) < 2 or any(w.rstrip(".") in _MONTH_WORDS for w in words) or words[-1] in _NOT_ACTOR_HEADS:
            continue
        if re.fullmatch(r"[A-Z]\.", words[-1]) or any(w in _NOT_ACTOR_HEADS for w in words if w[0].isupper()) and _kind_of(" ".join(words)) == "person":
            continue  # a fragment ("New U.") or a thing's name ("Fact Sheet")
        name = " ".join(words)
        if " of " in name and _kind_of(name) == "person" and len(name.split(" of ")[0].split()) >= 2:
            name = name.split(" of ")[0]  # a person and where they are from: "Raj Patel of Newfoundland"
        if " and " in name and _kind_of(name) == "person":
            # Two names joined ("Kenya and South Africa", "Smith and Jones"): each stands alone.
            first, second = name.split(" and ", 1)
            out += [(m.start(), n) for n in (first, second) if len(n.split()) >= 2]
            continue
        if _PLACE_BEFORE.search(sentence[: m.start()]) and _kind_of(name) == "person":
            continue  # a place: "outside the Korean Peninsula", "in Maputo"
        out.append((m.start(), name))
    for m in _COLLECTIVE.finditer(sentence):
        out.append((m.start(), m.group(0)[0].upper() + m.group(0)[1:]))
    return sorted(out)


def _actors(sentence: str, frame: Frame | None, known: Known, speaker: str | None, surnames: dict[str, str],
            doc_names: dict[str, str], short: dict[str, str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:  # fmt: skip
    """Actors of a sentence with roles from its structure: before the verb the actor, after "to" the
    recipient of a transfer, the one who "said" the reporter; known names first."""
    found: list[tuple[int, str, str | None]] = []  # position, key, new name
    taken: list[tuple[int, int]] = []
    for name, (key, _n, _k) in sorted(known.actors.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", sentence):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), key, None))
    new: list[tuple[str, str, str]] = []
    named = _names(sentence)
    for acronym, full in (short or {}).items():  # "BIS considered …": the name the document gave it
        named += [(m.start(), full) for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", sentence)]
    for pos, name in sorted(named):
        if any(a <= pos < b for a, b in taken):
            continue
        key = _fuzzy_actor(name, known) or surnames.get(name.split()[-1].lower())
        if key is None:
            name = doc_names.get(name.split()[-1].lower(), name) if _kind_of(name) == "person" else name
            key = _slug(name, 4 if _kind_of(name) == "person" else 6)
            if key not in [k for k, _n, _kind in new]:
                new.append((key, name, _kind_of(name)))
        found.append((pos, key, name if key in [k for k, _n, _kind in new] else None))
    # A lone surname of a known person ("Rossi said"), and a transcript's speaker.
    for m in re.finditer(r"\b([A-Z][a-z]+)\b", sentence):
        key = surnames.get(m.group(1).lower())
        if key and not any(a <= m.start() < b for a, b in taken) and key not in [k for _p, k, _n in found]:
            found.append((m.start(), key, None))
    if speaker:
        surname = speaker.split()[-1].title()
        key = surnames.get(surname.lower())
        full = doc_names.get(surname.lower())
        if key is None and full is None and _TITLED_LABEL.match(speaker):
            full = " ".join(w.title() if len(w.rstrip(".")) > 3 or not w.endswith(".") else w.capitalize() for w in speaker.split())
        if key is None and full is not None:
            key = _fuzzy_actor(full, known) or _slug(full, 4)
            if key == _slug(full, 4) and key not in [k for k, _n, _kind in new]:
                new.append((key, full, "person"))
        if key:
            found.append((-1, key, None))
    found.sort()
    anchor = frame.anchor if frame else len(sentence)
    role = frame.role if frame else "stated"
    said = re.search(r"\b(?:said|says|stated|told|noted|announced)\b", sentence)
    actors: list[tuple[str, str]] = []
    for pos, key, _new in found:
        if key in [a for a, _ in actors]:
            continue
        before = sentence[max(0, pos - 12) : max(0, pos)]
        if pos == -1:
            r = "stated" if role in ("stated", "criticised", "supported") else "reported"
        elif frame and frame.type == "transfer" and pos > anchor and re.search(r"\bto\s+(?:the\s+)?$", before):
            r = "received"
        elif said and pos > said.start() and said.start() > anchor and role != "stated":
            r = "reported"
        elif pos < anchor and not [a for a, r_ in actors if r_ == role]:
            r = role
        else:
            r = "subject"
        actors.append((key, r))
    if actors and role not in [r for _a, r in actors] and actors[0][1] == "subject":
        actors[0] = (actors[0][0], role)
    return actors, new


# --- Policies -----------------------------------------------------------------------------------

_STOP = frozenset("the a an of and or in on for to by with policy policies program programme law act our their its".split())


def _phrase_ok(phrase: str) -> bool:
    """A name or alias specific enough to stand for a policy on its own."""
    words = re.findall(r"[\w.'-]+", phrase.lower())
    return len(phrase) >= 4 and any(w not in _STOP for w in words)


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


_POLICY_HEADS = r"(?:Policy|Policies|Program|Programme|Act|Law|Directive|Ban|Moratorium|Regulations?|Rule|Treaty|Convention|Agreement|Strategy|Initiative|Doctrine|Order|Decree|Guidelines)"


# Words that point at a thing instead of naming it: "Today's rule", "this order", "such a policy".
_DEICTIC = re.compile(r"(?i)^(?:today|yesterday|tomorrow|tonight|this|that|these|those|such|its|their|our|his|her|my|your|said|the present|the new|the same)\b")
# What an instrument's title says it is before its name ("Notice of …", "Executive Order 14999 of March 3, 2025: …").
_INSTRUMENT_PREFIX = re.compile(
    r"(?i)^(?:notice of\s+|(?:[A-Z][\w.]*\s+){0,3}(?:order|proclamation|memorandum|directive|rule|notice|decree|determination)\b[^:\u2014\u2013]*(?::|\s[\u2014\u2013-]{1,2})\s+)"
)


def _instrument_title(title: str) -> str | None:
    """The name an instrument's title gives it, without what kind of instrument it is."""
    name = _INSTRUMENT_PREFIX.sub("", " ".join(title.split())).strip(" .")
    return name if name != title.strip(" .") or len(name.split()) >= 2 and _title_like_name(name) else None


def _title_like_name(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words) and not _DEICTIC.match(text)


def new_policy(document: Document, segs: list[Segment], owner: str | None, own: bool = False) -> tuple[str, str, str | None, str] | None:
    """A policy the document is about when none known matches: a verbatim phrase of the document
    (its title first) that names a policy, with an owner and a one-line description. A document
    acting on its own ("This order establishes …") is about the instrument its title names."""
    texts = [document.title, *(s.text for s in segs)]
    titled = _instrument_title(document.title) if own else None
    if titled and _title_like_name(titled) and len(titled.split()) >= 2:
        line = next((s.text for s in segs if s.kind == "sentence" and "voice:own-act" in {r for f in frames(s.text) for r in f.rules}), document.title)
        return _slug(titled, 6), titled, owner, " ".join(line.split())[:200]
    for text in texts:
        m = re.search(rf"\b(?:[A-Z][\w.-]*\s+){{0,3}}[A-Z][\w.-]*['\u2019]s\s+(?:[\w-]+\s+){{0,3}}(?i:{_POLICY_HEADS})\b", text)
        if m and _DEICTIC.match(m.group(0)):
            m = None  # "Today's rule" points at the document; it names nothing
        if m:
            name = m.group(0).strip()
            line = next((s.text for s in segs if s.kind == "sentence" and name.lower() in s.text.lower()), text)
            return _slug(name, 6), name, owner, " ".join(line.split())[:200]
    for text in texts:
        m = re.search(rf"((?:[A-Z][\w.'-]*\s+|of\s+|on\s+|for\s+|and\s+){{0,6}}{_POLICY_HEADS})\b", text)
        if m is None:
            m = re.search(r"\b((?:(?!(?:the|a|an|its|their|our|his|her|this|that|on|of|to)\b)[\w.'-]+\s+){1,3}(?:policy|program|ban|law|directive))\b", text)
        if m:
            name = re.sub(r"^(?:The|A|An|New|On|Of)\s+", "", m.group(1).strip())
            if len(name.split()) >= 2 and _phrase_ok(name) and not _DEICTIC.match(name) and not re.fullmatch(r"(?i)(?:executive|final|interim|proposed)\s+\w+", name):
                line = next((s.text for s in segs if s.kind == "sentence" and name.lower() in s.text.lower()), text)
                return _slug(name, 6), name, owner, " ".join(line.split())[:200]
    return None


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
        if score >= 0.6 and (typed or wording >= 0.7) and not (vague and (not typed or wording < 0.75)):
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
        i = sentence.find(piece[:20], max(0, pos - 1))
        if i >= 0 and i <= at < i + len(piece) + 1:
            return a, b
        if i >= 0:
            pos = i + len(piece)
    return seg.lines[0]


def propose(document: Document, known: Known) -> list[Proposal]:
    """Proposed events for a document, likely policy-state changes first."""
    published = document.published
    text = document.text
    segs = segments(document)
    surnames = _surname_index(known)
    doc_names: dict[str, str] = {}
    for s in segs:
        for _pos, name in _names(s.text):
            if _kind_of(name) == "person":
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
    proposals: list[Proposal] = []
    used_keys: set[str] = set()
    next_suffix: dict[str, int] = {}
    carried: dict[int, StatedDate] = {}  # per paragraph, the last date a sentence stated for its event
    # A list's items happen on the date of the sentence introducing them ("This means that … will:").
    lead_in: StatedDate | None = None
    previous, previous_paragraph = "", -1
    for seg in segs:
        if seg.kind != "sentence" or len(seg.text) < 12:
            continue
        sentence = seg.text
        if previous.endswith(":"):
            said, _rule = _date_and_rule(previous, published, None, None, carried.get(previous_paragraph))
            lead_in = said
        elif not previous.endswith(";"):
            lead_in = None
        previous, previous_paragraph = sentence, seg.paragraph
        found = frames(sentence)
        if not found:
            stated, date_rule = _date_and_rule(sentence, published, None)
            if stated.basis != "explicit":
                continue  # neither a policy verb nor a date: not an event
            found = [Frame("statement", "stated", 0.25, 0, ("frame:dated-sentence",))]
        sentence_policies = policy_scores(sentence, known)
        stated_dates: list[DateSpec] = []
        first: tuple[Frame, str, StatedDate, float, list[str], list[tuple[str, str]], list[tuple[str, str, str]], int, int] | None = None
        for n, frame in enumerate(found):
            stated, date_rule = _date_and_rule(sentence, published, frame.anchor, frame, carried.get(seg.paragraph), lead_in, signed)
            if date_rule == "date:on-or-before-publication" and frame.type in _WORDS_TYPES and issuer.search(sentence):
                # The document's own author speaking in it ("…," Senator Roe said. in Roe's release) speaks on its day.
                stated, date_rule = StatedDate(DateSpec(PartialDate.from_date(publication_day(published))), "context"), "date:issuer-speaks-on-publication"
            confidence = frame.confidence + (0.1 if stated.basis == "explicit" else 0)
            # The document's main policy, and any other the sentence names as a whole phrase.
            policies = list(dict.fromkeys(([main_policy] if main_policy else []) + sorted(sentence_policies)))
            actors, new_actors = _actors(sentence, frame, known, seg.speaker, surnames, doc_names, short)
            start, end = _evidence(seg, sentence, frame.anchor, text)
            base = key = f"{published.iso()}-{_slug(sentence)}" + (f"-{frame.type}" if n else "")
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
                p.rules = (*p.rules, "policy:new") + (("policy:instrument-title",) if own and fresh_policy[1] == _instrument_title(document.title) else ())
            p.candidates = candidates(p, sentence, known, published)
            if p.candidates:
                p.note = _note(p.candidates)
                p.rules = (*p.rules, "merge:suggested")
            proposals.append(p)
            stated_dates.append(stated.spec)
            if n == 0:
                first = (frame, key, stated, confidence, policies, actors, new_actors, start, end)
                if stated.basis != "context":
                    carried[seg.paragraph] = stated
        if first is not None:
            frame, key, stated, confidence, policies, actors, new_actors, start, end = first
            # Each further date the sentence states tells of a further happening ("not used since
            # 1991 … apart from a single 2002 incident"): one more proposal for each.
            for f in find_all(sentence, published):
                if f.date.basis != "explicit" or f.name or any(f.date.spec == d or f.date.spec.overlaps(d) for d in stated_dates):
                    continue
                # The clause the date stands in tells what happened then, when it has a verb of its own
                # ("In 2016 the board adopted the quota, and in 2020 it was suspended").
                lo = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, f.start)), default=0)
                hi = next((m.start() for m in _CLAUSE_END.finditer(sentence, f.end)), len(sentence))
                local = [g for g in _frames_in(sentence, lo, hi) if g.anchor != frame.anchor] if (lo, hi) != (0, len(sentence)) else []
                etype, rules = (local[0].type, (*local[0].rules, "clause:own-frame")) if local else (frame.type, frame.rules)
                extra = Proposal(f"{key}-{_slug(sentence[f.start:f.end], 3)}", etype, round(max(0.1, confidence - 0.2), 2), start, end,
                                 text[start:end], f.date, policies, actors, new_actors, rules=(*rules, f"date:{f.rule}", "date:further-date"))  # fmt: skip
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
        if p is own or p.date.basis == "context" or p.type not in ("statement", own.type) or not _TAKES_EFFECT.search(p.quote):
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


assert set(t for t, *_ in FRAMES) <= set(EVENT_TYPE_NAMES)
