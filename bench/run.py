"""Benchmarks of kb against a baseline measured in the same run; each reported as a ratio.

    python bench/run.py [--events N] [--migrations M] [--json] [--only NAME …]

Builds bench/data/kb-N.sqlite with bench/generate.py when it is missing. Times are medians of
several runs; ratios are kb / baseline (lower is better), except `bulk_load`, whose ratio is
kb's rate / the raw rate (higher is better) and `peak_memory`, which reports MiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402

from kb import queries, search  # noqa: E402
from kb import loader as kb_loader  # noqa: E402
from kb.db import make_engine  # noqa: E402

TARGETS = {
    "cli_timeline_json": 2.0,
    "cli_state": 2.0,
    "cli_search": 2.0,
    "cli_show_event": 2.0,
    "cli_help": 1.5,
    "big_timeline_json": 1.5,
    "big_timeline_csv": 1.5,
    "policy_timeline": 1.3,
    "actor_timeline": 1.3,
    "month_range": 1.3,
    "search_rare": 1.5,
    "search_common": 1.5,
    "process": 1.2,
    "startup_migrations": 1.1,
    "upgrade_migrations": 2.0,
    "bulk_load": 0.5,  # a floor: kb's rate / raw rate
    "peak_memory": 100.0,  # MiB, a ceiling
}


def median(fn: Callable[[], Any], repeat: int = 7) -> float:
    fn()  # warm caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# --- In-process queries: kb's query layer vs raw sqlite3 ------------------------------------------

def _baseline(name: str) -> Any:
    """A baseline script of bench/baselines/ as a module, to run its writer in process."""
    import importlib

    sys.path.insert(0, str(REPO / "bench" / "baselines"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "bench" / "baselines"))


def query_benchmarks(db: Path, results: dict[str, dict[str, float]], only: set[str]) -> None:
    """What the CLI runs in process (kb's query layer and renderer over a Reader) against the
    baseline scripts' writers on a plain sqlite3 connection: the same bytes, checked first."""
    if only and not only & {"policy_timeline", "actor_timeline", "month_range", "search_rare", "search_common"}:
        return
    import datetime as dt
    import io

    from kb import render, render_answers
    from kb.sql import Reader

    import orjson

    base_timeline, base_search = _baseline("timeline"), _baseline("search_text")
    # the fastest plain encoder of the same bytes
    _baseline("common").FAST_DUMPS = lambda payload: orjson.dumps(payload, option=orjson.OPT_INDENT_2)
    ro = f"file:{db}?mode=ro"
    raw = sqlite3.connect(ro, uri=True)
    kb_conn = sqlite3.connect(ro, uri=True)
    reader = Reader(kb_conn, "sqlite")
    statements: list[str] = []
    kb_conn.set_trace_callback(lambda sql: statements.append(sql) if not sql.startswith(("--", "BEGIN")) and "'main'." not in sql else None)
    policy = raw.execute("SELECT key FROM policies WHERE key LIKE 'bench-policy-%' ORDER BY id LIMIT 1 OFFSET 42").fetchone()[0]
    actor = raw.execute("SELECT key FROM actors WHERE key LIKE 'bench-actor-%' ORDER BY id LIMIT 1 OFFSET 42").fetchone()[0]
    cases = {
        "policy_timeline": (
            queries.Filters(policies=(policy,)),
            "e.id IN (SELECT event_id FROM event_policies WHERE policy_id = (SELECT id FROM policies WHERE key = ?))",
            (policy,),
        ),
        "actor_timeline": (
            queries.Filters(actors=(actor,)),
            "e.id IN (SELECT event_id FROM event_actors WHERE actor_id = (SELECT id FROM actors WHERE key = ?))",
            (actor,),
        ),
        "month_range": (
            queries.Filters(since=dt.date(2010, 3, 1), until=dt.date(2010, 3, 31)),
            base_timeline.RANGE,
            ("2009-02-28", "2010-03-31", "2010-03-31", "2010-03-01", "2010-03-31"),
        ),
    }
    for name, (filters, where, params) in cases.items():
        if only and name not in only:
            continue

        def run_kb(filters: queries.Filters = filters) -> str:
            out = io.StringIO()
            render.stream_timeline(queries.stream_timeline(reader, filters=filters), "json", out)
            return out.getvalue()

        def run_raw(where: str = where, params: tuple = params) -> str:
            out = io.StringIO()
            base_timeline.write(raw, where, params, "json", out)
            return out.getvalue()

        written = run_kb()
        if written != run_raw():
            raise SystemExit(f"{name}: kb and the baseline wrote different timelines")
        statements.clear()
        run_kb()
        count = len(statements)
        results[name] = {"kb": median(run_kb), "baseline": median(run_raw), "events": written.count('\n    {'),
                         "statements": count, "bytes": len(written)}  # fmt: skip
    for name, word in (("search_rare", generate.RARE_WORD), ("search_common", "treaty")):
        if only and name not in only:
            continue

        def run_search(word: str = word) -> str:
            out = io.StringIO()
            render_answers.write_search(search.search(reader, query=word, limit=20), "text", out)
            return out.getvalue()

        def raw_search(word: str = word) -> str:
            out = io.StringIO()
            base_search.write_search(raw, word, out)
            return out.getvalue()

        written = run_search()
        if written != raw_search():
            raise SystemExit(f"{name}: kb and the baseline wrote different results")
        results[name] = {"kb": median(run_search, 5), "baseline": median(raw_search, 5), "bytes": len(written)}
    raw.close()
    kb_conn.close()


# --- Whole processes ------------------------------------------------------------------------------


def process_time(args: list[str], cwd: Path, repeat: int = 5) -> tuple[float, float]:
    """Median wall time and peak RSS (MiB) of a child process."""
    times, peaks = [], []
    for i in range(repeat + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-500:]}")
        if i:  # the first run warms the page cache
            times.append(elapsed)
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if before == 0 else 0)
    return statistics.median(times), max(peaks)


