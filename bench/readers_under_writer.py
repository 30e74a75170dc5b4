"""Readers beside a writer: a writer alternates `kb db downgrade -1` / `kb db upgrade` for N
seconds while readers run `kb timeline`; reports reader errors, partial results and notes.

    python bench/readers_under_writer.py --seconds 60 --readers 2

Target: 0 reader errors, 0 partial results (a timeline whose event count is neither the full
nor the one-revision-short count without a note on stderr that the knowledge base is behind).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def kb(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    db = str(folder / "kb.sqlite")
    try:
        kb("db", "upgrade", "--db", db)
        full = len(json.loads(kb("timeline", "--db", db, "--format", "json").stdout)["events"])
        kb("db", "downgrade", "-1", "--db", db)
        short = len(json.loads(kb("timeline", "--db", db, "--format", "json").stdout)["events"])
        kb("db", "upgrade", "--db", db)
        deadline = time.monotonic() + args.seconds

        def writer() -> dict[str, int]:
            moves = failures = 0
            while time.monotonic() < deadline:
                for step in (("downgrade", "-1"), ("upgrade",)):
                    result = kb("db", *step, "--db", db)
                    moves += 1
                    failures += result.returncode != 0
            return {"moves": moves, "failures": failures}

        def reader() -> dict[str, object]:
            runs, errors, partial, behind, counts = 0, [], 0, 0, {}
            while time.monotonic() < deadline:
                result = kb("timeline", "--db", db, "--format", "json")
                runs += 1
                if result.returncode != 0:
                    errors.append(result.stderr.strip().splitlines()[-1:])
                    continue
                n = len(json.loads(result.stdout)["events"])
                counts[n] = counts.get(n, 0) + 1
                said_behind = "is behind" in result.stderr
                behind += said_behind
                if n != full and not (n == short and said_behind):
                    partial += 1
            return {"runs": runs, "errors": errors, "partial": partial, "noted_behind": behind, "event_counts": counts}

        with ThreadPoolExecutor(args.readers + 1) as pool:
            w = pool.submit(writer)
            readers = [pool.submit(reader) for _ in range(args.readers)]
            report = {"writer": w.result(), "readers": [r.result() for r in readers], "full": full, "one_short": short}
        errors = sum(len(r["errors"]) for r in report["readers"])  # type: ignore[arg-type]
        runs = sum(r["runs"] for r in report["readers"])  # type: ignore[misc]
        partial = sum(r["partial"] for r in report["readers"])  # type: ignore[misc]
        print(json.dumps(report, indent=2, default=str))
        print(f"reader runs {runs}, errors {errors}, partial results {partial} (target 0 and 0)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
