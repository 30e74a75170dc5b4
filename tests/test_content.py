"""The knowledge base's content: the landmine-policy changes, in order, with their citations."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import engine_for
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

# (date, precision, qualifier, type, words in the stance, sources that must cite it)
CHANGES = [
    ("2014-06-27", "day", None, "amended", "produce", {FACT_2014, WOOD}),
    ("2014-09-23", "day", None, "amended", "Korean Peninsula", {KIRBY, WOOD}),
    ("2020-01-31", "day", None, "reversed", "Department of Defense", {DOD_2020, GARAMONE, WAPO}),
    ("2022-06-21", "day", None, "reinstated", "Ottawa Convention", {FACT_2022, WAPO}),
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
