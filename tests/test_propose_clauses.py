"""Proposals: reaffirmations, clauses, and dates from tense, the paragraph and a list's lead-in
(made-up sentences; none is copied from a reviewed document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.documents import parse_document
from kb.propose import Known, Proposal, frames, propose

PUB = "2024-11-19"


def proposed(tmp_path: Path, content: str, published: str = PUB) -> list[Proposal]:
    path = tmp_path / "doc.txt"
    path.write_text(
        f"<TITLE>t</TITLE>\n<PUBLISHED_DATE>{published}</PUBLISHED_DATE>\n<URL>https://example.org/x</URL>\n"
        f"<AUTHOR>a</AUTHOR>\n<CONTENT>\n{content}\n</CONTENT>\n"
    )
    return propose(parse_document(path), Known())


def dated(proposals: list[Proposal]) -> list[tuple[str, str, str]]:
    """(type, date, first words) of each proposal, in document order."""
    return [(p.type, str(p.date.spec), " ".join(p.quote.split()[:3])) for p in sorted(proposals, key=lambda p: (p.start, p.type))]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Republic of Ostravia remains firmly committed to its clearance programme.",
        "The ministry continues to fund clearance teams in the north.",
        "We will continue to support the clearance fund.",
        "The cabinet reaffirmed its moratorium on drone exports.",
    ],
)
def test_a_policy_restated_as_still_holding_is_reaffirmed(sentence: str) -> None:
    assert frames(sentence)[0].type == "reaffirmed"


def test_a_reaffirmation_needs_someone_who_confirms_and_is_not_a_demand() -> None:
    assert [f.type for f in frames("Decades later the shells continue to kill farmers.")] == []
    assert frames("Ostravia must continue to fund the clearance teams.")[0].type == "statement"


def test_a_present_reaffirmation_is_dated_the_publication_day(tmp_path: Path) -> None:
    (p,) = proposed(tmp_path, "The ministry continues to fund clearance teams in the north, officials confirmed.")
    assert (p.type, str(p.date.spec)) == ("reaffirmed", PUB)


def test_a_preposed_clause_states_an_earlier_event_and_the_main_clause_the_sentence_s_own(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, "Since the Veltrian clearance fund was launched in 2001, Veltria has spent over $40 million on clearance."))
    # the launch keeps its own year; the figure holds as of the day of publication
    assert ("adopted", "2001", "Since the Veltrian") in found and ("report", PUB, "Since the Veltrian") in found
    assert len(found) == 2


def test_a_preposed_clause_without_a_date_happened_on_or_before_the_main_clause(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, "After an internal review, the cabinet rescinded the drone decree on March 3, 2023."))
    assert ("review", "on or before 2023-03-03", "After an internal") in found
    assert ("reversed", "2023-03-03", "After an internal") in found


def test_the_first_clause_with_a_verb_decides_not_a_stronger_word_in_a_later_one() -> None:
    sentence = "The two states considered leaving the Accord last spring, although they finally decided to stay in it."
    assert frames(sentence)[0].type == "deliberation"


def test_words_of_a_title_and_an_instrument_s_content_are_not_verbs() -> None:
    assert frames("The delegation abstained on the Convention on the Prohibition of Incendiary Shells.")[0].type == "treaty_action"
    assert frames("Ostravia is not one of the 40 parties to the Accord, a treaty that bans incendiary shells.")[0].type == "report"
    assert frames("The Accord prohibits the sale of incendiary shells.") == []


def test_a_verb_opening_a_quoted_or_bracketed_title_is_a_word_of_the_title() -> None:
    # The order was signed; "Restoring …" is its name, not a restoration.
    found = frames('On May 2, 2021, the President signed Executive Order 14999, "Restoring Order and Fairness in the Shell Trade," which directed a review.')
    assert found[0].type == "adopted"
    assert frames("The Shell Trade (Repeal of Export Licensing and Other Measures) Act 2022 passed the Parliament on 27 September 2022.") == []
    # A quoted sentence is no title: its capitalised verb still acts.
    assert frames('"Restore the export ban on incendiary shells now," the senator said.')[0].type != "adopted"
    assert frames("\u201cWe will restore the export ban on shells,\u201d he said.")[0].type == "reinstated"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Assembly called for an end to the shell embargo, adopting a resolution by a recorded vote of 150 in favour to 2 against.",
        "The first text was adopted by 59 votes in favour to 3 against, with 71 abstentions.",
        "Last year, the resolution was adopted by 145 votes in favour to 2 against.",
        "The Council passed the draft by consensus on Monday.",
    ],
)
def test_a_resolution_carried_by_a_vote_is_a_vote_not_a_policy_adopted(sentence: str) -> None:
    assert frames(sentence)[0].type == "treaty_action"


def test_a_policy_adopted_without_a_vote_count_is_still_adopted() -> None:
    assert frames("The Council adopted the regulation on shells on 28 March.")[0].type == "adopted"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Comptroller reviewed the ministry's shell policies and interviewed officials at 10 depots.",
        "Shell Watch has documented the harm caused by the export ban since 2020.",
        "Inspectors examined whether the depots complied with the ban.",
    ],
)
def test_an_inquiry_carried_out_is_a_review(sentence: str) -> None:
    assert frames(sentence)[0].type == "review"


def test_a_participle_used_as_an_adjective_is_no_inquiry() -> None:
    assert [f.type for f in frames("The documented cases of shell exports rose.")] != ["review"]


def test_a_figure_in_a_clause_of_its_own_is_reported_apart() -> None:
    found = frames("The cabinet adopted the Accord on shells, which has more than 40 parties.")
    assert [f.type for f in found] == ["adopted", "report"]


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The agency has cleared mines in 12 countries.", PUB),  # a figure holds as of publication
        ("Helped 9 countries become free of shells;", PUB),
        ("The agency had a stockpile of 5,000 shells.", f"on or before {PUB}"),  # simple past: before it
        ("The government needs to restore the export ban.", PUB),  # a demand made in the document
        ("Activists urged the minister to restore the export ban.", f"on or before {PUB}"),
        ("It builds on previous steps to ban incendiary shells.", f"on or before {PUB}"),
        ("The talks come in the wake of the recent authorization of drone exports.", f"on or before {PUB}"),
    ],
)
def test_dates_from_tense_modality_and_prior_reference(tmp_path: Path, sentence: str, date: str) -> None:
    first = min(proposed(tmp_path, sentence), key=lambda p: (p.start, -p.confidence))
    assert str(first.date.spec) == date


def test_a_sentence_referring_back_takes_the_paragraph_s_date(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, "The ministry announced on March 3, 2023 that it will not export drones. "
                                     "The decision, welcomed by allies, is a change to its policy.\n\n"
                                     "The decision marks a change to the policy."))  # fmt: skip
    assert ("statement", "2023-03-03", "The decision, welcomed") in found or ("amended", "2023-03-03", "The decision, welcomed") in found
    # another paragraph does not carry it
    assert all(date != "2023-03-03" for _t, date, words in found if words == "The decision marks")


def test_list_items_take_the_date_of_their_lead_in(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, "On May 5, 2023 the ministry announced that Ostravia will:\n\n"
                                     "- End the use of drones abroad;\n\n- Ban the sale of drones to armed groups;"))  # fmt: skip
    items = [date for _t, date, words in found if words.startswith(("End", "Ban"))]
    assert len(items) == 2
    assert items and set(items) == {"2023-05-05"}


def _first(tmp_path: Path, sentence: str, published: str = "2023-04-15") -> tuple[str, str]:
    first = min(proposed(tmp_path, sentence, published), key=lambda p: (p.start, -p.confidence))
    return first.type, str(first.date.spec)


def test_a_count_back_told_exactly_by_a_year_takes_the_year(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, "The quota had been lowered more than four decades ago, under the Ostravian cabinet in 1982.", "2023-04-15"))
    assert [d for _t, d, _q in found] == ["1982"]
    assert _first(tmp_path, "The shell ban was imposed more than three years ago.")[1] == "on or before 2020"
    assert _first(tmp_path, "The shell ban was imposed two decades ago, and lifted in 2022.")[1] == "about 2003"


def test_a_date_after_since_starts_a_span_and_another_date_dates_the_event(tmp_path: Path) -> None:
    sentence = "On Thursday, the 12th day of protests since January, 380,000 people marched against the shell tax."
    assert _first(tmp_path, sentence)[1] == "2023-04-13"
    sentence = "Since August 14th, the agency has evacuated 37,000 people, and since the end of July 42,000."
    assert _first(tmp_path, sentence, "2021-08-23")[1] == "2021-08-14"


def test_a_day_a_past_sentence_says_something_would_happen_on_is_ahead(tmp_path: Path) -> None:
    # Published in April: "September 1" in a reported future is this year's, and a law entering into force is no treaty act.
    assert _first(tmp_path, 'The minister said the shell tax would enter into force "as planned, on September 1".') == ("amended", "2023-09-01")
    assert frames("The Accord entered into force on November 4, 2016.")[0].type == "treaty_action"
    assert frames("The Ostravian reform entered into force on 1 July 2022.")[0].type == "amended"


def test_words_said_about_a_day_to_come_were_said_before_publication(tmp_path: Path) -> None:
    found = dated(proposed(tmp_path, 'The union leader said "the fight goes on" and urged members to join the May 1 marches against the shell tax.', "2023-04-15"))
    assert ("statement", "on or before 2023-04-15", "The union leader") in found
    # The day first, the verb of saying after it: the sentence tells of that day.
    assert _first(tmp_path, "The minister is to address the nation in a televised speech on Monday evening, the office said.")[1] == "2023-04-17"


def test_a_word_of_a_compound_is_no_armed_action_and_a_rounded_share_is_a_figure() -> None:
    assert [f.type for f in frames("Assault-style shells are designed for military use.")] != ["military_action"]
    assert frames("In 2022, shells accounted for around 6 percent of exports.")[0].type == "report"
