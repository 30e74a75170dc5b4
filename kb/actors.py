"""Actors a sentence names: capitalised names with titles and ranks stripped, and places, dates
and the names of things rejected; the acronyms a document introduces; known names and their
variants first; and each actor's role from the sentence's structure.
"""

from __future__ import annotations

import functools
import itertools
import re

from kb.frames import Frame
from kb.known import Known
from kb.sentences import MONTH_WORDS

# Titles and ranks before a name: not part of it ("Minister Oksana Petrenko", "Vice Adm. Ana Rossi").
TITLES = frozenset(
    "President Vice Minister Secretary Defense Ambassador Senator Sen Representative Rep Governor Gov General Gen "
    "Admiral Adm Rear Lt Lieutenant Col Colonel Maj Major Capt Captain Sgt Cmdr Commander Army Navy Air Force Marine "
    "Press National Security Advisor Adviser Foreign Prime Deputy Assistant Acting Spokesman Spokeswoman Spokesperson "
    "Chairman Chairwoman Chair Director Mr Ms Mrs Dr Prof Then Former Performing Duties Of The Under "
    "Amb Brig Hon Rev Sec Dep Asst Chief Staff Joint Chiefs Special Envoy Undersecretary Attorney Judge Justice Mayor King Queen Prince "
    "Senators Representatives Ministers Members Secretaries Ambassadors Governors Judges Messrs "
    "Commissioner Administrator Councillor Councilor Councilman Councilwoman Speaker Leader Majority Minority Premier Chancellor".split()
)
# Words that qualify a title rather than being one: "Foreign" in "Foreign Minister", and in "Foreign Assets Control".
_MODIFIERS = frozenset("Foreign National Security Defense Press Air Force Army Navy Marine Joint Special Prime Deputy Assistant Acting "
                       "Under Vice Then Former Performing Duties Chief Staff Chiefs Rear The Of".split())
# Heads of names that are not actors: documents, events, places, periods, things.
_NOT_ACTOR_HEADS = frozenset(
    "Policy Policies Act Law Year Register Sheet Report Statement Convention Treaty Protocol Conference Program "
    "Programme Directive Memorandum Strategy Affairs Release Day Week Month Peninsula Sea Ocean River Island Islands "
    "Mountains Region Province Street Avenue Weapons Munitions Use Review Resolution "
    "Manual Plan Initiative Agreement Accord Declaration Summit Session Meeting Hearing Bill Order Code Rule Rules "
    "Budget Fund Aid Assistance Engagement Briefing Transcript Note Notes Edition Article Section Chapter Page "
    "Capabilities Plans Awareness Safety Production Stockpiling Transfer Prohibition Mission Success "
    "Regulation Regulations Requirements Standards Provisions Guidelines Controls Goals Charter Principles Purposes "
    "Integrity Sovereignty Services Imports Exports Investments Investment Sanctions Licence License "
    # things a programme or a crisis is called, and places: "Boiler Upgrade Scheme", "Hervey Bay", "Northern Territory"
    "Card Scheme Weapon Procedure Partnership Measures Rights Guarantees Crisis War Contribution Revolution Management "
    "Hotel Channel Bay Territory Territories Coast Gulf Strait Lake Valley Airport Hospital Storm".split()
)
# First words of places' names: "Fort Bliss", "Cape York", "Mount Sinai"; and a compass point before one
# word ("South Australia", "East Kimberley", "North Korean"), where no organisation's head follows.
_PLACE_FIRST = frozenset("Fort Cape Mount Camp Lake".split())
_COMPASS = frozenset("North South East West Northern Southern Eastern Western Central".split())
_ORG_KINDS: tuple[tuple[str, str], ...] = (
    (r"\b(?:Department|Ministry|Agency|Bureau|Service|Commission|Court|Tribunal|Circuit|Police|Centers)\b", "agency"),
    (r"\b(?:Office|House|Secretariat|Presidency|Cabinet)\b", "office"),
    (r"\b(?:Administration|Government|Republic|Kingdom|Federation|Congress|Senate|Parliament|States)\b", "government"),
    (r"\b(?:Delegation|Mission to)\b", "delegation"),
    (r"\b(?:Army|Navy|Forces|Force|Command|Corps|Guard|Military)\b", "military"),
    (r"\b(?:Council|Committee|Watch|International|Campaign|Foundation|Institute|Association|Union|Nations|Organi[sz]ation|Coalition|Center|Centre|Group|Party|Parties|University|College|Society|Academy)\b", "organisation"),
)
_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"  # "Okafor", "McAllister", "Silva-Lindqvist"
_ABBREVIATED_TITLE = r"(?:Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Amb|Adm|Sgt|Cmdr|Dr|Mr|Ms|Mrs|Prof|Rev|Hon|Brig|Sec|Dep|Asst)\.(?=\s+[A-Z])"
_NAME = re.compile(rf"\b((?:{_ABBREVIATED_TITLE}|{_WORD}|[A-Z]\.)(?:\s+(?:{_ABBREVIATED_TITLE}|[A-Z]\.|{_WORD}|of(?:\s+the)?|for|on|and)){{1,11}})(?<!\.)\b")
NOT_NAMES = frozenset("The This That These Those But And In On As It Today Since After Before A An Our We Their His Her If When While For Of At By To "
                      # words that open a sentence before a name: "Although Japan …", "Neither Party …", "One Ukrainian …"
                      "Although Though Neither Either Some One Both All Each Every Many Most Several Such Other Another Despite During "
                      "Under Without Within However Meanwhile Instead Also Only Even Once Because Unless Until Whether Where Why How What "
                      "Yet So Then There Here Now No Nor Not".split())  # fmt: skip
