"""Sentences of a document for proposing: hard wraps joined, abbreviations of titles and ranks
kept inside sentences, datelines and headings told apart from prose, transcript speakers
recognised, and two PDF columns interleaved line by line read column by column.

Every segment keeps offsets into the stored text: the text is never changed, only read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kb.documents import Document

# Names of months and weekdays: capitalised words that are dates, not names of actors.
MONTH_WORDS = frozenset("January February March April May June July August September October November December "
                        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

# Words that start a sentence (a column join that puts one mid-sentence reads wrong).
_STARTERS = frozenset(
    "The This That These Those It He She We They I A An In On At For As After Before Since When While "
    "However But And Its Their Our His Her There Today Yesterday".split()
)
_TERMINAL = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*$")
_QUOTE_MARKS = "\"\u201c\u201d"
_BULLET = re.compile(r"(?:-{1,2}|\u2022|\u2013|\*)\s+")
_CLOSED = re.compile(r"[.!?;:]+[\"'\u201d\u2019)\]]*$")  # a sentence, a list item or a lead-in to one
_SPEAKER = re.compile(r"^((?:MR|MS|MRS|DR|GEN|ADM|COL|SEN|REP|AMB)\.?\s+[A-Z][A-Z'\-]+|[A-Z][A-Z'\-]+\.?(?:\s+(?:[A-Z][A-Z'\-]+|[A-Z][A-Z]*\.|\"[A-Z][A-Z'\-]+\")){0,5}|Q):\s+")
# Words that make a label a person's: a title or rank, or a transcript's turn ("Q:", "QUESTION:").
_PERSON_LABEL = re.compile(
    r"^(?:(?:THE\s+)?(?:MR|MS|MRS|MISS|DR|GEN|ADM|COL|CAPT|LT|SEN|REP|AMB|SENATOR|REPRESENTATIVE|CONGRESSMAN|CONGRESSWOMAN|"
    r"SECRETARY|MINISTER|AMBASSADOR|GENERAL|ADMIRAL|JUDGE|GOVERNOR|MAYOR|CHAIRMAN|CHAIRWOMAN|CHAIR|PRESIDENT|DIRECTOR|"
    r"COMMISSIONER|SPEAKER|PROFESSOR|PROF)\b\.?|Q|A|QUESTION|ANSWER|MODERATOR|OPERATOR|PARTICIPANT|REPORTER|INTERVIEWER)$|"
    r"^(?:MR|MS|MRS|DR|SEN|REP|AMB|SENATOR|REPRESENTATIVE|SECRETARY|MINISTER|AMBASSADOR|GENERAL|ADMIRAL|JUDGE|GOVERNOR|"
    r"CHAIRMAN|CHAIRWOMAN|PRESIDENT|DIRECTOR|COMMISSIONER)\.?\s"
)
# Common nouns of a document's structure: a label made of them heads a section, it names nobody.
_STRUCTURE_WORDS = frozenset(
    "AGENCY AGENCIES ACTION ACTIONS SUMMARY BACKGROUND DATE DATES ADDRESS ADDRESSES SUBJECT PURPOSE SCOPE NOTE NOTES "
    "PRESENT ATTENDEES ATTENDANCE WITNESSES WITNESS FINDINGS FINDING RECOMMENDATIONS RECOMMENDATION CONCLUSION CONCLUSIONS "
    "CONTACT CONTACTS REFERENCE REFERENCES AUTHORITY EFFECTIVE FOR FURTHER INFORMATION SUPPLEMENTARY ABSTRACT OBJECTIVE "
    "OBJECTIVES RESULTS RESULT METHODOLOGY CONTEXT ISSUE ISSUES DECISION TOPIC TOPICS AGENDA LOCATION TIME WHEN WHERE "
    "WHAT WHY HIGHLIGHTS OVERVIEW INTRODUCTION DISCUSSION ANALYSIS RESPONSE COMMENTS COMMENT DOCKET RIN FILE TITLE "
    "SOURCE SOURCES STATUS CHANGES RELEASE EMBARGOED UPDATE UPDATED ATTACHMENT ENCLOSURE ANNEX APPENDIX TO FROM CC RE "
    "OF AND THE".split()
)


def label_is_speaker(label: str, uses: int) -> bool:
    """Whether a capitals label before a colon names who speaks ("MR. ROE:", "SENATOR VANCE:",
    "Q:", a surname repeated through the document) rather than heading a section ("SUMMARY:",
    "DATES:", "FOR FURTHER INFORMATION CONTACT:"); `uses` is how often the document uses it."""
    label = " ".join(label.split())
    if _PERSON_LABEL.search(label):
        return True
    words = label.replace(".", " ").split()
    if all(w in _STRUCTURE_WORDS for w in words) or re.search(r"(?:TION|TIONS|MENT|MENTS|ANCE|ENCE|ITY|ARY|URE|URES|ING|INGS)$", words[-1]):
        return False
    # An untitled name speaks more than once in a transcript; a heading stands once.
    return uses >= 2


def labels(text: str) -> Counter[str]:
    """How often each capitals label opens a line of the text."""
    return Counter(" ".join(m.group(1).split()) for m in re.finditer(r"(?m)^[ \t]*(" + _SPEAKER.pattern[2:-5] + r"):\s", text))


_DATELINE = re.compile(
    r"[A-Z][A-Za-z.' ]{1,40}(?:, [A-Z][A-Za-z.' ]{1,30})?,? (?:(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}(?:, \d{4})?"
    # the day before the month: "Brussels, 12 March 2024 – "
    r"|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?)"
    r"(?: \([A-Za-z ]{2,20}\))?\s*(?:[\u2014\u2013]|--?)\s*"
    # or a place alone, its first word in capitals, with a wire's tag: "HALIFAX, Nova Scotia — ",
    # "OLDTOWN, D.C. – ", "GENEVA (Reuters) - "
    r"|[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][A-Za-z.']*(?: [A-Z][A-Za-z.']*){0,3})?(?: \([A-Za-z ]{2,20}\))?"
    r"\s+(?:[\u2014\u2013]|--?)\s+"
)

# "Section 1. Purpose." / "Sec. 2." / "§ 3. Definitions." opening a paragraph.
_SECTION = re.compile(r"(?:Section|Sec\.|SEC\.|SECTION|\u00a7)\s*\d+[a-z]?\.(?:\s+[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|and|the|on|for))*\.)?\s+(?=\S)")
# What a dateline or signature line holds besides its date: the words that introduce it, a place,
# "this 3rd day of". Anything else (a verb, a lowercase word of prose) makes the line a sentence.
_SIGNATURE_WORDS = re.compile(
    r"(?i)\b(?:dated|signed|issued|approved|done|given|sworn|witness|adopted and signed)\b|"
    r"\b(?:this|the)\s+\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\b|\b(?:at|in|on|this|of|the|and|day)\b"
)
_DATE_WORDS = re.compile(
    r"(?i)\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December),?(?:\s+\d{4})?|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?|\b\d{4}\b"
)


def is_dateline(line: str) -> bool:
    """Whether a line only dates or signs the document ("Dated: March 12, 2025.", "Issued in
    Oldtown, on March 10, 2025.", "GOVERNMENT HOUSE, March 3, 2025."): a date, with nothing
    besides it but signing words, a place and punctuation."""
    if len(line.split()) > 16 or not _DATE_WORDS.search(line):
        return False
    rest = _SIGNATURE_WORDS.sub(" ", _DATE_WORDS.sub(" ", line))
    words = re.findall(r"[A-Za-z][\w'.-]*", rest)
    return all(w[0].isupper() for w in words) and len(words) <= 5


@dataclass(frozen=True)
class Segment:
    """A sentence (or heading) of the document: offsets into the stored text and its normalised words."""

    start: int
    end: int
    text: str  # whitespace normalised; for interleaved columns, the column's reading
    kind: str  # sentence | heading | dateline (a date or signature line: "Dated: March 3, 2025.") | reference (under "Notes", "References": a cited work, not prose)
    speaker: str | None = None  # a transcript's speaker label ("MR. SURNAME")
    lines: tuple[tuple[int, int], ...] = ()  # interleaved columns: the stored lines the sentence spans
    paragraph: int = -1  # which paragraph of the content it is in (a sentence refers back within one)
    item: bool = False  # an item of a bulleted list ("- Ban … delayed to 2035"), a sentence with or without a full stop


def title_like(line: str) -> bool:
    """Whether most longer words of a line are capitalised, as in a title or a heading."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _split_points(text: str) -> list[int]:
    """Positions in normalised prose where a sentence ends: sentencex's segmentation (rules for
    abbreviations, initials and quotations that a maintained library keeps), mapped back."""
    from sentencex import segment

    points, at = [], 0
    for piece in segment("en", text):
        found = text.find(piece.strip(), at)
        if found < 0:  # not a substring as returned: fall back to walking the lengths
            at += len(piece)
        else:
            at = found + len(piece.strip())
            # A straight or opening quote after the full stop opens the next sentence ('said. "The …'),
            # whatever side of the cut the library left it on.
            if at >= 2 and text[at - 1] in "\"'\u201c\u2018" and text[at - 2] == " ":
                at -= 1
        points.append(at)
    # The library can cut inside a parenthesis ("80 FR 19738 (April 13, | 2015)"); a sentence ends
    # only after a full stop, a question or an exclamation mark.
    return [p for p in points[:-1] if _ends_sentence(text, p)]


# A footnote's mark after a word or a full stop: "[4]", "[12]", or superscript digits ("³", "¹²").
_FOOTNOTE = re.compile(
    r"\[\d{1,3}\](?=[\s.,;:)\u201d\"']|$)|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+(?=[\s.,;:)\u201d\"']|$)"
    # a note's number set on the line after a full stop, as PDF and web text loses superscripts: "relies on.1 Today, …",
    # "upheld that classification in 2005.3 In August …" (after a word or a year, never a decimal's digits)
    r"|(?:(?<=[^\W\d_][.\u201d\"])|(?<=[.][\u201d\"])|(?<=\b(?:1[89]|20)\d\d[.]))\d{1,2}(?=\s+[A-Z\u201c\"]|\s*$)"
)


# The rest of a word hyphenated at a line break: the break, then a lowercase letter.
_BROKEN_WORD = re.compile(r"[ \t]*\r?\n[ \t]*(?=[a-z])")


def _normalise(text: str, lo: int, hi: int) -> tuple[str, list[int]]:
    """Text with whitespace runs as one space ("word ." as "word."), words hyphenated at a line
    break joined, footnote marks left out, and each character's stored offset."""
    out: list[str] = []
    pos: list[int] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < hi and text[j].isspace():
                j += 1
            if j < hi and text[j] in ".,;:!?" and (j + 1 >= hi or text[j + 1].isspace()) and out:
                i = j  # a space before punctuation: "policy ." ends a sentence like "policy."
                continue
            if out and j < hi:
                out.append(" ")
                pos.append(i)
            i = j
            continue
        if ch == "-" and out and out[-1].isalpha() and (broken := _BROKEN_WORD.match(text, i + 1, hi)):
            i = broken.end()  # "imple-\nmented" at a hard line break reads "implemented"
            continue
        marker = _FOOTNOTE.match(text, i, hi) if out and not out[-1].isspace() else None
        if marker:  # "… in 2019.[4] The …", "… in force.³": a note's number is not read
            i = marker.end()
            continue
        out.append(ch)
        pos.append(i)
        i += 1
    return "".join(out), pos


def _ends_sentence(norm: str, at: int) -> bool:
    """Whether a cut at `at` follows a full stop, a question or an exclamation mark (quotes and spaces aside)."""
    j = at
    while j > 0 and norm[j - 1] in " '\u2019" + _QUOTE_MARKS:
        j -= 1
    return j > 0 and norm[j - 1] in ".!?"


def _prose(text: str, lo: int, hi: int, speaker: str | None, item: bool = False) -> list[Segment]:
    """Sentences of one block of prose between offsets lo and hi of the stored text (for a list
    item, its last sentence need not close with a full stop unless it reads as a title)."""
    norm, pos = _normalise(text, lo, hi)
    if not norm:
        return []
    cuts = [0, *_split_points(norm), len(norm)]
    # A quotation of several sentences (a press release's quoted paragraph) is cut into them too: the
    # library keeps a quotation whole, so its sentences are found with the quotation marks masked.
    inner: list[int] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = norm[a:b]
        if piece.lstrip()[:1] in _QUOTE_MARKS and len(piece) > 80:
            masked = "".join(" " if ch in _QUOTE_MARKS else ch for ch in piece)
            inner += [a + i for i in _split_points(masked) if _ends_sentence(norm, a + i)]
    cuts = sorted(set(cuts + inner))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and norm[a] == " ":
            a += 1
        while b > a and norm[b - 1] == " ":
            b -= 1
        if a < b:
            piece = norm[a:b]
            read = piece.lower() if shouting(piece) else piece  # all in capitals, case tells nothing
            open_item = item and len(piece.split()) >= 4 and not title_like(read)
            kind = "sentence" if _CLOSED.search(piece) or len(piece.split()) > 25 or open_item else "heading"
            if is_dateline(read):
                kind = "dateline"
            out.append(Segment(pos[a], pos[b - 1] + 1, piece, kind, speaker, item=item))
    return out


_FUNCTION = frozenset("the of a an to in for by and or with that which on at from as its their would will not be is was were are has have had this than into regarding our".split())


def _column_score(lines: list[str], bigrams: Counter[tuple[str, str]]) -> int:
    """How well consecutive lines read as one text: joins the document's own word pairs support,
    less joins no prose makes (a full stop then a lowercase word, an article then a new sentence)
    and brackets or quotation marks left open."""
    score = 0
    for a, b in zip(lines, lines[1:]):
        last, first = a.split()[-1], b.split()[0]
        if bigrams[(_bare(last), _bare(first))]:
            score += 1
        if _TERMINAL.search(a) and first[0].islower():
            score -= 1
        if first in _STARTERS and (last.lower() in _FUNCTION or not re.search(r"[.!?:;,\"\u201d)]$", last)):
            score -= 1  # a sentence's first word in the middle of one
    joined = " ".join(lines)
    for open_, close in (("(", ")"), ("\u201c", "\u201d")):
        depth = 0
        for ch in joined:
            if ch == open_:
                depth += 1
            elif ch == close:
                score -= depth == 0
                depth = max(0, depth - 1)
        score -= depth
    return score


def _bare(word: str) -> str:
    return word.lower().strip(".,;:\u201c\u201d\"'()")


def interleaved(lines: list[str], bigrams: Counter[tuple[str, str]]) -> bool:
    """Whether a block of hard-wrapped lines is two columns interleaved line by line."""
    if len(lines) < 10 or any(not 20 <= len(line) <= 100 for line in lines[:-1]):
        return False
    sequential = _column_score(lines, bigrams)
    columns = _column_score(lines[0::2], bigrams) + _column_score(lines[1::2], bigrams)
    return columns >= sequential + 2


def _line_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text[lo:hi]):
        a, b = lo + m.start(), lo + m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _join(a: str, b: str, bigrams: Counter[tuple[str, str]]) -> int:
    """How well line b continues line a."""
    score = 0
    if b[0].islower():
        score += -2 if _TERMINAL.search(a) else 2
    elif a.split()[-1] in _FUNCTION and not b[0].isupper():
        score += 1  # "… completed in" goes on: "2020."
    if bigrams[(_bare(a.split()[-1]), _bare(b.split()[0]))]:
        score += 1
    for open_, close in (("(", ")"), ("\u201c", "\u201d")):
        if a.count(open_) > a.count(close) and b.count(close) > b.count(open_):
            score += 2
    return score


