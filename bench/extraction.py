"""Score `kb source new`'s proposals against reviewed annotations, document by document.

    python bench/extraction.py [--reference DIR]... [--documents DIR] [--details] [--rules]

Reference annotations are read from seeds/ and from each --reference folder (seeds/ wins when
a key is in both); a document is read from seeds/, else from --documents. Each document is
proposed with the knowledge base as it stood before it: a scratch database holding only the
reviewed sources published strictly earlier (loaded in publication order), so nothing the
document itself taught the knowledge base is known while it is scored. Documents listed in
bench/validation.txt are reported apart from the development documents.

A proposal matches a reviewed event when its evidence overlaps one of the event's quotes in
that document and its date is compatible with that quote's stated date. A merge suggestion is
kept when the reviewed annotation `cites:` one of the suggested events with a quote the
proposal's evidence overlaps.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from kb import loader  # noqa: E402
from kb.annotations import Contribution, EventSpec, load_annotation_file  # noqa: E402
from kb.documents import Document, parse_document  # noqa: E402
from kb.errors import KBError  # noqa: E402
from kb.models import Base  # noqa: E402
from kb.propose import Known, known_from, propose  # noqa: E402
from kb.vocabulary import EVENT_TYPES  # noqa: E402

VALIDATION = REPO / "bench" / "validation.txt"


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
    policy_hits: int = 0  # links to known policies that the reviewed event has too
    policies_linked: int = 0  # links a matched proposal makes to policies the knowledge base knew
    policies_knowable: int = 0  # a reviewed event's policies the knowledge base knew before the document
    policies_found: int = 0
    suggestions_made: int = 0
    suggestions_kept: int = 0
    suggestions_kept_first: int = 0
    cites_written: int = 0
    cites_suggested: int = 0
    misses: list[str] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0


@dataclass
class Case:
    key: str
    document: Document
    annotation: Path
    validation: bool  # never tuned to: bench/validation.txt, or a corpus's heldout.txt
    corpus: bool = False  # from --corpus: made-up documents in styles and subjects the rules never saw


def validation_keys() -> set[str]:
    """The validation documents' keys (bench/validation.txt, comments dropped)."""
    lines = VALIDATION.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def held_out(folder: Path) -> set[str]:
    """A corpus's held-out keys (its heldout.txt, comments dropped)."""
    path = folder / "heldout.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def cases(references: list[Path], documents: Path | None, corpus: Path | None = None) -> list[Case]:
    """Every annotated document found, in publication order."""
    held = validation_keys()
    found: dict[str, Case] = {}
    if corpus is not None:
        kept = held_out(corpus)
        for annotation in sorted(corpus.glob("*.yaml")):
            key = annotation.stem
            found[key] = Case(key, parse_document(corpus / f"{key}.txt"), annotation, key in kept, corpus=True)
    for folder in [REPO / "seeds", *references]:
        for annotation in sorted(folder.glob("*.yaml")):
            key = annotation.stem
            if key in found or annotation.name.endswith(".proposed.yaml"):
                continue
            text = REPO / "seeds" / f"{key}.txt"
            if not text.exists() and documents is not None:
                text = documents / f"{key}.txt"
            if not text.exists():
                continue
            found[key] = Case(key, parse_document(text), annotation, key in held)
    return sorted(found.values(), key=lambda c: (c.document.published.first_day(), c.key))


def suggested(proposal: object) -> list[str]:
    """The event keys a proposal suggests it restates, best first."""
    candidates = getattr(proposal, "candidates", None)
    if candidates is not None:
        return [c.key for c in candidates]
    note = getattr(proposal, "note", None) or ""
    return re.findall(r"restates (\S+?):", note)


