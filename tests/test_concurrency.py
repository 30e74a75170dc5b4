"""One writer loading sources while readers run timelines: readers never fail, never see a
half-loaded source, and nothing written is lost."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import FIXTURES, ok, sqlite_only

REPO = Path(__file__).resolve().parents[1]
LOADS = 40
CITATIONS_PER_SOURCE = 3

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kb import loader
    from kb.annotations import parse_annotation, resolve
    from kb.config import to_url
    from kb.db import make_engine
    from kb.documents import parse_document

    db, folder, loads, per = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    engine = make_engine(to_url(db))
    for i in range(loads):
        sentences = [f"Sentence {k} of synthetic report {i} says the stress policy changed in 2030." for k in range(per)]
        path = folder / f"stress-{i:03d}.txt"
        path.write_text(
            f"<TITLE>Stress {i}</TITLE>\\n<PUBLISHED_DATE>2030-01-01</PUBLISHED_DATE>\\n"
            f"<URL>https://example.org/stress/{i}</URL>\\n<AUTHOR>Writer</AUTHOR>\\n<CONTENT>\\n"
            + "\\n\\n".join(sentences) + "\\n</CONTENT>\\n", encoding="utf-8")
        citations = "".join(
            f'      - quote: "{s}"\\n        date: "2030"\\n        basis: explicit\\n' for s in sentences)
        annotation = (
            "source:\\n  kind: report\\nreviewed: true\\nactors:\\n  - key: stress-actor\\n    name: Stress actor\\n"
            "    kind: group\\npolicies:\\n  - key: stress-policy\\n    name: Stress policy\\n    owner: stress-actor\\n"
            f"events:\\n  - key: stress-event-{i:03d}\\n    type: statement\\n    headline: Stress event {i}\\n"
            "    policies: [stress-policy]\\n    actors:\\n      - {actor: stress-actor, role: stated}\\n"
            "    citations:\\n" + citations)
        doc = parse_document(path)
        contribution = resolve(parse_annotation(annotation, origin="stress", source_key=doc.key), doc, origin="stress")
        with engine.begin() as conn:
            loader.load(conn, doc, contribution, added_at="2030-01-01")
            time.sleep(0.01)  # hold the write transaction a moment, half-loaded
    engine.dispose()
    (folder / "done").write_text("done")
    """
)

READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from click.testing import CliRunner
    from kb.cli import cli

    db, folder, per = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    runner, runs, failures, partial, seen, during = CliRunner(), 0, [], [], 0, False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        finished = (folder / "done").exists()
        result = runner.invoke(cli, ["timeline", "--db", db, "--format", "json", "--since", "2030"])
        runs += 1
        if result.exit_code != 0:
            failures.append(result.output[-300:])
        else:
            events = json.loads(result.stdout)["events"]
            seen = max(seen, len(events))
            if 0 < len(events) < int(sys.argv[4]):
                during = True
            partial += [e["key"] for e in events if len(e["citations"]) != per]
        if finished:
            break
    print(json.dumps({"runs": runs, "failures": failures, "partial": partial, "seen": seen, "during": during}))
    """
)


def test_readers_and_a_writer_at_once(db_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "stress"
    folder.mkdir()
    env_cwd = {"cwd": REPO, "capture_output": True, "text": True}
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(db_copy), str(folder), str(CITATIONS_PER_SOURCE), str(LOADS)],
                         cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        for _ in range(2)
    ]
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(db_copy), str(folder), str(LOADS), str(CITATIONS_PER_SOURCE)],
        timeout=300,
        **env_cwd,
    )
    assert writer.returncode == 0, writer.stderr[-2000:]
    reports = []
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err[-2000:]
        reports.append(json.loads(out))
    for report in reports:
        assert report["failures"] == [], report["failures"][:2]
        assert report["partial"] == []
        assert report["runs"] >= 2
        assert "database is locked" not in json.dumps(report)
    # The readers ran while the writer wrote: some run saw part of what it wrote, not all of it.
    assert any(r["during"] for r in reports), reports
    final = subprocess.run(
        [sys.executable, "-m", "kb", "timeline", "--db", str(db_copy), "--since", "2030", "--format", "json"], **env_cwd
    )
    events = json.loads(final.stdout)["events"]
    assert len(events) == LOADS, "nothing written is lost"
    assert all(len(e["citations"]) == CITATIONS_PER_SOURCE for e in events)


@sqlite_only("SQLite's write lock, taken in-process")
def test_a_reader_beside_a_busy_writer_reads_what_is_there_and_says_it_is_behind(root_copy: Path) -> None:
    from kb import db as database
    from kb.config import locate

    ok("db", "upgrade")
    (root_copy / "seeds" / "alpha.txt").write_text((FIXTURES / "alpha.txt").read_text())
    (root_copy / "seeds" / "alpha.yaml").write_text((FIXTURES / "alpha.yaml").read_text())
    ok("source", "migrate", "alpha")  # a source revision on top: one step down leaves the schema whole
    ok("db", "upgrade")
    ok("db", "downgrade", "-1")
    location = locate()
    before = json.loads(ok("db", "status", "--format", "json").stdout)
    with database._writing(location, wait=True):  # another kb in the middle of a write
        result = ok("timeline", "--format", "json")
    assert re.search(r"is behind: at \w+, 1 revision\(s\) short of head \(\w+\)", result.stderr), result.stderr
    json.loads(result.stdout)  # a whole answer from what is there
    assert json.loads(ok("db", "status", "--format", "json").stdout)["revision"] == before["revision"]
    upgraded = ok("timeline", "--format", "json")  # the lock is free: upgraded first, said so
    assert "Upgrading" in upgraded.stderr and "behind" not in upgraded.stderr
    assert json.loads(ok("db", "status", "--format", "json").stdout)["at_head"] is True


@sqlite_only("SQLite's write lock, taken in-process")
def test_a_reader_that_lacks_a_schema_revision_waits_for_the_writer(root_copy: Path) -> None:
    """Today's queries cannot read an older schema: the reader waits for the writer, then upgrades."""
    import threading

    from kb import db as database
    from kb.config import locate

    ok("db", "upgrade")
    location = locate()
    revisions = database.our_revisions(location)
    last_schema = max(i for i, r in enumerate(revisions) if database._changes_schema(location, [r]))
    ok("db", "downgrade", revisions[last_schema - 1])
    held, release = threading.Event(), threading.Event()

    def writer() -> None:
        with database._writing(location, wait=True):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(10)
    threading.Timer(0.5, release.set).start()
    result = ok("timeline", "--format", "json")
    thread.join()
    assert "Waiting for another kb" in result.stderr and "Upgrading" in result.stderr, result.stderr
    assert json.loads(result.stdout)["events"]
    assert json.loads(ok("db", "status", "--format", "json").stdout)["at_head"] is True