"""Sources as bibliography entries: authors as people or organisations, readable citation keys,
CSL-JSON for citeproc (Zotero, Pandoc) and BibTeX that classic BibTeX and biblatex both read.

A document's <AUTHOR> is free text ("Jane Roe, Staff Writer (Ministry of Examples)", "Jane
Roe, Sam Poe", "Ministry of Examples, Press Office"). Citation styles need people as
family/given names and organisations as one literal name, with job titles kept out of both;
nameparser splits a person's name.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from kb.dates import PartialDate
from kb.render import text_field

# Words that make a comma-separated part of an author line an organisation or a job title, not
# a person's name. Generic English of institutions and offices: nothing about any one subject.
_ORG_WORDS = frozenset(
    """
    administration agency assembly association authority board briefing bureau cabinet center centre
    command commission committee conference congress council court delegation department deputy
    director directorate division embassy executive federal foundation government group house
    institute league library ministry mission news nations office organisation organization panel
    parliament press programme program release releases representative research secretariat secretary
    senate service spokesperson staff statements transcript tribunal union unit university
    advisor adviser assistant chairman chair chief commander counsel general head minister officer
    president spokesman spokeswoman undersecretary ambassador governor mayor senator representative
    duties performing permanent national security public affairs
    """.split()
)
# Honorifics and ranks that stand before a name and are not part of it.
_HONORIFIC = re.compile(
    r"^(?:(?:the\s+)?(?:Rear\s+Adm\.|Vice\s+Adm\.|Adm\.|Gen\.|Lt\.?\s*Gen\.|Maj\.?\s*Gen\.|Brig\.?\s*Gen\.|Col\.|"
    r"Lt\.?\s*Col\.|Capt\.|Cmdr\.|Sgt\.|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Sen\.|Rep\.|Gov\.|Amb\.|"
    r"Ambassador|Senator|Representative|Congressman|Congresswoman|President|Vice\s+President|"
    r"Secretary|Under\s+Secretary|Deputy\s+Secretary|Admiral|General|Colonel|Captain|Judge|Justice)\s+)+"
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.|(?:van|von|de|der|da|di|du|la|le|bin|al|del)|Jr\.|Sr\.|II|III|IV)$")


@dataclass(frozen=True)
class Author:
    """A person (family, given) or an organisation (literal); role: the office given with a person."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    role: str | None = None

    @property
    def is_person(self) -> bool:
        return self.family is not None


@dataclass(frozen=True)
class Byline:
    authors: tuple[Author, ...]
    affiliation: str | None = None  # the parenthesised organisation, e.g. "(Ministry of Examples)"
    notes: tuple[str, ...] = field(default_factory=tuple)


def _person(part: str) -> Author | None:
    """A person's name (honorifics dropped), or None when the part is not one."""
    bare = _HONORIFIC.sub("", part.strip())
    tokens = bare.split()
    if not 2 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if any(t.lower().strip(".") in _ORG_WORDS for t in tokens):
        return None
    if not tokens[0][0].isupper() or not tokens[-1][0].isupper():
        return None
    from nameparser import HumanName

    name = HumanName(bare)
    family = " ".join(p for p in (name.last, name.suffix) if p).strip() or tokens[-1]
    given = " ".join(p for p in (name.first, name.middle) if p).strip() or None
    return Author(family=family, given=given)


def _split_top_level(text: str, sep: str) -> list[str]:
    """Split on sep outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_byline(author: str) -> Byline:
    """People and organisations in a document's <AUTHOR> line, offices kept apart from names."""
    text = " ".join(author.split())
    affiliation = None
    notes: list[str] = []
    trailing = re.search(r"\s*\(([^()]*)\)\s*$", text)
    if trailing:
        affiliation = trailing.group(1).strip() or None
        text = text[: trailing.start()].strip()
    authors: list[Author] = []
    organisation: list[str] = []
    for part in _split_top_level(text, ","):
        inner = re.search(r"\s*\(([^()]*)\)", part)
        if inner:
            notes.append(inner.group(1).strip())
            part = (part[: inner.start()] + part[inner.end() :]).strip()
        person = _person(part)
        if person is not None and not organisation:
            authors.append(person)
        elif authors and authors[-1].is_person:
            last = authors[-1]
            role = f"{last.role}, {part}" if last.role else part
            authors[-1] = Author(family=last.family, given=last.given, role=role)
        else:
            organisation.append(part)
    if organisation:
        authors.append(Author(literal=", ".join(organisation)))
    if not authors:
        authors.append(Author(literal=affiliation or author.strip() or "Unknown"))
        affiliation = None
    return Byline(tuple(authors), affiliation, tuple(notes))


# --- Citation keys -------------------------------------------------------------------------------

_STOP = frozenset("a an and at by for from in of on the to with its their our".split())


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _key_stem(author: str, issuer_key: str | None, publisher: str | None, published: str, title: str) -> str:
    byline = parse_byline(author)
    first = byline.authors[0]
    if first.is_person:
        who = _ascii_word(first.family or "")
    elif issuer_key:
        who = _ascii_word(issuer_key)
    else:
        org = first.literal or publisher or ""
        who = "".join(_ascii_word(w) for w in org.split()[:3] if w.lower() not in _STOP)
    words = [_ascii_word(w) for w in title.split()]
    word = next((w for w in words if w and w not in _STOP), "")
    return f"{who or 'anon'}{published[:4]}{word}"


