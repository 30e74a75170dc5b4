"""Reviewing a source before it is written: the preview of `kb source check`, the checks that a
citation fits its event (subject and date), located errors with "did you mean", and the facts
schema revision 0003 added (relations, confirmations, inferred dates, declared state changes,
reviewed disagreements, stance additions) end to end through `kb source migrate`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from helpers import FIXTURES, engine_for, fails, ok
from sqlalchemy import text
from test_bad_input import fingerprint, root  # noqa: F401 (the shared harness's fixture)

from kb.config import locate
from kb.sources import preview_sources

ALPHA_YAML = (FIXTURES / "alpha.yaml").read_text()
BETA_YAML = (FIXTURES / "beta.yaml").read_text()
GAMMA_YAML = (FIXTURES / "gamma.yaml").read_text()

FR_HEAD = """\
source:
  kind: statement
reviewed: true
actors:
  - key: fictional-republic
    name: Fictional Republic
    kind: government
policies:
  - key: fr-mine-policy
    name: Fictional Republic mine policy
    owner: fictional-republic
events:
"""


def doc(title: str, published: str, content: str, *, note: str | None = None, url: str = "") -> str:
    noted = f"<NOTE>{note}</NOTE>\n" if note else ""
    url = url or f"https://example.org/{re.sub(r'[^a-z]+', '-', title.lower())}"
    return (
        f"<TITLE>{title}</TITLE>\n<PUBLISHED_DATE>{published}</PUBLISHED_DATE>\n<URL>{url}</URL>\n"
        f"<AUTHOR>Someone</AUTHOR>\n{noted}\n<CONTENT>\n{content}\n</CONTENT>\n"
    )


def put(root: Path, key: str, document: str, annotation: str) -> None:
    (root / "seeds" / f"{key}.txt").write_text(document, encoding="utf-8")
    (root / "seeds" / f"{key}.yaml").write_text(annotation, encoding="utf-8")


def fixture(root: Path, name: str, annotation: str | None = None) -> None:
    put(root, name, (FIXTURES / f"{name}.txt").read_text(), annotation or (FIXTURES / f"{name}.yaml").read_text())


def migrate(*keys: str) -> None:
    ok("source", "migrate", *keys)
    ok("db", "upgrade")


def scalar(sql: str) -> object:
    import os

    engine = engine_for(os.environ["KB_DB"])
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


# --- The preview -----------------------------------------------------------------------------------


def test_check_previews_what_the_migration_will_do(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    fixture(root, "beta")
    before = fingerprint(root)
    [preview] = preview_sources(location=locate(), keys=["beta"])
    assert fingerprint(root) == before  # nothing written
    [cited] = preview.citations
    assert (cited.event, cited.stated, cited.event_date, cited.verdict) == ("fr-restoration", "2022-06-21", "2022", "narrows")
    assert ("fr-restoration", "date", "2022", "2022-06-21") in preview.events_changed
    assert preview.events_added == ["fr-mod-support (2022-06-21, support): Ministry of Defence supports the restoration"]
    assert set(preview.actors_added) == {"fr-office", "fr-mod"}
    assert preview.actors_merged == ["fictional-republic (+ aliases 'Republic of Fiction')"]
    assert preview.policies_merged == ["fr-mine-policy"]
    lines = "\n".join(preview.lines())
    assert "change existing events (1):\n    fr-restoration date: 2022 → 2022-06-21" in lines
    assert "fr-restoration: stated 2022-06-21, narrows the event's date 2022" in lines
    assert ok("source", "check", "beta").stdout.startswith("beta: ok")


def test_a_citation_that_contains_the_events_date_changes_nothing(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    again = doc("Republic recap", "2023-01-10", "In 2022 the Fictional Republic restored its policy on mines.")
    put(root, "recap", again, FR_HEAD + """\
  - cites: fr-restoration
    citations:
      - quote: In 2022 the Fictional Republic restored its policy on mines.
        date: "2022"
        basis: explicit
