"""Adding sources: `kb source new` copies documents in and writes starting annotations;
`kb source migrate` validates reviewed annotations and writes the source migration.

Everything derived from a document (titles, names, text) reaches a generated migration only as
data: a Python literal checked to read back exactly, in a module compiled before it is written.
Files appear all at once or not at all: each is written to a temporary file beside its target
and renamed into place only when every one of them is ready.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import stat
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from kb import loader, review
from kb.annotations import Contribution, check_reviewed, parse_annotation, resolve
from kb.config import Location
from kb.db import HEAD_MARKER, alembic_config, make_engine
from kb.documents import Document, check_storable, parse_document, read_document_bytes, sha256_bytes
from kb.errors import AnnotationError, DocumentError, KBError, LoadError
from kb.fingerprint import RECORDS, Record, annotation_checksum, load_records
from kb.propose import Known, proposals_yaml, propose
from kb.review import Preview
from kb.sentences import label_is_speaker, labels

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

# Any extension holding the tagged format is taken (the copy in seeds/ is always KEY.txt);
# .yaml/.yml would be taken for an annotation, and anything else is not a document kb reads.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", "")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,119}")
_TEMP_SUFFIX = ".kb-tmp"

STARTER = """\
# Annotation of seeds/{name}: {title}
# Published {published} · {url}
# Format: docs/annotations.md. Fill this in from the document's <CONTENT>, check every
# quote, then set `reviewed: true` and run `kb source check {key}`.{why}
source:
  kind: {kind}              # news_article | fact_sheet | press_release | statement | speech | transcript | report | other
  publisher: null
reviewed: false

actors:
  # - key: actor-key
  #   name: Name as the document gives it
  #   kind: government
  #   aliases: [another name, an abbreviation]

policies:
  # - key: policy-key
  #   name: Name of the policy
  #   owner: actor-key

events:
  # - key: {published}-short-name
  #   type: statement
  #   headline: What happened, in a few words
  #   policies: [policy-key]
  #   actors:
  #     - {{actor: actor-key, role: announced}}
  #   citations:
  #     - quote: "verbatim text from <CONTENT>"
  #       date: "{published}"
  #       basis: context
