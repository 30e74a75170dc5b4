from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.documents import parse_document
from kb.errors import DocumentError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

GOOD = """<TITLE>A title</TITLE>
<PUBLISHED_DATE>2024-11-19</PUBLISHED_DATE>
<URL>https://example.org/a</URL>
<AUTHOR>Someone</AUTHOR>
<NOTE>Partial text: ends early.</NOTE>

<SUMMARY>
Editorial summary.
</SUMMARY>
<CONTENT>
The body of the document.
</CONTENT>
"""


def write(tmp_path: Path, text: str | bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_every_seed_document_parses() -> None:
    docs = [parse_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(docs) >= 8
    for doc in docs:
        assert doc.title and doc.url.startswith("http") and doc.author
        assert doc.text[doc.content.start : doc.content.end] == doc.content.value
        assert len(doc.sha256) == 64


def test_fields_and_partial_note(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, GOOD))
    assert doc.title == "A title"
    assert doc.published.iso() == "2024-11-19"
    assert doc.partial is True
    assert doc.summary == "Editorial summary."
    assert doc.content.value.strip() == "The body of the document."
    assert doc.key == "doc"


def test_bom_and_crlf_work_and_offsets_stay_exact(tmp_path: Path) -> None:
    raw = ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8")
    doc = parse_document(write(tmp_path, raw))
    assert doc.title == "A title"
    assert not doc.text.startswith("\ufeff")
    assert "\r\n" in doc.text  # kept exactly as in the file
    assert doc.text[doc.content.start : doc.content.end].strip() == "The body of the document."


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: t.replace("<TITLE>A title</TITLE>\n", ""), r"doc.txt:1: required tag <TITLE> is missing"),
        (lambda t: t.replace("<URL>https://example.org/a</URL>", "<URL></URL>"), r"doc.txt:3: <URL> is empty"),
        (lambda t: t.replace("2024-11-19", "2024-02-30"), r"doc.txt:2: <PUBLISHED_DATE> '2024-02-30' is not a date: February 2024 has 29 days"),
        (lambda t: t.replace("</SUMMARY>", ""), r"doc.txt:7: <SUMMARY> is never closed \(found <CONTENT> at line 10"),
        (lambda t: t.replace("</CONTENT>", ""), r"doc.txt:10: <CONTENT> is never closed \(no </CONTENT>"),
        (lambda t: t.replace("The body of the document.", "  "), r"doc.txt:10: <CONTENT> is empty"),
        (lambda t: t + "<TITLE>again</TITLE>\n", r"doc.txt:13: <TITLE> appears twice \(first at line 1\)"),
        (lambda t: t.replace("<AUTHOR>Someone</AUTHOR>", "<AUTHOR>Someone</URL>"), r"doc.txt:4: </URL> closes a tag that is not open"),
    ],
)
def test_malformed_documents_name_file_line_and_problem(tmp_path: Path, mutate, message: str) -> None:  # noqa: ANN001
    with pytest.raises(DocumentError, match=message):
        parse_document(write(tmp_path, mutate(GOOD)))


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    raw = GOOD.encode("utf-8").replace(b"The body", b"The b\xe9dy")
    with pytest.raises(DocumentError, match=r"doc.txt:11: not UTF-8 text \(byte 0xe9"):
        parse_document(write(tmp_path, raw))


def test_content_may_mention_tag_names(tmp_path: Path) -> None:
    doc = parse_document(write(tmp_path, GOOD.replace("The body", "A <TITLE> in the body")))
    assert "<TITLE>" in doc.content.value


text_without_tags = st.text(alphabet=st.characters(blacklist_characters="<>\r", blacklist_categories=["Cs"]), min_size=1).filter(
    lambda s: s.strip() != ""
)


@settings(deadline=None)  # a shared machine's pauses are not a failure; no timed assertions
@given(text_without_tags)
def test_any_content_roundtrips(tmp_path_factory: pytest.TempPathFactory, body: str) -> None:
    path = tmp_path_factory.mktemp("h") / "d.txt"
    path.write_text(GOOD.replace("The body of the document.", body), encoding="utf-8", newline="")
    doc = parse_document(path)
    assert body in doc.content.value
    assert doc.text[doc.content.start : doc.content.end] == doc.content.value


def test_control_characters_are_refused_with_field_line_and_column(tmp_path: Path) -> None:
    from kb.documents import check_storable

    check_storable(parse_document(write(tmp_path, GOOD.replace("The body", "The\tbody"))))  # a tab is text
    cases = {
        "\x00": r"doc.txt:11: control character U\+0000 in <CONTENT> \(column 4\)",
        "\x1b": r"doc.txt:11: control character U\+001B in <CONTENT>",
        "\x7f": r"U\+007F in <CONTENT>",
        "\x85": r"U\+0085 in <CONTENT>",
    }
    for char, message in cases.items():
        doc = parse_document(write(tmp_path, GOOD.replace("The body", f"The{char}body")))
        with pytest.raises(DocumentError, match=message):
            check_storable(doc)
    doc = parse_document(write(tmp_path, GOOD.replace("A title", "A\x07title")))
    with pytest.raises(DocumentError, match=r"doc.txt:1: control character U\+0007 in <TITLE>"):
        check_storable(doc)


def test_only_regular_files_under_the_cap_are_read(tmp_path: Path) -> None:
    from kb.documents import MAX_DOCUMENT_BYTES, read_document_bytes

    with pytest.raises(DocumentError, match=r"is a directory, not a document file"):
        read_document_bytes(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: refused from its size, never read
    with pytest.raises(DocumentError, match=r"big.txt:1: the document is 10.0 MB; kb takes documents up to 10 MB"):
        parse_document(big)
    with pytest.raises(DocumentError, match=r"cannot read the document"):
        parse_document(tmp_path / "missing.txt")
    assert read_document_bytes(write(tmp_path, GOOD)) == GOOD.encode()
