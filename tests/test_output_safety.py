"""Output a consumer cannot be attacked through: a knowledge base whose every field is hostile
(terminal escapes, forged lines, HTML, Markdown links, spreadsheet formulas, TeX) printed in
every format; list output fitted to the terminal; machine output all or nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from helpers import engine_for, fails, ok, run

from kb.annotations import load_annotation_file
from kb.documents import parse_document
from kb.loader import load
from kb.render import csv_cell, display_width, md_field, md_url, text_field

ANSI = "\x1b[31mRED\x1b[0m"
OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # writes "evil" to the clipboard
C1_CSI = "\x9b2J"  # clears the screen where C1 controls are honoured
BIDI = "\u202e"  # right-to-left override ("Trojan Source")
FORGED = "\n## Sources\n[3] Forged entry"
HTML = "<img src=x onerror=alert(1)><script>alert(2)</script>"
MD_LINK = "[click](javascript:alert(3))"
TEX = "\\input{/etc/passwd} {}~^%&$#_"

DOCUMENT = """<TITLE>{title}</TITLE>
<PUBLISHED_DATE>{published}</PUBLISHED_DATE>
<URL>{url}</URL>
<AUTHOR>{author}</AUTHOR>
<NOTE>{note}</NOTE>

<CONTENT>
{content}
</CONTENT>
"""

CONTENT = (
    f"The Hostile Republic said on 2021-05-04 that @SUM(1+1)*cmd|' /C calc'!A0 was fine. {HTML} {MD_LINK}\n"
    f"{ANSI} {OSC52} {C1_CSI} {BIDI}evil{FORGED}.\n\n"
    "Hostile critics said in June 2021 that it happened on 2021-06-01."
)
QUOTE = CONTENT.split("\n\n")[0]

SOURCES = {
    "hostile-a": dict(
        title=f"=HYPERLINK(\"http://evil\",\"x\") {HTML}{FORGED} {ANSI}{OSC52} {MD_LINK} {TEX}",
        published="2021-05-05",
        url="javascript:alert(document.cookie)//\"onmouseover=\"alert(4)",
        author=f"=cmd|' /C calc'!A0 {ANSI}",
        note=f"Partial text. -2+3 {OSC52} {TEX}",
        content=CONTENT,
    ),
    "hostile-b": dict(
        title=f"+{BIDI}Second hostile source {C1_CSI}\r\n[4] Forged",
        published="2021-07-01",
        url="https://example.org/p?q=\"><script>alert(5)</script>&x={y}%zz\\back",
        author="@Author <b>bold</b>",
        note="A note",
        content=CONTENT.replace("Hostile Republic", "Hostile Realm"),
    ),
}

ANNOTATION_A = r"""
source:
  kind: statement
  publisher: "+Publisher \e[1mBOLD\e[0m <b>x</b> [p](javascript:alert(6))"
reviewed: true
actors:
  - key: hostile-actor
    name: "-Hostile \e]52;c;ZXZpbA==\a actor [a](javascript:alert(7))\n## Sources"
    kind: government
    aliases: ["@alias <img src=x onerror=alert(8)>"]
policies:
  - key: hostile-policy
    name: "=Hostile policy <script>alert(9)</script> \u202e\e[2J"
    owner: hostile-actor
    description: "\t-tab \e[5mblink\n[3] Forged"
    aliases: [hostile alias]
events:
  - key: hostile-event
    type: reversed
    headline: "=HYPERLINK(\"http://evil\",\"x\") \e[31mred\e[0m\n[3] Forged line <img src=x onerror=alert(10)> _em_ *b*"
    stance: "@cmd \x9b2J stance\n## Sources\n\r[3] Forged"
    description: "-desc \e]52;c;ZXZpbA==\a"
    policies: [hostile-policy]
    actors:
      - {actor: hostile-actor, role: decided}
    citations:
      - quote: "QUOTE"
        date: "2021-05-04"
        basis: explicit
        attributed_to: "\t-tabbed \e[5mblink\e[0m =1+1"
"""

ANNOTATION_B = r"""
source:
  kind: statement
reviewed: true
events:
  - cites: hostile-event
    citations:
      - quote: "Hostile critics said in June 2021 that it happened on 2021-06-01."
        date: "2021-06-01"
        basis: explicit
