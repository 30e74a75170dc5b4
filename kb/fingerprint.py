"""What each source migration loads, as a fingerprint: so that history can be proven unchanged.

Every source migration has a record in migrations/fingerprints.json: a checksum of the entries
it embeds (annotation, document SHA-256, dates) and a digest of the rows it loads, keyed by
database keys rather than ids so that SQLite and PostgreSQL agree. Replaying migrations/ into
an empty database and comparing each migration with its record shows an edited old migration,
and a code change (parsing, quote matching, date merging) that alters what history loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

RECORDS = Path("migrations") / "fingerprints.json"

# A canonical view of the knowledge base: unit ("source KEY", "actor KEY", …) → field → value.
Units = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Record:
    """What one source migration embedded and loaded when it was written."""

    checksum: str
    fingerprint: str
    sources: tuple[str, ...] = ()


def annotation_checksum(entries: Sequence[Mapping[str, Any]]) -> str:
    """SHA-256 of a migration's SOURCES entries: annotations, documents' SHA-256, dates, corrections."""
    return _digest([dict(entry) for entry in entries])


def rows_fingerprint(conn: Connection, source_keys: Iterable[str]) -> str:
    """SHA-256 of every row these sources contribute, as the connection sees them now."""
    return _digest(contributions(conn, source_keys))


def _digest(value: Any) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=list)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# --- Reading what sources contribute ------------------------------------------------------------


def _ref(alias: str, column: str) -> str:
    """A referenced row's key, or '#ID' when the row it names is missing."""
    return f"COALESCE({alias}.key, '#' || CAST({column} AS VARCHAR(20)))"


