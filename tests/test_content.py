"""The knowledge base's content: the landmine-policy changes, in order, with their citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import REPO, engine_for, ok
from sqlalchemy import text

from kb import queries
from kb.db import session_scope

WAPO = "000_f1e01336d2379ac6"
FACT_2014 = "2014-06-27_whitehouse_apl-fact-sheet"
KIRBY = "2014-09-23_dod_kirby-statement-landmines"
WOOD = "2015-11-05_usmission-geneva_wood-eov-ottawa-resolution"
DOD_2020 = "2020-01-31_dod_landmine-policy-release"
GARAMONE = "2020-02-03_dod_garamone-trump-administration-broadens-use-of-landmines"
FACT_2022 = "2022-06-21_whitehouse_apl-fact-sheet"
SULLIVAN = "2024-12-02_whitehouse_nsa-sullivan-statement-ukraine-apl"
GARAMONE_2014 = "2014-06-27_dod_garamone-us-announces-changes-to-landmine-policy"
HAYDEN = "2014-06-27_whitehouse_nsc-hayden-statement"
HAGEL = "2014-09-23_dod_hagel-supports-changes-to-landmine-policy"
LAW_OF_WAR = "2015-06-12_dod_law-of-war-manual-apl-excerpt"
MSP15 = "2016-12-01_state_us-statement-15msp"
MERCADO = "2020-01-31_dod_mercado-media-engagement-transcript"
LEAHY_2020 = "2020-01-31_senate-leahy_statement-trump-rollback-apl"
CRS = "2020-02-28_crs_IF11440-new-us-apl-use-policy"
LEAHY_2022 = "2022-04-04_senate-leahy_statement-landmine-awareness-day"
STATE_2022 = "2022-06-21_state_briefing-updated-apl-policy"

# (date, precision, qualifier, type, words in the stance, sources that must cite it)
CHANGES = [
    ("2014-06-27", "day", None, "amended", "produce",
     {FACT_2014, WOOD, GARAMONE_2014, HAYDEN, HAGEL, LAW_OF_WAR, MSP15, CRS}),
    ("2014-09-23", "day", None, "amended", "Korean Peninsula", {KIRBY, WOOD, HAGEL, LAW_OF_WAR, MSP15, LEAHY_2020, CRS}),
    ("2020-01-31", "day", None, "reversed", "Department of Defense", {DOD_2020, GARAMONE, WAPO, MERCADO, LEAHY_2020, CRS}),
    ("2022-06-21", "day", None, "reinstated", "Ottawa Convention", {FACT_2022, WAPO, STATE_2022}),
    ("2024-11-19", "day", "on_or_before", "exception", "Ukraine", {WAPO, SULLIVAN}),
]


@pytest.fixture(scope="module")
def apl_timeline(built_db: Path) -> queries.Timeline:
    engine = engine_for(built_db)
    with session_scope(engine) as session:
        tl = queries.timeline(session, filters=queries.Filters(policies=("U.S. antipersonnel landmine policy",)))
    engine.dispose()
    return tl


def test_the_five_policy_changes_appear_in_order_with_their_citations(apl_timeline: queries.Timeline) -> None:
    changes = [e for e in apl_timeline.events if e.type in ("amended", "reversed", "reinstated", "exception")]
    found = []
    for date, precision, qualifier, etype, stance_word, cited_by in CHANGES:
        matches = [
            (i, e)
            for i, e in enumerate(changes)
            if (e.date, e.precision, e.qualifier, e.type) == (date, precision, qualifier, etype)
            and stance_word in (e.stance or "")
        ]
        assert len(matches) == 1, f"expected one {etype} on {date}, found {[m[1].key for m in matches]}"
        index, event = matches[0]
        found.append(index)
        citing = {c.source.key for c in event.citations}
        assert cited_by <= citing, f"{event.key} lacks citations from {cited_by - citing}"
    assert found == sorted(found), "the five changes are out of order"


def test_every_state_change_has_a_stance_and_every_event_a_citation(apl_timeline: queries.Timeline) -> None:
    assert apl_timeline.events
    for event in apl_timeline.events:
        assert event.citations, event.key
        if event.changes_state:
            assert event.stance, event.key


def test_the_washington_posts_year_only_dates_stay_years(apl_timeline: queries.Timeline) -> None:
    by_type = {e.type: e for e in apl_timeline.events if e.type in ("reversed", "reinstated")}
    wapo_2020 = [c for c in by_type["reversed"].citations if c.source.key == WAPO]
    wapo_2022 = [c for c in by_type["reinstated"].citations if c.source.key == WAPO]
    assert [(c.stated_date, c.date_basis) for c in wapo_2020] == [("2020", "explicit")]
    assert [(c.stated_date, c.date_basis) for c in wapo_2022] == [("2022", "explicit")]
    assert "in 2020" in wapo_2020[0].quote and "in 2022" in wapo_2022[0].quote


def test_both_wordings_of_the_2014_production_ban_are_kept(apl_timeline: queries.Timeline) -> None:
    [event] = [e for e in apl_timeline.events if e.date == "2014-06-27" and e.type == "amended" and not e.qualifier]
    quotes = " | ".join(c.quote for c in event.citations)
    assert "any anti-personnel landmines" in quotes
    assert "not compliant with the Ottawa Convention" in quotes


def test_other_dated_facts_are_cited_at_their_precision(built_db: Path) -> None:
    engine = engine_for(built_db)
    with engine.connect() as conn:
        rows = {
            (r.stated_date, r.needle)
            for r in conn.execute(
                text(
                    "SELECT stated_date, :n AS needle FROM citations WHERE quote LIKE '%' || :n || '%'"
                ).bindparams(n="1991")
            )
        }
        facts = {
            needle: conn.execute(
                text("SELECT stated_date FROM citations WHERE quote LIKE '%' || :n || '%' ORDER BY stated_date"), {"n": needle}
            ).scalars().all()
            for needle in ("about 3 million", "reckless", "Baltic nations", "164 parties", "single 2002 incident")
        }
    engine.dispose()
    assert ("1991", "1991") in rows
    assert facts["about 3 million"] == ["2022"]
    assert facts["reckless"] == ["2020"]
    assert facts["Baltic nations"] == ["2024"]
    assert facts["164 parties"] and all(d.startswith("2024") for d in facts["164 parties"])
    assert "2002" in facts["single 2002 incident"]


def test_the_late_austin_remarks_load_marked_as_updated(built_db: Path) -> None:
    engine = engine_for(built_db)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.stated_date, c.beyond_publication, s.published FROM citations c "
                "JOIN sources s ON s.id = c.source_id WHERE c.stated_date > s.published AND c.stated_qualifier IS NULL"
            )
        ).all()
    engine.dispose()
    assert rows, "the Washington Post reports remarks of November 20"
    assert all(r.beyond_publication in ("updated", "planned") for r in rows)
    assert ("2024-11-20", "updated", "2024-11-19") in [tuple(r) for r in rows]


def test_the_timeline_view_answers_with_one_select(built_db: Path) -> None:
    engine = engine_for(built_db)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT date, event_type, headline, quote, source_title FROM timeline "
                "WHERE policies LIKE '%antipersonnel landmine%' AND changes_state ORDER BY sort_key"
            )
        ).all()
        total = conn.execute(text("SELECT count(*) FROM citations")).scalar()
        in_view = conn.execute(text("SELECT count(*) FROM timeline")).scalar()
    engine.dispose()
    assert in_view == total
    dates = list(dict.fromkeys((r.date, r.event_type) for r in rows))
    wanted = [(d, t) for d, _, _, t, _, _ in CHANGES]
    assert [d for d in dates if d in wanted] == wanted
    assert all(r.quote and r.source_title for r in rows)


def _documented_conflicts() -> set[tuple[str, str, str | None]]:
    """The conflicts docs/annotations.md lists for the shipped content: (event key, kind, role)."""
    doc = (REPO / "docs" / "annotations.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- conflicts: begin -->\n(.*?)<!-- conflicts: end -->", doc, re.S)
    assert block, "docs/annotations.md keeps its list of conflicts between the two markers"
    listed = set()
    for line in block.group(1).splitlines():
        if not line.strip() or line.strip() == "(none)":
            continue
        # "- `EVENT-KEY` date: why" or "- `EVENT-KEY` attribution (ROLE): why"
        m = re.fullmatch(r"- `([^`]+)` (date|attribution)(?: \((\w+)\))?: .+", line.strip())
        assert m, f"unreadable conflict line in docs/annotations.md: {line!r}"
        listed.add((m[1], m[2], m[3]))
    return listed


def test_kb_conflicts_gives_exactly_the_conflicts_the_docs_list(built_db: str) -> None:
    """Every conflict on the shipped content is a real disagreement someone wrote down, and no other."""
    data = json.loads(ok("conflicts", "--format", "json", "--db", built_db).stdout)
    found = {(c["event_key"], c["kind"], c["role"]) for c in data["conflicts"]}
    assert found == _documented_conflicts()


def _state_changes(timeline: queries.Timeline) -> list:
    return [e for e in timeline.events if e.changes_state]


def test_the_2004_policy_opens_the_chain_as_a_month(apl_timeline: queries.Timeline) -> None:
    changes = _state_changes(apl_timeline)
    bush = [e for e in changes if (e.date, e.precision) == ("2004-02", "month")]
    assert len(bush) == 1 and CRS in {c.source.key for c in bush[0].citations}
    assert changes.index(bush[0]) < min(changes.index(e) for e in changes if e.date.startswith("2014"))


def test_ppd_37_opens_in_january_2016_and_the_2020_reversal_closes_it(built_db: str) -> None:
    data = json.loads(ok("state", "apl", "--format", "json", "--db", built_db).stdout)
    ppd = [s for s in data["states"] if "PPD-37" in s["opened_by"]["headline"]]
    assert len(ppd) == 1, [s["opened_by"]["headline"] for s in data["states"]]
    [state] = ppd
    assert (state["valid_from"]["date"], state["valid_from"]["precision"]) == ("2016-01", "month")
    assert (state["valid_to"]["date"], state["valid_to"]["precision"]) == ("2020-01-31", "day")
    after = data["states"][data["states"].index(state) + 1]
    assert after["opened_by"]["type"] == "reversed" and after["opened_by"]["date"] == "2020-01-31"
    at = ok("state", "apl", "--at", "2017-06-01", "--db", built_db).stdout.splitlines()[0]
    assert at.endswith("the policy of 2016-01 (reaffirmed)")


def test_the_mattis_review_is_one_event_completed_in_2018(apl_timeline: queries.Timeline) -> None:
    reviews = [e for e in apl_timeline.events if e.type == "review" and any("Mattis" in c.quote for c in e.citations)]
    assert len(reviews) == 1, [e.key for e in reviews]
    [review] = reviews
    assert (review.date, review.precision, review.qualifier) == ("2018", "year", None)
    assert {GARAMONE, CRS} <= {c.source.key for c in review.citations}
    assert "completed in 2018" in " ".join(c.quote for c in review.citations if c.source.key == CRS)


@pytest.mark.parametrize("key", [HAGEL, LAW_OF_WAR, MERCADO, LEAHY_2020, LEAHY_2022, STATE_2022])
def test_a_source_whose_note_says_its_date_is_inferred_is_marked(built_db: str, key: str) -> None:
    note = re.search(r"<NOTE>(.*?)</NOTE>", (REPO / "seeds" / f"{key}.txt").read_text(encoding="utf-8"), re.S)
    assert note and re.search(r"inferred|names neither|not printed", note[1]), "the document's note says so"
    data = json.loads(ok("timeline", "--format", "json", "--db", built_db).stdout)
    cited = [c for e in data["events"] for c in e["citations"] if c["source"]["key"] == key]
    assert cited
    for c in cited:
        assert c["date_inferred"] == (c["date_basis"] in ("relative", "context")), c


def test_every_date_resolved_against_an_inferred_publication_says_so(built_db: str) -> None:
    """Whatever sources are added: a relative or context date from an inferred source is marked in every format."""
    engine = engine_for(built_db)
    with engine.connect() as conn:
        inferred = set(conn.execute(text("SELECT key FROM sources WHERE published_inferred")).scalars())
    engine.dispose()
    data = json.loads(ok("timeline", "--format", "json", "--db", built_db).stdout)
    for event in data["events"]:
        for c in event["citations"]:
            resolved = c["source"]["key"] in inferred and c["date_basis"] in ("relative", "context")
            assert c["date_inferred"] == resolved, (event["key"], c["source"]["key"], c["quote"])