def citation_keys(sources: Iterable[tuple[str, str, str | None, str | None, str, str]]) -> dict[str, str]:
    """Readable citation keys (author or issuer, year, first title word: roe2020annual) for
    sources given in the order they entered the knowledge base, as (key, author, issuer key,
    publisher, published, title). Keys that collide get b, c, … in that order, so adding a
    source never changes the key of one already there."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for key, author, issuer_key, publisher, published, title in sources:
        stem = _key_stem(author, issuer_key, publisher, published, title)
        candidate, suffix = stem, ord("b")
        while candidate in taken:
            candidate = f"{stem}{chr(suffix)}" if suffix <= ord("z") else f"{stem}{suffix - ord('a')}"
            suffix += 1
        taken.add(candidate)
        keys[key] = candidate
    return keys


# --- CSL-JSON ------------------------------------------------------------------------------------

_CSL_TYPES = {
    "news_article": "article-newspaper",
    "fact_sheet": "report",
    "press_release": "report",
    "statement": "speech",
    "speech": "speech",
    "transcript": "interview",
    "report": "report",
    "other": "document",
}


def web_url(url: str) -> str | None:
    """The URL if it is http(s), else None: bibliographies turn URLs into links."""
    return url.strip() if urllib.parse.urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _roles(byline: Byline) -> str | None:
    roles = [f"{a.given + ' ' if a.given else ''}{a.family}: {a.role}" for a in byline.authors if a.role]
    return "; ".join(text_field(r) for r in roles) or None


def csl_item(row: Any, citation_key: str) -> dict[str, Any]:
    """One CSL-JSON item: people as family/given, organisations as literal, the date at its precision."""
    byline = parse_byline(row.author)
    d = PartialDate.parse(row.published)
    parts = [p for p in (d.year, d.month, d.day) if p is not None]
    names: list[dict[str, str]] = []
    for a in byline.authors:
        if a.is_person:
            names.append({k: text_field(v) for k, v in (("family", a.family), ("given", a.given)) if v})
        else:
            names.append({"literal": text_field(a.literal or "")})
    item: dict[str, Any] = {
        "id": citation_key,
        "type": _CSL_TYPES.get(row.kind, "document"),
        "title": text_field(row.title),
        "author": names,
        "issued": {"date-parts": [parts]},
    }
    publisher = row.publisher or byline.affiliation
    if publisher:
        item["publisher"] = text_field(publisher)
        if row.kind == "news_article":
            item["container-title"] = text_field(row.publisher or publisher)
    if web_url(row.url):
        item["URL"] = text_field(row.url)
    roles = _roles(byline)
    if roles:
        item["note"] = roles
    if row.note:
        # A fact about kb's stored copy (e.g. "partial text"), not about the work: annote, which styles do not print.
        item["annote"] = text_field(row.note)
    return item


def csl_json(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """CSL-JSON items for source rows that carry their citation_key."""
    return [csl_item(r, r.citation_key) for r in rows]


# --- BibTeX --------------------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bib_escape(value: str) -> str:
    """A BibTeX field value: one line, controls visible, every character TeX reads escaped (in one pass)."""
    return re.sub(r"[\\{}~^%&$#_]", lambda m: _BIB_SPECIAL[m[0]], text_field(value))


def bib_title(value: str) -> str:
    """Escaped, with every word holding a capital brace-protected, so styles that lower-case
    titles keep acronyms and proper names ("U.N.", "Paris") as written."""
    return " ".join(f"{{{w}}}" if any(c.isupper() for c in w) else w for w in bib_escape(value).split(" "))


def bib_url(url: str) -> str | None:
    """An http(s) URL percent-encoded wherever BibTeX or TeX would read it; None for any other scheme."""
    web = web_url(url)
    if web is None:
        return None
    web = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", web)
    return urllib.parse.quote(web, safe="/:?#[]@!$&'()*+,;=%~-._", errors="backslashreplace")


def _bib_names(byline: Byline) -> str:
    names = []
    for a in byline.authors:
        if a.is_person:
            names.append(bib_escape(f"{a.family}, {a.given}" if a.given else a.family or ""))
        else:
            names.append("{" + bib_escape(a.literal or "") + "}")  # an organisation: one name, never split
    return " and ".join(names)


def bibtex(rows: Sequence[Any], out: TextIO) -> None:
    """@misc entries with author, title, year, month, howpublished and url: classic BibTeX styles
    (plain, alpha) and biblatex both print them."""
    for r in rows:
        byline = parse_byline(r.author)
        d = PartialDate.parse(r.published)
        url = bib_url(r.url)
        publisher = r.publisher or byline.affiliation
        fields: list[tuple[str, str | None]] = [
            ("author", _bib_names(byline)),
            ("title", bib_title(r.title)),
            ("howpublished", bib_escape(publisher) if publisher else None),
            ("year", str(d.year)),
            ("month", _MONTHS[d.month - 1] if d.month else None),
            ("url", url),
            ("note", bib_escape(_roles(byline) or "") or None),
        ]
        out.write(f"@misc{{{r.citation_key},\n")
        for name, value in fields:
            if value is None or value == "":
                continue
            # month is a macro (jan, feb…) that styles expand; every other value is braced
            out.write(f"  {name} = {value},\n" if name == "month" else f"  {name} = {{{value}}},\n")
        out.write("}\n\n")
