"""The tagged source-document format: parse and validate.

    <TITLE>…</TITLE> <PUBLISHED_DATE>YYYY-MM-DD</PUBLISHED_DATE> <URL>…</URL> <AUTHOR>…</AUTHOR>
    optional <NOTE>, <SUMMARY>, <HIGHLIGHTS>, then <CONTENT>…</CONTENT>

The text is kept exactly as in the file (a UTF-8 byte-order mark aside, line endings
untouched), so character offsets into it are stable; the SHA-256 is of the file's bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kb.dates import PartialDate
from kb.errors import DateError, DocumentError

REQUIRED_TAGS = ("TITLE", "PUBLISHED_DATE", "URL", "AUTHOR", "CONTENT")
OPTIONAL_TAGS = ("NOTE", "SUMMARY", "HIGHLIGHTS")
KNOWN_TAGS = REQUIRED_TAGS + OPTIONAL_TAGS
_TAG = re.compile(r"<(/?)(" + "|".join(KNOWN_TAGS) + r")>")
_BOM = "\ufeff"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # a news article or fact sheet is a few KB; 10 MB is a book
# Characters no document needs and a database or a terminal mishandles: NUL (PostgreSQL refuses
# it; SQLite's length() stops at it), the other C0 controls but tab and line breaks, DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Field:
    value: str
    start: int  # offset of the value's first character in Document.text
    end: int
    line: int  # line of the opening tag


@dataclass(frozen=True)
class Document:
    """One parsed source document."""

    path: Path
    text: str
    sha256: str
    fields: dict[str, Field]

    @property
    def key(self) -> str:
        return self.path.stem

    def get(self, tag: str) -> str | None:
        field = self.fields.get(tag)
        return None if field is None else field.value.strip()

    @property
    def title(self) -> str:
        return self.get("TITLE") or ""

    @property
    def url(self) -> str:
        return self.get("URL") or ""

    @property
    def author(self) -> str:
        return self.get("AUTHOR") or ""

    @property
    def note(self) -> str | None:
        return self.get("NOTE")

    @property
    def summary(self) -> str | None:
        return self.get("SUMMARY")

    @property
    def highlights(self) -> str | None:
        return self.get("HIGHLIGHTS")

    @property
    def published(self) -> PartialDate:
        return PartialDate.parse(self.get("PUBLISHED_DATE") or "")

    @property
    def partial(self) -> bool:
        """The document's own note says this copy is not the whole text."""
        return bool(self.note and "partial text" in self.note.lower())

    @property
    def content(self) -> Field:
        return self.fields["CONTENT"]


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text of a document, or a DocumentError naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DocumentError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the document as UTF-8"
        ) from None
    return text[1:] if text.startswith(_BOM) else text


def _too_large(path: Path, size: int) -> DocumentError:
    return DocumentError(
        f"{path}:1: the document is {size / 2**20:.1f} MB; kb takes documents up to "
        f"{MAX_DOCUMENT_BYTES // 2**20} MB (split it, or keep only the passages you cite)"
    )


def _kind_of_file(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):  # fmt: skip
        if test(mode):
            return name
    return "not a regular file"


def read_document_bytes(path: Path) -> bytes:
    """A document's bytes: a regular file of at most MAX_DOCUMENT_BYTES, checked before it is opened
    (opening a FIFO would wait forever for a writer; a device never ends)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(f"{path}: is {_kind_of_file(info.st_mode)}, not a document file")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise _too_large(path, info.st_size)
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise DocumentError(f"{path}: is not a regular file, not a document file")
            data = file.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read the document: {exc.strerror}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(path, len(data))
    return data


def check_storable(document: Document) -> None:
    """Refuse text a database would reject or a terminal would obey: control characters in any field."""
    m = _CONTROL.search(document.text)
    if m is None:
        return
    where = next((f"in <{name}>" for name, f in document.fields.items() if f.start <= m.start() < f.end), "outside the tags")
    line = line_of(document.text, m.start())
    column = m.start() - document.text.rfind("\n", 0, m.start())
    raise DocumentError(
        f"{document.path}:{line}: control character U+{ord(m.group()):04X} {where} (column {column}); "
        "kb takes text without control characters (tabs and line breaks aside): remove it"
    )


def parse_document(path: Path | str, data: bytes | None = None) -> Document:
    """Read and validate a tagged document; errors name the file, the line and the problem."""
    path = Path(path)
    if data is None:
        data = read_document_bytes(path)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(path, len(data))
    text = decode(data, path)
    fields: dict[str, Field] = {}
    open_tag: tuple[str, int, int] | None = None  # name, value start, tag offset
    for match in _TAG.finditer(text):
        closing, name = match.group(1) == "/", match.group(2)
        line = line_of(text, match.start())
        if not closing:
            if open_tag is not None:
                if open_tag[0] == "CONTENT":
                    continue  # content may quote anything, even our tag names
                raise DocumentError(
                    f"{path}:{line_of(text, open_tag[2])}: <{open_tag[0]}> is never closed "
                    f"(found <{name}> at line {line} before </{open_tag[0]}>)"
                )
            if name in fields:
                raise DocumentError(
                    f"{path}:{line}: <{name}> appears twice (first at line {fields[name].line})"
                )
            open_tag = (name, match.end(), match.start())
        else:
            if open_tag is None or open_tag[0] != name:
                if open_tag is not None and open_tag[0] == "CONTENT":
                    continue
                raise DocumentError(f"{path}:{line}: </{name}> closes a tag that is not open")
            fields[name] = Field(
                text[open_tag[1] : match.start()],
                open_tag[1],
                match.start(),
                line_of(text, open_tag[2]),
            )
            open_tag = None
    if open_tag is not None:
        raise DocumentError(
            f"{path}:{line_of(text, open_tag[2])}: <{open_tag[0]}> is never closed "
            f"(no </{open_tag[0]}> before the end of the file)"
        )
    for name in REQUIRED_TAGS:
        if name not in fields:
            raise DocumentError(f"{path}:1: required tag <{name}> is missing")
        if not fields[name].value.strip():
            raise DocumentError(f"{path}:{fields[name].line}: <{name}> is empty")
    published = fields["PUBLISHED_DATE"]
    try:
        PartialDate.parse(published.value.strip())
    except DateError as exc:
        raise DocumentError(f"{path}:{published.line}: <PUBLISHED_DATE> {exc}") from None
    return Document(path=path, text=text, sha256=sha256_bytes(data), fields=fields)