def contributions(conn: Connection, source_keys: Iterable[str] | None = None) -> Units:
    """Every row the given sources (default: all) contribute, without ids, grouped by unit.

    Units are "source KEY" (the source's row, declarations, aliases, the events it defines, its
    roles and citations), "actor KEY" and "policy KEY" (the records those sources declare), and
    "event KEY" for an event no source defines any more."""
    if source_keys is None:
        ids = None
        rows = conn.execute(sa.text("SELECT id, key FROM sources")).all()
    else:
        wanted = list(dict.fromkeys(source_keys))
        rows = conn.execute(
            sa.text("SELECT id, key FROM sources WHERE key IN :keys").bindparams(sa.bindparam("keys", expanding=True)),
            {"keys": wanted},
        ).all() if wanted else []
        ids = [row.id for row in rows]
    label = {row.id: f"source {row.key}" for row in rows}
    units: Units = {name: {} for name in label.values()}

    def query(sql: str, column: str) -> list[sa.Row[Any]]:
        """Run sql restricted to the chosen sources through `column` (all rows when ids is None)."""
        if ids is None:
            return list(conn.execute(sa.text(sql)))
        if not ids:
            return []
        joiner = " AND " if " WHERE " in sql else " WHERE "
        statement = sa.text(f"{sql}{joiner}{column} IN :ids").bindparams(sa.bindparam("ids", expanding=True))
        return list(conn.execute(statement, {"ids": ids}))

    def unit(source_id: int | None) -> dict[str, Any]:
        return units.setdefault(label.get(source_id, f"source #{source_id}"), {})  # type: ignore[arg-type]

    for row in query(
        "SELECT s.id, s.title, s.url, s.author, " + _ref("a", "s.issuer_id") + " AS issuer, s.publisher, "
        "s.published, s.precision, s.kind, s.note, s.partial, s.summary, s.highlights, s.text, "
        "s.content_start, s.content_end, s.sha256, s.added_at FROM sources s LEFT JOIN actors a ON a.id = s.issuer_id",
        "s.id",
    ):
        fields = dict(row._mapping)
        fields.pop("id")
        fields["partial"] = bool(fields["partial"])
        unit(row.id).update(fields)

    def collect(sql: str, column: str, field: str, keyed: bool = False) -> None:
        """Gather (source, [key,] value) rows into sorted tuples under field."""
        gathered: dict[tuple[int, str], list[Any]] = {}
        for row in query(sql, column):
            name = field.format(row[1]) if keyed else field
            gathered.setdefault((row[0], name), []).append(row[-1])
        for (source_id, name), values in gathered.items():
            unit(source_id)[name] = tuple(sorted(values, key=repr))

    collect("SELECT x.source_id, " + _ref("a", "x.actor_id") + " FROM source_actors x LEFT JOIN actors a ON a.id = x.actor_id", "x.source_id", "declares actors")
    collect("SELECT x.source_id, " + _ref("p", "x.policy_id") + " FROM source_policies x LEFT JOIN policies p ON p.id = x.policy_id", "x.source_id", "declares policies")
    collect("SELECT x.source_id, " + _ref("a", "x.actor_id") + ", x.alias FROM actor_aliases x LEFT JOIN actors a ON a.id = x.actor_id", "x.source_id", "actor {} aliases", keyed=True)
    collect("SELECT x.source_id, " + _ref("p", "x.policy_id") + ", x.alias FROM policy_aliases x LEFT JOIN policies p ON p.id = x.policy_id", "x.source_id", "policy {} aliases", keyed=True)
    collect(
        "SELECT x.source_id, " + _ref("e", "x.event_id") + " || ' actor ' || " + _ref("a", "x.actor_id") + ", x.role "
        "FROM event_actors x LEFT JOIN events e ON e.id = x.event_id LEFT JOIN actors a ON a.id = x.actor_id",
        "x.source_id", "event {} roles", keyed=True,
    )  # fmt: skip

    defined = query(
        "SELECT e.id, e.key, e.defined_by_id, e.type, e.headline, e.stance, e.description, e.date, e.precision, "
        "e.date_end, e.qualifier, e.first_day, e.last_day, e.sort_key FROM events e",
        "e.defined_by_id",
    )
    placed: dict[int, tuple[dict[str, Any], str]] = {}
    for row in defined:
        if row.defined_by_id is None:  # its defining source was taken out; others still cite it
            target, prefix = units.setdefault(f"event {row.key}", {}), ""
        else:
            target, prefix = unit(row.defined_by_id), f"event {row.key} "
        placed[row.id] = (target, prefix)
        target[f"{prefix}type"] = row.type
        target[f"{prefix}headline"] = row.headline
        target[f"{prefix}stance"] = row.stance
        target[f"{prefix}description"] = row.description
        target[f"{prefix}date"] = _date(row.date, row.precision, row.date_end, row.qualifier, row.first_day, row.last_day, row.sort_key)
        target[f"{prefix}policies"] = ()
    for row in query(
        "SELECT x.event_id, " + _ref("p", "x.policy_id") + " FROM event_policies x "
        "JOIN events e ON e.id = x.event_id LEFT JOIN policies p ON p.id = x.policy_id",
        "e.defined_by_id",
    ):
        if row[0] in placed:
            target, prefix = placed[row[0]]
            target[f"{prefix}policies"] = tuple(sorted((*target[f"{prefix}policies"], row[1])))

    seen: set[tuple[int, str]] = set()
    for row in query(
        "SELECT c.source_id, c.position, " + _ref("e", "c.event_id") + " AS event, c.quote, c.start_offset, c.end_offset, "
        "c.stated_date, c.stated_precision, c.stated_end, c.stated_qualifier, c.date_basis, c.attributed_to, "
        "CASE WHEN c.attributed_actor_id IS NULL THEN NULL ELSE " + _ref("a", "c.attributed_actor_id") + " END AS attributed_actor, "
        "c.beyond_publication FROM citations c LEFT JOIN events e ON e.id = c.event_id "
        "LEFT JOIN actors a ON a.id = c.attributed_actor_id",
        "c.source_id",
    ):  # fmt: skip
        name = f"citation {row.position}"
        while (row.source_id, name) in seen:  # two rows claiming one position: keep both
            name += "'"
        seen.add((row.source_id, name))
        target = unit(row.source_id)
        target[f"{name} event"] = row.event
        target[f"{name} quote"] = row.quote
        target[f"{name} offsets"] = f"{row.start_offset}..{row.end_offset}"
        target[f"{name} stated date"] = _date(row.stated_date, row.stated_precision, row.stated_end, row.stated_qualifier)
        target[f"{name} date basis"] = row.date_basis
        target[f"{name} attributed to"] = row.attributed_to
        target[f"{name} attributed actor"] = row.attributed_actor
        target[f"{name} beyond publication"] = row.beyond_publication

    _revision_0003_facts(conn, query, unit, placed)

    actor_filter = "a.id IN (SELECT actor_id FROM source_actors WHERE source_id IN :ids)"
    for row in _declared(conn, ids, "SELECT a.key, a.name, a.kind, a.description FROM actors a", actor_filter):
        units[f"actor {row.key}"] = {"name": row.name, "kind": row.kind, "description": row.description}
    policy_filter = "p.id IN (SELECT policy_id FROM source_policies WHERE source_id IN :ids)"
    for row in _declared(
        conn, ids,
        "SELECT p.key, p.name, " + _ref("o", "p.owner_id") + " AS owner, p.owner_id, p.description FROM policies p "
        "LEFT JOIN actors o ON o.id = p.owner_id",
        policy_filter,
    ):  # fmt: skip
        owner = row.owner if row.owner_id is not None else None
        units[f"policy {row.key}"] = {"name": row.name, "owner": owner, "description": row.description}
    return units