# Prepositions that put a place, not an actor, after them ("outside the Northern Province", "in Oldtown").
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|outside|inside|across|near|from|into|throughout|on the|of the|off the)\s+(?:the\s+)?)$")
# A town and a comma before a country make the country a place too ("held in Geneva, Switzerland"); a month does not.
_TOWN_BEFORE = re.compile(rf"\b(?:in|at|near|outside|from)\s+(?!(?:{'|'.join(sorted(MONTH_WORDS))})\b)[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){{0,2}},\s+$")


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
            while words and words[0] in NOT_NAMES:
                words = words[1:]
            initials = "".join(w[0] for w in words if w[0].isupper())
            if words and initials.startswith(m.group(2)[0]) and len(m.group(2)) >= 2:
                out.setdefault(m.group(2), " ".join(words))
    return out


# A transcript label with a title names its speaker even where the text never gives a full name.
_TITLED_LABEL = re.compile(r"^(?:MR|MS|MRS|DR|SEN|REP|AMB|SENATOR|REPRESENTATIVE|CONGRESSMAN|CONGRESSWOMAN|SECRETARY|MINISTER|AMBASSADOR|GENERAL|ADMIRAL|JUDGE|GOVERNOR|CHAIRMAN|CHAIRWOMAN|DIRECTOR|COMMISSIONER)\.?\s+\S")


_PLURAL_TITLES = frozenset("Ministers Senators Representatives Members Secretaries Ambassadors Governors Judges Leaders Officials".split())


@functools.cache
def country_names() -> frozenset[str]:
    """Countries' English names from ISO 3166 (pycountry): "Japan", "Viet Nam", and the short form
    before an inverted name's comma ("Venezuela" of "Venezuela, Bolivarian Republic of")."""
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.update({value, value.split(",")[0]})
    return frozenset(names)


def kind_of(name: str) -> str:
    if name in country_names():
        return "government"
    if _OFFICE.match(name):
        return "office"
    if name.split()[-1] in _PLURAL_TITLES:
        return "group"  # "G7 Finance Ministers", "Republican Senators"
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

    # A known one-word alias is a subset of any name that contains it ("Baker" of "Baker Street
    # Coalition"): only names of two words or more, of the same kind, are variants.
    names = [n for n in known.actors if len(n.split()) >= 2 and known.actors[n][2] == kind_of(name)]
    best = process.extractOne(name, names, scorer=fuzz.token_set_ratio, score_cutoff=90)
    return known.actors[best[0]][0] if best else None


def slug(text: str, limit: int = 6) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:limit]) or "event"


def surname_index(known: Known) -> dict[str, str]:
    """Known people by surname (a surname two people share is left out)."""
    by: dict[str, set[str]] = {}
    for name, (key, _n, kind) in known.actors.items():
        if kind == "person" and len(name.split()) >= 2:
            by.setdefault(name.split()[-1].lower(), set()).add(key)
    return {s: next(iter(keys)) for s, keys in by.items() if len(keys) == 1}


_QUOTED_TITLE = re.compile(r"[\u201c\"]([^\u201d\"]{12,})[\u201d\"]")