BASELINES = REPO / "bench" / "baselines"
# Read commands run from outside any knowledge base root, so both sides read the database as it
# is (no revision check against migrations/, which other work may be changing meanwhile).
OUTSIDE = Path(tempfile.gettempdir())


def paired(kb_args: list[str], base_args: list[str], *, repeat: int = 9, cwd: Path = OUTSIDE) -> dict[str, float]:
    """kb and its identical-output baseline script as whole processes, run alternately: the
    stdout must be byte-identical (checked first), then the medians of each and of the ratios
    of each pair (a pair shares the machine's state, so the ratio is steadier than the times)."""
    py = sys.executable
    # The installed `kb` script, as a user runs it (`python -m kb` would say so in its usage line).
    runs = {"kb": [str(Path(py).parent / "kb"), *kb_args], "baseline": [py, str(BASELINES / base_args[0]), *base_args[1:]]}
    outputs = {}
    for name, args in runs.items():
        done = subprocess.run(args, cwd=cwd, capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-500:].decode(errors='replace')}")
        outputs[name] = done.stdout
    if outputs["kb"] != outputs["baseline"]:
        raise SystemExit(f"not the same output: {' '.join(runs['kb'])} and {' '.join(runs['baseline'])}")
    times: dict[str, list[float]] = {"kb": [], "baseline": []}
    for _ in range(repeat):
        for name, args in runs.items():
            t = time.perf_counter()
            subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - t)
    ratios = [a / b for a, b in zip(times["kb"], times["baseline"])]
    return {"kb": statistics.median(times["kb"]), "baseline": statistics.median(times["baseline"]),
            "paired_ratio": statistics.median(ratios), "bytes": len(outputs["kb"])}  # fmt: skip


def cli_benchmarks(small: Path, big: Path, results: dict[str, dict[str, float]], only: set[str]) -> None:
    """Read commands as whole processes against plain scripts printing the same bytes."""
    db = ["--db", str(small)]
    cases = {
        "cli_timeline_json": (["timeline", "--policy", "apl", "--format", "json", *db],
                              ["timeline.py", "--policy", "apl", "--format", "json", *db]),
        "cli_state": (["state", "us-apl-policy", "--at", "2021-04-06", *db], ["state_at.py", "us-apl-policy", "--at", "2021-04-06", *db]),
        "cli_search": (["search", SEARCH_WORD, *db], ["search_text.py", SEARCH_WORD, *db]),
        "cli_show_event": (["show", "event", SHOW_EVENT, *db], ["show_event.py", "event", SHOW_EVENT, *db]),
        "cli_help": (["--help"], ["help.py", "--help"]),
    }  # fmt: skip
    for fmt in ("json", "csv"):
        span = ["--since", "2000", "--until", "2003", "--format", fmt, "--db", str(big)]
        cases[f"big_timeline_{fmt}"] = (["timeline", *span], ["timeline.py", *span])
    for name, (kb_args, base_args) in cases.items():
        if only and name not in only:
            continue
        results[name] = paired(kb_args, base_args, repeat=3 if name.startswith("big_") else 9)
        if name.startswith("big_"):
            results[name]["peak_mib"] = peak_rss([sys.executable, "-m", "kb", *kb_args])


SEARCH_WORD = "rescinding"  # in the shipped sources, with no variants (search_text.py refuses those)
SHOW_EVENT = "1991-us-landmine-use-gulf-war"


FLOOR = "import click, sqlalchemy; e = sqlalchemy.create_engine('sqlite:///{db}'); c = e.connect(); c.exec_driver_sql('SELECT 1').all()"