def _revision_0003_facts(conn: Connection, query: Any, unit: Any, placed: dict[int, tuple[dict[str, Any], str]]) -> None:
    """What writer 2 adds (relations, inferred dates, declared state changes, disagreements, stance
    additions), only where set: the records of sources loaded before revision 0003 stay valid."""
    if not sa.inspect(conn).has_table("actor_relations"):
        return  # a database before revision 0003 (a replay part way)
    for row in query("SELECT s.id FROM sources s WHERE s.published_inferred", "s.id"):
        unit(row.id)["published inferred"] = True
    gathered: dict[tuple[int, str], list[str]] = {}
    for row in query(
        "SELECT x.source_id, " + _ref("a", "x.actor_id") + " AS actor, x.relation, " + _ref("b", "x.related_id") + " AS other "
        "FROM actor_relations x LEFT JOIN actors a ON a.id = x.actor_id LEFT JOIN actors b ON b.id = x.related_id",
        "x.source_id",
    ):  # fmt: skip
        gathered.setdefault((row.source_id, f"actor {row.actor} relations"), []).append(f"{row.relation} {row.other}")
    for (source_id, name), values in gathered.items():
        unit(source_id)[name] = tuple(sorted(values))
    for row in query(
        "SELECT x.event_id, " + _ref("p", "x.policy_id") + " AS policy, x.changes_state FROM event_policies x "
        "JOIN events e ON e.id = x.event_id LEFT JOIN policies p ON p.id = x.policy_id WHERE x.changes_state IS NOT NULL",
        "e.defined_by_id",
    ):  # fmt: skip
        if row.event_id in placed:
            target, prefix = placed[row.event_id]
            declared = target.get(f"{prefix}changes state", ())
            target[f"{prefix}changes state"] = tuple(sorted((*declared, f"{row.policy} {bool(row.changes_state)}")))
    for row in query(
        "SELECT c.source_id, c.position, c.disagrees FROM citations c WHERE c.disagrees IS NOT NULL", "c.source_id"
    ):
        unit(row.source_id)[f"citation {row.position} disagrees"] = row.disagrees
    for row in query(
        "SELECT x.source_id, " + _ref("e", "x.event_id") + " AS event, x.text FROM stance_additions x "
        "LEFT JOIN events e ON e.id = x.event_id",
        "x.source_id",
    ):  # fmt: skip
        unit(row.source_id)[f"event {row.event} adds to stance"] = row.text
    terms: dict[int, list[str]] = {}
    for row in query("SELECT x.source_id, x.term, x.variant FROM term_variants x", "x.source_id"):
        terms.setdefault(row.source_id, []).append(f"{row.term} = {row.variant}")
    for source_id, values in terms.items():
        unit(source_id)["term variants"] = tuple(sorted(values))