def _columns(text: str, block: list[tuple[int, int]], heading_lines: int, bigrams: Counter[tuple[str, str]]) -> list[Segment]:
    """Sentences of an interleaved block, read column by column; each keeps the stored lines it spans.

    Lines alternate between the columns, except where a line plainly continues the other column
    (a paragraph break in one column shifts the alternation)."""
    out = [Segment(a, b, " ".join(text[a:b].split()), "heading") for a, b in block[:heading_lines]]
    columns: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    last = 1
    for span in block[heading_lines:]:
        line = " ".join(text[span[0] : span[1]].split())
        side = 1 - last
        if columns[0] and columns[1]:
            here = _join(" ".join(text[slice(*columns[side][-1])].split()), line, bigrams)
            there = _join(" ".join(text[slice(*columns[last][-1])].split()), line, bigrams)
            if there >= here + 2:
                side = last
        columns[side].append(span)
        last = side
    for column in columns:
        joined, owner = "", []
        for n, (a, b) in enumerate(column):
            piece = " ".join(text[a:b].split())
            if joined:
                joined += " "
                owner.append(n)
            joined += piece
            owner.extend([n] * len(piece))
        cuts = [0, *_split_points(joined), len(joined)]
        for x, y in zip(cuts, cuts[1:]):
            while x < y and joined[x] == " ":
                x += 1
            if x >= y:
                continue
            spans = tuple(column[i] for i in sorted(set(owner[x:y])))
            kind = "sentence" if _CLOSED.search(joined[x:y].rstrip()) or len(joined[x:y].split()) > 25 else "heading"
            out.append(Segment(spans[0][0], spans[-1][1], joined[x:y].rstrip(), kind, None, spans))
    return out


