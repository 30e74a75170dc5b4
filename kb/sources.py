"""Adding sources: `kb source new` copies documents in and writes starting annotations;
`kb source migrate` validates reviewed annotations and writes the source migration."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from kb import loader
from kb.annotations import check_reviewed, load_annotation_file
from kb.config import Location
from kb.db import alembic_config, make_engine, write_head_marker
from kb.documents import Document, parse_document, sha256_bytes
from kb.errors import AnnotationError, KBError, LoadError
from kb.propose import Known, proposals_yaml, propose

STARTER = """\
# Annotation of seeds/{name}: {title}
# Published {published} · {url}
# Format: docs/annotations.md. Fill this in from the document's <CONTENT>, check every
# quote, then set `reviewed: true` and run `kb source migrate {key}`.
source:
  kind: {kind}              # news_article | fact_sheet | press_release | statement | speech | transcript | report | other
  publisher: null
reviewed: false

actors:
  # - key: united-states
  #   name: United States
  #   kind: government
  #   aliases: [U.S., the United States]

policies:
  # - key: us-apl-policy
  #   name: U.S. antipersonnel landmine policy
  #   owner: united-states

events:
  # - key: {published}-short-name
  #   type: statement
  #   headline: What happened, in a few words
  #   policies: [us-apl-policy]
  #   actors:
  #     - {{actor: united-states, role: announced}}
  #   citations:
  #     - quote: "verbatim text from <CONTENT>"
  #       date: "{published}"
  #       basis: context
"""


@dataclass(frozen=True)
class NewSource:
    document: Path
    annotation: Path


def _guess_kind(document: Document) -> str:
    title = document.title.lower()
    for word, kind in (("fact sheet", "fact_sheet"), ("statement", "statement"), ("release", "press_release")):
        if word in title:
            return kind
    return "news_article"


PROPOSED = """\
# Annotation of seeds/{name}: {title}
# Published {published} · {url}
# Format: docs/annotations.md. kb proposed {count} event(s) below, likely policy-state changes
# first, each with its evidence and the date as the text states it. For each: check the quote,
# date, type, actors and policies; fix what is wrong; accept it by deleting `proposed: true`,
# or delete the entry. Then set `reviewed: true` and run `kb source check {key}`.
source:
  kind: {kind}              # news_article | fact_sheet | press_release | statement | speech | transcript | report | other
  publisher: null
reviewed: false

actors:
{actors}

policies:
{policies}

