"""Event types from verb frames on made-up sentences in other subjects: nouns are not verbs, a bill
or a policy's content is not an act, critics' and opponents' words are criticism, troops are not
aid, speeches, testimony and bills are statements; and the date forms that go with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.datewords import find_all
from kb.dates import DateSpec, PartialDate
from kb.documents import Document, parse_document
from kb.propose import Known, Proposal, frames, propose
from kb.vocabulary import STATE_CHANGING_TYPES

PUB = "2025-06-20"  # a Friday


def document(tmp_path: Path, content: str, title: str = "t", author: str = "a") -> Document:
    path = tmp_path / "doc.txt"
    path.write_text(f"<TITLE>{title}</TITLE>\n<PUBLISHED_DATE>{PUB}</PUBLISHED_DATE>\n<URL>https://example.org/x</URL>\n"
                    f"<AUTHOR>{author}</AUTHOR>\n<CONTENT>\n{content}\n</CONTENT>\n", encoding="utf-8")  # fmt: skip
    return parse_document(path)


def proposed(tmp_path: Path, content: str) -> list[Proposal]:
    return propose(document(tmp_path, content), Known())


def first_type(sentence: str) -> str | None:
    found = frames(sentence)
    return found[0].type if found else None


@pytest.mark.parametrize(("sentence", "etype"), [
    # the noun "ban" names a policy; only the verb bans
    ("In March, the minister gave a speech in Geneva on the fishing ban.", "statement"),
    ("The council banned trawling in the bay.", "amended"),
    ("The council will ban plastic straws next year.", "amended"),
    # opposing, criticising, critics telling: criticism, never the change
    ("Fishermen's groups opposed the reversal of the quota.", "criticism"),
    ("The union condemned the repeal of the overtime rule.", "criticism"),
    ("Critics say the ministry wrongly revoked the permits.", "criticism"),
    # a bill's or a resolution's content is not an act; introducing or passing one is a statement
    ("Sen. Holt introduced a bill on Wednesday that would restore the subsidy.", "statement"),
    ("The House passed a resolution reaffirming support for the treaty.", "statement"),
    ("Two decades ago, the Senate passed a bill to ban offshore drilling.", "statement"),
    # troops are not a transfer; votes on bills are not treaty actions
    ("The ministry sent 300 troops to the border in May.", "military_action"),
    ("The committee then voted to advance the bill.", "statement"),
    ("The delegation voted against the resolution on cluster munitions.", "treaty_action"),
    ("The government joined the High Seas Treaty in 2024.", "treaty_action"),
    # changes named by other verbs
    ("On Tuesday, the ministry suspended the quota.", "amended"),
    # obligations under an agreement suspended, or the agreement extended, act on the agreement
    ("The government suspended its participation in the fisheries treaty.", "treaty_action"),
    ("The two governments agreed to extend the whaling convention by five years.", "treaty_action"),
    ("The agency lifted the ban on night fishing.", "rescinded"),
    ("The board extended the moratorium on new wells.", "amended"),
    ("A bill that would repeal the tax was introduced in May.", "statement"),
    ("Lt. Gen. Dana Cole testified before the committee on Thursday.", "statement"),
    # something announced is the act announced, when no other verb frame says which
    ("In April, the minister announced that the fishing quota would be cut by half.", "amended"),
    ("The council announced the change after a long meeting.", "amended"),
    # a frame that says which act still decides
    ("The council announced that it would rescind the quota.", "reversed"),
    # where someone said it, the words are the statement; a consultation announced is not an act
    ("The minister said the council announced the change.", "statement"),
    ("In February, the minister announced a consultation on the quota.", "statement"),
    # negated or demanded, it is no act
    ("The council has not announced any change to the quota.", "statement"),
    # a revised version of an instrument issued changes the policy; a first one adopts it
    ("On May 2, 2022, the ministry issued a further determination setting the quota at 40 tonnes.", "amended"),
    ("The revised guidance, issued by the minister on March 31, 2021, took effect in April.", "amended"),
    ("In 1988 the agency adopted a substantively similar definition.", "amended"),
    ("On May 2, 2022, the ministry issued a determination setting the quota at 40 tonnes.", "adopted"),
    # speech demanding what someone else should do criticises what they do now
    ('"The ministry should not be rewarded for missing its own deadline," Senator Roe said.', "criticism"),
    ("The representative of Norway said the board should remove the island from its list.", "criticism"),
    # speech without a demand, or asking that something go on, is a statement
    ("The representative of Norway said the board met twice.", "statement"),
    ('The spokesperson said its role "should only be strengthened."', "statement"),
])  # fmt: skip
def test_the_verb_and_its_frame_decide_the_type(sentence: str, etype: str) -> None:
    assert first_type(sentence) == etype, frames(sentence)


@pytest.mark.parametrize("sentence", [
    "The government wants to join the High Seas Treaty.",
    "Advocates called for the ban to be restored.",
    "The ministry may rescind the quota next year.",
    "Opponents argue that the agency unlawfully rescinded the rule.",
    "It is the policy of this Government to restore every drained wetland.",
    "A bill that would repeal the tax was introduced in May.",
])  # fmt: skip
def test_wanted_demanded_hedged_opposed_or_described_changes_change_nothing(sentence: str) -> None:
    assert all(f.type not in STATE_CHANGING_TYPES for f in frames(sentence)), frames(sentence)


def test_the_month_may_is_no_modal_that_hedges_the_verb() -> None:
    assert frames("After the vote in May the council banned trawling.")[0].type == "amended"
    assert frames("The council may abolish the quota.")[0].type == "deliberation"


@pytest.mark.parametrize(("words", "date"), [
    ("Two decades ago", "about 2005"),
    ("a decade ago", "about 2015"),
    ("next year", "2026"),
    ("next month", "2025-07"),
    ("the 28th day of February, 2025", "2025-02-28"),
    ("on the 3rd of June 2024", "2024-06-03"),
    # ordinals, numeric dates (the order plain only when a part is above 12), a day without a year
    ("on March 12th, 2024", "2024-03-12"),
    ("on 2024-03-12", "2024-03-12"),
    ("on 25/12/2023", "2023-12-25"),
    ("on 12/25/2023", "2023-12-25"),
    ("on 03/04/2023", "2023"),
    ("on 12 March", "2025-03-12"),
    ("on 30 July", "2024-07-30"),
    # spans of days, months and years; decades; parts of a year
    ("on March 5-6, 2021", "2021-03-05 to 2021-03-06"),
    ("on 5 to 7 March 2021", "2021-03-05 to 2021-03-07"),
    ("from March to May 2021", "2021-03 to 2021-05"),
    ("in 2019-20", "2019 to 2020"),
    ("in the 1990s", "1990 to 1999"),
    ("in the first quarter of 2023", "2023-01 to 2023-03"),
    ("in H2 2022", "2022-07 to 2022-12"),
    # relative to the day written (a Friday)
    ("last month", "2025-05"),
    ("earlier this month", "2025-06"),
    ("last week", "2025-06-09 to 2025-06-15"),
    ("this week", "2025-06-16 to 2025-06-20"),
    ("over the past week", "2025-06-13 to 2025-06-20"),
    ("two weeks ago", "2025-06-02 to 2025-06-08"),
    ("three days ago", "2025-06-17"),
    ("six months ago", "2024-12"),
    ("a year ago", "2024"),
    ("last night", "2025-06-19"),
])  # fmt: skip
def test_date_forms(words: str, date: str) -> None:
    found = find_all(f"The council acted {words}.", PartialDate.parse(PUB))
    assert found and str(found[0].date.spec) == date


@pytest.mark.parametrize(("sentence", "dates"), [
    ("The closure runs from August 5, 2024, through December 31, 2024.", ["2024-08-05 to 2024-12-31"]),
    ("The ban ran from 1 March to 31 May 2024.", ["2024-03-01 to 2024-05-31"]),
    ("The review ran between January 1 and March 31, 2024.", ["2024-01-01 to 2024-03-31"]),
    ("The talks ran from December 20 to January 5, 2025.", ["2024-12-20 to 2025-01-05"]),
    # two days, not a span: the year written once is the first's too
    ("The council met on March 3 and March 5, 2024.", ["2024-03-03", "2024-03-05"]),
    # a second date without a year after a full one starts something else
    ("It acted on May 3, 2024 - June 4 saw more.", ["2024-05-03", "2024-06-04"]),  # in the first date's year
])  # fmt: skip
def test_two_dates_joined_state_one_span(sentence: str, dates: list[str]) -> None:
    assert [str(f.date.spec) for f in find_all(sentence, PartialDate.parse(PUB))] == dates


@pytest.mark.parametrize("dateline", ["Brussels, 12 March 2024 \u2013 ", "WASHINGTON, Jan. 28 (Reuters) - "])
def test_a_dateline_with_the_day_before_the_month_or_a_wire_tag_is_cut(tmp_path: Path, dateline: str) -> None:
    found = proposed(tmp_path, f"{dateline}The council today adopted a regulation on pesticide residues.")
    assert found and all(p.quote.startswith("The council today adopted") for p in found)


def test_a_date_made_something_names_it_a_date_after_a_preposition_does_not() -> None:
    named = find_all("The assembly designated April 4th as the day of remembrance.", PartialDate.parse(PUB))
    dated = find_all("On March 3 as the vote began, the council acted.", PartialDate.parse(PUB))
    assert [f.name for f in named] == [True] and [f.name for f in dated] == [False]


def test_a_month_or_a_may_that_is_a_verb_is_no_date() -> None:
    assert find_all("The council may 12 times a year review it.", PartialDate.parse(PUB)) == []
    assert find_all("In 2019 the rule may have changed.", PartialDate.parse(PUB))[0].rule == "year"


def test_a_year_after_an_instrument_s_word_names_it(tmp_path: Path) -> None:
    found = find_all("The Grants Memorandum of 2019 is hereby revoked.", PartialDate.parse(PUB))
    assert found and found[0].name


def test_critics_are_dated_by_their_own_words_not_by_the_change(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "The union condemned on Monday the repeal of the overtime rule in 2019.")
    assert ps and ps[0].type == "criticism"
    assert all(p.type not in STATE_CHANGING_TYPES for p in ps)


@pytest.mark.parametrize(("sentence", "person"), [
    ("Secretary of State Marco Rubio said on Tuesday that the talks had ended.", "Marco Rubio"),
    ("New York Gov. Kathy Hochul announced the plan on May 5.", "Kathy Hochul"),
    ("Amb. Linda Thomas-Greenfield told the council on Monday that the draft was flawed.", "Linda Thomas-Greenfield"),
    ("Rep. Jim McGovern (D-Mass.) introduced a bill on Thursday.", "Jim McGovern"),
    ("Speaking in Kyiv, Ukrainian Foreign Minister Andrii Sybiha welcomed the shipment.", "Andrii Sybiha"),
    ("On May 3, 2021, Chair Silva and General Secretary Mikhail Orlov signed the accord.", "Mikhail Orlov"),  # a title of two words
])  # fmt: skip
def test_a_person_is_named_without_the_office_or_place_before_the_name(tmp_path: Path, sentence: str, person: str) -> None:
    new = {name: kind for p in proposed(tmp_path, sentence) for _k, name, kind in p.new_actors}
    assert new.get(person) == "person", new
    assert not [n for n, kind in new.items() if kind == "person" and n != person and person.split()[-1] in n]

def test_a_country_named_in_one_word_is_a_government_where_it_acts_not_where_things_happen(tmp_path: Path) -> None:
    acting = proposed(tmp_path, "Japan withdrew from the whaling convention on Monday, and Viet Nam criticised it.")
    assert {(k, n, kind) for p in acting for k, n, kind in p.new_actors} >= {("japan", "Japan", "government"), ("viet-nam", "Viet Nam", "government")}
    assert ("japan", "decided") in acting[0].actors or ("japan", "voted") in acting[0].actors, acting[0].actors
    place = proposed(tmp_path, "The ministry opened an office in Japan on Monday.")
    assert not any(k == "japan" for p in place for k, _n, _kind in p.new_actors)
    # a country inside a longer name is that name's, not a second actor
    longer = proposed(tmp_path, "The Government of Japan withdrew from the whaling convention on Monday.")
    assert [n for p in longer for _k, n, _kind in p.new_actors] == ["Government of Japan"]
    # a capitalised word that is no country stays out ("Chair", "Monday")
    assert all(kind != "government" for p in acting for _k, n, kind in p.new_actors if n not in ("Japan", "Viet Nam"))
    # a town and a comma before it make it a place too; a month and a comma do not
    town = proposed(tmp_path, "At its meeting held in Florianopolis, Brazil, on Monday, the commission rejected the proposal.")
    assert not any(k == "brazil" for p in town for k, _n, _kind in p.new_actors)
    month = proposed(tmp_path, "In March, Brazil withdrew from the whaling convention.")
    assert any(k == "brazil" for p in month for k, _n, _kind in p.new_actors)


def test_an_acronym_hides_no_actor_after_it(tmp_path: Path) -> None:
    text = ("The International Whaling Commission (IWC) met on Monday.\n\n"
            "On Tuesday the IWC and Norway rejected the proposal.")  # fmt: skip
    found = {k for p in proposed(tmp_path, text) if "Norway" in p.quote for k, _r in p.actors}
    assert "norway" in found, found



@pytest.mark.parametrize(("sentence", "etype"), [
    ("The convention entered into force in August 2010.", "treaty_action"),
    ("Today, the Republic of Ostravia becomes a party to the Harbour Convention.", "treaty_action"),
    ("The government deposited its instrument of accession on May 2.", "treaty_action"),
    ("The withdrawal took effect one year later, on November 4, 2020.", "treaty_action"),
    ("In a memorandum signed May 3, the deputy minister replaced the 2009 policy with a looser one.", "reversed"),
    ("Sen. Ada Ruiz today introduced the Clean Harbours Protection Act.", "statement"),
    ("Between 1964 and 1973, the air force dropped more than a million bombs on the valley.", "use"),
    ("The Accord prohibits the sale of incendiary shells.", None),  # what an instrument says
    # sending people is no transfer (weapons or aid provided); sending goods is
    ("The ministry sent a negotiating team to the summit in Oslo.", None),
    ("The ministry sent 40 inspectors to the border.", None),
    ("The government sent asylum seekers to a third country.", None),
    ("The ministry sent tents and water to the flooded towns.", "transfer"),
])  # fmt: skip
def test_more_frames(sentence: str, etype: str | None) -> None:
    assert first_type(sentence) == etype, frames(sentence)


@pytest.mark.parametrize(("sentence", "date"), [
    ("Between 1964 and 1973, the air force dropped bombs on the valley.", "1964 to 1973"),
    ("The minister sent a letter on Monday to the committee, which will reply.", "2025-06-16"),  # a past verb keeps it past
    ("The government has committed to a carbon-free grid by 2035.", "on or before 2025-06-20"),  # a target, not the date
    ("The government has committed to clean buses by no later than 2040.", "on or before 2025-06-20"),
])  # fmt: skip
def test_the_date_of_the_verb(tmp_path: Path, sentence: str, date: str) -> None:
    ps = proposed(tmp_path, sentence)
    assert ps and str(ps[0].date.spec) == date, [(p.type, str(p.date.spec)) for p in ps]
    assert all("2035" not in str(p.date.spec) and "2040" not in str(p.date.spec) for p in ps)


def test_a_possessive_date_names_a_thing_and_a_quote_opens_its_sentence(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "The bill was read twice. \"Last week's decision is a serious mistake,\" the senator said. \"It must be undone.\"")
    critic = [p for p in ps if "mistake" in p.quote]
    assert critic and critic[0].type == "criticism" and critic[0].quote.startswith('"Last week')
    assert str(critic[0].date.spec) != "2025-06-13"  # not the date of the decision it names


def test_the_document_s_own_author_speaks_on_its_day_others_on_or_before(tmp_path: Path) -> None:
    doc = document(tmp_path, "\"The decision was a serious mistake,\" Senator Roe said.\n\n\"It was a mistake,\" Senator Vance said.\n\n"
                             "\"It was reckless,\" the mayor said.", title="Roe, Vance Introduce Harbour Bill", author="Office of Senator Ada Roe")  # fmt: skip
    dates = {p.quote.split('"')[1][:6]: str(p.date.spec) for p in propose(doc, Known()) if p.type == "criticism"}
    assert dates == {"The de": PUB, "It was": dates["It was"]} or dates.get("The de") == PUB
    assert dates.get("The de") == PUB
    mayor = [str(p.date.spec) for p in propose(doc, Known()) if "mayor" in p.quote]
    assert mayor == [f"on or before {PUB}"]


@pytest.mark.parametrize(("sentence", "date"), [
    # the year of a relative clause dates that clause's verb, not the main one
    ("Today, the agency signed a rule restoring the limit that was weakened in 2019.", PUB),
    ("The council, which was founded in 1998, banned trawling on Monday.", "2025-06-16"),
    ("The mayor, who was elected in 2017, testified on Tuesday.", "2025-06-17"),
    # an object relative clause too
    ("The order also revoked the strategy that the previous administration issued last year.", f"on or before {PUB}"),
    # and one with no relative word, its subject a pronoun or a noun phrase right after the noun
    ("The senator said the ministry was backing away from a commitment it made a decade ago.", f"on or before {PUB}"),
    ("The minister criticised the quota cut the council set in 2024.", f"on or before {PUB}"),
    # a phrase opening the sentence is no relative clause: its date is the main verb's
    ("During the meeting in May the council banned trawling.", "2025-05"),
])  # fmt: skip
def test_a_relative_clause_keeps_its_date(tmp_path: Path, sentence: str, date: str) -> None:
    ps = proposed(tmp_path, sentence)
    assert ps and str(ps[0].date.spec) == date, [(p.type, str(p.date.spec)) for p in ps]


@pytest.mark.parametrize(("sentence", "date", "further"), [
    # a year modifying a noun dates the thing it names (a proposal of its own), not the main verb
    ("The ministry is weighing whether to leave the 1992 treaty that underpins the accord.", PUB, "1992"),
    ("Roe, who made the levy a pledge of her 2022 campaign, has said the cut was necessary.", f"on or before {PUB}", "2022"),
    ("On Tuesday the board adopted a 2019 plan for the mine.", "2025-06-17", "2019"),
    # a preposition of time makes it the sentence's time
    ("During the 2019 federal election, the party committed to ban trawling.", "2019", None),
    # a year ending a statute's title is part of its name
    ("The Fisheries (Repeal of Quotas and Other Measures) Act 2022 passed the Parliament on 27 September 2022.", "2022-09-27", None),
])  # fmt: skip
def test_a_year_that_names_a_thing_is_not_the_verb_s_date(tmp_path: Path, sentence: str, date: str, further: str | None) -> None:
    ps = proposed(tmp_path, sentence)
    assert ps and str(ps[0].date.spec) == date, [(p.type, str(p.date.spec)) for p in ps]
    assert [str(p.date.spec) for p in ps[1:] if "date:further-date" in p.rules] == ([further] if further else [])


@pytest.mark.parametrize(("sentence", "date"), [
    # a stance taken in the present tense holds on the day of writing
    ("The ministry maintains that the levy is unlawful.", PUB),
    ("The tribunal rejects the argument that the ban is invalid.", PUB),
    # told in the past, it was taken on or before it
    ("The ministry maintained that the levy was unlawful.", f"on or before {PUB}"),
])  # fmt: skip
def test_a_stance_in_the_present_tense_is_dated_on_the_day_of_writing(tmp_path: Path, sentence: str, date: str) -> None:
    ps = propose(document(tmp_path, sentence, author="Reuters"), Known())  # a news report, not the issuer's own record
    assert ps and str(ps[0].date.spec) == date, [(p.type, str(p.date.spec), p.rules) for p in ps]


def test_a_complement_clause_is_not_a_relative_one(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "On March 3, 2024 the ministry announced that we are suspending the quota.")
    assert ps and str(ps[0].date.spec) == "2024-03-03"


def test_one_sentence_gives_one_criticism(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "\"We are proud of this,\" said Sen. Ada Roe, who has long opposed the rollback of the limit.")
    assert [p.type for p in ps].count("criticism") == 1, [(p.type, p.rules) for p in ps]


@pytest.mark.parametrize("place", ["HALIFAX, Nova Scotia —", "WASHINGTON, D.C. –", "GENEVA (Reuters) -", "PORT LOUIS --"])
def test_a_dateline_without_a_date_is_not_part_of_the_first_sentence(tmp_path: Path, place: str) -> None:
    ps = proposed(tmp_path, f"{place} The harbour board on Wednesday suspended the dredging permits.")
    assert ps and ps[0].quote.startswith("The harbour board"), ps[0].quote
    assert not [name for p in ps for _k, name, _kind in p.new_actors if name.split()[0] in place]


def test_a_dash_after_a_name_in_prose_is_not_a_dateline(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "The Minister — speaking in Oldtown — suspended the dredging permits on Wednesday.")
    assert ps and ps[0].quote.startswith("The Minister")


@pytest.mark.parametrize(("sentence", "person"), [
    ("Commissioner Raj Patel of Newfoundland said on Monday the board would not reinstate the quota.", "Raj Patel"),
    ("Sen. Ada Ruiz of Vermont introduced a bill on Tuesday.", "Ada Ruiz"),
])  # fmt: skip
def test_where_a_person_is_from_is_not_part_of_the_name(tmp_path: Path, sentence: str, person: str) -> None:
    new = {name for p in proposed(tmp_path, sentence) for _k, name, kind in p.new_actors if kind == "person"}
    assert new == {person}


def test_a_further_date_takes_the_verb_of_its_own_clause(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "In 2016 the board adopted the quota, and in February 2020 it was suspended.")
    by_date = {str(p.date.spec): p.type for p in ps}
    assert by_date.get("2016") == "adopted" and by_date.get("2020-02") == "amended", by_date


def test_last_friday_written_on_a_friday_is_a_week_before(tmp_path: Path) -> None:
    ps = proposed(tmp_path, "Last Friday the ministry suspended the quota.")  # PUB is a Friday
    assert ps and str(ps[0].date.spec) == "2025-06-13"


@pytest.mark.parametrize(("sentence", "date"), [
    ("Today the governor spoke to reporters about the water bill.", "2025-06-20"),
    ("Three years ago the council ordered a halt to new wells.", "2022"),
    ("Last week the agency published guidance for schools.", "2025-06-09 to 2025-06-15"),
    ("Last month the court struck down the zoning rule.", "2025-05"),
    ("The president visited the border last Tuesday.", "2025-06-17"),
])  # fmt: skip
def test_a_relative_date_with_a_verb_in_the_past_is_an_event(tmp_path: Path, sentence: str, date: str) -> None:
    found = proposed(tmp_path, sentence)
    assert [str(p.date.spec) for p in found] == [date]
    assert "frame:relative-dated-act" in found[0].rules


@pytest.mark.parametrize("sentence", [
    "Today we remember the victims of the flood.",
    "Last year was the warmest on record.",
    "Today the proposed rule is open for comment.",
])  # fmt: skip
def test_a_relative_date_without_an_act_is_no_event(tmp_path: Path, sentence: str) -> None:
    assert proposed(tmp_path, sentence) == []


@pytest.mark.parametrize("words", [
    "in the 1990s", "in the 2030s", "on 2024-03-12", "on 25/12/2023", "in Q3 2023", "in 2019-20",
    "from March to May 2021", "on March 5-6, 2021", "on 12 March", "in the first quarter of 2023",
])  # fmt: skip
def test_every_date_proposed_as_explicit_passes_the_annotation_check(words: str) -> None:
    from kb.annotations import _DATE_IN_TEXT

    found = find_all(f"The council acted {words}.", PartialDate.parse(PUB))
    assert found and all(f.date.basis == "explicit" for f in found)
    assert _DATE_IN_TEXT.search(words), words


def test_each_bulleted_line_is_an_item_and_a_lead_in_dates_every_item(tmp_path: Path) -> None:
    found = proposed(tmp_path, "Today the council confirmed that it will:\n"
                               "- suspend the permit scheme for river dredging\n"
                               "- revoke the licences granted to the two quarries\n"
                               "- Further Details Later\n")  # fmt: skip
    quotes = {p.quote: str(p.date.spec) for p in found}
    assert quotes.get("suspend the permit scheme for river dredging") == PUB
    assert quotes.get("revoke the licences granted to the two quarries") == PUB
    assert not any("Further Details" in q or "\n" in q for q in quotes)  # a title-like item is a heading


@pytest.mark.parametrize(("sentence", "date"), [
    # a later year a change moves a deadline from or to is no date of the change
    ("The ban on new petrol cars was pushed back from 2030 to 2035 on Tuesday.", "2025-06-17"),
    ("The council brought the end date forward to 2030 last month.", "2025-05"),
    # a baseline year is a yardstick
    ("The council remains committed to a 68% cut in emissions on 1990 levels.", PUB),
    # the first months of a year
    ("Wind generated a record share of power in the first three months of this year.", "2025-01 to 2025-03"),
])  # fmt: skip
def test_targets_yardsticks_and_parts_of_a_year(tmp_path: Path, sentence: str, date: str) -> None:
    found = proposed(tmp_path, sentence)
    assert found and str(found[0].date.spec) == date, [(p.type, str(p.date.spec)) for p in found]


@pytest.mark.parametrize(("sentence", "etype"), [
    # a dated sentence with no policy verb: its verb tells what kind of happening it reports
    ("In May 2019, the regulator opened an inquiry into the harbour fees.", "review"),
    ("The case was heard on 4 and 5 March 2024.", "review"),
    ("The bill was referred to the Standing Committee on Fisheries on 12 June 2023.", "deliberation"),
    ("On 3 February 2023, the minister withdrew both amendments.", "deliberation"),
    ("In August 2020, the ministry reimposed a 10% duty on imported timber.", "reinstated"),
    ("The old licensing rules ceased to have effect on 31 December 2020.", "rescinded"),
    ("In October 2017, two courts enjoined the curfew.", "exception"),
    ("On 14 April 2022 the two cities entered into a water-sharing partnership.", "adopted"),
    # and without one of those verbs, a change until a reviewer says which
    ("On 2 May 2020, the harbour fees went up.", "amended"),
])  # fmt: skip
def test_the_verb_of_a_dated_sentence_without_a_policy_verb(tmp_path: Path, sentence: str, etype: str) -> None:
    ps = proposed(tmp_path, sentence)
    assert ps and ps[0].type == etype, [(p.type, p.rules) for p in ps]


@pytest.mark.parametrize(("sentence", "etype"), [
    ("In the second step, the agencies proposed a revised definition on February 14, 2019.", "deliberation"),
    ("The administration first proposed the rule in February.", "deliberation"),
    ("The agencies received more than 620,000 comments.", "report"),
    ("Under the order, officials carried out about 2.8 million expulsions.", "report"),
    ("The states represent about 55% of the population.", "report"),
    ("The country has cut its emissions by 48% since 1990.", "report"),
    ("Congress barred the export of shells with a failure rate above 1 percent.", "amended"),  # a threshold, no figure
    # a rate or an amount an instrument sets, changed; extending an order or tariffs
    ("In August 2018, the President doubled the steel tariff on Turkey to 50%.", "amended"),
    ("Boiler grants increased by 50% to 7,500 pounds", "amended"),
    ("Economists contend the tariffs raised input costs.", None),
    ("In May 2020, the agency extended the order indefinitely.", "amended"),
    # evaluations, audits and reports with findings are reviews; media reports are not
    ("Reports by the National Audit Office in 2018 and 2022 found the department had not measured outcomes.", "review"),
    ("An evaluation by the university, released in 2021, did not find clear evidence of benefit.", "review"),
    ("Its reports, submitted in January 2018, concluded that imports threatened security.", "review"),
    ("According to media reports, officials acted over the objections of scientists.", None),
    # first put in place, by whatever verb
    ("The card was first trialled in two towns in March 2016.", "adopted"),
    ("The government first committed to ending the sale of new petrol cars by 2040 in July 2017.", "adopted"),
])  # fmt: skip
def test_proposals_figures_and_shares(sentence: str, etype: str | None) -> None:
    assert first_type(sentence) == etype, frames(sentence)


@pytest.mark.parametrize(("sentence", "dates"), [
    ("On January 22, 2018, the court ruled, and the appeals court lifted its stay the following month.", ["2018-01-22", "2018-02"]),
    ("In August 2020 the ministry reimposed the tariff but withdrew it the next month.", ["2020-08", "2020-09"]),
    ("The quota was adopted in May 2019 and repealed two years later.", ["2019-05", "2021-05"]),
    ("The order was signed on March 3, 2020 and took effect that same day.", ["2020-03-03", "2020-03-03"]),
    ("The council will act next month.", ["2025-07"]),  # told from the day written, not from another date
])  # fmt: skip
def test_a_date_told_from_an_earlier_one(sentence: str, dates: list[str]) -> None:
    assert [str(f.date.spec) for f in find_all(sentence, PartialDate.parse(PUB))] == dates


@pytest.mark.parametrize(("sentence", "dates"), [
    ("January 29, 2024 – The office revokes the licence and gives firms until February 13 to wind down.", ["2024-01-29", "2024-02-13"]),
    ("On December 20, 2023, the parties agreed to meet again on January 5.", ["2023-12-20", "2024-01-05"]),
])  # fmt: skip
def test_a_day_without_a_year_takes_the_year_of_the_full_date_before_it(sentence: str, dates: list[str]) -> None:
    assert [str(f.date.spec) for f in find_all(sentence, PartialDate.parse(PUB))] == dates


def test_the_next_day_after_a_dated_sentence_is_the_day_after_its_date(tmp_path: Path) -> None:
    found = proposed(tmp_path, "The council reversed the ban on Jan. 20, 2021. The next day, the mayor told reporters "
                               "that the city would comply.")  # fmt: skip
    told = [p for p in found if p.quote.startswith("The next day")]
    assert [str(p.date.spec) for p in told] == ["2021-01-21"] and "date:anaphoric-from-paragraph" in told[0].rules


def test_a_quotation_after_x_said_is_x_s_statement_on_the_release_s_day(tmp_path: Path) -> None:
    found = proposed(tmp_path, "Water Minister Ana Ruiz said:\n\n"
                               "\"We will keep every river clean for our children. Grants, not fines, are the way to do it.\"\n")  # fmt: skip
    assert not any(p.quote.endswith("said:") for p in found)  # the lead-in states nothing itself
    first = next(p for p in found if p.quote.startswith('"We will keep'))
    assert first.type == "statement" and str(first.date.spec) == PUB and "frame:quoted-after-lead-in" in first.rules
    assert any(name == "Ana Ruiz" for _k, name, _kind in first.new_actors)


def test_a_quoted_paragraph_of_several_sentences_is_cut_into_them(tmp_path: Path) -> None:
    from kb.sentences import segments

    doc = document(tmp_path, "\"Moving the date gives drivers more time to switch. The vehicle mandate will go ahead as planned. "
                             "From January 2026, a fifth of new cars must be electric.\"")  # fmt: skip
    texts = [s.text for s in segments(doc) if s.kind == "sentence"]
    assert texts == ['"Moving the date gives drivers more time to switch.', "The vehicle mandate will go ahead as planned.",
                     'From January 2026, a fifth of new cars must be electric."']  # fmt: skip


def test_a_sentence_about_an_instrument_made_earlier_takes_the_instrument_s_date(tmp_path: Path) -> None:
    found = proposed(tmp_path, "The governor signed the executive order on Monday, hours after taking office.\n\n"
                               "The order also revoked the state water plan. It directs agencies to suspend new permits.\n\n"
                               "It is the second time the state has tried to end the plan.")  # fmt: skip
    by_quote = {p.quote.split()[2]: p for p in found if p.quote.startswith(("The order", "It "))}
    assert str(by_quote["also"].date.spec) == "2025-06-16" and "date:instrument-made-earlier" in by_quote["also"].rules
    assert str(by_quote["agencies"].date.spec) == "2025-06-16"  # "It" goes on speaking of the order
    # "It is …" is no act of the order: not dated by it
    assert all("date:instrument-made-earlier" not in p.rules for p in found if p.quote.startswith("It is"))


def test_an_instrument_s_subject_needs_the_instrument_made_on_a_date(tmp_path: Path) -> None:
    found = proposed(tmp_path, "The order also revoked the state water plan.")
    assert found and all("date:instrument-made-earlier" not in p.rules for p in found)
    assert str(found[0].date.spec) == f"on or before {PUB}"


def test_a_relative_date_a_past_verb_governs_is_a_further_event(tmp_path: Path) -> None:
    found = proposed(tmp_path, "The order revokes the health strategy that the previous government issued last year.")
    assert "2024" in [str(p.date.spec) for p in found] and any("date:further-relative-date" in p.rules for p in found)
    # a bare "today" is no further event
    found = proposed(tmp_path, "The board rescinded the fee in March, the mayor said today.")
    assert not any("date:further-relative-date" in p.rules for p in found)


@pytest.mark.parametrize(("sentence", "dates"), [
    ("He announced it in May 2020 and notified the United Nations in July of that year.", ["2020-05", "2020-07"]),
    ("The law passed in 2019 and took effect in March of the following year.", ["2019", "2020-03"]),
    ("The council voted in 2018; the ban began in December of the previous year.", ["2018", "2017-12"]),
])  # fmt: skip
def test_a_month_of_that_year_is_in_the_year_of_the_date_before_it(sentence: str, dates: list[str]) -> None:
    assert [str(f.date.spec) for f in find_all(sentence, PartialDate.parse(PUB))] == dates


@pytest.mark.parametrize(("sentence", "dates"), [
    ("The agreement signed in Doha in February of last year committed both sides.", ["2024-02"]),
    ("The levy rises in March of next year.", ["2026-03"]),
    ("On June 2, 2023, the envoy spoke, and the minister replied the following week.", ["2023-06-02", "2023-06-05 to 2023-06-11"]),
    ("The law passed on March 3, 2019 and was repealed the following year.", ["2019-03-03", "2020"]),
    ("The agencies issued guidance by July 2021.", ["on or before 2021-07"]),
    ("The bureau had received 300,000 requests by the end of 2021.", ["on or before 2021"]),
    ("Both countries met the limits by the Feb. 5, 2018 deadline.", ["on or before 2018-02-05"]),
    ("Before June 2016, the service's standards barred such applicants.", ["on or before 2016-06"]),
    ("The office reviewed claims one by one, as it did before October 2023.", ["on or before 2023-10"]),
    ("The agency will not act before 2035.", []),  # a target: no date of anything yet
    ("The agency will finish the review by 2035.", []),  # a target: no date of anything yet
])  # fmt: skip
def test_dates_told_from_the_year_of_publication_another_date_or_a_deadline(sentence: str, dates: list[str]) -> None:
    found = [f for f in find_all(sentence, PartialDate.parse(PUB)) if not f.name]
    assert [str(f.date.spec) for f in found] == dates


def test_a_date_before_the_word_deadline_names_the_deadline() -> None:
    found = find_all("Lawmakers said today that the August 31st deadline should not stand.", PartialDate.parse(PUB))
    assert [(str(f.date.spec)[5:], f.name) for f in found] == [(PUB[5:], False), ("08-31", True)]


def test_a_paragraph_opening_the_next_day_is_told_from_the_paragraph_before(tmp_path: Path) -> None:
    found = proposed(tmp_path, "On June 1, the ministry announced further steps against the levy.\n\n"
                               "The next day, the minister told the assembly that talks would resume.")  # fmt: skip
    told = next(p for p in found if p.quote.startswith("The next day"))
    assert str(told.date.spec) == "2025-06-02" and "date:anaphoric-from-previous-paragraph" in told.rules


def test_a_date_told_inside_a_sentence_from_the_sentence_before(tmp_path: Path) -> None:
    found = proposed(tmp_path, "On March 3, 2023, the president announced the suspension of the treaty. "
                               "The foreign ministry said the same day that it would continue to observe the limits.")  # fmt: skip
    told = next(p for p in found if p.quote.startswith("The foreign ministry"))
    assert str(told.date.spec) == "2023-03-03" and "date:anaphoric-from-paragraph" in told.rules


def test_a_transcript_label_with_a_full_name_initials_or_a_nickname_is_a_speaker(tmp_path: Path) -> None:
    from kb.sentences import segments

    doc = document(tmp_path, "PRESS SECRETARY JOHN F. KIRBY: Good morning. The mission stays.\n\n"
                             "MAJ. GEN. WILLIAM D. \"HANK\" TAYLOR: Flights continue.\n\nQ: When?\n\nPRESS SECRETARY KIRBY: Soon.\n\n"
                             "GEN. TAYLOR: Today.")  # fmt: skip
    speakers = [s.speaker for s in segments(doc) if s.kind == "sentence"]
    assert speakers == ["PRESS SECRETARY JOHN F. KIRBY", "PRESS SECRETARY JOHN F. KIRBY", 'MAJ. GEN. WILLIAM D. "HANK" TAYLOR',
                        "Q", "PRESS SECRETARY KIRBY", "GEN. TAYLOR"]  # fmt: skip


def test_a_deadline_ahead_dates_nothing(tmp_path: Path) -> None:
    # "by January 15" is when a reply is due, not when anything happened
    assert all("01-15" not in str(p.date.spec) for p in proposed(tmp_path, "She asked for a response by January 15."))
    found = proposed(tmp_path, "In April, the minister announced that the drawdown would be complete by September 11th.")
    assert [str(p.date.spec) for p in found] == ["2025-04"]


@pytest.mark.parametrize(("sentence", "kept"), [
    ("January 29, 2024 – The office revokes the licence and gives firms until February 13 to wind down.", ["2024-01-29"]),
    ("In December 2020 it legislated to keep the program running until the end of 2022.", ["2020-12"]),
])  # fmt: skip
def test_the_end_of_a_span_is_no_event_of_its_own(tmp_path: Path, sentence: str, kept: list[str]) -> None:
    assert sorted({str(p.date.spec) for p in proposed(tmp_path, sentence)}) == kept


def test_a_dated_sentence_without_a_verb_frame_is_a_change_not_a_statement(tmp_path: Path) -> None:
    # "statement" means an actor states something; a dated happening with no speech in it is not one
    found = proposed(tmp_path, "The card followed in the East Kimberley in April 2016.")
    assert found and found[0].type == "amended" and "frame:dated-sentence" in found[0].rules
    said = proposed(tmp_path, "In April 2016, the minister said the card would stay.")
    assert said and said[0].type == "statement"


def test_a_byline_s_job_title_is_no_policy(tmp_path: Path) -> None:
    found = proposed(tmp_path, "By Jane Roe, Senior Policy Analyst\n\n"
                               "On Feb. 21, the minister announced that the country was suspending its participation in "
                               "the Strategic Arms Reduction Treaty.")  # fmt: skip
    names = {name for p in found for _key, name, *_rest in p.new_policies}
    assert names == {"Strategic Arms Reduction Treaty"}, names


def test_names_inside_a_quoted_title_or_after_a_stripped_title_are_no_actors() -> None:
    from kb.actors import kind_of, names_in

    quoted = names_in('Executive Order 14071, "Prohibiting New Investment in and Certain Services to the Republic '
                      'in Response to Continued Aggression," was signed by Janet Roe.')  # fmt: skip
    assert [n for _pos, n in quoted] == ["Janet Roe"]
    assert names_in("Members of Congress from both parties said the deadline should not stand.") == []
    assert kind_of("Finance Ministers") == "group" and kind_of("Ana Okafor") == "person"


@pytest.mark.parametrize(("sentence", "names"), [
    # a word opening the sentence is no part of the name after it
    ("Although Ana Okafor objected, the council voted.", ["Ana Okafor"]),
    ("Neither Ana Okafor nor Raj Patel voted.", ["Ana Okafor", "Raj Patel"]),
    # places, and what a programme or a card is called, are no one
    ("Evacuees flew from Fort Bliss to Cape York with Ana Okafor.", ["Ana Okafor"]),
    ("South Australia joined the Boiler Upgrade Scheme and the Cashless Debit Card.", []),
])  # fmt: skip
def test_words_opening_a_sentence_places_and_things_named_are_no_people(sentence: str, names: list[str]) -> None:
    from kb.actors import names_in

    assert [n for _pos, n in names_in(sentence)] == names


def test_courts_police_universities_and_societies_are_no_people() -> None:
    from kb.actors import kind_of

    assert kind_of("Supreme Court") == kind_of("Sixth Circuit") == kind_of("Supreme Tribunal") == "agency"
    assert kind_of("Royal Mounted Police") == kind_of("Centers for Disease Control") == "agency"
    assert kind_of("University of Adelaide") == kind_of("Infectious Diseases Society") == "organisation"


def test_a_verb_after_measures_is_what_they_did_a_gerund_after_a_bill_its_content() -> None:
    assert first_type("The representative said the measures hampered the island's efforts.") == "criticism"
    assert first_type("The senator introduced a bill banning the sale of the mines.") == "statement"
    assert first_type("The senator introduced legislation to repeal the ban.") == "statement"


def test_a_known_surname_inside_a_longer_name_is_not_that_person() -> None:
    from kb.actors import actors_in, names_in

    known = Known(actors={"Ada Baker": ("ada-baker", "Ada Baker", "person"), "Baker": ("ada-baker", "Ada Baker", "person")})
    sentence = "The commitment was made by the G7 and the Baker Street Coalition."
    actors, _new = actors_in(sentence, None, known, None, {"baker": "ada-baker"}, {})
    assert "ada-baker" not in [k for k, _r in actors]
    # "Foreign" qualifies a title; in an office's name it is a word of the name
    assert [n for _p, n in names_in("The Treasury's Office of Foreign Assets Control issued it.")] == ["Office of Foreign Assets Control"]


def test_a_new_policy_is_named_from_the_title_before_the_body(tmp_path: Path) -> None:
    doc = document(tmp_path, "The bloc's ban on imports of seaborne crude, agreed in June, also takes effect today.",
                   title="Price Cap on Seaborne Crude Takes Effect")  # fmt: skip
    names = {name for p in propose(doc, Known()) for _key, name, *_rest in p.new_policies}
    assert names == {"Price Cap"}, names


@pytest.mark.parametrize(("sentence", "etype"), [
    # a count of people or of things named after a proper adjective is a report
    ("Since Saturday, we have evacuated approximately 37,000 people.", "report"),
    ("There are currently about 5,800 U.S. troops on the ground at the airport.", "report"),
    ("Around 17,300 people were on the card when the government came to office.", "report"),
    # a measure taking effect changes what is in force
    ("Tariffs on the European Union, Canada, and Mexico took effect June 1, 2018.", "amended"),
    ("The ban on imports of seaborne crude oil also takes effect today.", "amended"),
    ("The officials said the exit would take effect in January 2026.", "treaty_action"),  # leaving a treaty or a body
    ("The withdrawal took effect one year later, on November 4, 2020.", "treaty_action"),
    ("The convention entered into force in August 2010.", "treaty_action"),
    # launch adopts a measure not a missile or an invasion
    ("It will notify Russia of ballistic missile launches under the agreement.", None),  # a noun, no act
    ("Russia launched its full-scale invasion of Ukraine on February 24, 2022.", "military_action"),
    ("The ministry launched a new grant scheme in May.", "adopted"),
    # an act judged in so many words is criticised
    ('The secretary called the decision "deeply unfortunate and irresponsible."', "criticism"),
    ("The delegate described the embargo as a gross violation of the Charter.", "criticism"),
    ("The representative said the embargo had no justification in this century.", "criticism"),
    ('"Walking away from the accord is a gift to polluters and a blow to workers," she said.', "criticism"),
    ("The group said the ban was a pretext to expel people seeking safety.", "criticism"),
    # a date in a policy moved amends it
    ("Phase-out of fossil fuel boilers in homes off the gas grid delayed from 2026 to 2035.", "amended"),
    ("In November 2020, the plan brought the end date forward to 2030.", "amended"),
    ("On July 8th, he moved that up, announcing that the mission would conclude on August 31st.", "amended"),
    ("June 30, 2017: The secretary deferred accessions for six months.", "amended"),
    ("The council postponed the fee by a year.", "amended"),
    # exploring or studying whether is deliberation
    ("At their summit in June, the leaders agreed to explore a price cap on crude oil.", "deliberation"),
    ("The ministry is studying whether to lift the ban.", "deliberation"),
])  # fmt: skip
def test_the_seventh_pass_s_frames(sentence: str, etype: str | None) -> None:
    assert first_type(sentence) == etype


@pytest.mark.parametrize(("sentence", "etype"), [
    ("The Fisheries Agency has not published the catch data.", "report"),
    ("Minister Dana Okafor will lead the delegation to the summit.", "statement"),
    ("The Coastal Alliance dropped its objection.", "report"),
    # no actor, a lead-in to a list, a question: nothing
    ("The catch has fallen sharply.", None),
    ("Through this assistance, the Fisheries Agency has:", None),
    ("Will the Fisheries Agency publish the catch data?", None),
])  # fmt: skip
def test_an_undated_sentence_tells_of_an_event_when_an_actor_it_names_does_something(
    tmp_path: Path, sentence: str, etype: str | None
) -> None:
    found = proposed(tmp_path, sentence)
    assert [p.type for p in found] == ([etype] if etype else [])
    if etype:
        assert "frame:undated-actor-sentence" in found[0].rules
        assert found[0].date.spec.overlaps(DateSpec.parse(PUB)) and found[0].confidence <= 0.2


@pytest.mark.parametrize(("sentence", "etype"), [
    # a permission granted departs from a policy for what it names
    ("The office issued a general licence authorizing transactions with the state port company.", "exception"),
    ("The President has authorized the provision of mortars to the coalition.", "exception"),
    # a stronger verb of the same sentence still decides; the noun is the change it names
    ("The council revoked the 2017 order and authorized the agency to hire staff.", "reversed"),
    ("On April 6, the minister prohibited new investment, authorizing only humanitarian trade.", "amended"),
    ("The cabinet's recent authorization allows the ministry to borrow abroad.", "amended"),
])  # fmt: skip
def test_the_eighth_pass_s_frames(sentence: str, etype: str | None) -> None:
    assert first_type(sentence) == etype


def test_no_person_is_named_by_a_title_left_over_from_a_two_word_title(tmp_path: Path) -> None:
    found = proposed(tmp_path, "On May 3, 1987, President Holt and General Secretary Orlov signed the accord.")
    assert found
    names = [name for p in found for _k, name, _kind in p.new_actors]
    assert not [n for n in names if n.split()[0] in ("Secretary", "General", "President")], names


@pytest.mark.parametrize(("sentence", "names"), [
    # two titled people joined by "and", however long the run of capitalised words
    ("Chair Ana Silva and General Secretary Mikhail Orlov signed the accord.", ["Ana Silva", "Mikhail Orlov"]),
    ("President Jo Holt and Vice President Kamala Reyes spoke.", ["Jo Holt", "Kamala Reyes"]),
    ("The Labour Party and Deputy Prime Minister Angela Reed opposed it.", ["Labour Party", "Angela Reed"]),
    ("The Farmers Union and Secretary of State Ana Okafor welcomed it.", ["Farmers Union", "Ana Okafor"]),
    # an "and" inside one body's name, before a word that also qualifies titles, does not split it
    ("The Bureau of Industry and Security amended the rule.", ["Bureau of Industry and Security"]),
    # a body named with a title's qualifier keeps it
    ("The National Security Council met.", ["National Security Council"]),
    ("The Army Corps of Engineers issued the permit.", ["Army Corps of Engineers"]),
    # what a body is "of" is not the head of its name
    ("The Department of Health and Human Services issued guidance.", ["Department of Health and Human Services"]),
    ("The Senate Committee on Armed Services voted.", ["Senate Committee on Armed Services"]),
    # guards: a title before a person is still stripped; a thing's name is still no actor
    ("Foreign Minister Raj Patel spoke.", ["Raj Patel"]),
    ("The Fact Sheet on Services says so.", []),
])  # fmt: skip
def test_joined_titled_names_and_bodies_named_with_qualifiers(sentence: str, names: list[str]) -> None:
    from kb.actors import names_in

    assert [n for _pos, n in names_in(sentence)] == names


def test_a_quotation_over_several_sentences_is_said_when_its_attribution_says(tmp_path: Path) -> None:
    from kb.sentences import quotation_speakers, segments

    content = ('"The quota was a mistake," Ana Silva said on Monday. "The board should restore the old limits.\n\n'
               '"We oppose any further cut."\n\nThe board met in Oslo. It reviewed the figures.')  # fmt: skip
    doc = document(tmp_path, content)
    said = [s for s in segments(doc) if s.kind == "sentence"]
    speakers = quotation_speakers(said)
    # the quotation goes on after its attribution, into the next paragraph; prose after it is no one's quotation
    assert speakers == [None, 0, 0, None, None], [s.text for s in said]
    by_quote = {p.quote.strip(): p for p in propose(doc, Known())}
    monday = DateSpec(PartialDate.parse("2025-06-16"))
    for quote in ('"The board should restore the old limits.', '"We oppose any further cut."'):
        p = by_quote[quote]
        assert p.type == "criticism" and p.date.spec == monday, (quote, p.type, p.date.spec, p.rules)


def test_a_quotation_of_the_author_continued_is_said_on_the_release_day(tmp_path: Path) -> None:
    content = '"The quota was a mistake," Senator Silva said. "Cutting it was reckless."'
    doc = document(tmp_path, content, author="Office of Senator Ana Silva")
    p = next(p for p in propose(doc, Known()) if "reckless" in p.quote)
    assert p.date.spec == DateSpec(PartialDate.parse(PUB)), (p.date.spec, p.rules)


@pytest.mark.parametrize(("content", "on_the_day"), [
    # the author's own words in the first person are said in the document, on its day
    ("However, we regret that the board has ignored the fishing towns.", True),
    ("I regret to say that the ministry was wrong.", True),
    # someone else's words reported, or a quotation, are not
    ("The mayor said we regret that the board has ignored the towns.", False),
    ('"We regret that the board has ignored the towns."', False),
])  # fmt: skip
def test_the_authors_own_words_are_said_on_the_publication_day(tmp_path: Path, content: str, on_the_day: bool) -> None:
    # written by reporters, so that only the words' own person, not the kind of document, can date them on the day
    words = [p for p in propose(document(tmp_path, content, author="Jo Roe, Ana Silva"), Known()) if p.type in ("criticism", "statement")]
    assert words, content
    day = DateSpec(PartialDate.parse(PUB))
    assert (words[0].date.spec == day) is on_the_day, (words[0].date.spec, words[0].rules)


@pytest.mark.parametrize(("content", "etype"), [
    # an undated sentence finding a named actor at fault criticises it
    ("For thirty years the Fisheries Board has failed to reach a decision on the quota.", "criticism"),
    ("The Fisheries Board acted without consulting the Harbour Council.", "criticism"),
    # an undated sentence of fact about an actor is reported, a commitment stated
    ("The Fisheries Board has twelve members.", "report"),
    ("The Fisheries Board will publish the figures.", "statement"),
])  # fmt: skip
def test_an_undated_actor_found_at_fault_is_criticised(tmp_path: Path, content: str, etype: str) -> None:
    found = proposed(tmp_path, content)
    assert [p.type for p in found] == [etype], [(p.type, p.rules) for p in found]


@pytest.mark.parametrize(("item", "on_the_day"), [
    # an item committing to or asking for something, under an undated lead-in, is stated on the document's day
    ("Prohibit the use of funds to sell trawlers unless the board certifies them;", True),
    ("Will not prohibit trawling outside the bay;", True),
    # an item telling what happened keeps the lead-in's "on or before"
    ("Norway received a permanent exemption from the quota;", False),
])  # fmt: skip
def test_a_list_of_commitments_is_stated_on_the_publication_day(tmp_path: Path, item: str, on_the_day: bool) -> None:
    found = [p for p in proposed(tmp_path, f"The Fisheries Act would:\n\n- {item}\n- Require the board to report yearly.") if p.quote.strip("- ").startswith(item[:12])]
    assert found, item
    assert (found[0].date.spec == DateSpec(PartialDate.parse(PUB))) is on_the_day, (found[0].date.spec, found[0].rules)


@pytest.mark.parametrize(("author", "head", "news"), [
    # a journalist's report: a byline opens the text, a news agency writes it, or the author is names alone
    ("Jo Roe, Harbour News", "Quota Cut\n\nBy Jo Roe\n\nOSLO, June 20 - The board cut the quota.", True),
    ("Harbour News", "Quota Cut\n\nJune 20, 2025 | By Jo Roe , Harbour News\n\nThe board cut the quota.", True),
    ("By Ana Silva and Jo Roe (Reuters)", "The board cut the quota.", True),
    ("Associated Press", "The board cut the quota.", True),
    ("Ana Silva, Jo Roe", "The board cut the quota.", True),
    ("Sam Poe, The Daily Example", "The board cut the quota.", True),
    # an issuer's own news service is its record
    ("Harbour Board News (Harbour Board)", "The board cut the quota.", False),
    # the issuer's own record: an office, a person with a role, a statement "by" someone, an order "by" authority
    ("Ministry of Fisheries, Press Office", "Statement by the Minister\n\nThe board cut the quota.", False),
    ("Ana Silva, Minister of Fisheries", "As delivered by Minister Ana Silva\n\nThe board cut the quota.", False),
    ("The President", "By the authority vested in me as President, it is hereby ordered:", False),
    ("Human Rights Watch", "Posted On: 20 JUN 2025 by Harbour Desk\n\nThe board cut the quota.", False),
])  # fmt: skip
def test_a_news_report_is_told_from_the_issuer_s_own_record(tmp_path: Path, author: str, head: str, news: bool) -> None:
    from kb.propose import news_report

    assert news_report(document(tmp_path, head, author=author)) is news


@pytest.mark.parametrize(("author", "content", "on_the_day"), [
    # in the issuer's record of the day's occasion, speech told without a date is said that day
    ("Fisheries Council, Meetings Coverage", "The council today debated the quota.\n\nThe delegate of Norway said the quota was unjust.", True),
    # its own judgments in the present too, with or without "today"
    ("Fisheries Council, Meetings Coverage", "The council debated the quota.\n\nThe board's data are incomplete and its decision is unlawful.", True),
    # but not in a journalist's report
    ("Jo Roe, Ana Silva", "The council today debated the quota.\n\nThe delegate of Norway said the quota was unjust.", False),
    # nor speech told in a record that is no record of a day's occasion
    ("Fisheries Council, Research Service", "The council debated the quota.\n\nThe delegate of Norway said the quota was unjust.", False),
    # nor words said on an earlier occasion, nor a narrative of what was done
    ("Fisheries Council, Meetings Coverage", "The council today debated the quota.\n\nThe ministry has said it will oppose the quota.", False),
    ("Fisheries Council, Meetings Coverage", "The council today debated the quota.\n\nThe court found that the quota violated the treaty.", False),
    # a span of time it has held for is no earlier occasion
    ("Fisheries Council, Meetings Coverage", "The council today debated the quota.\n\nFor thirty years the board has opposed any quota.", True),
])  # fmt: skip
def test_undated_words_in_the_issuer_s_record_are_said_on_its_day(tmp_path: Path, author: str, content: str, on_the_day: bool) -> None:
    found = [p for p in propose(document(tmp_path, content, author=author), Known()) if p.type in ("criticism", "statement") and "debated" not in p.quote]
    assert found, content
    assert (found[0].date.spec == DateSpec(PartialDate.parse(PUB))) is on_the_day, (found[0].date.spec, found[0].rules)


@pytest.mark.parametrize("sentence", [
    "Regulation (EU) 2017/852 starts to apply.",
    "The claims fall under Directive 2013/32/EU and its recitals.",
])  # fmt: skip
def test_a_year_inside_an_instrument_s_number_is_no_date(sentence: str) -> None:
    assert [str(f.date.spec) for f in find_all(sentence, PartialDate.parse(PUB))] == []


@pytest.mark.parametrize("sentence", [
    "The convention entered into force on 16 August 2017.",
    "The convention enters into force on 16 August 2017.",
    "The protocol will enter into force on 1 May 2026.",
])  # fmt: skip
def test_entering_into_force_is_an_act_on_the_agreement_in_any_tense(sentence: str) -> None:
    assert first_type(sentence) == "treaty_action"
