"""Proposals on government document styles the rules were not written from: a Federal Register
rule, an executive order, a congressional hearing (made-up documents in tests/fixtures/unseen)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import FIXTURES, ok

from kb.documents import Document, parse_document
from kb.propose import Known, Proposal, propose
from kb.sentences import label_is_speaker, segments, shouting, truecased
from kb.sources import _guess_kind

UNSEEN = FIXTURES / "unseen"
DOCUMENTS = sorted(p.name for p in UNSEEN.glob("*.txt"))
STATE_CHANGES = {"adopted", "amended", "reversed", "rescinded", "reinstated", "exception"}
# A deictic phrase points at the document; a policy name must name something.
DEICTIC = re.compile(r"(?i)^(?:today|this|that|these|those|its|our|their)\b|^(?:executive|final|interim) \w+$")


def _proposals(name: str) -> list[Proposal]:
    return propose(parse_document(UNSEEN / name), Known())


def test_there_are_unseen_styles_to_try() -> None:
    assert len(DOCUMENTS) >= 3


@pytest.mark.parametrize(("name", "kind"), [("smoke-federal-register.txt", "other"), ("executive-order-water.txt", "other"),
                                            ("hearing-fisheries.txt", "transcript")])  # fmt: skip
def test_the_kind_is_guessed_from_structure_not_from_section_labels(name: str, kind: str) -> None:
    assert _guess_kind(parse_document(UNSEEN / name)) == kind


@pytest.mark.parametrize(
    ("label", "uses", "speaker"),
    [("SUMMARY", 1, False), ("ADDRESSES", 1, False), ("FOR FURTHER INFORMATION CONTACT", 1, False), ("BACKGROUND", 3, False),
     ("MR. ROE", 1, True), ("SENATOR VANCE", 1, True), ("Q", 4, True), ("LEAHY", 3, True), ("RECOMMENDATIONS", 2, False)],
)  # fmt: skip
def test_a_label_names_a_speaker_only_when_it_names_a_person(label: str, uses: int, speaker: bool) -> None:
    assert label_is_speaker(label, uses) is speaker


@pytest.mark.parametrize("name", DOCUMENTS)
def test_section_labels_are_headings_and_real_speakers_are_kept(name: str) -> None:
    segs = segments(parse_document(UNSEEN / name))
    for s in segs:
        assert not re.match(r"[A-Z]{4,}(?: [A-Z]+)*:", s.text) or s.kind == "heading"  # no sentence keeps its section label
        assert s.speaker is None or label_is_speaker(s.speaker, 2)
    if name.startswith("hearing"):
        assert {s.speaker for s in segs if s.speaker} >= {"SENATOR MARLOW", "MS. OKAFOR"}
        assert "PRESENT" not in {s.speaker for s in segs}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_dateline_or_signature_is_proposed(name: str) -> None:
    doc = parse_document(UNSEEN / name)
    datelines = [s for s in segments(doc) if s.kind == "dateline"]
    assert datelines  # each fixture has one: a dateline or a signature line
    for p in propose(doc, Known()):
        assert not any(p.start < s.end and s.start < p.end for s in datelines), p.quote
        assert not re.match(r"(?i)(?:dated|signed|issued|approved)\b", p.quote)


@pytest.mark.parametrize(("name", "verb", "etype", "date"), [
    ("smoke-federal-register.txt", "amends", "amended", "2025-03-14"),
    # An order is dated by its signature ("THE WHITE HOUSE, March 3, 2025."), published three days later.
    ("executive-order-water.txt", "establishes", "adopted", "2025-03-03"),
    ("executive-order-water.txt", "hereby revoked", "reversed", "2025-03-03"),
])  # fmt: skip
def test_the_documents_own_act_is_dated_by_its_signature_else_its_publication(name: str, verb: str, etype: str, date: str) -> None:
    own = [p for p in _proposals(name) if verb in p.quote and p.type in STATE_CHANGES]
    assert own and own[0].type == etype and str(own[0].date.spec) == date
    assert "voice:own-act" in own[0].rules


@pytest.mark.parametrize(("name", "words", "date"), [
    ("smoke-federal-register.txt", "directed the agency to review", "2023"),
    ("hearing-fisheries.txt", "asked the agency to assess", "2022"),
    ("executive-order-water.txt", "directed the Department of the Interior to study", "2022"),
])  # fmt: skip
def test_commissioning_a_review_with_a_number_word_date(name: str, words: str, date: str) -> None:
    found = [p for p in _proposals(name) if words in p.quote]
    assert found and found[0].type == "review" and str(found[0].date.spec) == date


def test_a_date_naming_an_instrument_does_not_date_the_verb() -> None:
    rescinded = next(p for p in _proposals("hearing-fisheries.txt") if "rescinded the 2019" in p.quote)
    assert str(rescinded.date.spec) == "2024-03"  # "Last March", not the rule's 2019
    assert not any(str(p.date.spec) == "2019" for p in _proposals("hearing-fisheries.txt"))
    assert not any(str(p.date.spec).startswith("2021") for p in _proposals("executive-order-water.txt"))


def test_a_past_verb_keeps_its_month_in_the_past() -> None:
    review = next(p for p in _proposals("hearing-fisheries.txt") if "completed its review in December" in p.quote)
    assert str(review.date.spec) == "2023-12"


def test_agencies_offices_collectives_and_speakers_as_actors() -> None:
    fr = _proposals("smoke-federal-register.txt")
    new = {name: kind for p in fr for _k, name, kind in p.new_actors}
    assert new.get("Bureau of Industry and Security") == "agency"
    assert new.get("Secretary of Commerce") == "office"
    assert new.get("Several industry groups") == "organisation"
    bis = next(k for p in fr for k, name, _kind in p.new_actors if name == "Bureau of Industry and Security")
    considered = next(p for p in fr if p.quote.startswith("BIS considered"))
    assert bis in [a for a, _r in considered.actors]  # the acronym is the agency the document named
    assert any(p.actor_aliases.get(bis) == ["BIS"] for p in fr)
    hearing = {name: kind for p in _proposals("hearing-fisheries.txt") for _k, name, kind in p.new_actors}
    assert hearing.get("Ms. Okafor") == "person" and "Senators Marlow" not in hearing
    eo = {name for p in _proposals("executive-order-water.txt") for _k, name, _kind in p.new_actors}
    assert "Coastal Water Planning" not in eo  # an instrument's title in brackets is nobody


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_deictic_policy_names(name: str) -> None:
    for p in _proposals(name):
        for _key, policy, *_ in p.new_policies:
            assert not DEICTIC.match(policy), policy


def test_an_instrument_is_about_the_policy_its_title_names() -> None:
    names = {n for p in _proposals("smoke-federal-register.txt") for _k, n, *_ in p.new_policies}
    assert names == {"Revised Export Controls on Small Unmanned Aircraft"}
    names = {n for p in _proposals("executive-order-water.txt") for _k, n, *_ in p.new_policies}
    assert names == {"Strengthening the Resilience of Regional Water Infrastructure"}


def test_kb_source_new_on_a_federal_register_rule(root_copy: Path) -> None:
    ok("source", "new", str(UNSEEN / "smoke-federal-register.txt"))
    annotation = (root_copy / "seeds" / "smoke-federal-register.yaml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^  kind: other\b", annotation)
    assert "Dated: March" not in annotation and "Today's rule" not in annotation
    assert re.search(r'aliases: \["BIS"\]', annotation)
    own = re.search(r"(?ms)^  - key: \S+\n    type: amended\n.*?date: \"2025-03-14\"", annotation)
    assert own and "amends the Export Administration Regulations" in own.group(0)


def _doc(tmp_path: Path, title: str, content: str, published: str = "2025-03-14") -> object:
    path = tmp_path / "doc.txt"
    path.write_text(f"<TITLE>{title}</TITLE>\n<PUBLISHED_DATE>{published}</PUBLISHED_DATE>\n<URL>https://example.org/x</URL>\n"
                    f"<AUTHOR>Example Agency</AUTHOR>\n<CONTENT>\n{content}\n</CONTENT>\n", encoding="utf-8")  # fmt: skip
    return parse_document(path)


@pytest.mark.parametrize("sentence", [
    "On June 2, 2019, the agency issued a rule that set the first limits on pesticide drift.",
    "In 2011 the ministry published a regulation that first imposed fees on plastic bags.",
    "Parliament enacted the Clean Harbours Act in May 2004.",
])  # fmt: skip
def test_issuing_or_enacting_an_instrument_adopts_a_policy(tmp_path: Path, sentence: str) -> None:
    proposals = propose(_doc(tmp_path, "Background on harbour policy", sentence), Known())
    assert proposals and proposals[0].type == "adopted", [(p.type, p.quote) for p in proposals]


@pytest.mark.parametrize(("content", "content_word"), [
    ("It is the policy of the United States to maintain reliable water deliveries to farms.", "deliveries"),
    ("It is the policy of this Government to supply clean fuel to rural clinics.", "supply"),
    ("It remains our policy to restore wetlands wherever they were drained.", "restore"),
])  # fmt: skip
def test_what_a_policy_says_is_not_an_act(tmp_path: Path, content: str, content_word: str) -> None:
    proposals = propose(_doc(tmp_path, "A statement of policy", content), Known())
    assert all(p.type not in STATE_CHANGES | {"transfer"} for p in proposals), [(p.type, p.rules) for p in proposals]
    assert all(not any(r == "frame:transfer" for r in p.rules) for p in proposals)
    assert content_word in content


@pytest.mark.parametrize(("title", "signature", "act_date"), [
    ("Memorandum on Rural Broadband Grants", "THE WHITE HOUSE,\nFebruary 27, 2025.", "2025-02-27"),
    ("Proclamation 10999: Adjusting Imports of Copper", "Signed this 28th day of February, 2025.", "2025-02-28"),
    ("Final Rule: Rural Broadband Grants", "Dated: February 27, 2025.", "2025-03-14"),  # a rule: its publication
])  # fmt: skip
def test_a_signed_instrument_acts_on_the_day_it_is_signed(tmp_path: Path, title: str, signature: str, act_date: str) -> None:
    text = f"{title}\n\nSection 1. The Grants Memorandum of 2019 is hereby revoked.\n\n{signature}"
    own = [p for p in propose(_doc(tmp_path, title, text), Known()) if "voice:own-act" in p.rules]
    assert own and str(own[0].date.spec) == act_date, [(p.type, str(p.date.spec), p.rules) for p in own]


def test_the_day_an_own_act_takes_effect_is_linked_to_it(tmp_path: Path) -> None:
    text = "In this rule, the Agency amends its grant conditions to require audits.\n\nThis rule is effective on May 1, 2025."
    proposals = propose(_doc(tmp_path, "Grant Conditions; Final Rule", text), Known())
    act = next(p for p in proposals if "voice:own-act" in p.rules)
    effect = next(p for p in proposals if "effective" in p.quote)
    assert effect.type == act.type == "amended" and str(effect.date.spec) == "2025-05-01"
    assert act.key in (effect.note or "") and "frame:takes-effect" in effect.rules


def _shouted(name: str, tmp_path: Path, wrap: int | None = None) -> tuple[Path, Path]:
    """A fixture's copy (hard-wrapped at `wrap` if given) in mixed case, and the same all in capitals."""
    head, content = (UNSEEN / name).read_text(encoding="utf-8").split("<CONTENT>", 1)
    body, tail = content.split("</CONTENT>", 1)
    if wrap:
        body = "\n\n".join(textwrap.fill(p, wrap) for p in body.split("\n\n"))
    mixed, caps = tmp_path / "mixed.txt", tmp_path / "caps.txt"
    mixed.write_text(f"{head}<CONTENT>{body}</CONTENT>{tail}", encoding="utf-8")
    caps.write_text(f"{head}<CONTENT>{body.upper()}</CONTENT>{tail}", encoding="utf-8")
    return mixed, caps


