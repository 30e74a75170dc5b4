"""How proposing scales with a repeated sentence: time per sentence at 1k, 4k and 16k copies.

A document that repeats one sentence gives every copy the same base key; numbering the copies
must stay linear (it was quadratic: 16,000 copies took 514 s and 1.7 GB). Linear means the time
per sentence stays flat, so the ratios against the 1k run stay near 1.

    python bench/propose_scaling.py [--sentence TEXT] [--sizes 1000,4000,16000]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from kb.documents import parse_document
from kb.propose import Known, propose, proposals_yaml

SENTENCE = "The government rescinded its landmine policy in 2020, officials said."


def document_with(copies: int, sentence: str) -> bytes:
    body = "\n\n".join([sentence] * copies)
    return (
        "<TITLE>Repeated</TITLE>\n<PUBLISHED_DATE>2024-01-01</PUBLISHED_DATE>\n"
        "<URL>https://example.org/r</URL>\n<AUTHOR>Bench</AUTHOR>\n\n"
        f"<CONTENT>\n{body}\n</CONTENT>\n"
    ).encode("utf-8")


def _run(document, known: Known) -> int:  # noqa: ANN001
    proposals = propose(document, known)
    proposals_yaml(proposals, known)
    return len(proposals)


def measure(copies: int, sentence: str, repeats: int = 3) -> tuple[float, int, int]:
    """Seconds per sentence (best of repeats), proposals made and peak memory (bytes, a separate
    run: tracing slows the code it measures)."""
    document = parse_document(Path("repeated.txt"), document_with(copies, sentence))
    known = Known()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        count = _run(document, known)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    _run(document, known)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best / copies, count, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentence", default=SENTENCE)
    parser.add_argument("--sizes", default="1000,4000,16000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    measure(sizes[0], args.sentence, repeats=1)  # warm up: regular expressions compiled, imports done
    results = [(n, *measure(n, args.sentence)) for n in sizes]
    baseline = results[0][1]
    print(f"{'copies':>8} {'proposals':>10} {'µs/sentence':>12} {'ratio':>6} {'peak MB':>8}")
    for copies, per, count, peak in results:
        print(f"{copies:>8} {count:>10} {per * 1e6:>12.1f} {per / baseline:>6.2f} {peak / 2**20:>8.1f}")
    print(f"time per sentence at {sizes[-1]} copies is {results[-1][1] / baseline:.2f}x that at {sizes[0]} (linear: ~1)")


if __name__ == "__main__":
    main()