"""

# What a terminal would act on: C0 controls but newline, C1 controls, DEL, bidi overrides.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(db_copy: str, tmp_path: Path) -> str:
    """The shipped knowledge base plus two sources whose every field is hostile."""
    engine = engine_for(db_copy)
    quote = json.dumps(QUOTE)[1:-1]  # as a YAML double-quoted string
    annotations = {"hostile-a": ANNOTATION_A.replace("QUOTE", quote), "hostile-b": ANNOTATION_B}
    try:
        for key, fields in SOURCES.items():
            path = tmp_path / f"{key}.txt"
            path.write_bytes(DOCUMENT.format(**fields).encode("utf-8"))
            (tmp_path / f"{key}.yaml").write_text(annotations[key], encoding="utf-8")
            document = parse_document(path)
            contribution = load_annotation_file(tmp_path / f"{key}.yaml", document)
            with engine.begin() as conn:
                load(conn, document, contribution, added_at="2024-01-01T00:00:00Z")
    finally:
        engine.dispose()
    return db_copy


TEXT_COMMANDS = [
    ("timeline", "--policy", "hostile-policy"),
    ("timeline", "--policy", "hostile-policy", "--policy", "apl", "--since", "2021", "--until", "2022"),
    ("state", "hostile-policy"),
    ("state", "hostile-policy", "--at", "2022-01-01"),
    ("conflicts", "--policy", "hostile-policy"),
    ("search", "Hostile"),
    ("show", "policy", "hostile-policy"),
    ("show", "actor", "hostile-actor"),
    ("show", "event", "hostile-event"),
    ("show", "source", "hostile-a"),
    ("policies",),
    ("actors",),
    ("sources",),
]


def _lines(out: str) -> list[str]:
    return out.split("\n")


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_text_output_shows_controls_and_forges_no_lines(hostile: str, command: tuple[str, ...]) -> None:
    out = ok(*command).stdout
    assert "Hostile" in out or "hostile" in out
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out))
    assert "\\x1b" in out  # shown, not sent
    lines = _lines(out)
    assert not any(line.startswith(("[3] Forged", "[4] Forged", "## Sources")) for line in lines)
    assert sum(line == "Sources" for line in lines) <= 1


def _unescaped(markdown: str) -> str:
    """Markdown with its backslash escapes taken out: what is left is what a renderer reads."""
    return re.sub(r"\\[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]", "", markdown)


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_markdown_output_makes_no_html_and_no_links_but_http(hostile: str, command: tuple[str, ...]) -> None:
    out = ok(*command, "--format", "markdown").stdout
    assert not RAW_CONTROL.search(out)
    read = _unescaped(out)
    autolinks = re.findall(r"<([^<>]*)>", read)
    assert all(re.fullmatch(r"https?://[^\s<>]+", link) for link in autolinks), autolinks
    without_links = re.sub(r"<https?://[^\s<>]+>", "", read)
    assert "<" not in without_links  # no raw HTML: every < is escaped
    assert "](" not in read and "![" not in read  # no inline link or image
    assert "javascript:" not in "".join(autolinks)
    assert sum(line == "## Sources" for line in _lines(out)) <= 1
    assert not any(line.startswith(("[3] Forged", "[4] Forged")) for line in _lines(out))


def test_markdown_keeps_the_text_readable(hostile: str) -> None:
    out = ok("timeline", "--policy", "hostile-policy", "--format", "markdown").stdout
    assert "\\<img src=x onerror=alert(10)\\>" in out  # escaped, so shown as typed
    assert "\\_em\\_ \\*b\\*" in out
    assert "statement" in out and "news\\_article" not in out  # intraword _ left alone
    apl = ok("timeline", "--policy", "apl", "--format", "markdown").stdout
    assert "<https://bidenwhitehouse.archives.gov/" in apl  # http(s) URLs stay links


CSV_COMMANDS = [
    ("timeline", "--policy", "hostile-policy"),
    ("state", "hostile-policy"),
    ("state", "hostile-policy", "--at", "2022-01-01"),
    ("conflicts", "--policy", "hostile-policy"),
    ("search", "Hostile"),
    ("show", "source", "hostile-a"),
    ("policies",),
    ("actors",),
    ("sources",),
]


@pytest.mark.parametrize("command", CSV_COMMANDS, ids=" ".join)
def test_csv_cells_never_start_a_formula_and_keep_the_rest_verbatim(hostile: str, command: tuple[str, ...]) -> None:
    out = ok(*command, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) > 1
    cells = [cell for row in rows for cell in row]
    numbers = re.compile(r"-?\d+(\.\d+)?(e-?\d+)?")  # a search rank: a number, not text
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and not numbers.fullmatch(c)]
    raw = {v for fields in SOURCES.values() for v in fields.values()} | {QUOTE}
    for value in raw & {c[1:] for c in cells if c.startswith("'")}:
        assert value.startswith(("=", "+", "-", "@", "\t", "\r")), value  # ' added only before a formula
    if command[0] in ("timeline", "show"):
        assert QUOTE in cells  # verbatim: line breaks and escape sequences kept, the csv module quotes them
        assert "'" + SOURCES["hostile-a"]["author"] not in cells  # authors are not a column here
        assert "'" + SOURCES["hostile-a"]["title"] in cells


def test_csv_cell_changes_only_formula_starts() -> None:
    for text in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert csv_cell(text) == "'" + text
    for text in ("plain", " =1", "a\nb", "'quoted", "", "x=1"):
        assert csv_cell(text) == text
    assert csv_cell(-3.5) == -3.5  # numbers are numbers


JSON_COMMANDS = [c for c in TEXT_COMMANDS if c[0] not in ("policies", "actors", "sources")] + [
    ("policies",), ("actors",), ("sources",), ("timeline", "--policy", "hostile-policy", "--as-of", "2021-12-31"),
]  # fmt: skip


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_is_exact_and_sends_no_control_characters(hostile: str, command: tuple[str, ...]) -> None:
    out = ok(*command, "--format", "json").stdout
    assert not RAW_CONTROL.search(out)
    data = json.loads(out)
    text = json.dumps(data, ensure_ascii=False)
    if command[0] in ("timeline", "show"):
        assert json.dumps(QUOTE, ensure_ascii=False) in text  # the values round-trip exactly


def _citation_keys() -> dict[str, str]:
    return {s["key"]: s["citation_key"] for s in json.loads(ok("sources", "--format", "json").stdout)}


def test_bibtex_escapes_every_special_character(hostile: str) -> None:
    out = ok("sources", "--format", "bibtex").stdout
    keys = _citation_keys()
    entry = out[out.index(f"@misc{{{keys['hostile-a']},") :].split("\n}\n", 1)[0]
    assert not RAW_CONTROL.search(out)
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", entry, re.M))
    assert set(fields) >= {"title", "author", "year"}
    assert "url" not in fields  # javascript: is no link for a PDF viewer to follow
    for name, value in fields.items():
        braces = re.sub(r"\\[{}]", "", value)
        depth = 0
        for char in braces:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, (name, value)
        assert depth == 0, (name, value)
        assert not re.search(r"(?<!\\)[%&$#_~^]", value.replace("\\textasciitilde{}", "").replace("\\textasciicircum{}", "")), (name, value)
        assert "\\input" not in value
    assert "\\textbackslash{}input\\{/etc/passwd\\} \\{\\}\\textasciitilde{}\\textasciicircum{}\\%\\&\\$\\#\\_" in fields["title"]
    b = out[out.index(f"@misc{{{keys['hostile-b']},") :].split("\n}\n", 1)[0]
    url = re.search(r"^  url = \{(.*)\},$", b, re.M)[1]
    assert url == "https://example.org/p?q=%22%3E%3Cscript%3Ealert(5)%3C/script%3E&x=%7By%7D%25zz%5Cback"


def test_csl_json_strings_are_one_line_and_visible(hostile: str) -> None:
    out = ok("sources", "--format", "csl-json").stdout
    assert not RAW_CONTROL.search(out)
    keys = _citation_keys()
    items = {i["id"]: i for i in json.loads(out)}
    a, b = items[keys["hostile-a"]], items[keys["hostile-b"]]
    assert "URL" not in a and b["URL"].startswith("https://example.org/p?q=")
    assert "\n" not in a["title"] and "\\x1b[31mRED" in a["title"]
    assert re.fullmatch(r"[a-z0-9]+", a["id"]), a["id"]


def test_timelinejs_links_only_http_and_escapes_html(hostile: str) -> None:
    data = json.loads(ok("timeline", "--policy", "hostile-policy", "--format", "timelinejs").stdout)
    [event] = data["events"]
    html = event["text"]["text"] + event["text"]["headline"] + event["group"] + data["title"]["text"]["headline"]
    assert "<img" not in html and "<script" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert "javascript:" not in "".join(hrefs)
    assert not RAW_CONTROL.search(json.dumps(data, ensure_ascii=False))


def test_pandoc_markdown_escapes_and_cites_the_citation_keys(hostile: str) -> None:
    out = ok("timeline", "--policy", "hostile-policy", "--format", "markdown", "--cite", "pandoc").stdout
    assert not RAW_CONTROL.search(out)
    read = _unescaped(out)
    assert "<" not in read and "](" not in read
    keys = _citation_keys()
    assert f"@{keys['hostile-a']}, " in out and f"@{keys['hostile-b']}, " in out


def test_the_escaping_functions() -> None:
    assert text_field("a\nb\r\nc\td") == "a b c d"
    assert text_field(ANSI) == "\\x1b[31mRED\\x1b[0m"
    assert text_field(f"{C1_CSI}{BIDI}\udcff") == "\\x9b2J\\u202e\\udcff"
    assert text_field("C:\\Users\\x émoji 😀") == "C:\\Users\\x émoji 😀"  # printable text untouched
    assert md_field("# title") == "\\# title" and md_field("1. x") == "1\\. x"
    assert md_field("news_article _x_") == "news_article \\_x\\_"
    assert md_field(MD_LINK) == "\\[click\\](javascript:alert(3))"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"
    assert md_url("https://example.org/a_b") == "<https://example.org/a_b>"
    assert md_url("https://example.org/a b") == "https://example.org/a b"  # no autolink holds a space
    assert display_width("漢字") == 4 and display_width("e\u0301") == 1


# --- Lists fitted to the terminal -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["policies", "actors", "sources"])
def test_lists_fit_an_80_column_terminal(hostile: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "80")
    out = ok(command).stdout
    lines = out.splitlines()
    assert len(lines) > 2
    assert all(display_width(line) <= 80 for line in lines), max(lines, key=display_width)
    assert "…" in out  # the long cells are cut, not wrapped
    full = ok(command, "--format", "json").stdout
    rows = json.loads(full)
    assert len(lines) == len(rows) + 1  # one line per row: nothing wrapped
    monkeypatch.setenv("COLUMNS", "60")
    assert all(display_width(line) <= 60 for line in ok(command).stdout.splitlines())


@pytest.mark.parametrize("command", ["policies", "actors", "sources"])
def test_lists_not_on_a_terminal_are_never_cut(db_copy: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = ok(command).stdout
    assert "…" not in out
    rows = json.loads(ok(command, "--format", "json").stdout)
    column = "title" if command == "sources" else "name"
    assert all(text_field(r[column]) in out for r in rows)
    monkeypatch.setenv("KB_TERMINAL", "0")
    assert ok(command).stdout == out


# --- Machine output: all or nothing --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "text", "markdown", "timelinejs"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--policy", "policy"), r"^Error: policy 'policy' is ambiguous; candidates: .*us-apl-policy"),
        (("--policy", "no such policy at all"), r"^Error: no policy matches 'no such policy at all'; candidates:"),
        (("--policy", "apl", "--actor", "administration"), r"^Error: actor 'administration' is ambiguous"),
        (("--policy", "apl", "--policy", "policy"), r"^Error: policy 'policy' is ambiguous"),
    ],
)
def test_a_name_that_fails_leaves_stdout_empty(db_copy: str, fmt: str, args: tuple[str, ...], message: str) -> None:
    result = run("timeline", *args, "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(message, fails("timeline", *args, "--format", fmt))
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_a_name_that_fails_writes_no_output_file(db_copy: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    fails("timeline", "--policy", "policy", "--format", "json", "-o", str(target))
    assert not target.exists()


def test_as_of_and_streamed_json_agree(db_copy: str) -> None:
    streamed = ok("timeline", "--policy", "apl", "--format", "json").stdout
    assert json.loads(streamed)["events"]
    empty = ok("timeline", "--policy", "apl", "--since", "2090", "--format", "json").stdout
    assert json.loads(empty) == {"events": []}
    assert ok("timeline", "--policy", "apl", "--since", "2090", "--format", "csv").stdout.count("\n") == 1