""")
    [preview] = preview_sources(location=locate(), keys=["recap"])
    assert [c.verdict for c in preview.citations] == ["contains"]
    assert preview.events_changed == []


# --- Citations must fit their event ---------------------------------------------------------------


def test_an_unmarked_date_disagreement_is_refused_with_file_and_line(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    fixture(root, "gamma", GAMMA_YAML.replace("        disagrees: date         # reviewed: the ministry dates the restoration three days after alpha\n", ""))
    before = fingerprint(root)
    message = fails("source", "migrate", "gamma")
    assert re.match(
        r"Error: seeds/gamma\.yaml:21: event fr-restoration: stated date 2022-06-24 does not overlap the event's date "
        r"2022-06-21 \(defined by alpha\);.*mark the citation `disagrees: date`", message
    ), message
    assert fingerprint(root) == before


def test_a_reviewed_date_disagreement_keeps_the_date_and_is_a_conflict(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    fixture(root, "gamma")
    [preview] = preview_sources(location=locate(), keys=["gamma"])
    assert [c.verdict for c in preview.citations] == ["disagrees"]
    migrate("gamma")
    event = json.loads(ok("show", "event", "fr-restoration", "--format", "json").stdout)["events"][0]
    assert event["date"] == "2022-06-21"
    assert {c["source"]["key"]: c["disagrees"] for c in event["citations"]} == {"alpha": None, "beta": None, "gamma": "date"}
    found = json.loads(ok("conflicts", "--format", "json").stdout)["conflicts"]
    [dated] = [c for c in found if c["kind"] == "date" and c["event_key"] == "fr-restoration"]
    assert [s["claim"] for s in dated["sides"]] == ["2022-06-21", "2022-06-24"]
    assert dated["sides"][1]["citations"][0]["marked"] is True
    assert "(reviewed disagreement)" in ok("conflicts").stdout


def test_a_mark_on_a_citation_that_agrees_is_refused(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    fixture(root, "beta", BETA_YAML.replace("        basis: relative\n", "        basis: relative\n        disagrees: date\n", 1))
    assert re.match(r"Error: seeds/beta\.yaml:\d+: event fr-restoration: marked `disagrees: date`, but its stated date", fails("source", "check", "beta"))


def test_a_citation_from_another_subject_is_refused(root: Path) -> None:
    """Issue 14: a 2009 statement about another weapon citing a 2014 landmine event re-dated it to 2009."""
    statement = doc("Statement on cluster munitions", "2009-03-11", "Today the United States limits its use of cluster munitions.")
    put(root, "cluster", statement, """\
source:
  kind: statement
reviewed: true
actors:
  - key: united-states
    name: United States
    kind: government
policies:
  - key: us-cluster-munitions-policy
    name: U.S. cluster munitions policy
    owner: united-states
events:
  - cites: 2014-06-27-no-apl-production
    citations:
      - quote: Today the United States limits its use of cluster munitions.
        date: "2009-03-11"
        basis: relative
""")
    before = fingerprint(root)
    message = fails("source", "migrate", "cluster")
    assert re.match(
        r"Error: seeds/cluster\.yaml:13: event 2014-06-27-no-apl-production: this source declares none of the event's "
        r"policies \(us-apl-policy\)", message
    ), message
    assert fingerprint(root) == before
    assert "2014-06-27" == json.loads(ok("show", "event", "2014-06-27-no-apl-production", "--format", "json").stdout)["events"][0]["date"]


def test_errors_name_file_and_line_and_suggest(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    fixture(root, "beta", BETA_YAML.replace("  - cites: fr-restoration", "  - cites: fr-restoraton"))
    assert re.match(
        r"Error: seeds/beta\.yaml:22: event fr-restoraton: `cites:` an event that is not in the knowledge base "
        r"\(did you mean: 'fr-restoration'", fails("source", "check", "beta")
    )
    fixture(root, "beta", BETA_YAML.replace("    name: Fictional Republic\n", "    name: Fictional Republik\n", 1))
    assert re.match(
        r"Error: seeds/beta\.yaml:6: actor fictional-republic: already in the knowledge base as 'Fictional Republic' "
        r"\(government\), not 'Fictional Republik' \(government\)", fails("source", "check", "beta")
    )
    fixture(root, "beta", BETA_YAML.replace("{actor: fr-mod, role: supported}", "{actor: fr-mdo, role: supported}"))
    assert re.search(r"unknown actor 'fr-mdo' \(did you mean: 'fr-mod'", fails("source", "check", "beta"))
    fixture(root, "beta", BETA_YAML.replace("  - key: fr-mod-support\n    type: support", "  - key: fr-mod-support\n    type: amended"))
    assert "an 'amended' event changes the policy's state" in fails("source", "check", "beta")


# --- Relations, confirmations, declared state changes, inferred dates, stance additions ------------


def test_an_attribution_to_an_actor_and_the_body_it_is_part_of_is_no_conflict(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    related = GAMMA_YAML.replace(
        "  - key: fr-mod\n    name: Ministry of Defence of the Fictional Republic\n    kind: agency\n",
        "  - key: fr-mod\n    name: Ministry of Defence of the Fictional Republic\n    kind: agency\n    part_of: [fictional-republic]\n",
    )
    fixture(root, "gamma", related)
    [preview] = preview_sources(location=locate(), keys=["gamma"])
    assert preview.relations_added == ["fr-mod part_of fictional-republic"]
    migrate("gamma")
    found = json.loads(ok("conflicts", "--format", "json").stdout)["conflicts"]
    assert not [c for c in found if c["kind"] == "attribution" and c["event_key"] == "fr-restoration"]
    assert scalar("SELECT count(*) FROM conflicts WHERE kind = 'attribution' AND event_key = 'fr-restoration'") == 0
    assert scalar("SELECT s.key FROM actor_relations r JOIN sources s ON s.id = r.source_id WHERE s.key = 'gamma'") == "gamma"


def test_a_confirmation_is_named_by_kb_state(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    put(root, "still", doc("Policy remains", "2023-05-02", "The mine policy remains in force, officials said on May 1, 2023."), FR_HEAD + """\
  - key: 2023-05-01-fr-mine-policy-reaffirmed
    type: reaffirmed
    headline: Officials say the mine policy remains in force
    policies: [fr-mine-policy]
    citations:
      - quote: The mine policy remains in force, officials said on May 1, 2023.
        date: "2023-05-01"
        basis: explicit