def shouting(text: str) -> bool:
    """Whether a passage is written all in capitals (a cable, a military message, a shouted heading)."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 6 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def truecased(text: str, names: Iterable[str] = ()) -> str:
    """An all-capital sentence in ordinary case, for reading it: lower case but for its first letter
    (and a quotation's), dotted abbreviations ("E.U."), months and weekdays, and the given names wherever they
    stand ("MINISTRY OF FISHERIES" as the gazetteer writes it). Same length: offsets still hold."""
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text]
    lowered = "".join(chars)
    for m in re.finditer(r"\b(?:[A-Za-z]\.){2,}", text):  # E.U., D.C.
        chars[m.start() : m.end()] = text[m.start() : m.end()]
    for name in [*MONTH_WORDS, *sorted(names, key=len, reverse=True)]:
        if len(name) < 2 or name.lower() == name:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered):
            chars[m.start() : m.end()] = name
    for m in re.finditer(r"(?:^|(?<!\S)[\"\u201c(])([a-z])", lowered):
        chars[m.start(1)] = chars[m.start(1)].upper()
    return "".join(chars)


_WORKS_CITED = re.compile(r"(?i)(?:notes|end ?notes|foot ?notes|references|sources|bibliography|works cited|literature cited)\s*:?")


# A figure's or a table's source line, and a news story's credits: who made the document, not what happened.
_PARAGRAPH_NUMBER = re.compile(r"(?:\d{1,3}\.|\(?\d{1,3}\))[ \t]+(?=[A-Z\"\u201c\u2018(])")
_CREDIT = re.compile(r"(?i)^(?:sources?|data sources?|notes?)\s*:|^\(?(?:additional )?(?:reporting|writing|editing) by\b|\bcontributed (?:reporting )?to this (?:report|story|article)\W*$")


def segments(document: Document) -> list[Segment]:
    """The document's <CONTENT> as sentences and headings, in reading order."""
    text, lo, hi = document.text, document.content.start, document.content.end
    lines = _line_spans(text, lo, hi)
    bigrams: Counter[tuple[str, str]] = Counter()
    for a, b in lines:
        words = [_bare(w) for w in text[a:b].split()]
        bigrams.update(zip(words, words[1:]))
    # Paragraphs: runs of lines without a blank line between them.
    uses = labels(text[lo:hi])
    paragraphs: list[list[tuple[int, int]]] = []
    for span in lines:
        # A line opening with a label ("ACTION: …", "MS. ROE: …") starts a block of its own.
        labelled = _SPEAKER.match(text[span[0] : span[1]]) and text[span[0]].isupper()
        # So does a bulleted line: each item of a list is a block, its wrapped lines with it.
        labelled = labelled or _BULLET.match(text[span[0] : span[1]])
        if paragraphs and not labelled and "\n" not in text[paragraphs[-1][-1][1] : span[0]].replace("\n", "", 1):
            paragraphs[-1].append(span)
        else:
            paragraphs.append([span])
    out: list[Segment] = []
    speaker: str | None = None  # a transcript's speaker holds until the next label
    for para in paragraphs:
        # Short title-like lines opening a paragraph are headings (a date line, a title above a quote).
        # A line that the next or the one after continues in lowercase (or with "(", ",") is prose, not a heading.
        said = [" ".join(text[a:b].split()) for a, b in para]
        if shouting(" ".join(said)):
            said = [line.lower() for line in said]  # all in capitals: case tells no heading from prose
        head = 0
        while (
            head < len(para) - 1
            and not _TERMINAL.search(said[head])
            and (title_like(said[head]) or len(said[head].split()) <= 4)
            and not any(later[0].islower() or later[0] in "(,;" for later in said[head + 1 : head + 3])
            and said[head].split()[-1].lower() not in _FUNCTION  # a heading does not stop mid-phrase
        ):
            head += 1
        body_lines = [" ".join(text[a:b].split()) for a, b in para[head:]]
        if interleaved(body_lines, bigrams):
            out += _columns(text, para, head, bigrams)
            continue
        for a, b in para[:head]:
            out.append(Segment(a, b, " ".join(text[a:b].split()), "heading"))
        start, end = para[head][0], para[-1][1]
        m = _SPEAKER.match(text[start:end])
        if m and (m.group(1).isupper() or m.group(1) == "Q"):
            label = " ".join(m.group(1).split())
            # "PRESS SECRETARY JANE Q. ROE:" once, then "PRESS SECRETARY ROE:": one speaker, by surname
            if label_is_speaker(label, sum(n for other, n in uses.items() if other.split()[-1] == label.split()[-1])):
                speaker = m.group(1)
            else:  # a section's label ("SUMMARY:"): a heading, and no one speaks what follows
                out.append(Segment(start, start + len(m.group(0).rstrip()), f"{label}:", "heading"))
                speaker = None
            start += m.end()
        # A numbered section's label ("Sec. 2. Policy.") heads what follows it.
        section = _SECTION.match(text[start:end])
        if section:
            out.append(Segment(start, start + len(section.group(0).rstrip()), " ".join(section.group(0).split()), "heading"))
            start += section.end()
        # A dateline opening the first sentence ("OLDTOWN, March 3, 2021 — …") is not part of it.
        dateline = _DATELINE.match(text[start:end])
        if dateline:
            start += dateline.end()
        # A list item ("-- Will not …", "• …") is a sentence of its own.
        bullet = _BULLET.match(text[start:end])
        if bullet:
            start += bullet.end()
        # A numbered paragraph's number ("5. In response, …", "(3) The order …") is not part of its
        # first sentence (and would keep the segmenter from finding where that sentence ends).
        elif numbered := _PARAGRAPH_NUMBER.match(text[start:end]):
            start += numbered.end()
        out += _prose(text, start, end, speaker, item=bool(bullet))
    starts = [para[0][0] for para in paragraphs]
    # Under a heading of its own naming the works cited ("NOTES", "Endnotes", "References:"), the rest
    # of the document lists sources, not what happened.
    cited = next((seg.end for seg in out if _WORKS_CITED.fullmatch(seg.text)), None)
    return [replace(seg, paragraph=bisect_right(starts, seg.start) - 1,
                    kind="reference" if cited is not None and seg.start >= cited or _CREDIT.search(seg.text) else seg.kind)
            for seg in out]  # fmt: skip


# Verbs that say who speaks: "Roe said", "the minister told …".
SPEECH_VERB = re.compile(r"\b(?:said|says|added|adds|stated|states|told|noted|notes|explained|warned|argued|continued|wrote|declared|insisted|remarked|commented)\b")
_OPENS = "\"\u201c"


def outside_quotes(text: str, inside: bool) -> tuple[str, bool]:
    """The words of a sentence outside quotation marks, and whether a quotation is open at its end,
    given whether one was open at its start (straight marks toggle; curly ones open and close)."""
    out: list[str] = []
    for ch in text:
        if ch == "\u201c" or ch == '"' and not inside:
            inside = True
        elif ch == "\u201d" or ch == '"' and inside:
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out), inside