"""

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


@dataclass(frozen=True)
class NewSource:
    document: Path
    annotation: Path
    key: str
    proposed: int | None  # events proposed; None when proposing was not asked for
    why_none: str | None = None  # when nothing was proposed: why, in words


# Cues for the kind of a document, in order: the first kind whose cue appears in the document's
# title, author line, note or URL wins. Words any issuer uses; nothing about a subject.
_KIND_CUES: tuple[tuple[str, str], ...] = (
    ("fact_sheet", r"fact[\s-]*sheet"),
    ("transcript", r"\btranscript|\bbriefing (?:on|by|with)\b|\bpress briefing|\bmedia engagement|\binterview\b"),
    ("report", r"\breport\b|research service|\bin focus\b|\bmanual\b|\bstudy\b|\bwhite paper\b|\b(?:issue|policy|research) brief\b"),
    ("speech", r"\bremarks\b|\bspeech\b|\baddress (?:by|to)\b|explanation of vote|explaination of vote|\btestimony\b"),
    ("statement", r"\bstatement\b"),
    ("press_release", r"press release|\bpress office\b|\bnews release\b|\breadout\b|\bmedia release\b|\bpress summary\b"),
    # An instrument itself (a rule, an order, a notice): none of the kinds above, so `other`.
    ("other", r"^(?:notice of|executive order|proclamation|presidential (?:memorandum|determination)|(?:interim |direct )?(?:final |proposed )?rule\b)|\b(?:interim final|final|proposed) rule\b"),
)
# An issuer's own news service writes articles, whoever it works for ("DoD News", "American Forces Press Service").
_NEWS_SERVICE = re.compile(r"(?i:\b(?:news|press) service\b)|(?:^|,\s*)[A-Z][\w.]* News\b")
# What an instrument's own text says it is ("ACTION: Final rule.", "it is hereby ordered").
_INSTRUMENT_TEXT = re.compile(r"(?im)^\s*ACTION:\s*(?:(?:interim |direct )?(?:final |proposed )?rule|notice)\b|\bit is hereby ordered\b")


def _guess_kind(document: Document) -> str:
    """The source kind its own title, author, note and URL suggest (the reviewer confirms it)."""
    content = document.content.value
    if _NEWS_SERVICE.search(document.author):
        return "news_article"
    # What the document calls itself first (its title, author, and the heading lines its text opens
    # with: "MEDIA RELEASE", "PRESS SUMMARY"); its URL and kb's note about the copy after.
    head = " ".join(line for line in content.strip().splitlines()[:5] if len(line) < 60)
    for cues in (f"{document.title} {document.author} {head}", document.url, document.note or ""):
        for kind, pattern in _KIND_CUES:
            if re.search(pattern, cues.lower()):
                return kind
    # "MR. ROE: …", "QUESTION: …": a transcript however titled. Labels of sections ("SUMMARY:",
    # "DATES:") name nobody; a transcript has turns by at least two speakers.
    uses = labels(content)
    turns = {label: n for label, n in uses.items() if label_is_speaker(label, n)}
    if sum(turns.values()) >= 3 and len(turns) >= 2:
        return "transcript"
    if _INSTRUMENT_TEXT.search(content):
        return "other"
    return "news_article"


def source_key(stem: str, sha256: str) -> str:
    """The ASCII slug a document is kept under (seeds/KEY.txt): letters, digits, - and _."""
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_only).strip("-_")[:100].strip("-_")
    return slug or f"source-{sha256[:12]}"


def _one_line(text: str) -> str:
    """Text for a YAML comment: a line break in a title must not start a line of YAML."""
    return " ".join(text.split())


def _why_nothing(document: Document) -> str:
    """Why proposing found no event in a document, in words."""
    from kb.propose import find_date, sentences

    spans = sentences(document)
    if not spans:
        return "its <CONTENT> has no sentence to read"
    published = document.published
    dated = sum(1 for a, b in spans if find_date(" ".join(document.text[a:b].split()), published).basis != "context")
    if dated:
        return (
            f"{dated} sentence(s) state a date, but none states an event kb recognises, "
            "such as a policy adopted, rescinded, restored or authorised"
        )
    return "no sentence states a date or a policy action kb recognises"


@dataclass
class _Planned:
    origin: Path
    data: bytes
    document: Document
    key: str
    resume: bool  # the document is already in seeds/ (an interrupted run): write only the annotation


def _regular_file_bytes(path: Path) -> bytes | None:
    """A seed file's bytes, or None for anything that is not a regular file (never opened)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return read_document_bytes(path)
    except (OSError, DocumentError):
        return None


def _plan(seeds: Path, paths: list[Path]) -> list[_Planned]:
    """Check every document before anything is written: readable, valid, storable, a key of its own."""
    names = {p.name.casefold(): p.name for p in seeds.iterdir()} if seeds.is_dir() else {}
    existing: dict[str, str] = {}  # SHA-256 -> name, of the documents already in seeds/
    for seed in sorted(seeds.glob("*.txt")):
        seed_data = _regular_file_bytes(seed)
        if seed_data is not None:
            existing.setdefault(sha256_bytes(seed_data), seed.name)
    planned: list[_Planned] = []
    by_key: dict[str, Path] = {}
    by_sha: dict[str, Path] = {}
    for path in paths:
        suffix = path.suffix.lower()
        if suffix not in DOCUMENT_SUFFIXES:
            raise DocumentError(
                f"{path}: a {suffix} file is not a document kb takes; give the tagged text "
                f"({', '.join(s for s in DOCUMENT_SUFFIXES if s)}, see seeds/)"
            )
        data = read_document_bytes(path)
        document = parse_document(path, data)
        check_storable(document)
        key = source_key(path.stem, document.sha256)
        if key.casefold() in by_key:
            raise LoadError(f"{path}: would be seeds/{key}.txt, as {by_key[key.casefold()]} in the same command; rename one")
        if document.sha256 in by_sha:
            raise LoadError(f"{path}: the same document as {by_sha[document.sha256]} in the same command")
        by_key[key.casefold()] = path
        by_sha[document.sha256] = path
        text_name, yaml_name = f"{key}.txt", f"{key}.yaml"
        has_annotation = yaml_name.casefold() in names
        # A copy without its annotation is what an interrupted `kb source new` leaves: finish it.
        resume = existing.get(document.sha256) == text_name and not has_annotation
        if document.sha256 in existing and not resume:
            raise LoadError(f"{path}: the same document is already in seeds/ as {existing[document.sha256]}")
        if text_name.casefold() in names and not resume:
            raise LoadError(f"{path}: seeds/{names[text_name.casefold()]} already exists; rename the new document")
        if has_annotation:
            raise LoadError(f"{path}: seeds/{names[yaml_name.casefold()]} already exists; not overwriting that annotation")
        planned.append(_Planned(path, data, document, key, resume))
    return planned