def score_document(known: Known, document: Document, contribution: Contribution, types: dict[str, str]) -> Score:
    """One document's proposals against its reviewed events (types: event key -> reviewed type)."""
    proposals = propose(document, known)
    score = Score(document.key, events=len(contribution.events), proposals=len(proposals))
    for p in proposals:
        for rule in getattr(p, "rules", ()):
            score.rules[rule] = score.rules.get(rule, 0) + 1

    def overlaps(p: object, cit: object) -> bool:
        return p.start < cit.end and cit.start < p.end  # type: ignore[attr-defined]

    known_policies = {key for key, _name, _owner in known.policies.values()}
    matched_proposals: set[int] = set()
    for event in contribution.events:
        event_type = event.type or types.get(event.key)
        best = None
        for i, p in enumerate(proposals):
            for cit in event.citations:
                if overlaps(p, cit) and p.date.spec.overlaps(cit.date):
                    rank = (p.date.spec == cit.date, p.type == event_type, -i)
                    if best is None or rank > best[0]:
                        best = (rank, i, cit)
        first = " ".join(event.citations[0].quote.split())[:90]
        if best is None:
            score.misses.append(f"missed {event.key} ({event_type}, {event.citations[0].date}): “{first}”")
            continue
        (exact, type_ok, _), i, cit = best
        p = proposals[i]
        matched_proposals.add(i)
        score.matched_events += 1
        score.dates_exact += exact
        score.types_right += type_ok
        if not exact:
            score.misses.append(f"date {p.date.spec} for {cit.date}: {event.key}: “{first}”")
        if not type_ok:
            score.misses.append(f"type {p.type} for {event_type}: {event.key}: “{first}”")
        proposed = {a for a, _ in p.actors}
        reviewed = {a for a, _ in event.actors}
        score.actor_hits += len(proposed & reviewed)
        score.actors_proposed += len(proposed)
        score.actors_reviewed += len(reviewed)
        if event.defines:
            # Links to policies the knowledge base already knew: right when the reviewer links them too.
            linked, wanted = set(p.policies) & known_policies, set(event.policies) & known_policies
            score.policies_linked += len(linked)
            score.policy_hits += len(linked & set(event.policies))
            score.policies_knowable += len(wanted)
            score.policies_found += len(linked & wanted)
            if linked - set(event.policies):
                score.misses.append(f"policy {', '.join(sorted(linked - set(event.policies)))} not the reviewer's: {event.key}")
    for i, p in enumerate(proposals):
        if i in matched_proposals or any(
            overlaps(p, c) and p.date.spec.overlaps(c.date) for e in contribution.events for c in e.citations
        ):
            score.matching_proposals += 1
        else:
            score.misses.append(f"extra {p.type} {p.date.spec}: “{' '.join(p.quote.split())[:90]}”")
    # Merge suggestions: kept when the reviewer cites a suggested event with a quote the proposal overlaps.
    cited = [(e.key, c) for e in contribution.events if not e.defines for c in e.citations]
    for p in proposals:
        keys = suggested(p)
        if not keys:
            continue
        score.suggestions_made += 1
        targets = {key for key, c in cited if overlaps(p, c)}
        score.suggestions_kept += bool(targets & set(keys))
        score.suggestions_kept_first += keys[0] in targets
        if not targets & set(keys):
            score.misses.append(f"suggestion {keys[0]} not kept (reviewer: {sorted(targets) or 'no cites'}): “{' '.join(p.quote.split())[:60]}”")
    for event in contribution.events:
        if event.defines:
            continue
        score.cites_written += 1
        if any(event.key in suggested(p) for p in proposals for c in event.citations if overlaps(p, c)):
            score.cites_suggested += 1
        else:
            score.misses.append(f"cites {event.key} not suggested")
    return score


def scratch_session() -> Session:
    """An empty in-memory knowledge base with today's tables."""
    engine = sa.create_engine("sqlite://")
    Base.metadata.create_all(engine)
    session = Session(engine)
    table = Base.metadata.tables["event_types"]
    session.execute(table.insert(), [dict(name=t.name, changes_state=t.changes_state, description=t.description, position=i)
                                     for i, t in enumerate(EVENT_TYPES)])  # fmt: skip
    return session