def quotation_speakers(sentences: list[Segment]) -> list[int | None]:
    """For each sentence, the index of the sentence that says who speaks it, when it is a sentence
    of a quotation that runs over several ('"…," Roe said. "Next sentence. Another.'), else None.
    A quotation left open at a paragraph's end goes on in a paragraph that opens with a quotation
    mark; a sentence of quotation without a speaker of its own takes the one attributed before it
    in the run, or, at the run's head, the first one after it."""
    out: list[int | None] = [None] * len(sentences)
    inside = False
    run: list[int] = []  # sentences of quotation whose speaker is still to come
    speaker: int | None = None
    previous_paragraph = None
    for i, seg in enumerate(sentences):
        text = seg.text.lstrip()
        new_paragraph = seg.paragraph != previous_paragraph
        previous_paragraph = seg.paragraph
        if new_paragraph and not (inside and text[:1] in _OPENS):
            inside, run, speaker = False, [], None  # a paragraph that does not go on with the quotation
        started_inside = inside or text[:1] in _OPENS
        outside, inside = outside_quotes(text, inside and text[:1] not in _OPENS)
        # Who speaks is said outside the marks: '"…," Roe said.', 'Roe said, "…'.
        attributed = bool(SPEECH_VERB.search(outside)) and (started_inside or "\u201c" in text or '"' in text or text.rstrip().endswith(":"))
        if attributed:
            for j in run:
                out[j] = i
            run, speaker = [], i
        elif started_inside:
            if speaker is not None:
                out[i] = speaker
            else:
                run.append(i)
        else:
            run, speaker = [], None
    return out
