"""Score `kb source new`'s proposals against the reviewed annotations in seeds/.

    python bench/extraction.py [--db PATH] [--markdown]

A proposal matches a reviewed event when its evidence overlaps one of the event's quotes in
that document and its date is compatible with that quote's stated date.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from kb.annotations import load_annotation_file  # noqa: E402
from kb.config import Location  # noqa: E402
from kb.db import make_engine, session_scope, upgrade  # noqa: E402
from kb.documents import parse_document  # noqa: E402
from kb.models import Event  # noqa: E402
from kb.propose import known_from, propose  # noqa: E402


@dataclass
class Score:
    document: str
    events: int = 0
    proposals: int = 0
    matched_events: int = 0
    matching_proposals: int = 0
    dates_exact: int = 0
    types_right: int = 0
    actor_hits: int = 0
    actors_proposed: int = 0
    actors_reviewed: int = 0

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 1.0


def score_document(session, path: Path) -> Score:  # noqa: ANN001
    document = parse_document(path)
    contribution = load_annotation_file(path.with_suffix(".yaml"), document)
    types = dict(session.execute(select(Event.key, Event.type)).all())
    proposals = propose(document, known_from(session))
    score = Score(path.stem, events=len(contribution.events), proposals=len(proposals))
    matched_proposals: set[int] = set()
    for event in contribution.events:
        event_type = event.type or types.get(event.key)
        best = None
        for i, p in enumerate(proposals):
            for cit in event.citations:
                if p.start < cit.end and cit.start < p.end and p.date.spec.overlaps(cit.date):
                    exact = p.date.spec == cit.date
                    rank = (exact, p.type == event_type)
                    if best is None or rank > best[0]:
                        best = (rank, i, cit)
        if best is None:
            continue
        (exact, type_ok), i, _ = best
        matched_proposals.add(i)
        score.matched_events += 1
        score.dates_exact += exact
        score.types_right += type_ok
        proposed = {a for a, _ in proposals[i].actors}
        reviewed = {a for a, _ in event.actors}
        score.actor_hits += len(proposed & reviewed)
        score.actors_proposed += len(proposed)
        score.actors_reviewed += len(reviewed)
    for i, p in enumerate(proposals):
        if i in matched_proposals or any(
            p.start < c.end and c.start < p.end and p.date.spec.overlaps(c.date) for e in contribution.events for c in e.citations
        ):
            score.matching_proposals += 1
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=REPO / "bench" / "data" / "small.sqlite")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        upgrade(Location(f"sqlite:///{args.db}", REPO, "--db"))
    engine = make_engine(f"sqlite:///{args.db}", read_only=True)
    scores = []
    with session_scope(engine) as session:
        for path in sorted((REPO / "seeds").glob("*.txt")):
            scores.append(score_document(session, path))
    total = Score("all", *(sum(getattr(s, f) for s in scores) for f in list(Score.__dataclass_fields__)[1:]))
    rows = [*scores, total]
    header = "| document | events | proposals | recall | precision | date exact | type accuracy | actor precision | actor recall |"
    print(header)
    print("|---|" + "---|" * 8)
    for s in rows:
        print(
            f"| {s.document} | {s.events} | {s.proposals} | {s.ratio(s.matched_events, s.events):.2f} | "
            f"{s.ratio(s.matching_proposals, s.proposals):.2f} | {s.ratio(s.dates_exact, s.matched_events):.2f} | "
            f"{s.ratio(s.types_right, s.matched_events):.2f} | {s.ratio(s.actor_hits, s.actors_proposed):.2f} | "
            f"{s.ratio(s.actor_hits, s.actors_reviewed):.2f} |"
        )


if __name__ == "__main__":
    main()