def _as_loaded(session: Session, contribution: Contribution, definitions: dict[str, EventSpec]) -> Contribution:
    """The contribution as it can load now: an event cited before the (later-published) source
    defining it is defined here, from that definition; one defined already is cited."""
    present = set(session.scalars(sa.text("SELECT key FROM events")))
    declared = {p.key for p in contribution.policies}
    events = []
    for e in contribution.events:
        if not e.defines and e.key not in present and e.key in definitions:
            d = definitions[e.key]
            e = replace(e, defines=True, type=d.type, headline=d.headline, stance=d.stance,
                        policies=[k for k in d.policies if k in declared])  # fmt: skip
        elif e.defines and e.key in present:
            e = replace(e, defines=False)
        events.append(e)
    return replace(contribution, events=events)


def _load_day(
    session: Session, day: list[tuple[Case, Contribution]], definitions: dict[str, EventSpec]
) -> list[str]:
    """Load one day's sources; a source citing another of the same day waits for it. Returns
    what could not be loaded, one line each."""
    pending = list(day)
    while pending:
        failed = []
        for case, contribution in pending:
            try:
                with session.begin_nested():
                    loadable = _as_loaded(session, contribution, definitions)
                    loader.load(session.connection(), case.document, loadable, added_at="2000-01-01T00:00:00Z")
            except KBError as exc:
                failed.append((case, contribution, exc))
        if len(failed) == len(pending):
            return [f"{case.key} not loaded: {exc}" for case, _c, exc in failed]
        pending = [(case, contribution) for case, contribution, _exc in failed]
    return []


def run(
    references: list[Path], documents: Path | None, corpus: Path | None = None, *, strict: bool = False
) -> list[tuple[Case, Score]]:
    """Score every annotated document with the knowledge base as it stood before it. A document
    that cannot be loaded leaves the later ones a poorer knowledge base: a warning, or with
    `strict` an error."""
    all_cases = cases(references, documents, corpus)
    contributions = {c.key: load_annotation_file(c.annotation, c.document) for c in all_cases}
    definitions = {e.key: e for con in contributions.values() for e in con.events if e.defines}
    types = {key: e.type for key, e in definitions.items() if e.type}
    session = scratch_session()
    results: list[tuple[Case, Score]] = []
    by_day: dict[object, list[Case]] = defaultdict(list)
    for case in all_cases:
        by_day[case.document.published.first_day()].append(case)
    for _day, day_cases in sorted(by_day.items()):
        known = known_from(session)
        for case in day_cases:
            results.append((case, score_document(known, case.document, contributions[case.key], types)))
        for problem in _load_day(session, [(c, contributions[c.key]) for c in day_cases], definitions):
            if strict:
                raise KBError(problem)
            print(f"warning: {problem}", file=sys.stderr)
    session.close()
    return results


_COUNTS = [f.name for f in fields(Score) if f.type == "int"]


def total(name: str, scores: list[Score]) -> Score:
    out = Score(name, **{f: sum(getattr(s, f) for s in scores) for f in _COUNTS})
    for s in scores:
        for rule, n in s.rules.items():
            out.rules[rule] = out.rules.get(rule, 0) + n
    return out


def table(title: str, scores: list[Score]) -> list[str]:
    r = Score.ratio
    lines = [
        f"### {title}",
        "",
        "| document | events | proposals | recall | precision | date exact | type accuracy | actor P | actor R "
        "| known policy P | known policy R | suggestions kept (any of 3) | kept (first) | `cites:` suggested |",
        "|---|" + "---|" * 13,
    ]
    for s in [*scores, total("all", scores)]:
        lines.append(
            f"| {s.document} | {s.events} | {s.proposals} | {r(s.matched_events, s.events):.2f} | "
            f"{r(s.matching_proposals, s.proposals):.2f} | {r(s.dates_exact, s.matched_events):.2f} | "
            f"{r(s.types_right, s.matched_events):.2f} | {r(s.actor_hits, s.actors_proposed):.2f} | "
            f"{r(s.actor_hits, s.actors_reviewed):.2f} | {r(s.policy_hits, s.policies_linked):.2f} | "
            f"{r(s.policies_found, s.policies_knowable):.2f} | {s.suggestions_kept}/{s.suggestions_made} | "
            f"{s.suggestions_kept_first}/{s.suggestions_made} | {s.cites_suggested}/{s.cites_written} |"
        )
    return lines