def _declared(conn: Connection, ids: list[int] | None, sql: str, restriction: str) -> list[sa.Row[Any]]:
    if ids is None:
        return list(conn.execute(sa.text(sql)))
    if not ids:
        return []
    statement = sa.text(f"{sql} WHERE {restriction}").bindparams(sa.bindparam("ids", expanding=True))
    return list(conn.execute(statement, {"ids": ids}))


def _date(*parts: Any) -> str:
    """A stored date with all its columns, as one comparable value."""
    return " ".join("-" if part is None else str(part) for part in parts)


# --- Records --------------------------------------------------------------------------------


def load_records(root: Path) -> dict[str, Record]:
    """migrations/fingerprints.json, by revision (empty when there is none yet)."""
    path = root / RECORDS
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        from kb.errors import LoadError

        raise LoadError(f"{path}: cannot read the migration records: {exc}") from None
    return {
        revision: Record(item["checksum"], item["fingerprint"], tuple(item.get("sources", ())))
        for revision, item in raw.items()
    }


def record_migration(root: Path, revision: str, entries: Sequence[Mapping[str, Any]], fingerprint: str) -> Record:
    """Add a new source migration's record to migrations/fingerprints.json (written atomically)."""
    record = Record(annotation_checksum(entries), fingerprint, tuple(entry["key"] for entry in entries))
    write_records(root, {**load_records(root), revision: record})
    return record


def write_records(root: Path, records: Mapping[str, Record]) -> None:
    """Write every record, one revision per entry, through a temporary file renamed into place."""
    path = root / RECORDS
    data = {
        revision: {"checksum": r.checksum, "fingerprint": r.fingerprint, "sources": list(r.sources)}
        for revision, r in sorted(records.items())
    }
    fd, tmp = tempfile.mkstemp(prefix=".fingerprints-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=True)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- Replay ---------------------------------------------------------------------------------


def replay(root: Path, url: str, *, revision: str = "head") -> dict[str, Record]:
    """Run migrations/ from empty into the database at url up to revision; returns the record
    of each source migration as it replays today."""
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    from kb.config import Location
    from kb.db import alembic_config, make_engine

    config = alembic_config(Location(url, root, "--db"))
    script = ScriptDirectory.from_config(config)
    replayed: dict[str, Record] = {}

    def on_apply(ctx: Any, step: Any, heads: Any, run_args: Any) -> None:
        module = script.get_revision(step.up_revision_id).module
        entries = getattr(module, "SOURCES", None)
        if step.is_upgrade and entries is not None:
            keys = [entry["key"] for entry in entries]
            replayed[step.up_revision_id] = Record(
                annotation_checksum(entries), rows_fingerprint(ctx.connection, keys), tuple(keys)
            )

    # The steps `alembic upgrade` would run; the environment is set up here rather than by
    # env.py so that each migration can be fingerprinted inside its own transaction.
    def steps(rev: Any, _context: Any) -> Any:
        return script._upgrade_revs(revision, rev)  # noqa: SLF001 (what alembic.command.upgrade calls)

    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as conn, EnvironmentContext(config, script, fn=steps, destination_rev=revision) as env:
            env.configure(
                connection=conn, render_as_batch=True, transaction_per_migration=True, on_version_apply=on_apply
            )
            with env.begin_transaction():
                env.run_migrations()
            conn.commit()
    finally:
        engine.dispose()
    return replayed


def check_records(replayed: Mapping[str, Record], recorded: Mapping[str, Record]) -> list[str]:
    """Each replayed source migration against its record: one line per migration that differs."""
    problems = []
    for revision, now in replayed.items():
        then = recorded.get(revision)
        if then is None:
            continue
        sources = ", ".join(now.sources)
        if now.checksum != then.checksum:
            problems.append(
                f"migration {revision} ({sources}): its embedded annotation or document pin changed after it was "
                "recorded; a migration is history and is never edited: restore it and write a correction migration "
                "instead (edit seeds/KEY.yaml, then `kb source migrate KEY`)"
            )
        elif now.fingerprint != then.fingerprint:
            problems.append(
                f"migration {revision} ({sources}): replaying it today loads different rows than when it was "
                "recorded, so a code change (parsing, quote matching, dates) alters history; keep the old behaviour "
                "for old migrations (a frozen writer version) or write a correction migration instead"
            )
    return problems