events:
{events}
"""


def new_sources(*, root: Path, paths: list[Path], known: Known | None = None) -> list[NewSource]:
    """Copy documents into seeds/ and write a starting annotation for each (all or nothing);
    with `known` (the knowledge base's names), the annotation holds proposed events."""
    seeds = root / "seeds"
    existing = {sha256_bytes(p.read_bytes()): p for p in seeds.glob("*.txt")}
    planned: list[tuple[Path, Document, Path, Path]] = []
    for path in paths:
        document = parse_document(path)
        target = seeds / path.name
        if document.sha256 in existing:
            raise LoadError(f"{path}: the same document is already in seeds/ as {existing[document.sha256].name}")
        if target.exists() and target.resolve() != path.resolve():
            raise LoadError(f"{path}: seeds/{path.name} already exists; rename the new document")
        annotation = target.with_suffix(".yaml")
        if annotation.exists():
            raise LoadError(f"{annotation}: an annotation already exists; not overwriting it")
        planned.append((path, document, target, annotation))
    made = []
    for path, document, target, annotation in planned:
        if target.resolve() != path.resolve():
            shutil.copyfile(path, target)
        fields = dict(
            name=target.name,
            key=target.stem,
            title=document.title,
            published=document.published.iso(),
            url=document.url,
            kind=_guess_kind(document),
        )
        proposals = propose(document, known) if known is not None else []
        if proposals:
            actors, policies, events = proposals_yaml(proposals, known)  # type: ignore[arg-type]
            text = PROPOSED.format(count=len(proposals), actors=actors, policies=policies, events=events, **fields)
        else:
            text = STARTER.format(**fields)
        annotation.write_text(text, encoding="utf-8")
        made.append(NewSource(target, annotation))
    return made


def shown(path: Path) -> Path:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _embed(text: str) -> str:
    """A Python literal of the annotation a reviewer can read: triple-quoted when that is exact."""
    if '"""' not in text and "\\" not in text and not text.endswith('"'):
        return '"""\\\n' + text + '"""'
    return repr(text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:50]


def _previous_entries(location: Location) -> dict[str, loader.SourceEntry]:
    """The entry each source was last migrated with, by key (walking the existing revisions)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(location))
    latest: dict[str, loader.SourceEntry] = {}
    for revision in reversed(list(script.walk_revisions())):  # oldest first
        for entry in getattr(revision.module, "SOURCES", []):
            latest[entry["key"]] = entry
    return latest


def _reviewed_entries(
    location: Location, keys: list[str], *, added_at: str, refuse_unchanged: bool
) -> tuple[list[loader.SourceEntry], list[Document]]:
    """What a source migration for these keys would load, every check passed (trial load included)."""
    root = location.require_root()
    previous = _previous_entries(location)
    entries: list[loader.SourceEntry] = []
    documents: list[Document] = []
    for key in dict.fromkeys(Path(k).stem for k in keys):
        doc_path = shown(root / "seeds" / f"{key}.txt")
        if not doc_path.exists():
            raise LoadError(f"{doc_path}: no such document; `kb source new PATH` copies one in")
        document = parse_document(doc_path)
        ann_path = doc_path.with_suffix(".yaml")
        check_reviewed(load_annotation_file(ann_path, document), origin=str(ann_path))
        annotation = ann_path.read_text(encoding="utf-8")
        entry: loader.SourceEntry = {
            "key": key,
            "document": f"seeds/{doc_path.name}",
            "sha256": document.sha256,
            "added_at": added_at,
            "annotation": annotation,
        }
        if key in previous:
            if refuse_unchanged and previous[key]["annotation"] == annotation:
                raise AnnotationError(f"{ann_path}: already migrated with exactly this annotation; nothing to do")
            entry["replaces"] = previous[key]["annotation"]
            entry["replaces_added_at"] = previous[key]["added_at"]
        entries.append(entry)
        documents.append(document)
    _dry_run(location, entries, root)
    return entries, documents


def check_sources(*, location: Location, keys: list[str]) -> list[str]:
    """Everything `kb source migrate` checks, writing nothing: returns what was checked."""
    entries, _ = _reviewed_entries(location, keys, added_at="check", refuse_unchanged=False)
    return [e["key"] for e in entries]


def migrate_sources(*, location: Location, keys: list[str], message: str | None = None) -> Path:
    """Validate the reviewed annotations of these sources and write one migration that loads them."""
    from alembic.script import ScriptDirectory

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    entries, documents = _reviewed_entries(location, keys, added_at=now.isoformat(), refuse_unchanged=True)

    lines: list[str] = []
    for i, entry in enumerate(entries, start=1):
        lines.append(f"ANNOTATION_{i} = {_embed(entry['annotation'])}\n")
        if "replaces" in entry:
            lines.append(f"REPLACED_{i} = {_embed(entry['replaces'])}\n")
    lines.append("SOURCES: list[SourceEntry] = [")
    for i, entry in enumerate(entries, start=1):
        lines.append("    {")
        for field in ("key", "document", "sha256", "added_at"):
            lines.append(f"        {json.dumps(field)}: {json.dumps(entry[field])},")  # type: ignore[literal-required]
        lines.append(f'        "annotation": ANNOTATION_{i},')
        if "replaces" in entry:
            lines.append(f'        "replaces": REPLACED_{i},')
            lines.append(f'        "replaces_added_at": {json.dumps(entry["replaces_added_at"])},')
        lines.append("    },")
    lines.append("]")
    block = "\n".join(lines)
    verb = "Correct" if any("replaces" in e for e in entries) else "Add"
    titles = "; ".join(f"{e['key']}: {d.title}" for e, d in zip(entries, documents))
    doc = (
        f"{verb} source{'s' if len(entries) > 1 else ''} {titles}\n\n"
        "Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that\n"
        "replaying history never depends on an annotation file's current content. Each document is\n"
        "read from seeds/ and must still have the SHA-256 recorded here."
    )
    script = ScriptDirectory.from_config(alembic_config(location))
    slug = message or ("source " + " ".join(e["key"] for e in entries))
    result = script.generate_revision(
        uuid.uuid4().hex[:12],
        _slug(slug),
        head="head",
        doc=doc,
        sources_block=block,
        writer=loader.WRITER_VERSION,
    )
    if result is None or result.path is None:
        raise KBError("Alembic did not write the migration")
    write_head_marker(location)
    return Path(result.path)




def _dry_run(location: Location, entries: list[loader.SourceEntry], root: Path) -> None:
    """Load the sources into the current database inside a transaction that is rolled back."""
    engine = make_engine(location.url)
    try:
        with engine.connect() as conn:
            with conn.begin() as tx:
                try:
                    loader.apply_sources(conn, entries, root=root)
                finally:
                    tx.rollback()
    finally:
        engine.dispose()