def _annotation_text(plan: _Planned, known: Known | None) -> tuple[str, int | None, str | None]:
    """The starting annotation, how many events it proposes, and why none when none."""
    document = plan.document
    fields = dict(
        name=f"{plan.key}.txt",
        key=plan.key,
        title=_one_line(document.title),
        published=document.published.iso(),
        url=_one_line(document.url),
        kind=_guess_kind(document),
    )
    if known is None:
        return STARTER.format(why="", **fields), None, None
    proposals = propose(document, known)
    if proposals:
        actors, policies, events = proposals_yaml(proposals, known)
        return PROPOSED.format(count=len(proposals), actors=actors, policies=policies, events=events, **fields), len(proposals), None
    why = _why_nothing(document)
    return STARTER.format(why=f"\n# kb proposed no events: {why}.", **fields), 0, why


def new_sources(*, root: Path, paths: list[Path], known: Known | None = None) -> list[NewSource]:
    """Copy documents into seeds/ and write a starting annotation for each, all or nothing;
    with `known` (the knowledge base's names), the annotation holds proposed events."""
    seeds = root / "seeds"
    planned = _plan(seeds, paths)
    texts = [_annotation_text(plan, known) for plan in planned]
    files: list[tuple[Path, bytes]] = []
    for plan, (text, _count, _why) in zip(planned, texts):
        if not plan.resume:
            files.append((seeds / f"{plan.key}.txt", plan.data))
        files.append((seeds / f"{plan.key}.yaml", text.encode("utf-8")))
    write_all(files)
    return [
        NewSource(seeds / f"{plan.key}.txt", seeds / f"{plan.key}.yaml", plan.key, count, why)
        for plan, (_text, count, why) in zip(planned, texts)
    ]


# --- Writing files all at once -------------------------------------------------------------------


def _stage(target: Path, data: bytes) -> Path:
    """Write data to a new temporary file beside target (same folder, so a rename is atomic)."""
    temp = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}{_TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any file
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: all are staged first, then renamed into place in order; on a
    failure the files renamed so far are taken out again (or given back their old bytes)."""
    staged: list[Path] = []
    placed: list[tuple[Path, bytes | None]] = []
    folder = files[0][0].parent if files else Path()

    def undo() -> None:
        for temp in staged:
            temp.unlink(missing_ok=True)
        for target, before in reversed(placed):
            if before is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(_stage(target, before), target)

    try:
        for target, data in files:
            folder = target.parent
            staged.append(_stage(target, data))
        for (target, _data), temp in zip(files, staged):
            folder = target.parent
            before = target.read_bytes() if target.is_file() else None
            os.replace(temp, target)
            placed.append((target, before))
    except OSError as exc:
        undo()
        raise LoadError(f"{shown(folder)}/: cannot write there: {exc.strerror or exc}; nothing was written") from None
    except BaseException:
        undo()
        raise


def shown(path: Path) -> Path:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# --- Checking reviewed annotations ---------------------------------------------------------------


def _key_of(arg: str) -> str:
    """The source key a `kb source check/migrate` argument names (KEY, KEY.txt or seeds/KEY.yaml)."""
    path = Path(arg)
    stem = path.stem if path.suffix in (".txt", ".yaml") else path.name
    if not KEY.fullmatch(stem) or path.parent.name not in ("", "seeds"):
        raise LoadError(
            f"{arg!r} is not a source key: keys are ASCII letters, digits, - and _ "
            "(`kb source new` gives each document one)"
        )
    return stem


def _read_annotation(path: Path) -> str:
    """An annotation file's text: a regular UTF-8 file (a FIFO or a directory is refused unopened)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise AnnotationError(f"{path}: no annotation file; `kb source new` writes a starting one") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read the annotation: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise AnnotationError(f"{path}: not a regular file; the annotation must be a YAML file")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise AnnotationError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read the annotation: {exc.strerror}") from None


def _previous_entries(script: ScriptDirectory) -> dict[str, loader.SourceEntry]:
    """The entry each source was last migrated with, by key (walking the existing revisions)."""
    latest: dict[str, loader.SourceEntry] = {}
    for revision in reversed(list(script.walk_revisions())):  # oldest first
        for entry in getattr(revision.module, "SOURCES", []):
            latest[entry["key"]] = entry
    return latest


def _scripts(location: Location) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(location))


