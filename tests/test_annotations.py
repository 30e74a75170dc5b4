"""Annotation files: parsing, validation against the document, and one-line errors."""

from __future__ import annotations

import re
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


# --- Hostile YAML, through the shared bad-input harness -------------------------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from helpers import fails, sqlite_only  # noqa: E402
from test_bad_input import ALPHA_TXT, ALPHA_YAML, Case, annotated, fingerprint, root  # noqa: E402,F401

# 9 aliases of 9 aliases … 8 levels deep: 1.5 KB that a naive loader expands to 9^8 nodes.
LAUGHS = 'lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)
)
CITED = '        date: "2019"\n'


def cited_with(extra: str) -> str:
    """The alpha annotation with one more line in its first citation."""
    return ALPHA_YAML.replace(CITED, CITED + f"        {extra}\n", 1)


def annotation_is_a_directory(root: Path) -> list[str]:  # noqa: F811
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")
    (root / "seeds" / "alpha.yaml").mkdir()
    return ["source", "migrate", "alpha"]


YAML_CASES = [
    Case("recursive alias", annotated("loop: &a [*a]\n" + ALPHA_YAML), r"alpha\.yaml:1: YAML anchors and aliases \(&name, \*name\) are not allowed"),
    Case("anchored value", annotated(ALPHA_YAML.replace("kind: government", "kind: &k government")), r"alpha\.yaml:8: YAML anchors and aliases"),
    Case("nested too deep", annotated(ALPHA_YAML + "deep: " + "[" * 40 + "]" * 40 + "\n"), r"alpha\.yaml:\d+: nested more than \d+ levels deep"),
    Case("3 MB annotation", annotated(ALPHA_YAML + "# " + "x" * (3 * 2**20) + "\n"), r"alpha\.yaml:1: the annotation is 3\.0 MB; kb takes annotations up to 2 MB"),
    Case("superscript occurrence", annotated(cited_with('occurrence: "²"')), r"alpha\.yaml:\d+: event fr-2019-reversal\.citations\[0\]\.occurrence: expected a whole number from 1 .*not '²'"),
    Case("5000-digit occurrence", annotated(cited_with("occurrence: " + "9" * 5000)), r"alpha\.yaml:\d+: event fr-2019-reversal\.citations\[0\]\.occurrence: expected a whole number from 1 .*\(5000 characters\)"),
    Case("a list as a key", annotated(ALPHA_YAML + "? [a, b]\n: c\n"), r"alpha\.yaml:\d+: a key must be a plain name"),
    Case("annotation is a directory", annotation_is_a_directory, r"alpha\.yaml: (is a directory|not a regular file)"),
]


@pytest.mark.parametrize("case", YAML_CASES, ids=[c.name for c in YAML_CASES])
def test_hostile_yaml_is_refused_in_one_line_and_changes_nothing(root: Path, case: Case) -> None:  # noqa: F811
    args = case.prepare(root)
    before = fingerprint(root)
    message = fails(*args, code=case.code)
    assert message.startswith("Error: "), message
    assert re.search(case.message, message), message
    assert len(message) < 500, message
    assert fingerprint(root) == before, f"{case.name}: the database or migrations/ changed"


def run_guarded(root: Path, *args: str) -> subprocess.CompletedProcess[str]:  # noqa: F811
    """kb in a subprocess, stopped by a timeout and a 1 GB memory cap should it regress."""
    limit = (
        "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
        "sys.argv = ['kb', *sys.argv[1:]]; runpy.run_module('kb', run_name='__main__')"
    )
    return subprocess.run(
        [sys.executable, "-c", limit, *args], cwd=root, env=os.environ, capture_output=True, text=True, timeout=120
    )


def test_a_billion_laughs_is_refused_at_once(root: Path) -> None:  # noqa: F811
    annotated(LAUGHS + ALPHA_YAML)(root)
    assert len(LAUGHS) < 1600
    before = fingerprint(root)
    result = run_guarded(root, "source", "migrate", "alpha")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"^Error: .*alpha\.yaml:1: YAML anchors and aliases", result.stderr.strip()), result.stderr
    assert fingerprint(root) == before


def test_the_same_yaml_embedded_in_a_migration_is_refused_too() -> None:
    with pytest.raises(AnnotationError, match=r"^migration annotation of x:1: YAML anchors and aliases"):
        parse_annotation(LAUGHS + ALPHA_YAML, origin="migration annotation of x", source_key="x")


@sqlite_only("a FIFO on the local file system")
def test_an_annotation_that_is_a_fifo_is_refused_without_waiting(root: Path) -> None:  # noqa: F811
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")
    os.mkfifo(root / "seeds" / "alpha.yaml")
    result = run_guarded(root, "source", "migrate", "alpha")
    assert result.returncode == 1, result.stderr
    assert re.search(r"^Error: .*alpha\.yaml: not a regular file", result.stderr.strip()), result.stderr


def test_load_annotation_file_refuses_a_directory(tmp_path: Path) -> None:
    """(A FIFO is tried through a subprocess above: were it read, it would wait forever.)"""
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(AnnotationError, match=r"dir\.yaml: is a directory, not an annotation file$"):
        load_annotation_file(tmp_path / "dir.yaml", parse_document(FIXTURES / "alpha.txt"))


def test_terms_declare_variants_and_refuse_an_empty_list() -> None:
    text = (FIXTURES / "alpha.yaml").read_text()
    c = parse_annotation(text + "terms:\n  - term: mine policy\n    variants: [mine rules, Mine Policy, MP]\n", origin="a.yaml", source_key="alpha")
    assert [(t.term, t.variants) for t in c.terms] == [("mine policy", ["mine rules", "MP"])]  # the term itself is no variant
    lines = text.count("\n")
    with pytest.raises(AnnotationError, match=rf"^a\.yaml:{lines + 3}: terms\[0\]\.variants: list at least one other way"):
        parse_annotation(text + "terms:\n  - term: mine policy\n    variants: [Mine Policy]\n", origin="a.yaml", source_key="alpha")
    with pytest.raises(AnnotationError, match=r"terms\[0\]\.synonyms: unknown field"):
        parse_annotation(text + "terms:\n  - term: x\n    synonyms: [y]\n", origin="a.yaml", source_key="alpha")


@pytest.mark.parametrize(("written", "has_date"), [
    ("spending rose in FY2021", True), ("in the 1990s", True), ("on 2024-03-12", True), ("in March", True),
    ("code ABC2021 applies", False), ("no date here", False),
])  # fmt: skip
def test_what_counts_as_a_date_written_in_the_quote(written: str, has_date: bool) -> None:
    from kb.annotations import _DATE_IN_TEXT

    assert bool(_DATE_IN_TEXT.search(written)) is has_date