@pytest.mark.parametrize("wrap", [None, 60])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_all_in_capitals_gets_the_proposals_of_its_mixed_case_copy(tmp_path: Path, name: str, wrap: int | None) -> None:
    mixed, caps = _shouted(name, tmp_path, wrap)
    seen = {(p.start, str(p.date.spec), p.type) for p in propose(parse_document(mixed), Known())}
    shouted = {(p.start, str(p.date.spec), p.type) for p in propose(parse_document(caps), Known())}
    assert seen, name
    assert len(seen & shouted) >= 0.8 * len(seen), sorted(seen - shouted)[:5]


def test_capitals_are_read_in_ordinary_case_with_the_gazetteer_s_names() -> None:
    text = 'THE OCEAN COUNCIL BANNED TRAWLING ON MONDAY, U.S. OFFICIALS SAID. "WE ACTED," DIRECTOR ROE SAID.'
    read = truecased(text, ["Ocean Council", "Jane Roe", "Roe"])
    assert len(read) == len(text) and read.upper() == text
    assert read == 'The Ocean Council banned trawling on Monday, U.S. officials said. "We acted," director Roe said.'
    assert shouting(text) and not shouting(read) and not shouting("NATO AND THE EU")  # too short to tell


def _written(tmp_path: Path, content: str) -> Document:
    """A made-up document of this content, published on 2025-03-06."""
    path = tmp_path / "doc.txt"
    path.write_text("<TITLE>t</TITLE>\n<PUBLISHED_DATE>2025-03-06</PUBLISHED_DATE>\n<URL>https://example.org/d</URL>\n"
                    f"<AUTHOR>a</AUTHOR>\n<CONTENT>\n{content}\n</CONTENT>\n", encoding="utf-8")  # fmt: skip
    return parse_document(path)