""")
    migrate("still")
    later = json.loads(ok("state", "fr-mine-policy", "--at", "2023-06-01", "--format", "json").stdout)
    assert later["confirmed_by"]["key"] == "2023-05-01-fr-mine-policy-reaffirmed"
    assert later["states"][0]["opened_by"]["key"] == "fr-restoration"
    earlier = json.loads(ok("state", "fr-mine-policy", "--at", "2023-04-01", "--format", "json").stdout)
    assert earlier["confirmed_by"] is None
    assert "still in force as confirmed on 2023-05-01: Officials say the mine policy remains in force" in ok(
        "state", "fr-mine-policy", "--at", "2023-06-01"
    ).stdout
    assert scalar("SELECT last_confirmed_by FROM policy_states WHERE opened_by = 'fr-restoration'") == "2023-05-01-fr-mine-policy-reaffirmed"


TREATY = """\
source:
  kind: report
reviewed: true
actors:
  - key: fictional-republic
    name: Fictional Republic
    kind: government
policies:
  - key: fr-treaty
    name: Treaty of Fiction
    owner: fictional-republic
events:
  - key: 2001-fr-treaty-in-force
    type: treaty_action
    changes_state: true
    headline: The Treaty of Fiction enters into force for the Republic
    stance: The Republic is bound by the Treaty of Fiction.
    policies: [fr-treaty]
    citations:
      - quote: The treaty entered into force for the Republic in 2001.
        date: "2001"
        basis: explicit
  - key: 2010-fr-treaty-withdrawal
    type: treaty_action
    changes_state: [fr-treaty]
    headline: The Republic withdraws from the Treaty of Fiction
    stance: The Republic is no longer bound by the Treaty of Fiction.
    policies: [fr-treaty]
    citations:
      - quote: It withdrew in 2010.
        date: "2010"
        basis: explicit
  - key: 2005-fr-treaty-vote
    type: treaty_action
    headline: The Republic votes for a treaty resolution
    policies: [fr-treaty]
    citations:
      - quote: It voted for a resolution in 2005.
        date: "2005"
        basis: explicit
"""


def test_declared_state_changes_open_and_close_states_of_a_treaty(root: Path) -> None:
    content = "The treaty entered into force for the Republic in 2001. It voted for a resolution in 2005. It withdrew in 2010."
    put(root, "treaty", doc("The Republic and the treaty", "2012-01-01", content), TREATY)
    migrate("treaty")
    history = json.loads(ok("state", "fr-treaty", "--format", "json").stdout)["states"]
    assert [s["opened_by"]["key"] for s in history] == ["2001-fr-treaty-in-force", "2010-fr-treaty-withdrawal"]
    assert json.loads(ok("state", "fr-treaty", "--at", "2006-01-01", "--format", "json").stdout)["states"][0]["stance"] == (
        "The Republic is bound by the Treaty of Fiction."
    )
    assert scalar("SELECT count(*) FROM policy_states WHERE policy_key = 'fr-treaty'") == 2
    assert scalar("SELECT changes_state FROM timeline WHERE event_key = '2005-fr-treaty-vote'") in (0, False)


def test_an_inferred_publication_date_marks_every_date_resolved_against_it(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    text_ = doc("Republic statement", "2022-06-21", "Today, the Republic restores its mine policy.",
                note="The date is inferred, not printed: a later report dates the statement.")  # fmt: skip
    put(root, "inferred", text_, FR_HEAD + """\
  - cites: fr-restoration
    citations:
      - quote: Today, the Republic restores its mine policy.
        date: "2022-06-21"
        basis: relative
