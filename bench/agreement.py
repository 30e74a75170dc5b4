"""How often a second, blind reader gives an event the type its reviewer gave it.

    python bench/agreement.py [--documents DIR] [--corpus DIR]

The reviewed types are those of the annotations (seeds/*.yaml, and the --corpus folder's). The
second reader's types are in bench/agreement/: each file maps an event key to the type a reader
gave that event without seeing the reviewer's, from the vocabulary's one-line descriptions only
(bench/agreement/brief*.md are the instructions given):

- second-reader-with-headlines.json: from the event's headline and quotes (the document at hand);
- second-reader-quotes-only.json: from the quotes alone, read in the document, under an opaque id
  (the headline and the key, both written by the reviewer, can tell the type).

Reported per set (landmine development and validation, made-up corpus development and held out):
events compared, agreement, Cohen's kappa, and the commonest disagreements. This is the ceiling
to read the proposer's type accuracy against (bench/extraction.py): what a careful reader gets
from the same evidence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from extraction import cases  # noqa: E402

from kb.annotations import load_annotation_file  # noqa: E402

READERS = REPO / "bench" / "agreement"


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa of (reviewed, second reader) type pairs."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[t] * second[t] for t in first) / (n * n)
    return observed, (observed - chance) / (1 - chance) if chance < 1 else 1.0


def reviewed_types(documents: Path | None, corpus: Path | None) -> dict[str, tuple[str, str]]:
    """Event key -> (set, reviewed type) for every event an annotation defines."""
    out: dict[str, tuple[str, str]] = {}
    for case in cases([], documents, corpus):
        group = ("corpus " if case.corpus else "landmine ") + (
            ("held out" if case.corpus else "validation") if case.validation else "development"
        )
        for event in load_annotation_file(case.annotation, case.document).events:
            if event.defines and event.type:
                out[event.key] = (group, event.type)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=Path, help="where documents not in seeds/ are")
    parser.add_argument("--corpus", type=Path, default=REPO / "bench" / "unseen", help="annotated made-up documents (bench/unseen)")
    args = parser.parse_args()
    reviewed = reviewed_types(args.documents, args.corpus)
    for path in sorted(READERS.glob("*.json")):
        given: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        print(f"### {path.name}\n")
        print("| set | events | agreement | Cohen's kappa | commonest disagreements (reviewer → second reader) |\n|---|---|---|---|---|")
        groups = sorted({g for g, _ in reviewed.values()})
        for group in [*groups, "all"]:
            pairs = [(t, given[k]) for k, (g, t) in reviewed.items() if k in given and group in (g, "all")]
            if not pairs:
                continue
            agree, k = kappa(pairs)
            off = Counter((a, b) for a, b in pairs if a != b).most_common(4)
            shown = ", ".join(f"{a} → {b} ({n})" for (a, b), n in off)
            print(f"| {group} | {len(pairs)} | {agree:.2f} | {k:.2f} | {shown} |")
        print()


if __name__ == "__main__":
    main()