def unseen_rules(folder: Path) -> dict[str, dict[str, int]]:
    """Hits per rule on unannotated documents (rule -> document -> hits), and their datelines and
    section labels found, proposed with an empty knowledge base."""
    from kb.sentences import segments
    from kb.sources import _guess_kind

    out: dict[str, dict[str, int]] = defaultdict(dict)
    for path in sorted(folder.glob("*.txt")):
        document = parse_document(path)
        found = [rule for p in propose(document, Known()) for rule in p.rules]
        found += [f"segment:{s.kind}" for s in segments(document) if s.kind == "dateline"]
        found += ["segment:section-label" for s in segments(document) if s.kind == "heading" and s.text.endswith(":") and s.text.isupper()]
        found.append(f"kind:{_guess_kind(document)}")
        for rule in found:
            out[rule][path.stem] = out[rule].get(path.stem, 0) + 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, action="append", default=[], help="more reviewed annotations")
    parser.add_argument("--documents", type=Path, help="where documents not in seeds/ are")
    parser.add_argument("--details", action="store_true", help="list every miss of the development documents")
    parser.add_argument("--validation-details", action="store_true",
                        help="list the validation documents' misses too (for a closing look, never for tuning)")
    parser.add_argument("--rules", action="store_true", help="hits per rule, development vs validation")
    parser.add_argument("--unseen", type=Path, help="with --rules: also hits per rule on the unannotated documents of this folder "
                        "(made-up documents in other styles, e.g. tests/fixtures/unseen), proposed with an empty knowledge base")
    parser.add_argument("--corpus", type=Path, help="annotated made-up documents in other styles and subjects (e.g. bench/unseen), "
                        "reported apart; those its heldout.txt lists are never tuned to")
    args = parser.parse_args()
    if args.corpus is not None and not any(args.corpus.glob("*.yaml")):
        parser.error(f"--corpus {args.corpus}: no annotations (*.yaml) there")
    try:
        results = run(args.reference, args.documents, args.corpus)
    except KBError as exc:
        sys.exit(f"extraction: {exc}")
    seeds = [(c, s) for c, s in results if not c.corpus]
    dev = [s for c, s in seeds if not c.validation]
    val = [s for c, s in seeds if c.validation]
    print("\n".join(table("Development", dev) + [""] + table("Validation (never tuned to)", val)))
    if args.corpus:
        made = [(c, s) for c, s in results if c.corpus]
        print("\n" + "\n".join(table("Made-up corpus, development", [s for c, s in made if not c.validation]) + [""]
                               + table("Made-up corpus, held out (never tuned to)", [s for c, s in made if c.validation])))
    if args.rules:
        docs: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set()])
        hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for case, s in results:
            for rule, n in s.rules.items():
                docs[rule][case.validation].add(case.key)
                hits[rule][case.validation] += n
        unseen = unseen_rules(args.unseen) if args.unseen else {}
        extra = " unseen-style hits (documents) |" if args.unseen else ""
        print(f"\n| rule | development hits (documents) | validation hits (documents) |{extra}\n|---|---|---|{'---|' if extra else ''}")
        for rule in sorted(set(docs) | set(unseen)):
            d, v = docs[rule]
            u = unseen.get(rule, {})
            flag = "" if len(d) >= 2 or len(u) >= 2 else " **(fewer than two development or unseen-style documents)**"
            shown = f" {sum(u.values())} ({len(u)}) |" if args.unseen else ""
            print(f"| {rule}{flag} | {hits[rule][0]} ({len(d)}) | {hits[rule][1]} ({len(v)}) |{shown}")
    if args.details or args.validation_details:
        for case, s in results:
            if case.validation and not args.validation_details:
                continue
            group = ("corpus " if case.corpus else "") + ("held out" if case.corpus and case.validation else "validation" if case.validation else "development")
            print(f"\n#### {s.document} ({group})\n")
            print("\n".join(f"- {m}" for m in s.misses) or "- (none)")


if __name__ == "__main__":
    main()