""")
    [preview] = preview_sources(location=locate(), keys=["inferred"])
    assert preview.published_inferred
    migrate("inferred")
    event = json.loads(ok("timeline", "--policy", "fr-mine-policy", "--format", "json").stdout)["events"]
    [cit] = [c for e in event for c in e["citations"] if c["source"]["key"] == "inferred"]
    assert cit["date_inferred"] is True and cit["source"]["published_inferred"] is True
    assert "resolved against an inferred publication date (2022-06-21)" in ok("timeline", "--policy", "fr-mine-policy").stdout
    assert "resolved against an inferred publication date" in ok("timeline", "--policy", "fr-mine-policy", "--format", "markdown").stdout
    rows = list(csv.DictReader(io.StringIO(ok("timeline", "--policy", "fr-mine-policy", "--format", "csv").stdout)))
    assert {(r["source_key"], r["date_inferred"]) for r in rows} >= {("inferred", "1"), ("alpha", "0")}
    assert "publication date inferred" in ok("timeline", "--policy", "fr-mine-policy", "--format", "html").stdout
    assert scalar("SELECT count(*) FROM timeline WHERE date_inferred AND source_key = 'inferred'") == 1
    assert scalar("SELECT count(*) FROM timeline WHERE date_inferred AND source_key = 'alpha'") == 0


def test_the_annotation_overrides_what_the_note_says(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    text_ = doc("Republic statement", "2022-06-21", "Today, the Republic restores its mine policy.")
    put(root, "stated", text_, FR_HEAD.replace("  kind: statement\n", "  kind: statement\n  published_inferred: true\n") + """\
  - cites: fr-restoration
    citations:
      - quote: Today, the Republic restores its mine policy.
        date: "2022-06-21"
        basis: relative
""")
    migrate("stated")
    assert scalar("SELECT published_inferred FROM sources WHERE key = 'stated'") in (1, True)


def test_a_later_source_adds_to_a_stance_only_when_reviewed(root: Path) -> None:
    fixture(root, "alpha")
    migrate("alpha")
    put(root, "detail", doc("Detail", "2023-02-01", "The restored policy also bans anti-vehicle mines."), FR_HEAD + """\
  - cites: fr-restoration
    adds_to_stance: The restored policy also bans anti-vehicle mines.
    citations:
      - quote: The restored policy also bans anti-vehicle mines.
        date: "on or before 2023-02-01"
        basis: context
""")
    [preview] = preview_sources(location=locate(), keys=["detail"])
    assert preview.stance_additions == [("fr-restoration", "The restored policy also bans anti-vehicle mines.")]
    migrate("detail")
    out = ok("state", "fr-mine-policy", "--at", "2023-03-01").stdout
    assert re.search(r"stance: The Republic does not use mines\.\n   adds \[\d\]: The restored policy also bans anti-vehicle mines\.", out), out
    event = json.loads(ok("show", "event", "fr-restoration", "--format", "json").stdout)["events"][0]
    assert event["stance_additions"] == [{"source": "detail", "text": "The restored policy also bans anti-vehicle mines."}]
    assert event["stance"] == "The Republic does not use mines."  # never silently rewritten


def test_a_stance_addition_to_an_event_without_a_stance_is_refused(root: Path) -> None:
    fixture(root, "alpha")
    fixture(root, "beta")
    migrate("alpha", "beta")
    put(root, "detail", doc("Detail", "2023-02-01", "The ministry supports it strongly."), FR_HEAD + """\
  - cites: fr-mod-support
    adds_to_stance: Strongly.
    citations:
      - quote: The ministry supports it strongly.
        date: "on or before 2023-02-01"
        basis: context
""")
    assert re.match(r"Error: seeds/detail\.yaml:\d+: event fr-mod-support\.adds_to_stance: the event has no stance", fails("source", "check", "detail"))


def test_downgrade_takes_out_exactly_what_writer_2_put_in(root: Path) -> None:
    import os

    from helpers import dump

    engine = engine_for(os.environ["KB_DB"])
    fixture(root, "alpha")
    migrate("alpha")
    before = dump(engine)
    relations = scalar("SELECT count(*) FROM actor_relations")
    fixture(root, "gamma", GAMMA_YAML.replace("    kind: agency\n", "    kind: agency\n    acts_for: fictional-republic\n"))
    fixture(root, "beta")
    migrate("beta", "gamma")
    assert scalar("SELECT count(*) FROM actor_relations") == relations + 1
    ok("db", "downgrade", "-1")
    assert dump(engine) == before
    engine.dispose()


def test_source_check_prints_the_preview(root_copy: Path) -> None:
    ok("db", "upgrade")
    (root_copy / "seeds" / "alpha.txt").write_text((FIXTURES / "alpha.txt").read_text())
    (root_copy / "seeds" / "alpha.yaml").write_text((FIXTURES / "alpha.yaml").read_text())
    out = ok("source", "check", "alpha").stdout
    assert out.startswith("alpha: ok; loading it will:\n")
    assert "  add events (" in out
    assert not list((root_copy / "migrations" / "versions").glob("*alpha*")), "check writes nothing"
