"""Annotation files: parsing, validation against the document, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES

from kb.annotations import load_annotation_file, parse_annotation, resolve
from kb.documents import parse_document
from kb.errors import AnnotationError, QuoteNotFound

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ALPHA = (FIXTURES / "alpha.yaml").read_text()


def check(tmp_path: Path, annotation: str, document: Path = FIXTURES / "alpha.txt") -> None:
    path = tmp_path / "alpha.yaml"
    path.write_text(annotation, encoding="utf-8")
    load_annotation_file(path, parse_document(document))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_seed_annotation_is_valid_and_reviewed(path: Path) -> None:
    contribution = load_annotation_file(path, parse_document(path.with_suffix(".txt")))
    assert contribution.reviewed
    assert contribution.events
    for event in contribution.events:
        for cit in event.citations:
            assert cit.exact and " ".join(cit.exact.split()) == " ".join(cit.quote.split())


def test_a_good_annotation_resolves_quotes_to_offsets() -> None:
    doc = parse_document(FIXTURES / "alpha.txt")
    contribution = load_annotation_file(FIXTURES / "alpha.yaml", doc)
    cit = contribution.events[1].citations[0]
    assert doc.text[cit.start : cit.end] == cit.exact
    assert cit.date.precision == "year"
    assert cit.attributed_to == "officials"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("type: reinstated", "type: restored", r"alpha.yaml:28: event fr-restoration.type: unknown value 'restored' \(expected one of: adopted,"),
        ("role: decided}\n    citations:\n      - quote: The Fictional Republic in", "role: invented}\n    citations:\n      - quote: The Fictional Republic in", r"event fr-restoration.actors\[0\].role: unknown value 'invented'"),
        ("    stance: The Republic does not use mines.\n", "", r"alpha.yaml:\d+: event fr-restoration.stance: a 'reinstated' event changes the policy's state"),
        ("policies: [fr-mine-policy]\n    actors:\n      - {actor: fictional-republic, role: decided}\n    citations:\n      - quote: The Fictional Republic in", "policies: [no-such-policy]\n    actors:\n      - {actor: fictional-republic, role: decided}\n    citations:\n      - quote: The Fictional Republic in", r"event fr-restoration.policies: unknown policy 'no-such-policy': declare it under `policies:` in this file"),
        ("{actor: fictional-republic, role: decided}\n    citations:\n      - quote: The Fictional Republic in", "{actor: nobody, role: decided}\n    citations:\n      - quote: The Fictional Republic in", r"event fr-restoration.actors: unknown actor 'nobody'"),
        ('date: "2022"', 'date: "2022-02-30"', r"alpha.yaml:\d+: event fr-restoration.citations\[0\].date: '2022-02-30' is not a date: February 2022 has 28 days"),
        ("basis: explicit\n        attributed_to", "basis: guessed\n        attributed_to", r"citations\[0\].basis: unknown value 'guessed'"),
        ("    kind: government\n", "", r"alpha.yaml:\d+: actors\[0\].kind: is required"),
        ("reviewed: true", "reviewed: maybe", r"reviewed: expected true or false"),
        ("  publisher: Example News\n", "  publisher: Example News\n  colour: blue\n", r"alpha.yaml:4: source.colour: unknown field"),
        ("events:", "events: [\n", r"alpha.yaml:\d+: not valid YAML"),
    ],
)
def test_annotation_errors_name_file_line_and_field(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in ALPHA
    with pytest.raises(AnnotationError, match=message):
        check(tmp_path, ALPHA.replace(old, new, 1))


def test_a_quote_not_in_the_document_shows_the_closest_passage(tmp_path: Path) -> None:
    bad = ALPHA.replace("had dropped that policy in 2019.", "had abandoned that policy in 2019.")
    with pytest.raises(QuoteNotFound) as info:
        check(tmp_path, bad)
    message = str(info.value)
    assert "event fr-2019-reversal: quote not found in alpha.txt <CONTENT>" in message
    assert "closest passage (line 9)" in message
    assert "had dropped that policy in 2019." in message
    assert "\n" not in message


def test_quotes_in_the_summary_are_not_citable(tmp_path: Path) -> None:
    doc = (FIXTURES / "alpha.txt").read_text().replace(
        "<CONTENT>", "<SUMMARY>\nA summary sentence here.\n</SUMMARY>\n<CONTENT>"
    )
    (tmp_path / "alpha.txt").write_text(doc, encoding="utf-8")
    bad = ALPHA.replace("The Fictional Republic had dropped that policy in 2019.", "A summary sentence here. 2019")
    with pytest.raises(QuoteNotFound):
        check(tmp_path, bad, tmp_path / "alpha.txt")


def test_a_quote_that_occurs_twice_must_say_which(tmp_path: Path) -> None:
    doc = (FIXTURES / "alpha.txt").read_text().replace(
        "Critics called", "The Fictional Republic had dropped that policy in 2019.\n\nCritics called"
    )
    (tmp_path / "alpha.txt").write_text(doc, encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"quote occurs 2 times \(lines 9, 11\); add `occurrence: N`"):
        check(tmp_path, ALPHA, tmp_path / "alpha.txt")
    fixed = ALPHA.replace('        date: "2019"\n', '        date: "2019"\n        occurrence: 2\n')
    path = tmp_path / "alpha.yaml"
    path.write_text(fixed, encoding="utf-8")
    contribution = load_annotation_file(path, parse_document(tmp_path / "alpha.txt"))
    cit = contribution.events[0].citations[0]
    assert doc.count("\n", 0, cit.start) + 1 == 11


def test_explicit_basis_needs_a_date_in_the_quote(tmp_path: Path) -> None:
    bad = ALPHA.replace(
        "      - quote: The Fictional Republic had dropped that policy in 2019.",
        "      - quote: The Fictional Republic had dropped that policy",
    )
    with pytest.raises(AnnotationError, match="basis is 'explicit' but the quote contains no date"):
        check(tmp_path, bad)


def test_a_date_after_publication_must_be_marked(tmp_path: Path) -> None:
    late = ALPHA.replace('date: "2019"', 'date: "2023-03-02"').replace("basis: explicit\n", "basis: context\n", 1)
    with pytest.raises(AnnotationError, match=r"stated date 2023-03-02 is after the document's publication date 2023-03-01; mark the citation `beyond_publication: updated`"):
        check(tmp_path, late)
    marked = late.replace('date: "2023-03-02"\n', 'date: "2023-03-02"\n        beyond_publication: updated\n')
    check(tmp_path, marked)


def test_cites_entries_cannot_redefine(tmp_path: Path) -> None:
    doc = parse_document(FIXTURES / "beta.txt")
    text = (FIXTURES / "beta.yaml").read_text().replace("  - cites: fr-restoration\n", "  - cites: fr-restoration\n    key: x\n")
    with pytest.raises(AnnotationError, match="an entry that `cites:` an event has no key of its own"):
        resolve(parse_annotation(text, origin="beta.yaml", source_key="beta"), doc, origin="beta.yaml")