def process_benchmarks(db: Path, results: dict[str, dict[str, float]], only: set[str], migrations: int) -> None:
    py = sys.executable
    if not only or "process" in only:
        with sqlite3.connect(db) as conn:
            key = conn.execute("SELECT key FROM policies WHERE key LIKE 'bench-policy-%' ORDER BY id LIMIT 1 OFFSET 42").fetchone()[0]
        kb_t, _ = process_time([py, "-m", "kb", "timeline", "--db", str(db), "--policy", key, "--format", "json"], REPO)
        floor_t, _ = process_time([py, "-c", FLOOR.format(db=db)], REPO)
        results["process"] = {"kb": kb_t, "baseline": floor_t}
    if not only or "peak_memory" in only:
        peak = peak_rss([py, "-m", "kb", "timeline", "--db", str(db), "--since", "2000", "--until", "2003", "--format", "json"])
        floor = peak_rss([py, "-c", FLOOR.format(db=db)])
        results["peak_memory"] = {"kb": peak, "baseline": floor, "unit": "MiB"}
    if not only or "startup_migrations" in only:
        results["startup_migrations"] = startup_with_migrations(db, migrations)
    if not only or "upgrade_migrations" in only:
        results["upgrade_migrations"] = upgrade_with_migrations(migrations)


def peak_rss(args: list[str]) -> float:
    """Peak resident memory of one child process, in MiB (measured in a fresh helper process)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *args], cwd=REPO, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def _root_with(count: int, tmp: Path) -> tuple[Path, Path]:
    root = generate.write_migrations(tmp / f"root-{count}", count)
    db = tmp / f"kb-{count}.sqlite"
    shutil.copyfile(REPO / "bench" / "data" / "small.sqlite", db)
    head = (root / "migrations" / "HEAD").read_text().strip()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (head,))
    return root, db


def startup_with_migrations(db: Path, count: int) -> dict[str, float]:
    """A read command's start-up with `count` source migrations vs with 5 (at head either way)."""
    small = REPO / "bench" / "data" / "small.sqlite"
    if not small.exists():
        from kb.config import Location
        from kb.db import upgrade

        upgrade(Location(f"sqlite:///{small}", REPO, "--db"))
    with tempfile.TemporaryDirectory() as tmp:
        big_root, big_db = _root_with(count, Path(tmp))
        few_root, few_db = _root_with(5, Path(tmp))
        args = [sys.executable, "-m", "kb", "timeline", "--policy", "us-apl-policy", "--format", "json", "--db"]
        runs = {"many": ([*args, str(big_db)], big_root), "few": ([*args, str(few_db)], few_root)}
        for run_args, cwd in runs.values():  # warm the page cache; both must succeed
            subprocess.run(run_args, cwd=cwd, capture_output=True, check=True)
        times: dict[str, list[float]] = {"many": [], "few": []}
        for _ in range(9):  # alternately, so a pair shares the machine's state
            for name, (run_args, cwd) in runs.items():
                t = time.perf_counter()
                subprocess.run(run_args, cwd=cwd, capture_output=True, check=True)
                times[name].append(time.perf_counter() - t)
    ratios = [a / b for a, b in zip(times["many"], times["few"])]
    return {"kb": statistics.median(times["many"]), "baseline": statistics.median(times["few"]), "migrations": count,
            "paired_ratio": statistics.median(ratios)}  # fmt: skip


ALEMBIC_ENV = textwrap.dedent(
    """
    from alembic import context
    from sqlalchemy import create_engine, event
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))

    @event.listens_for(engine, "connect")
    def _wal(dbapi_connection, _record):
        # kb's journal mode: the comparison is of the work per revision, not of fsyncs
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
    with engine.connect() as conn:
        context.configure(connection=conn, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
    """
)
ALEMBIC_REVISION = textwrap.dedent(
    """
    from alembic import op
    revision = "r{i:05d}"
    down_revision = {down}
    def upgrade():
        op.execute({sql!r})
    def downgrade():
        pass
    """
)