def test_a_wrapped_line_continued_by_a_parenthesis_is_prose_not_a_heading(tmp_path: Path) -> None:
    document = _written(tmp_path, "Sec. 5. Revocation. Executive Order 14001 of January 5, 2021\n(Coastal Water Planning), is hereby revoked.")
    found = [s for s in segments(document) if s.kind == "sentence"]
    assert [s.text for s in found] == ["Executive Order 14001 of January 5, 2021 (Coastal Water Planning), is hereby revoked."]


def test_footnote_marks_neither_end_nor_join_sentences(tmp_path: Path) -> None:
    document = _written(tmp_path, "The council banned trawling in the bay in May 2024.[12] The ministry\n"
                                  "suspended the quota in June 2024.\u00b3 A review followed.")  # fmt: skip
    found = [s for s in segments(document) if s.kind == "sentence"]
    assert [s.text for s in found] == ["The council banned trawling in the bay in May 2024.",
                                       "The ministry suspended the quota in June 2024.", "A review followed."]  # fmt: skip
    assert document.text[found[0].start : found[0].end].endswith("2024.")  # evidence is still stored text
    assert [(str(p.date.spec), p.type) for p in propose(document, Known())][:2] == [("2024-05", "amended"), ("2024-06", "amended")]


def test_a_note_number_left_on_the_line_after_a_full_stop_is_no_part_of_either_sentence(tmp_path: Path) -> None:
    # Web and PDF text loses the superscript: "relies on.1 Today", "in 2005.3 In August".
    document = _written(tmp_path, "The council banned trawling in the bay in 2005.3 In August 2006, it suspended the quota.7 "
                                  "A review followed.12\n\nThe catch rose 2.5 In fact it doubled.")  # fmt: skip
    found = [s.text for s in segments(document) if s.kind == "sentence"]
    assert found == ["The council banned trawling in the bay in 2005.", "In August 2006, it suspended the quota.",
                     "A review followed.", "The catch rose 2.5 In fact it doubled."]  # fmt: skip


