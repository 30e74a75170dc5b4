"""The `kb` command line: thin commands over the library (parse, open one session, call, render)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

import click

from kb import __version__, completion
from kb.config import Location, locate
from kb.errors import KBError
from kb.options import as_of_option, at_option, db_option, filter_options, format_option, formats_option

# SQLAlchemy (~0.2 s to import) and what is built on it are imported by the commands that use
# them, so `kb --help` and a mistyped option cost click alone (docs/performance.md).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kb.sql import Reader


class KBGroup(click.Group):
    """Turns library errors into one-line `Error: …` messages with exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KBError as exc:
            from kb.render import text_field

            # Messages may quote names and text from documents: one line, control characters shown.
            raise click.ClickException(text_field(str(exc))) from None
        except Exception as exc:
            from kb.render import text_field

            # Only a command that imported SQLAlchemy can raise its errors.
            if "sqlalchemy" in sys.modules and isinstance(exc, sys.modules["sqlalchemy"].exc.SQLAlchemyError):
                detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
                raise click.ClickException(text_field(f"database error: {detail}")) from None
            if type(exc).__module__.startswith("alembic"):
                raise click.ClickException(text_field(str(exc).splitlines()[0])) from None
            raise


def _notify(message: str) -> None:
    click.echo(message, err=True)


@contextlib.contextmanager
def reading(db_arg: str | None) -> Iterator[Reader]:
    """One snapshot of the knowledge base for the whole command, read through the database's
    own driver (built, or upgraded when no other writer is busy, first; said on stderr)."""
    from kb import sql

    with sql.reading(locate(db_arg), _notify) as reader:
        yield reader


@contextlib.contextmanager
def session_reading(db_arg: str | None) -> Iterator[Session]:
    """The same snapshot as a SQLAlchemy session, for the commands that read through the ORM."""
    from kb import db as database

    with database.reading(locate(db_arg), _notify) as session:
        yield session