def upgrade_with_migrations(count: int, repeats: int = 3) -> dict[str, float]:
    """`kb db upgrade` from empty through `count` source migrations vs Alembic through `count`
    one-insert revisions: medians of `repeats` paired runs (kb, then Alembic), wall and CPU time.

    Both build a new WAL database in the same temporary directory (same disk) and compile their
    revision files afresh each run (no __pycache__ left from the run before), as on a fresh clone."""
    with tempfile.TemporaryDirectory() as tmp:
        root = generate.write_migrations(Path(tmp) / "root", count)
        plain = Path(tmp) / "plain"
        (plain / "versions").mkdir(parents=True)
        (plain / "env.py").write_text(ALEMBIC_ENV)
        (plain / "script.py.mako").write_text("")
        for i in range(count + 1):
            sql = "CREATE TABLE t (i INTEGER)" if i == 0 else f"INSERT INTO t VALUES ({i})"
            down = "None" if i == 0 else repr(f"r{i - 1:05d}")
            (plain / "versions" / f"r{i:05d}.py").write_text(ALEMBIC_REVISION.format(i=i, down=down, sql=sql))
        ini = Path(tmp) / "alembic.ini"
        ini.write_text(f"[alembic]\nscript_location = {plain}\nsqlalchemy.url = sqlite:///{Path(tmp) / 'plain.sqlite'}\n")
        runs: dict[str, list[float]] = {"kb": [], "kb_cpu": [], "baseline": [], "baseline_cpu": []}
        for _ in range(repeats):
            for leftover in [*Path(tmp).glob("*.sqlite*"), root / "migrations" / "versions" / "__pycache__", plain / "versions" / "__pycache__"]:
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
            kb_args = [sys.executable, "-m", "kb", "db", "upgrade", "--db", str(Path(tmp) / "kb.sqlite")]
            for name, args, cwd in (
                ("kb", kb_args, root),
                ("baseline", [sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head"], None),
            ):
                cpu = _children_cpu()
                t = time.perf_counter()
                done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
                runs[name].append(time.perf_counter() - t)
                runs[f"{name}_cpu"].append(_children_cpu() - cpu)
                if done.returncode != 0:
                    raise SystemExit(f"{name} upgrade failed: {done.stderr[-800:]}")
    medians = {name: statistics.median(values) for name, values in runs.items()}
    return {**medians, "migrations": count, "repeats": repeats, "cpu_ratio": medians["kb_cpu"] / medians["baseline_cpu"]}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bulk_benchmark(results: dict[str, dict[str, float]], rows: int = 200_000) -> None:
    """kb's bulk insert path (loader.insert_rows) vs raw executemany of the same rows."""
    with tempfile.TemporaryDirectory() as tmp:
        data = [(i, f"key-{i}", f"Name {i}", "person", None) for i in range(1, rows + 1)]
        raw_db = Path(tmp) / "raw.sqlite"
        conn = sqlite3.connect(raw_db)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE actors (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, kind TEXT, description TEXT)")
        t = time.perf_counter()
        with conn:
            conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", data)
        raw_t = time.perf_counter() - t
        conn.close()
        kb_db = Path(tmp) / "kb.sqlite"
        conn = sqlite3.connect(kb_db)
        conn.execute("CREATE TABLE actors (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, kind TEXT, description TEXT)")
        conn.close()
        engine = make_engine(f"sqlite:///{kb_db}")
        dicts = [dict(zip(("id", "key", "name", "kind", "description"), row)) for row in data]
        t = time.perf_counter()
        with engine.begin() as c:
            kb_loader.insert_rows(c, kb_loader.actors, dicts)
        kb_t = time.perf_counter() - t
        engine.dispose()
    results["bulk_load"] = {"kb": kb_t, "baseline": raw_t, "rows": rows, "rate_ratio": raw_t / kb_t}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--migrations", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    only = set(args.only)
    db = generate.DATA / f"kb-{args.events}.sqlite"
    if not db.exists():
        print(f"generating {db} …", file=sys.stderr)
        generate.generate(db, args.events)
    small = generate.DATA / "small.sqlite"
    if not small.exists():
        from kb.config import Location
        from kb.db import upgrade

        upgrade(Location(f"sqlite:///{small}", REPO, "--db"))
    results: dict[str, dict[str, float]] = {}
    cli_benchmarks(small, db, results, only)
    query_benchmarks(db, results, only)
    if not only or "bulk_load" in only:
        bulk_benchmark(results)
    process_benchmarks(db, results, only, args.migrations)
    for name, r in results.items():
        if name == "bulk_load":
            r["ratio"] = r["baseline"] / r["kb"]
        elif name == "peak_memory":
            r["ratio"] = r["kb"]
        elif "paired_ratio" in r:
            r["ratio"] = r["paired_ratio"]
        else:
            r["ratio"] = r["kb"] / r["baseline"]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'benchmark':<20} {'kb':>10} {'baseline':>10} {'ratio':>7} {'target':>8}  notes")
    for name, r in results.items():
        target = TARGETS.get(name)
        unit = "MiB" if name == "peak_memory" else "s"
        bound = f"≥{target}" if name == "bulk_load" else f"≤{target}"
        ok = (r["ratio"] >= target) if name == "bulk_load" else (r["ratio"] <= target)
        extra = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()
                          if k not in ("kb", "baseline", "ratio", "rate_ratio", "paired_ratio"))
        print(f"{name:<20} {r['kb']:>9.4f}{unit[0]} {r['baseline']:>9.4f}{unit[0]} {r['ratio']:>7.2f} {bound:>8}  {'ok' if ok else 'MISSED'} {extra}")


if __name__ == "__main__":
    main()