def _title_case(text: str) -> bool:
    """Three or more long words, most of them capitalised: a title, not prose."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _names_of(words: list[str], sentence: str, at: int) -> list[str]:
    """The name (or the two joined names) a run of capitalised words at `at` gives, titles stripped."""
    titles: list[str] = []
    while words and words[0] in NOT_NAMES:
        words = words[1:]
    # An organisation named with a title's qualifier keeps it: "National Security Council", "Army Corps of Engineers".
    organisation = bool(words) and words[0] in _MODIFIERS and kind_of(" ".join(words)) not in ("person", "office") and all(
        w.rstrip(".") not in TITLES or w in _MODIFIERS for w in words)  # fmt: skip
    while words and not organisation and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAMES):
        titles = [*titles, words[0]] if words[0] not in NOT_NAMES else []
        words = words[1:]
    if titles and words and words[0] in ("of", "for", "to") and _OFFICE.match(" ".join([*titles, *words])):
        words = [*titles, *words]  # an office: "Secretary of Commerce"
        # … held by a person named after it: "Secretary of State Ana Okafor", "… Jan K. Silva"
        run = list(itertools.takewhile(lambda w: w[0].isupper(), reversed(words)))[::-1]
        if len(run) >= 3 and run[-1] not in _NOT_ACTOR_HEADS and kind_of(" ".join(run[-2:])) == "person":
            words = run[-3:] if re.fullmatch(r"[A-Z]\.", run[-2]) else run[-2:]
    else:
        # A title inside the name ends what qualifies it: "New York Gov. Kathy Hochul",
        # "Ukrainian Foreign Minister Andrii Sybiha".
        inner = [i for i, w in enumerate(words[:-2]) if w.rstrip(".") in TITLES and w.rstrip(".") not in _MODIFIERS and w not in ("of", "Of")]
        if inner and all(w[0].isupper() for w in words[inner[-1] + 1 :]) and kind_of(" ".join(words[inner[-1] + 1 :])) == "person":
            words = words[inner[-1] + 1 :]
            while words and words[0].rstrip(".") in TITLES:
                words = words[1:]  # a title of two words: "… and General Secretary Gorbachev"
    while words and words[-1] in ("of", "for", "on", "and", "the"):
        words = words[:-1]
    while words and words[0] in ("of", "for", "on", "and", "the", "to"):
        words = words[1:]  # what a stripped title was of: "Members of Congress" leaves no name
    if words and words[-2:-1] == ["of"] and words[-1] == "the":
        words = words[:-2]
    if re.search(r"(?i)\b(?:order|act|rule|law|directive|proclamation|memorandum|decree)\b[^()]{0,40}\(\s*$", sentence[:at]):
        return []  # the title of an instrument named just before: "Executive Order 14001 (Coastal Planning)"
    # "Department of Health and Human Services": what a body is "of" is no head of its name.
    body = re.match(r"(?:[A-Z][\w.-]* ){0,3}(?:Department|Ministry|Office|Bureau|Committee|Subcommittee|Agency|Commission|Council|Secretariat|Board|Directorate) (?:of|on|for)\b", " ".join(words))
    if len(words) < 2 or any(w.rstrip(".") in MONTH_WORDS for w in words) or words[-1] in _NOT_ACTOR_HEADS and not body:
        return []
    if re.fullmatch(r"[A-Z]\.", words[-1]) or any(w in _NOT_ACTOR_HEADS for w in words if w[0].isupper()) and kind_of(" ".join(words)) == "person":
        return []  # a fragment ("New U.") or a thing's name ("Fact Sheet")
    name = " ".join(words)
    if " of " in name and kind_of(name) == "person" and len(name.split(" of ")[0].split()) >= 2:
        name = name.split(" of ")[0]  # a person and where they are from: "Raj Patel of Newfoundland"
    if " and " in name and kind_of(name) == "person":
        # Two names joined ("Kenya and South Africa", "Smith and Jones"): each stands alone.
        first, second = name.split(" and ", 1)
        return [n for n in (first, second) if len(n.split()) >= 2]
    if _PLACE_BEFORE.search(sentence[:at]) and kind_of(name) == "person":
        return []  # a place: "outside the Korean Peninsula", "in Maputo"
    if kind_of(name) == "person" and (words[0] in _PLACE_FIRST or words[0] in _COMPASS and len(words) == 2):
        return []  # a place: "Fort Bliss", "South Australia"
    return [name]


def _titled(tokens: list[tuple[int, str]]) -> bool:
    """Whether words open with a title of someone named after it ("Vice President Ana Silva", "General
    Secretary Raj Patel"), not with a word of an organisation's name ("… and Security")."""
    words = [w for _p, w in tokens]
    if not words or words[0].rstrip(".") not in TITLES:
        return False
    if words[0] not in _MODIFIERS:
        return True
    rest = list(itertools.dropwhile(lambda w: w.rstrip(".") in TITLES, words))
    return len(rest) >= 2 and kind_of(" ".join(rest)) == "person"


def names_in(sentence: str) -> list[tuple[int, str]]:
    """Capitalised names of a sentence, titles stripped, places, dates and fragments rejected."""
    out = []
    # A title in quotation marks names an instrument or a report, not who acts: "Prohibiting Certain
    # Imports, Exports, and New Investments With Respect to Continued … Aggression".
    titles_quoted = [(q.start(), q.end()) for q in _QUOTED_TITLE.finditer(sentence) if _title_case(q.group(1))]
    for m in _NAME.finditer(sentence):
        if any(a <= m.start() < b for a, b in titles_quoted):
            continue
        # Two titled names joined ("President Ana Silva and Vice President Raj Patel", "the Labour Party
        # and Deputy Prime Minister Jo Roe"): each part is a name of its own.
        tokens = [(m.start(1) + t.start(), t.group()) for t in re.finditer(r"\S+", m.group(1))]
        parts: list[list[tuple[int, str]]] = [[]]
        for i, (pos, w) in enumerate(tokens):
            if w == "and" and parts[-1] and i + 1 < len(tokens) and _titled(tokens[i + 1 :]):
                parts.append([])
            else:
                parts[-1].append((pos, w))
        for part in parts:
            if part:
                out += [(part[0][0], name) for name in _names_of([w for _p, w in part], sentence, part[0][0])]
    for m in _COLLECTIVE.finditer(sentence):
        out.append((m.start(), m.group(0)[0].upper() + m.group(0)[1:]))
    return sorted(out)


def _in_longer_name(sentence: str, m: re.Match[str]) -> bool:
    """Whether a capitalised word stands next to another capitalised word (not at a sentence's start)."""
    before = re.search(r"([A-Z][\w.'-]*)\s+$", sentence[: m.start()])
    return bool(re.match(r"\s+[A-Z][a-z]", sentence[m.end():]) or before and before.group(1) not in NOT_NAMES and before.group(1).rstrip(".") not in TITLES)


def actors_in(sentence: str, frame: Frame | None, known: Known, speaker: str | None, surnames: dict[str, str],
            doc_names: dict[str, str], short: dict[str, str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:  # fmt: skip
    """Actors of a sentence with roles from its structure: before the verb the actor, after "to" the
    recipient of a transfer, the one who "said" the reporter; known names first."""
    found: list[tuple[int, str, str | None]] = []  # position, key, new name
    taken: list[tuple[int, int]] = []
    for name, (key, _n, _k) in sorted(known.actors.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", sentence):
            if re.fullmatch(r"[A-Z][a-z]+", name) and _in_longer_name(sentence, m):
                continue  # a known surname as a word of a longer name: "the Baker Street Coalition"
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), key, None))
    new: list[tuple[str, str, str]] = []
    named = names_in(sentence)
    spans = [(pos, pos + len(name)) for pos, name in named]  # where each name stands in the sentence
    for acronym, full in (short or {}).items():  # "BIS considered …": the name the document gave it
        for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", sentence):
            named.append((m.start(), full))
            spans.append((m.start(), m.end()))
    for pos, name in sorted(named):
        if any(a <= pos < b for a, b in taken):
            continue
        key = _fuzzy_actor(name, known) or surnames.get(name.split()[-1].lower())
        if key is None:
            name = doc_names.get(name.split()[-1].lower(), name) if kind_of(name) == "person" else name
            key = slug(name, 4 if kind_of(name) == "person" else 6)
            if key not in [k for k, _n, _kind in new]:
                new.append((key, name, kind_of(name)))
        found.append((pos, key, name if key in [k for k, _n, _kind in new] else None))
    # A lone surname of a known person ("Rossi said"), a country named in one word ("Japan withdrew
    # from …", not "in Japan"), and a transcript's speaker.
    for m in re.finditer(r"\b([A-Z][a-z]+)\b", sentence):
        if _in_longer_name(sentence, m):
            continue  # not a word of a longer name: "the Baker Street Coalition" is no Mr Baker
        inside = any(a <= m.start() < b for a, b in [*taken, *spans])
        if m.group(1) in country_names() and not inside and not _PLACE_BEFORE.search(sentence[: m.start()]) and not _TOWN_BEFORE.search(sentence[: m.start()]):
            key = slug(m.group(1), 6)
            if key not in [k for _p, k, _n in found]:
                if key not in [k for k, _n, _kind in new]:
                    new.append((key, m.group(1), "government"))
                found.append((m.start(), key, m.group(1)))
            continue
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
            key = _fuzzy_actor(full, known) or slug(full, 4)
            if key == slug(full, 4) and key not in [k for k, _n, _kind in new]:
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
