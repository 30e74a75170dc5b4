"""Hostile and careless input to `kb source new / check / migrate`: every refusal is a one-line
error with a non-zero exit that leaves the database, seeds/ and migrations/ exactly as they were;
text from a document reaches a generated migration only as data; every multi-document command
is all or nothing."""

from __future__ import annotations

import ast
import errno
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, fails, ok, run
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import ALPHA_TXT, ALPHA_YAML, Case, document, fingerprint, new_doc
from test_bad_input import root as root  # noqa: PLC0414 (the shared fixture: a built knowledge base)

from kb import sources
from kb.errors import KBError

MARKER = "kb-hostile-payload-ran"


def tree(root: Path) -> tuple[object, ...]:
    """Everything a refused command must leave alone: the database, every file in seeds/ and
    migrations/ (hidden ones too) with its bytes."""
    files = {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("seeds", "migrations")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    return fingerprint(root), files


def titled(title: str, text: str = ALPHA_TXT) -> str:
    return text.replace("<TITLE>Fictional Republic restores its old mine policy</TITLE>", f"<TITLE>{title}</TITLE>")


def dated(published: str, content: str) -> str:
    return (
        f"<TITLE>Hostile dates</TITLE>\n<PUBLISHED_DATE>{published}</PUBLISHED_DATE>\n"
        f"<URL>https://example.org/{abs(hash(content))}</URL>\n<AUTHOR>X</AUTHOR>\n\n<CONTENT>\n{content}\n</CONTENT>\n"
    )


def two_files(first: tuple[str, str], second: tuple[str, str]) -> Callable[[Path], list[str]]:
    """Two documents in one call: ((folder, text), (folder, text)), each named doc.txt unless the folder says."""

    def prepare(root: Path) -> list[str]:
        args = ["source", "new"]
        for folder, text in (first, second):
            path = root.parent / "incoming" / folder
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            args.append(str(path))
        return args

    return prepare


BETA_TXT = (FIXTURES / "beta.txt").read_text()

CASES = [
    Case("NUL in <CONTENT>", new_doc(ALPHA_TXT.replace("reckless", "reck\x00less")), r"doc\.txt:11: control character U\+0000 in <CONTENT> \(column \d+\)"),
    Case("NUL in <TITLE>", new_doc(titled("Fictional\x00Republic")), r"doc\.txt:1: control character U\+0000 in <TITLE>"),
    Case("terminal escape in <TITLE>", new_doc(titled("\x1b]52;c;aGk=\x07 news")), r"doc\.txt:1: control character U\+001B in <TITLE>"),
    Case("C1 control in <CONTENT>", new_doc(ALPHA_TXT.replace("Critics", "Crit\x9bics")), r"control character U\+009B in <CONTENT>"),
    Case("an annotation given as the document", new_doc(ALPHA_TXT, "doc.yaml"), r"doc\.yaml: a \.yaml file is not a document kb takes"),
    Case("an HTML file", new_doc(ALPHA_TXT, "page.html"), r"page\.html: a \.html file is not a document kb takes"),
    Case("two doc.txt from different folders", two_files(("a/doc.txt", ALPHA_TXT), ("b/doc.txt", BETA_TXT)), r"b/doc\.txt: would be seeds/doc\.txt, as .*a/doc\.txt in the same command; rename one"),
    Case("names that differ only in case", two_files(("a/Doc.txt", ALPHA_TXT), ("b/doc.txt", BETA_TXT)), r"would be seeds/doc\.txt, as .*a/Doc\.txt in the same command"),
    Case("names that slug alike", two_files(("a/my doc.txt", ALPHA_TXT), ("b/my-doc.txt", BETA_TXT)), r"would be seeds/my-doc\.txt"),
    Case("the same document twice", two_files(("a/one.txt", ALPHA_TXT), ("b/two.txt", ALPHA_TXT)), r"two\.txt: the same document as .*one\.txt in the same command"),
    Case("good then bad: nothing added", two_files(("good.txt", ALPHA_TXT), ("bad.txt", ALPHA_TXT.replace("</URL>", "</URL>\x00"))), r"bad\.txt:3: control character U\+0000 outside the tags"),
    Case("good then malformed: nothing added", two_files(("good.txt", ALPHA_TXT), ("bad.txt", "<TITLE>x</TITLE>")), r"bad\.txt:1: required tag <PUBLISHED_DATE> is missing"),
    Case("migrate: a path, not a key", lambda root: ["source", "migrate", "../../etc/passwd"], r"'\.\./\.\./etc/passwd' is not a source key"),
    Case("migrate: a key with a space", lambda root: ["source", "migrate", "a b"], r"'a b' is not a source key"),
    Case("check: a non-ASCII key", lambda root: ["source", "check", "r\u00e9sum\u00e9"], r"is not a source key: keys are ASCII letters, digits, - and _"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_source_input_is_refused_cleanly_and_changes_nothing(root: Path, case: Case) -> None:
    args = case.prepare(root)
    before = tree(root)
    message = fails(*args, code=case.code)
    assert message.startswith("Error: "), message
    assert re.search(case.message, message), message
    assert fingerprint(root) == before[0], f"{case.name}: the database or migrations/ changed"
    assert tree(root) == before, f"{case.name}: a file in seeds/ or migrations/ changed"


def test_a_directory_is_not_a_document(root: Path) -> None:
    (root.parent / "folder.txt").mkdir()
    before = tree(root)
    message = fails("source", "new", str(root.parent / "folder.txt"), code=2)
    assert "is a directory" in message
    assert tree(root) == before


def kb_in_subprocess(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`kb ARGS` as a separate process: a hang fails the test through the timeout, not forever."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(root: Path, name: str) -> None:
    fifo = root.parent / name
    os.mkfifo(fifo)
    before = tree(root)
    result = kb_in_subprocess(root, "source", "new", str(fifo))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"Error: {fifo}: is a named pipe (FIFO), not a document file"
    assert "Traceback" not in result.stderr
    assert tree(root) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it(root: Path) -> None:
    before = tree(root)
    result = kb_in_subprocess(root, "source", "new", "/dev/zero")
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "Error: /dev/zero: is a character device, not a document file"
    assert tree(root) == before


def test_a_document_over_the_cap_is_refused_before_it_is_read(root: Path) -> None:
    big = root.parent / "big.txt"
    with big.open("wb") as file:  # sparse: 11 MB on paper, nothing on disk, all NUL bytes if read
        file.truncate(11 * 2**20)
    before = tree(root)
    assert fails("source", "new", str(big)) == f"Error: {big}:1: the document is 11.0 MB; kb takes documents up to 10 MB (split it, or keep only the passages you cite)"
    assert tree(root) == before


def refuse_writes_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make folder read-only; as root (whom permissions do not stop) refuse creating files there."""
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def test_read_only_seeds_is_a_one_line_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = document(root.parent, ALPHA_TXT, "alpha.txt")
    before = tree(root)
    refuse_writes_in(monkeypatch, root / "seeds")
    try:
        assert fails("source", "new", path) == "Error: seeds/: cannot write there: Permission denied; nothing was written"
    finally:
        (root / "seeds").chmod(0o755)
    assert tree(root) == before


def test_read_only_versions_is_a_one_line_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")
    (root / "seeds" / "alpha.yaml").write_text(ALPHA_YAML, encoding="utf-8")
    before = tree(root)
    versions = root / "migrations" / "versions"
    refuse_writes_in(monkeypatch, versions)
    try:
        message = fails("source", "migrate", "alpha")
    finally:
        versions.chmod(0o755)
    assert message == "Error: migrations/versions/: cannot write there: Permission denied; nothing was written"
    assert tree(root) == before


def test_a_failure_while_renaming_takes_back_what_was_renamed(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [document(root.parent, ALPHA_TXT, "alpha.txt"), document(root.parent, BETA_TXT, "beta.txt")]
    before = tree(root)
    real_replace, calls = os.replace, []

    def third_fails(src, dst):  # noqa: ANN001, ANN202
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    with pytest.MonkeyPatch.context() as patch:  # its own undo: the fixtures' KB_DB must stay set
        patch.setattr(os, "replace", third_fails)
        assert fails("source", "new", *paths).endswith("cannot write there: No space left on device; nothing was written")
    assert tree(root) == before


def test_an_annotation_that_is_a_directory_is_a_one_line_error(root: Path) -> None:
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")
    (root / "seeds" / "alpha.yaml").mkdir()
    before = tree(root)
    for command in ("check", "migrate"):
        assert fails("source", command, "alpha") == "Error: seeds/alpha.yaml: not a regular file; the annotation must be a YAML file"
    assert tree(root) == before


def test_a_document_placed_in_seeds_by_hand_with_a_nul_is_refused_by_migrate(root: Path) -> None:
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT.replace("officials", "offi\x00cials"), encoding="utf-8")
    (root / "seeds" / "alpha.yaml").write_text(ALPHA_YAML, encoding="utf-8")
    before = tree(root)
    assert re.fullmatch(r"Error: seeds/alpha\.txt:7: control character U\+0000 in <CONTENT> .*", fails("source", "migrate", "alpha"))
    assert tree(root) == before


# --- Documents kb takes, whatever their names ----------------------------------------------------


def new_source(root: Path, text: str, name: str) -> str:
    """`kb source new` one document; returns its key."""
    out = ok("source", "new", "--no-propose", document(root.parent, text, name)).stdout
    added = re.search(r"added seeds/(\S+)\.txt", out)
    assert added, out
    return added.group(1)


def annotate_and_apply(root: Path, key: str, annotation: str = ALPHA_YAML) -> Path:
    (root / "seeds" / f"{key}.yaml").write_text(annotation, encoding="utf-8")
    ok("source", "check", key)
    out = ok("source", "migrate", key).stdout
    written = re.search(r"wrote (migrations/versions/\S+\.py)", out)
    assert written, out
    ok("db", "upgrade")
    return root / written.group(1)


@pytest.mark.parametrize(
    ("name", "key"),
    [("📄 Fictional report 🦀.txt", "Fictional-report"), ("🦀.txt", None), ("Ünïcödé café.md", "Unicode-cafe"), ("noextension", "noextension")],
)
def test_any_file_name_becomes_an_ascii_key_and_works_end_to_end(root: Path, name: str, key: str | None) -> None:
    made = new_source(root, titled("Fictional Republic 🦀 restores its mine policy"), name)
    if key is None:
        assert re.fullmatch(r"source-[0-9a-f]{12}", made)
    else:
        assert made == key
    assert made.isascii()
    assert sorted(p.name for p in (root / "seeds").glob(f"{made}.*")) == [f"{made}.txt", f"{made}.yaml"]
    migration = annotate_and_apply(root, made)
    assert migration.name.isascii()
    data = json.loads(ok("timeline", "--policy", "fr-mine-policy", "--format", "json").stdout)
    assert {c["source"]["title"] for e in data["events"] for c in e["citations"]} == {"Fictional Republic 🦀 restores its mine policy"}
    assert "no problems" in ok("verify").stdout
    assert "Fictional Republic restores its mine policy" in ok("timeline", "--policy", "fr-mine-policy").stdout


PAYLOAD = f'"""\nimport os; open({MARKER!r}, "w")\n__import__("os").system("touch {MARKER}")\n"""'
HOSTILE_TITLES = [
    r"C:\Users\x",
    '"""',
    'ends with a quote"',
    PAYLOAD,
    "line one\nevents: [injected]\n# line three",
    "\u2028separator\u2029 and \ufeff BOM",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=["backslash", "triple-quote", "trailing-quote", "payload", "newlines", "separators"])
def test_document_text_reaches_the_migration_only_as_data(root: Path, title: str) -> None:
    text = titled(title)
    key = new_source(root, text, "hostile.txt")
    starter = (root / "seeds" / f"{key}.yaml").read_text(encoding="utf-8")
    assert "events: [injected]" not in starter.splitlines(), "a title cannot add a line of YAML to the annotation"
    # The reviewer's annotation carries the hostile text too: in a comment, a headline and a stance.
    annotation = ALPHA_YAML.replace("headline: Fictional Republic drops its mine policy", f"headline: {json.dumps(title)}")
    annotation = annotation.replace("stance: The Republic may use mines.", f"stance: {json.dumps(title + ' stance')}")
    annotation = f"# {title!r}\n" + annotation + "\n# " + PAYLOAD.replace("\n", "\\n") + "\\"
    migration = annotate_and_apply(root, key, annotation)
    module = migration.read_text(encoding="utf-8")
    compile(module, str(migration), "exec")
    tree_ = ast.parse(module)
    assert title not in (ast.get_docstring(tree_) or "")
    assert not (root / MARKER).exists() and not Path(MARKER).exists(), "no code from a document ran"
    data = json.loads(ok("timeline", "--policy", "fr-mine-policy", "--format", "json").stdout)
    assert " ".join(title.split()) in [e["headline"] for e in data["events"]]
    assert "no problems" in ok("verify").stdout
    ok("db", "downgrade", "-1")
    ok("db", "upgrade")
    assert not (root / MARKER).exists()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_embeds_as_a_literal_that_reads_back_exactly(text: str) -> None:
    literal = sources._embed(text)
    node = ast.parse(f"X = {literal}").body
    assert len(node) == 1 and isinstance(node[0], ast.Assign)
    assert ast.literal_eval(node[0].value) == text


def test_a_module_that_is_not_only_data_is_never_written() -> None:
    entry = {"key": "k", "document": "seeds/k.txt", "sha256": "0" * 64, "added_at": "t", "annotation": "a: 1\n"}
    block, literals = sources._sources_block([entry])
    good = (
        '"""Add source k\n\nRevision ID: abc\nRevises: def\nCreate Date: 2026-01-01 00:00:00\n"""\n'
        "revision = 'abc'\ndown_revision = 'def'\nbranch_labels = None\ndepends_on = None\nROOT = 1\n"
        f"{block}\ndef upgrade() -> None: pass\ndef downgrade() -> None: pass\n"
    )
    sources.check_module(good, doc="Add source k", literals=literals, entries=[entry])
    tampered = [
        good.replace("Add source k", 'Add source k"""\nimport os\n"""'),  # code after a closed docstring
        good.replace("ROOT = 1\n", "ROOT = 1\n__import__('os')\n"),  # a statement
        good.replace("ANNOTATION_1 = ", "ANNOTATION_1 = 'b: 2\\n' or "),  # a literal that is not the text
        good.replace('"seeds/k.txt"', '"seeds/other.txt"').replace("'seeds/k.txt'", "'seeds/other.txt'"),  # the data
        good.replace("def upgrade", "def upgrade(:"),  # does not compile
    ]
    for text in tampered:
        with pytest.raises(KBError, match="nothing was written"):
            sources.check_module(text, doc="Add source k", literals=literals, entries=[entry])


# --- Interrupted runs ----------------------------------------------------------------------------


def test_an_interrupted_source_new_is_finished_by_running_it_again(root: Path) -> None:
    path = document(root.parent, ALPHA_TXT, "alpha.txt")
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")  # copied; killed before the annotation
    (root / "seeds" / ".alpha.yaml.0badf00d.kb-tmp").write_text("half an annota", encoding="utf-8")
    out = ok("source", "new", path).stdout
    assert "added seeds/alpha.txt; annotate seeds/alpha.yaml" in out
    assert "reviewed: false" in (root / "seeds" / "alpha.yaml").read_text()
    assert "the same document is already in seeds/ as alpha.txt" in fails("source", "new", path)


def test_an_interrupted_migrate_leaves_no_stale_head(root: Path) -> None:
    """Killed between writing the revision and migrations/HEAD: the next source command puts HEAD right."""
    head_file = root / "migrations" / "HEAD"
    old_head = head_file.read_text()
    alpha = annotate_and_apply(root, new_source(root, ALPHA_TXT, "alpha.txt"))
    new_head = head_file.read_text()
    assert new_head != old_head and new_head.strip() in alpha.name
    head_file.write_text(old_head)  # what a kill between the two renames leaves
    ok("source", "new", "--no-propose", str(FIXTURES / "beta.txt"))
    (root / "seeds" / "beta.yaml").write_text((FIXTURES / "beta.yaml").read_text())
    ok("source", "check", "beta")
    assert head_file.read_text() == new_head
    out = ok("source", "migrate", "beta").stdout
    beta = root / re.search(r"wrote (\S+\.py)", out).group(1)  # type: ignore[union-attr]
    assert f"down_revision: str | Sequence[str] | None = {new_head.strip()!r}" in beta.read_text()
    assert head_file.read_text().strip() in beta.name
    ok("db", "upgrade")
    assert "no problems" in ok("verify").stdout


def test_migrate_writes_the_migration_its_record_and_head_together(root: Path) -> None:
    from kb.fingerprint import load_records

    migration = annotate_and_apply(root, new_source(root, ALPHA_TXT, "alpha.txt"))
    revision = (root / "migrations" / "HEAD").read_text().strip()
    assert revision in migration.name and revision in load_records(root)
    assert not [p for p in root.rglob("*.kb-tmp")], "no temporary file is left"


# --- Proposing never raises ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "sentence"),
    [
        ("2024-01-01", "The Republic rescinded its mine policy 3000 years ago."),
        ("2024-05-01", "In March 0000 the Republic rescinded its mine policy."),
        ("0001-01-01", "Last year the Republic rescinded its mine policy."),
        ("9999-12-31", "Between now and January the Republic will restore its mine policy."),
        ("9999-12-31", "On Friday the Republic rescinded its mine policy."),
        ("2024-01-01", "On February 30, 2020 the Republic rescinded its mine policy."),
        ("2024-01-01", "It rescinded the policy 99999999999999999999 years ago."),
    ],
)
def test_dates_out_of_range_are_not_proposed(root: Path, published: str, sentence: str) -> None:
    good = document(root.parent, ALPHA_TXT, "good.txt")
    bad = document(root.parent, dated(published, sentence), "dates.txt")
    out = ok("source", "new", good, bad).stdout
    assert "added seeds/good.txt" in out and "added seeds/dates.txt" in out
    from kb.annotations import parse_annotation

    annotation = (root / "seeds" / "dates.yaml").read_text(encoding="utf-8")
    contribution = parse_annotation(annotation, origin="dates.yaml", source_key="dates")
    for event in contribution.events:
        for citation in event.citations:
            first, last = citation.date.interval()
            assert 1 <= first.year and last.year <= 9999


# --- What `kb source new` says -------------------------------------------------------------------


def test_source_new_says_what_it_proposed_and_the_next_steps_in_order(root: Path) -> None:
    out = ok("source", "new", document(root.parent, ALPHA_TXT, "alpha.txt")).stdout
    annotation = (root / "seeds" / "alpha.yaml").read_text()
    events = annotation[annotation.index("\nevents:") :]
    count = len(re.findall(r"(?m)^  - key: ", events))  # proposed events (new actors or policies are proposed too)
    assert count > 0
    assert f"added seeds/alpha.txt; annotate seeds/alpha.yaml: {count} proposed event" in out
    steps = ["review seeds/alpha.yaml", "kb source check alpha", "kb source migrate alpha", "kb db upgrade", "migrations/HEAD"]
    positions = [out.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), out


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("Officials met and talked about many things at length.", "no sentence states a date or a policy action kb recognises"),
        ("Last year was long, and the weather was often cold.", "1 sentence(s) state a date, but none states an event kb recognises, such as a policy adopted, rescinded, restored or authorised"),
    ],
)
def test_source_new_says_plainly_when_it_proposed_nothing_and_why(root: Path, content: str, why: str) -> None:
    out = ok("source", "new", document(root.parent, dated("2024-01-01", content), "quiet.txt")).stdout
    line = out.splitlines()[0]
    assert line == f"added seeds/quiet.txt; annotate seeds/quiet.yaml: kb proposed no events ({why}); write them from the template"
    assert f"# kb proposed no events: {why}" in (root / "seeds" / "quiet.yaml").read_text()
    assert "kb source check quiet" in out


def test_a_markdown_document_works_end_to_end(root: Path) -> None:
    key = new_source(root, ALPHA_TXT, "alpha.md")
    assert key == "alpha" and (root / "seeds" / "alpha.txt").read_text() == ALPHA_TXT
    annotate_and_apply(root, key)
    assert "Fictional Republic restores its mine policy" in ok("timeline", "--policy", "fr-mine-policy").stdout


def test_a_bad_key_reaches_no_file(root: Path) -> None:
    result = run("source", "migrate", "seeds/alpha.yaml")  # a path to the annotation still names the key
    assert "no such document" in result.output