def _reviewed_entries(
    location: Location, script: ScriptDirectory, keys: list[str], *, added_at: str, refuse_unchanged: bool
) -> tuple[list[loader.SourceEntry], str, list[Preview]]:
    """What a source migration for these keys would load, every check passed (trial load
    included), the fingerprint of the rows the trial load wrote, and what it changed."""
    root = location.require_root()
    previous = _previous_entries(script)
    entries: list[loader.SourceEntry] = []
    reviewed: list[tuple[Contribution, str]] = []
    for key in dict.fromkeys(_key_of(k) for k in keys):
        doc_path = shown(root / "seeds" / f"{key}.txt")
        if not os.path.lexists(doc_path):
            raise LoadError(f"{doc_path}: no such document; `kb source new PATH` copies one in")
        document = parse_document(doc_path)
        check_storable(document)
        ann_path = doc_path.with_suffix(".yaml")
        annotation = _read_annotation(ann_path)  # read once: what is checked is what is embedded
        contribution = parse_annotation(annotation, origin=str(ann_path), source_key=key)
        check_reviewed(resolve(contribution, document, origin=str(ann_path)), origin=str(ann_path))
        reviewed.append((contribution, str(ann_path)))
        entry: loader.SourceEntry = {
            "key": key,
            "document": f"seeds/{key}.txt",
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
    fingerprint, previews = _dry_run(location, entries, root, reviewed)
    return entries, fingerprint, previews


def check_sources(*, location: Location, keys: list[str]) -> list[str]:
    """Everything `kb source migrate` checks, writing nothing: returns what was checked."""
    return [preview.source for preview in preview_sources(location=location, keys=keys)]


def preview_sources(*, location: Location, keys: list[str]) -> list[Preview]:
    """Everything `kb source migrate` checks, writing nothing: what loading each source would do."""
    _, _, previews = _reviewed_entries(location, _scripts(location), keys, added_at="check", refuse_unchanged=False)
    return previews


# --- Writing the migration -----------------------------------------------------------------------


def repair_head_marker(location: Location) -> str | None:
    """Bring migrations/HEAD in step with the revisions in migrations/versions/ (an interrupted
    `kb source migrate` can leave it naming the previous head); returns the head."""
    head = _scripts(location).get_current_head()
    marker = location.require_root() / HEAD_MARKER
    try:
        current = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
    except (OSError, UnicodeDecodeError):
        current = None
    if head is not None and current != head:
        write_all([(marker, f"{head}\n".encode("ascii"))])
    return head


def _embed(text: str) -> str:
    """A Python literal of the text: triple-quoted when that reads back exactly, else repr()."""
    readable = all(c == "\n" or c.isprintable() for c in text)
    if readable and '"""' not in text and "\\" not in text and not text.endswith('"'):
        literal = '"""\\\n' + text + '"""'
        try:
            if ast.literal_eval(literal) == text:
                return literal
        except (SyntaxError, ValueError):
            pass
    return repr(text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:50] or "source"


_ENTRY_FIELDS = ("key", "document", "sha256", "added_at")


def _sources_block(entries: list[loader.SourceEntry]) -> tuple[str, dict[str, str]]:
    """The module-level data of a source migration, and the value each named literal must hold."""
    literals: dict[str, str] = {}
    lines: list[str] = []
    for i, entry in enumerate(entries, start=1):
        literals[f"ANNOTATION_{i}"] = entry["annotation"]
        lines.append(f"ANNOTATION_{i} = {_embed(entry['annotation'])}\n")
        if "replaces" in entry:
            literals[f"REPLACED_{i}"] = entry["replaces"]
            lines.append(f"REPLACED_{i} = {_embed(entry['replaces'])}\n")
    lines.append("SOURCES: list[SourceEntry] = [")
    for i, entry in enumerate(entries, start=1):
        lines.append("    {")
        for name in _ENTRY_FIELDS:
            lines.append(f"        {json.dumps(name)}: {repr(entry[name])},")  # type: ignore[literal-required]
        lines.append(f'        "annotation": ANNOTATION_{i},')
        if "replaces" in entry:
            lines.append(f'        "replaces": REPLACED_{i},')
            lines.append(f'        "replaces_added_at": {repr(entry["replaces_added_at"])},')
        lines.append("    },")
    lines.append("]")
    return "\n".join(lines), literals


_REVISION_LINES = re.compile(r"\n\nRevision ID: [0-9a-f]+\nRevises: [0-9A-Za-z, ]*\nCreate Date: [0-9: .-]+\n")
_TEMPLATE_NAMES = {"revision", "down_revision", "branch_labels", "depends_on", "ROOT", "SOURCES", "upgrade", "downgrade"}


def _data_of(node: ast.expr, literals: dict[str, str]) -> object:
    """The value of SOURCES as written: constants, lists, dicts and the named annotation literals."""
    if isinstance(node, ast.Name) and node.id in literals:
        return literals[node.id]
    if isinstance(node, ast.List):
        return [_data_of(e, literals) for e in node.elts]
    if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
        return {_data_of(k, literals): _data_of(v, literals) for k, v in zip(node.keys, node.values)}  # type: ignore[arg-type]
    return ast.literal_eval(node)


def check_module(text: str, *, doc: str, literals: dict[str, str], entries: list[loader.SourceEntry]) -> None:
    """Prove the rendered module compiles and holds the sources as data only: its docstring, its
    names and every literal are exactly what was meant, so nothing a document says became code."""
    try:
        compile(text, "<source migration>", "exec", dont_inherit=True)
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        raise KBError(f"the source migration did not compile ({exc}); nothing was written") from None
    problems: list[str] = []
    docstring = ast.get_docstring(tree, clean=False) or ""
    if not (docstring.startswith(doc) and _REVISION_LINES.fullmatch(docstring[len(doc) :])):
        problems.append("its docstring")
    defined: dict[str, ast.expr | None] = {}
    for node in tree.body[1:]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            defined[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined[node.target.id] = node.value
        elif isinstance(node, ast.FunctionDef):
            defined[node.name] = None
        else:
            problems.append(f"a statement at line {node.lineno}")
    if set(defined) != _TEMPLATE_NAMES | set(literals):
        problems.append("the names it defines")
    for name, value in literals.items():
        node = defined.get(name)
        try:
            if node is None or ast.literal_eval(node) != value:
                problems.append(name)
        except ValueError:
            problems.append(name)
    try:
        written = _data_of(defined["SOURCES"], literals) if defined.get("SOURCES") is not None else None
    except (ValueError, TypeError, KeyError):
        written = None
    if written != [dict(e) for e in entries]:
        problems.append("SOURCES")
    if problems:
        raise KBError(f"the source migration did not render as data only ({', '.join(problems)}); nothing was written")


def migrate_sources(*, location: Location, keys: list[str], message: str | None = None) -> Path:
    """Validate the reviewed annotations of these sources and write one migration that loads them,
    together with migrations/HEAD naming it."""
    from alembic.util import format_as_comma
    from mako.template import Template

    root = location.require_root()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    script = _scripts(location)
    entries, fingerprint, _ = _reviewed_entries(location, script, keys, added_at=now.isoformat(), refuse_unchanged=True)
    block, literals = _sources_block(entries)
    keys_text = ", ".join(e["key"] for e in entries)  # ASCII slugs: safe anywhere
    verb = "Correct" if any("replaces" in e for e in entries) else "Add"
    doc = (
        f"{verb} source{'s' if len(entries) > 1 else ''} {keys_text}\n\n"
        "Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that\n"
        "replaying history never depends on an annotation file's current content. Each document is\n"
        "read from seeds/ and must still have the SHA-256 recorded here."
    )
    # The head from the revisions themselves, never from migrations/HEAD (stale after an interrupt).
    head = script.get_current_head()
    revision = uuid.uuid4().hex[:12]
    slug = _slug(message or ("source " + " ".join(e["key"] for e in entries)))
    text = Template(filename=str(root / "migrations" / "script.py.mako")).render_unicode(
        up_revision=revision,
        down_revision=head,
        branch_labels=None,
        depends_on=None,
        create_date=now.replace(tzinfo=None),
        comma=format_as_comma,
        message=slug,
        doc=doc,
        sources_block=block,
        writer=loader.WRITER_VERSION,
    )
    check_module(text, doc=doc, literals=literals, entries=entries)
    path = root / "migrations" / "versions" / f"{now:%Y%m%d}_{revision}_{slug}.py"
    marker = root / HEAD_MARKER
    records = root / RECORDS
    record = Record(annotation_checksum(entries), fingerprint, tuple(e["key"] for e in entries))
    recorded = {name: dict(checksum=r.checksum, fingerprint=r.fingerprint, sources=list(r.sources))
                for name, r in sorted({**load_records(root), revision: record}.items())}  # fmt: skip
    write_all([
        (records, (json.dumps(recorded, indent=2, ensure_ascii=True) + "\n").encode("ascii")),
        (path, text.encode("utf-8")),
        (marker, f"{revision}\n".encode("ascii")),
    ])  # fmt: skip
    # A newer migrations/HEAD than migrations/versions/ says the marker was written after the revision.
    os.utime(marker)
    return path


def _dry_run(
    location: Location, entries: list[loader.SourceEntry], root: Path, reviewed: list[tuple[Contribution, str]]
) -> tuple[str, list[Preview]]:
    """Load the sources, one after the other, into the current database inside a transaction
    that is rolled back, with the newest writer (the one the migration will name), each checked
    against the knowledge base as the ones before it left it; returns the fingerprint of the rows
    they loaded (for migrations/fingerprints.json) and what each changed."""
    from kb.fingerprint import rows_fingerprint

    previews: list[Preview] = []
    engine = make_engine(location.url)
    try:
        with engine.connect() as conn:
            with conn.begin() as tx:
                try:
                    for entry, (contribution, origin) in zip(entries, reviewed):
                        before = review.snapshot(conn, contribution)
                        if "replaces" in entry:
                            # A correction is checked against the knowledge base without its old version.
                            loader.unload_v2(conn, entry["key"])
                            entry_to_load: loader.SourceEntry = {k: v for k, v in entry.items() if k not in ("replaces", "replaces_added_at")}  # type: ignore[assignment]
                        else:
                            entry_to_load = entry
                        verdicts = review.check(conn, contribution, origin=origin)
                        loader.apply_sources(conn, [entry_to_load], root=root, writer=loader.WRITER_VERSION)
                        source_id = conn.execute(
                            sa.text("SELECT id FROM sources WHERE key = :key"), {"key": entry["key"]}
                        ).scalar_one()
                        previews.append(review.preview(conn, contribution, before, verdicts, source_id=source_id))
                    return rows_fingerprint(conn, [e["key"] for e in entries]), previews
                finally:
                    tx.rollback()
    finally:
        engine.dispose()