def test_a_numbered_paragraph_s_number_is_not_part_of_its_sentences(tmp_path: Path) -> None:
    # The number kept the segmenter from finding the sentence's end, and cut it inside a parenthesis.
    document = _written(tmp_path, "5. In response, the Council in 2015 banned trawling in the bay, along with a general standard. "
                                  "80 FR 19738 (April 13, 2015) (2015 Trawling Order). The Court upheld the 2015 Trawling Order on June 14, 2016.\n\n"
                                  "(6) The Council then reversed course on March 3, 2018.")  # fmt: skip
    found = [s.text for s in segments(document) if s.kind == "sentence"]
    assert found[0] == "In response, the Council in 2015 banned trawling in the bay, along with a general standard."
    assert "The Court upheld the 2015 Trawling Order on June 14, 2016." in found
    assert "The Council then reversed course on March 3, 2018." in found
    assert not any(s.endswith("13,") for s in found)


def test_a_citation_s_date_in_its_parenthesis_is_not_when_the_sentence_happened(tmp_path: Path) -> None:
    document = _written(tmp_path, 'In March 2002, the Council classified trawling as a "licensed activity," 67 FR 18848 (April 17, 2002), '
                                  "and the Court upheld that classification in 2005.")  # fmt: skip
    dates = {str(p.date.spec) for p in propose(document, Known())}
    assert "2002-03" in dates and "2002-04-17" not in dates