# Subcommands inherit the help option names from the group's context (as in sqlite-utils).
@click.group(cls=KBGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
def cli() -> None:
    """kb: policy timelines with verbatim citations.

    \b
    Example:
        kb timeline --policy POLICY
    """


# --- kb db --------------------------------------------------------------------------------------


@cli.group(cls=KBGroup)
def db_group() -> None:
    """Build, upgrade, downgrade and inspect the database."""


cli.add_command(db_group, name="db")


def _report_move(location: Location, before: str | None, after: str | None) -> None:
    if before == after:
        click.echo(f"{location.describe()}: already at {after or 'base (empty)'}; nothing to do")
    else:
        click.echo(f"{location.describe()}: {before or 'base (empty)'} -> {after or 'base (empty)'}")


@db_group.command("upgrade")
@click.argument("revision", default="head")
@click.option(
    "--init",
    is_flag=True,
    help="Make a database that is not a knowledge base yet (an empty file, or another application's "
    "database) into one, adding kb's tables beside what it holds. Without it such a database is refused.",
)
@db_option
def db_upgrade(revision: str, init: bool, db: str | None) -> None:
    """Apply migrations up to REVISION (default: head); creates a missing database file.

    \b
    Examples:
        kb db upgrade
        kb db upgrade --db ~/kb/new.sqlite
        kb db upgrade --init --db empty.sqlite
    """
    from kb import db as database

    location = locate(db)
    before, after = database.upgrade(location, revision, init=init)
    _report_move(location, before, after)


@db_group.command("downgrade", context_settings={"ignore_unknown_options": True})
@click.argument("revision")
@db_option
def db_downgrade(revision: str, db: str | None) -> None:
    """Undo migrations down to REVISION ("-1" for the last one, "base" for all).

    \b
    Example:
        kb db downgrade -1
    """
    from kb import db as database

    location = locate(db)
    before, after = database.downgrade(location, revision)
    _report_move(location, before, after)


@db_group.command("status")
@db_option
@format_option
def db_status(db: str | None, fmt: str) -> None:
    """Show where the database is, its revision, whether it is at head, and row counts.

    \b
    Example:
        kb db status
    """
    from kb import db as database

    st = database.status(locate(db))
    if fmt == "json":
        import json

        click.echo(json.dumps({**st.__dict__, "at_head": st.at_head}, indent=2))
        return
    click.echo(f"database:  {st.location}  (from {st.origin})")
    click.echo(f"revision:  {st.revision or 'none (empty)'}")
    click.echo(f"head:      {st.head or 'unknown'}")
    click.echo(f"at head:   {'yes' if st.at_head else 'no'}")
    for table, count in st.counts.items():
        click.echo(f"{table + ':':<16}{count}")


@db_group.command("metadata")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write to this file.")
@db_option
def db_metadata(output: Any, db: str | None) -> None:
    """Write Datasette metadata: descriptions, foreign-key labels, canned queries.

    \b
    Example:
        kb db metadata -o metadata.json && datasette kb.sqlite -m metadata.json
    """
    from kb import db as database

    from kb.datasette import datasette_metadata

    location = locate(db)
    names = database.table_columns(location, _notify)
    stem = location.sqlite_path.stem if location.sqlite_path else "kb"
    metadata = datasette_metadata(database=stem, existing=names)
    output.write(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n")


@db_group.command("snapshot")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@db_option
def db_snapshot(path: Path, force: bool, db: str | None) -> None:
    """Write a portable, read-only-friendly copy of the knowledge base to PATH.

    The copy is compacted and uses SQLite's rollback journal instead of WAL, so plain sqlite3
    and `datasette --immutable` open it from a read-only folder. Open it read-only with
    `sqlite3 -readonly PATH` or `PRAGMA query_only = 1`.

    \b
    Example:
        kb db snapshot kb-2026-11-27.sqlite && datasette --immutable kb-2026-11-27.sqlite
    """
    from kb.snapshot import snapshot

    done = snapshot(location=locate(db), target=path, overwrite=force)
    click.echo(
        f"wrote {path} ({done.size:,} bytes, revision {done.revision}: "
        f"{done.sources} sources, {done.events} events)"
    )


# --- Queries ------------------------------------------------------------------------------------


@cli.command("timeline")
@filter_options
@formats_option("timelinejs", "html")
@click.option(
    "--cite",
    type=click.Choice(("numbered", "pandoc")),
    default="numbered",
    show_default=True,
    help="With --format markdown: numbered sources, or Pandoc citations ([@key, \"quote\"]) for pandoc --citeproc.",
)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write to this file.")
@db_option
def timeline_cmd(
    policies: tuple[str, ...],
    actors: tuple[str, ...],
    since: dt.date | None,
    until: dt.date | None,
    as_of: dt.date | None,
    types: tuple[str, ...],
    fmt: str,
    cite: str,
    output: Any,
    db: str | None,
) -> None:
    """Reconstruct a timeline of events with their citations.

    \b
    Examples:
        kb timeline --policy POLICY
        kb timeline --actor ACTOR --since 2022 --format json
        kb timeline --policy POLICY --policy OTHER-POLICY --as-of 2020-12-31
        kb timeline --policy POLICY --format html -o timeline.html
    """
    from kb import queries, records, render

    filters = queries.Filters(
        policies=policies, actors=actors, since=since, until=until, types=types, as_of=as_of
    )
    if cite == "pandoc" and fmt != "markdown":
        raise click.BadParameter("Pandoc citations go with --format markdown", param_hint="'--cite'")
    with reading(db) as reader:
        if fmt in ("json", "csv") and as_of is None:
            render.stream_timeline(queries.stream_timeline(reader, filters=filters), fmt, output)
            return
        result = queries.timeline(reader, filters=filters)
        keys = records.citation_keys(reader) if cite == "pandoc" else {}
    if fmt == "html":
        from kb.html import write_html

        write_html(result, output)
    elif fmt == "timelinejs" or cite == "pandoc":
        from kb import export

        if cite == "pandoc":
            export.pandoc_markdown(result, output, keys=keys)
        else:
            export.write_timeline_export(result, fmt, output)
    else:
        render.write_timeline(result, fmt, output)


@cli.command("policies")
@format_option
@db_option
def policies_cmd(fmt: str, db: str | None) -> None:
    """List policies with their owners, aliases and number of events.

    \b
    Example:
        kb policies --format markdown
    """
    from kb import records, render

    with reading(db) as reader:
        rows = records.list_policies(reader)
        render.write_rows(rows, fmt, sys.stdout, columns=("key", "name", "owner", "events", "aliases"))


@cli.command("actors")
@format_option
@db_option
def actors_cmd(fmt: str, db: str | None) -> None:
    """List actors with their kinds, aliases and number of events.

    \b
    Example:
        kb actors --format csv
    """
    from kb import records, render

    with reading(db) as reader:
        rows = records.list_actors(reader)
        render.write_rows(rows, fmt, sys.stdout, columns=("key", "name", "kind", "events", "aliases"))


@cli.command("sources")
@formats_option("csl-json", "bibtex")
@db_option
def sources_cmd(fmt: str, db: str | None) -> None:
    """List sources; --format csl-json or bibtex writes them as a bibliography.

    \b
    Examples:
        kb sources
        kb sources --format csl-json > sources.json    # for Zotero, Pandoc (--citeproc)
    """
    from kb import records, render

    with reading(db) as reader:
        rows = records.list_sources(reader)
    if fmt in ("csl-json", "bibtex"):
        from kb import bibliography

        if fmt == "bibtex":
            bibliography.bibtex(rows, sys.stdout)
        else:
            click.echo(json.dumps(bibliography.csl_json(rows), ensure_ascii=False, indent=2))
        return
    render.write_rows(rows, fmt, sys.stdout, columns=("key", "published", "kind", "partial", "citations", "title"))


@cli.command("show")
@click.argument("kind", type=click.Choice(("policy", "actor", "event", "source")))
@click.argument("name", shell_complete=completion.records)
@format_option
@db_option
def show_cmd(kind: str, name: str, fmt: str, db: str | None) -> None:
    """Show one policy, actor, event or source with its events and citations.

    \b
    Examples:
        kb show actor "ACTOR NAME"
        kb show event EVENT-KEY
    """
    from kb import records, render

    with reading(db) as reader:
        record = records.show(reader, kind=kind, name=name)
        render.write_record(record, fmt, sys.stdout)


@cli.command("state")
@click.argument("policy", shell_complete=completion.policies)
@at_option
@as_of_option
@format_option
@db_option
def state_cmd(policy: str, at: dt.date | None, as_of: dt.date | None, fmt: str, db: str | None) -> None:
    """Show a policy's state on a day, or its history of states, with citations.

    \b
    Examples:
        kb state POLICY --at 2021-04-06
        kb state POLICY --at 2024-11-01       # indeterminate: says why
        kb state POLICY                       # every state, from and to
        kb state POLICY --at 2024-12-15 --as-of 2024-11-30
    """
    from kb import render_answers, states

    with reading(db) as reader:
        if at is None:
            render_answers.write_history(states.history(reader, policy=policy, as_of=as_of), fmt, sys.stdout)
        else:
            answer = states.state_at(reader, policy=policy, at=at, as_of=as_of)
            render_answers.write_answer(answer, fmt, sys.stdout)


@cli.command("conflicts")
@click.option("--policy", "policies", metavar="NAME", multiple=True, help="Only events of this policy (repeatable).")
@format_option
@db_option
def conflicts_cmd(policies: tuple[str, ...], fmt: str, db: str | None) -> None:
    """List events whose sources disagree on the date or on who acted.

    \b
    Example:
        kb conflicts --policy POLICY
    """
    from kb import conflicts, render_answers

    with reading(db) as reader:
        render_answers.write_conflicts(conflicts.find(reader, policies=policies), fmt, sys.stdout)


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="At most this many events and sources.")
@format_option
@db_option
def search_cmd(query: str, limit: int, fmt: str, db: str | None) -> None:
    """Search event headlines and stances and source texts (phrases, prefixes, AND/OR/NOT).

    Variants match each other: a policy's or an actor's name and its aliases, and the term
    variants sources declare in their annotations (docs/annotations.md); a hyphenated word
    matches its parts.

    \b
    Examples:
        kb search "TWO WORDS"
        kb search '"a phrase" OR word' --format json
    """
    from kb import render_answers, search

    with reading(db) as reader:
        render_answers.write_search(search.search(reader, query=query, limit=limit), fmt, sys.stdout)


@cli.command("verify")
@format_option
@db_option
@click.pass_context
def verify_cmd(ctx: click.Context, fmt: str, db: str | None) -> None:
    """Prove every row against a replay of migrations/ and seeds/; exit 1 on any difference.

    \b
    Example:
        kb verify
    """
    from kb.verify import verify

    location = locate(db)
    with session_reading(db) as session:
        report = verify(session, root=location.root)
    if fmt == "json":
        import json

        click.echo(json.dumps({**report.__dict__, "ok": report.ok}, indent=2))
    else:
        summary = (
            f"checked {report.sources} sources ({report.files_compared} against seeds/), "
            f"{report.citations} citations, {report.events} events"
        )
        if report.migrations_replayed:
            summary += f", every row against a replay of {report.migrations_replayed} source migrations"
        found = [f"{len(report.problems)} problem(s)"] if report.problems else []
        if report.differences:
            found.append(f"{len(report.differences)} difference(s) from the repository")
        click.echo(f"{summary}: {', '.join(found) or 'no problems'}")
        for line in (*report.problems, *report.differences, *report.notes):
            click.echo(f"{'- ' if fmt == 'markdown' else '  '}{line}")
    if not report.ok:
        ctx.exit(1)


# --- kb source ----------------------------------------------------------------------------------


@cli.group("source", cls=KBGroup)
def source_group() -> None:
    """Add documents to the knowledge base through reviewed migrations."""


@source_group.command("new")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-propose", is_flag=True, help="Write the bare template, without proposed events.")
@db_option
def source_new(paths: tuple[Path, ...], no_propose: bool, db: str | None) -> None:
    """Copy documents into seeds/ and write a starting annotation with proposed events.

    \b
    Example:
        kb source new ~/Downloads/2025-01-10_dod_statement.txt
    """
    from kb.propose import known_from
    from kb.sources import new_sources

    root = locate_root()
    known = None
    if not no_propose:
        with session_reading(db) as session:
            known = known_from(session)
    made = new_sources(root=root, paths=list(paths), known=known)
    for source in made:
        line = f"added {source.document.relative_to(root)}; annotate {source.annotation.relative_to(root)}"
        if source.proposed is None:
            line += " (the bare template)"
        elif source.proposed:
            line += f": {source.proposed} proposed event{'s' if source.proposed != 1 else ''} to review"
        else:
            line += f": kb proposed no events ({source.why_none}); write them from the template"
        click.echo(line)
    keys = " ".join(source.key for source in made)
    annotations = ", ".join(str(source.annotation.relative_to(root)) for source in made)
    click.echo("Next:")
    click.echo(f"  1. review {annotations} (format: docs/annotations.md), then set `reviewed: true`")
    click.echo(f"  2. kb source check {keys}")
    click.echo(f"  3. kb source migrate {keys}")
    click.echo("  4. kb db upgrade")
    click.echo("  and commit the documents, their annotations, the new migration and migrations/HEAD together")


@source_group.command("migrate")
@click.argument("keys", nargs=-1, required=True, shell_complete=completion.seed_keys)
@click.option("-m", "--message", help="Slug for the migration's file name.")
@db_option
def source_migrate(keys: tuple[str, ...], message: str | None, db: str | None) -> None:
    """Validate reviewed annotations and write the migration that adds their sources.

    \b
    Example:
        kb source migrate 2025-01-10_dod_statement && kb db upgrade
    """
    from kb import db as database

    from kb.sources import migrate_sources, repair_head_marker

    location = locate(db)
    repair_head_marker(location)  # an interrupted migrate may have left migrations/HEAD behind
    database.ensure_current(location, _notify)
    path = migrate_sources(location=location, keys=list(keys), message=message)
    click.echo(f"wrote {path.relative_to(location.require_root())} and migrations/HEAD; apply it with: kb db upgrade")
    click.echo("commit the migration together with migrations/HEAD")


@source_group.command("check")
@click.argument("keys", nargs=-1, required=True, shell_complete=completion.seed_keys)
@db_option
def source_check(keys: tuple[str, ...], db: str | None) -> None:
    """Check annotations as `kb source migrate` would, writing nothing, and preview the migration.

    Checks quotes, references, dates and open proposals, then says what loading each source
    would do: events added, citations added to existing events (and whether each one's date
    contains, narrows or disagrees with the event's), existing events whose date, type or stance
    would change (old → new), actors, policies and relations added or merged.

    \b
    Example:
        kb source check 2025-01-10_dod_statement
    """
    from kb import render
    from kb import db as database

    from kb.sources import preview_sources, repair_head_marker

    location = locate(db)
    repair_head_marker(location)  # so the trial load runs on the database every migration reaches
    database.ensure_current(location, _notify)
    for preview in preview_sources(location=location, keys=list(keys)):
        for line in preview.lines():
            body = line.lstrip(" ")
            click.echo(line[: len(line) - len(body)] + render.text_field(body))  # headlines and quotes are document text


def locate_root() -> Path:
    """The knowledge base root, for commands that write files (not the database)."""
    from kb.config import find_root
    from kb.errors import ConfigError

    root = find_root()
    if root is None:
        raise ConfigError(
            f"no knowledge base root (a folder holding migrations/ and seeds/) at or above {Path.cwd()}"
        )
    return root