def test_a_word_hyphenated_at_a_line_break_is_read_whole(tmp_path: Path) -> None:
    document = _written(tmp_path, "In May 2024 the fisheries council sus-\npended the trawling quota for the\n"
                                  "bay, a long-standing, well-\nknown rule.")  # fmt: skip
    found = [s for s in segments(document) if s.kind == "sentence"]
    assert [s.text for s in found] == ["In May 2024 the fisheries council suspended the trawling quota for the bay, a long-standing, wellknown rule."]
    assert [(str(p.date.spec), p.type) for p in propose(document, Known())] == [("2024-05", "amended")]


def test_works_cited_under_a_notes_heading_are_not_events_but_notes_to_editors_are_read(tmp_path: Path) -> None:
    body = ("The council banned trawling in the bay on 3 May 2022.\n\n{heading}\n\n"
            '1. Ministry of Fisheries, "Interim ban on trawling," News release, 5 August 2022.\n\n'
            "2. Regulations Amending the Fisheries Regulations, Gazette, Part II, 26 October 2022.\n")  # fmt: skip
    dates = {}
    for heading in ("NOTES", "Endnotes", "References:", "Notes to editors"):
        dates[heading] = sorted(str(p.date.spec) for p in propose(_written(tmp_path, body.format(heading=heading)), Known()))
    assert dates["NOTES"] == dates["Endnotes"] == dates["References:"] == ["2022-05-03"]
    assert "2022-08-05" in dates["Notes to editors"] and "2022-10-26" in dates["Notes to editors"]


@pytest.mark.parametrize("line", [
    "Source: Ministry of Fisheries analysis of 2021 catch data.",
    "Notes: Catch figures for 2022 are provisional.",
    "Jane Roe in Oslo and John Doe in Bergen contributed to this report.",
    "(Reporting by Jane Roe in Oslo; Editing by John Doe on 4 March 2023)",
])  # fmt: skip
def test_a_source_line_or_a_story_s_credits_are_no_event(tmp_path: Path, line: str) -> None:
    document = _written(tmp_path, f"The council banned trawling in the bay on 3 May 2022.\n\n{line}")
    assert [str(p.date.spec) for p in propose(document, Known())] == ["2022-05-03"]


@pytest.mark.parametrize(("sentence", "when"), [
    ("The Harbour Board has closed the northern channel to trawlers.", "on or before 2025-03-14"),
    ("It is the third time the Harbour Board has moved its offices inland.", "on or before 2025-03-14"),
    ("The Harbour Board has not published its accounts.", "2025-03-14"),  # a state that holds on the day
    ("The Harbour Board has become the largest landowner on the coast.", "2025-03-14"),
])  # fmt: skip
def test_an_undated_act_in_the_present_perfect_happened_on_or_before_publication(tmp_path: Path, sentence: str, when: str) -> None:
    known = Known(actors={"Harbour Board": ("harbour-board", "Harbour Board", "agency")})
    proposals = propose(_doc(tmp_path, "Harbour news", sentence), known)
    assert [str(p.date.spec) for p in proposals] == [when], [(p.type, str(p.date.spec), p.rules) for p in proposals]


@pytest.mark.parametrize("mark", [" \u2013 ", ": ", " - "])
def test_every_sentence_of_a_chronology_entry_tells_of_the_entry_s_day(tmp_path: Path, mark: str) -> None:
    body = (f"Key dates\n\n\u2022 March 3, 2022{mark}The Harbour Board suspends the trawling quota. The Harbour Board also closes the northern channel.\n\n"
            f"\u2022 June 2023{mark}The Harbour Board restores the quota. The Harbour Board also reopens the channel.\n\n"
            "Outlook\n\nThe Harbour Board says the channel will stay open. The Harbour Board also closes the southern pier.")  # fmt: skip
    known = Known(actors={"Harbour Board": ("harbour-board", "Harbour Board", "agency")})
    dates = {p.quote.split(".")[0]: str(p.date.spec) for p in propose(_doc(tmp_path, "Harbour chronology", body), known)}
    assert dates["The Harbour Board also closes the northern channel"] == "2022-03-03", dates
    assert dates["The Harbour Board also reopens the channel"] == "2023-06", dates
    assert dates["The Harbour Board also closes the southern pier"] != "2023-06", dates  # a paragraph that opens with no date
