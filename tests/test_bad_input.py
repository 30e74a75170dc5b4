"""A catalogue of bad input. Each case starts from an already-built knowledge base and must end
with a one-line error saying what is wrong and where, a non-zero exit status, the database
file byte-for-byte unchanged, and no migration written."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import BACKEND, FIXTURES, dump, engine_for, fails, ok, run, sqlite_only
from sqlalchemy.engine import make_url

ALPHA_TXT = (FIXTURES / "alpha.txt").read_text()
ALPHA_YAML = (FIXTURES / "alpha.yaml").read_text()


@pytest.fixture
def root(root_copy: Path, built_db: str, postgres, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: ANN001
    """A scratch knowledge base root whose database is already built."""
    if postgres is not None:
        monkeypatch.setenv("KB_DB", postgres.url_of(postgres.create(template=make_url(built_db).database)))
    else:
        shutil.copyfile(built_db, root_copy / "kb.sqlite")
    return root_copy


def fingerprint(root: Path) -> tuple[object, tuple[str, ...]]:
    """The database file's bytes (SQLite) or every row of every table (PostgreSQL), and migrations/."""
    migrations = tuple(sorted(p.name for p in (root / "migrations" / "versions").glob("*.py")))
    if BACKEND == "sqlite":
        return hashlib.sha256((root / "kb.sqlite").read_bytes()).hexdigest(), migrations
    engine = engine_for(os.environ["KB_DB"])
    try:
        return dump(engine), migrations
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Case:
    name: str
    prepare: Callable[[Path], list[str]]  # writes files, returns the command's arguments
    message: str  # a regular expression the one-line error must match
    code: int = 1


def document(tmp: Path, text: str | bytes, name: str = "doc.txt") -> str:
    path = tmp / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def annotated(annotation: str, text: str = ALPHA_TXT) -> Callable[[Path], list[str]]:
    """Add the alpha document with this annotation, then ask for its migration."""

    def prepare(root: Path) -> list[str]:
        (root / "seeds" / "alpha.txt").write_text(text, encoding="utf-8")
        (root / "seeds" / "alpha.yaml").write_text(annotation, encoding="utf-8")
        return ["source", "migrate", "alpha"]

    return prepare


def new_doc(text: str | bytes, name: str = "doc.txt") -> Callable[[Path], list[str]]:
    return lambda root: ["source", "new", document(root.parent, text, name)]


def cli(*args: str) -> Callable[[Path], list[str]]:
    return lambda root: list(args)


def changed_after_migration(root: Path) -> list[str]:
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT, encoding="utf-8")
    (root / "seeds" / "alpha.yaml").write_text(ALPHA_YAML, encoding="utf-8")
    ok("source", "migrate", "alpha")
    (root / "seeds" / "alpha.txt").write_text(ALPHA_TXT.replace("reckless", "rash"), encoding="utf-8")
    return ["db", "upgrade"]


def second_of_three_bad(root: Path) -> list[str]:
    for name in ("alpha", "beta", "gamma"):
        shutil.copyfile(FIXTURES / f"{name}.txt", root / "seeds" / f"{name}.txt")
        shutil.copyfile(FIXTURES / f"{name}.yaml", root / "seeds" / f"{name}.yaml")
    ok("source", "migrate", "alpha", "beta", "gamma")
    beta = root / "seeds" / "beta.txt"
    beta.write_text(beta.read_text().replace("supports", "backs"))
    return ["db", "upgrade"]


def same_url_as_loaded(root: Path) -> list[str]:
    seed = (root / "seeds" / "2014-09-23_dod_kirby-statement-landmines.txt").read_text()
    (root / "seeds" / "kirby-copy.txt").write_text(seed.replace("Tuesday, September 23, 2014", "Tuesday, 23 September 2014"))
    (root / "seeds" / "kirby-copy.yaml").write_text(
        (root / "seeds" / "2014-09-23_dod_kirby-statement-landmines.yaml")
        .read_text()
        .replace("- key: 2014-09-23-no-use-outside-korea", "- key: kirby-copy-event")
        .replace("- key: 2014-09-23-hagel-supports-apl-changes", "- key: kirby-copy-support")
    )
    return ["source", "migrate", "kirby-copy"]


def twice_in_document(root: Path) -> list[str]:
    doubled = ALPHA_TXT.replace("Critics called", "The Fictional Republic had dropped that policy in 2019.\n\nCritics called")
    return annotated(ALPHA_YAML, doubled)(root)


CASES = [
    # Documents
    Case("missing tag", new_doc(ALPHA_TXT.replace("<URL>https://example.org/news/alpha</URL>\n", "")), r"doc\.txt:1: required tag <URL> is missing"),
    Case("repeated tag", new_doc(ALPHA_TXT + "<TITLE>again</TITLE>\n"), r"doc\.txt:\d+: <TITLE> appears twice \(first at line 1\)"),
    Case("tag never closed", new_doc(ALPHA_TXT.replace("</CONTENT>", "")), r"doc\.txt:6: <CONTENT> is never closed"),
    Case("impossible date", new_doc(ALPHA_TXT.replace("2023-03-01", "2024-02-30")), r"doc\.txt:2: <PUBLISHED_DATE> '2024-02-30' is not a date: February 2024 has 29 days"),
    Case("not UTF-8", new_doc(ALPHA_TXT.encode().replace(b"reckless", b"reck\xe9less")), r"doc\.txt:11: not UTF-8 text \(byte 0xe9"),
    Case("empty content", new_doc(re.sub(r"<CONTENT>.*</CONTENT>", "<CONTENT>\n\n</CONTENT>", ALPHA_TXT, flags=re.S)), r"doc\.txt:6: <CONTENT> is empty"),
    Case("20 MB document", new_doc(ALPHA_TXT.replace("Critics called", "x" * (20 * 2**20) + " Critics called")), r"doc\.txt:1: the document is 20\.0 MB; kb takes documents up to 10 MB"),
    Case("closing tag not open", new_doc(ALPHA_TXT.replace("</AUTHOR>", "</URL>")), r"doc\.txt:4: </URL> closes a tag that is not open"),
    Case("same document as a seed", lambda root: ["source", "new", document(root.parent, (root / "seeds" / "2022-06-21_whitehouse_apl-fact-sheet.txt").read_bytes(), "renamed.txt")], r"the same document is already in seeds/ as 2022-06-21_whitehouse_apl-fact-sheet\.txt"),
    # Annotations
    Case("unknown actor", annotated(ALPHA_YAML.replace("{actor: fictional-republic, role: decided}\n    citations:\n      - quote: The Fictional Republic had", "{actor: somebody, role: decided}\n    citations:\n      - quote: The Fictional Republic had")), r"alpha\.yaml:\d+: event fr-2019-reversal\.actors: unknown actor 'somebody'"),
    Case("unknown policy", annotated(ALPHA_YAML.replace("policies: [fr-mine-policy]", "policies: [fr-other-policy]", 1)), r"alpha\.yaml:\d+: event fr-2019-reversal\.policies: unknown policy 'fr-other-policy'"),
    Case("quote not in the document", annotated(ALPHA_YAML.replace("had dropped that policy in 2019.", "had abandoned that policy in 2019.")), r"alpha\.yaml:\d+: event fr-2019-reversal: quote not found in alpha\.txt <CONTENT>; closest passage \(line 9\)"),
    Case("quote occurs twice", twice_in_document, r"alpha\.yaml:\d+: event fr-2019-reversal: quote occurs 2 times \(lines 9, 11\); add `occurrence: N`"),
    Case("explicit date basis, no date in quote", annotated(ALPHA_YAML.replace("      - quote: The Fictional Republic had dropped that policy in 2019.", "      - quote: The Fictional Republic had dropped that policy")), r"event fr-2019-reversal: basis is 'explicit' but the quote contains no date"),
    Case("date after publication, unmarked", annotated(ALPHA_YAML.replace('date: "2019"', 'date: "2023-03-05"').replace("basis: explicit\n", "basis: context\n", 1)), r"stated date 2023-03-05 is after the document's publication date 2023-03-01"),
    Case("unknown event type", annotated(ALPHA_YAML.replace("type: reversed", "type: coup")), r"alpha\.yaml:\d+: event fr-2019-reversal\.type: unknown value 'coup'"),
    Case("impossible stated date", annotated(ALPHA_YAML.replace('date: "2019"', 'date: "2019-02-29"')), r"citations\[0\]\.date: '2019-02-29' is not a date: February 2019 has 28 days"),
    Case("not reviewed", annotated(ALPHA_YAML.replace("reviewed: true", "reviewed: false")), r"alpha\.yaml: not reviewed yet"),
    Case("invalid YAML", annotated(ALPHA_YAML.replace("events:", "events: [")), r"alpha\.yaml:\d+: not valid YAML"),
    Case("unknown field", annotated(ALPHA_YAML.replace("    headline: Fictional Republic drops", "    heading: x\n    headline: Fictional Republic drops")), r"event fr-2019-reversal\.heading: unknown field"),
    Case("cites an unknown event", annotated(ALPHA_YAML.replace("  - key: fr-restoration\n    type: reinstated\n    headline: Fictional Republic restores its mine policy\n    stance: The Republic does not use mines.\n    policies: [fr-mine-policy]\n", "  - cites: fr-nothing\n")), r"event fr-nothing: `cites:` an event that is not in the knowledge base"),
    Case("redefines an existing event", annotated(ALPHA_YAML.replace("key: fr-2019-reversal", "key: 2020-01-31-trump-reversal")), r"event 2020-01-31-trump-reversal: already defined by source '2020-01-31_dod_landmine-policy-release'"),
    Case("actor declared differently", annotated(ALPHA_YAML.replace("  - key: fictional-republic\n    name: Fictional Republic", "  - key: united-states\n    name: Fictional Republic").replace("fictional-republic", "united-states")), r"actor united-states: already in the knowledge base as 'United States' \(government\), not 'Fictional Republic'"),
    Case("same URL as a loaded source", same_url_as_loaded, r"a source with the same URL is already loaded: '2014-09-23_dod_kirby-statement-landmines'"),
    # Migrations
    Case("document changed after its migration", changed_after_migration, r"alpha\.txt: the document changed since its migration was written"),
    Case("second of three documents bad", second_of_three_bad, r"beta\.txt: the document changed since its migration was written"),
    Case("unknown revision", cli("db", "upgrade", "abc123"), r"Can't locate revision identified by 'abc123'"),
    Case("downgrade to an unknown revision", cli("db", "downgrade", "abc123"), r"Can't locate revision identified by 'abc123'"),
    # Command-line arguments
    Case("malformed --since", cli("timeline", "--since", "2024-02-30"), r"Invalid value for '--since': '2024-02-30' is not a date", code=2),
    Case("malformed --until", cli("timeline", "--until", "last year"), r"Invalid value for '--until': 'last year' is not a date", code=2),
    Case("unknown --format", cli("timeline", "--format", "pdf"), r"Invalid value for '--format': 'pdf' is not one of", code=2),
    Case("unknown --type", cli("timeline", "--type", "coup"), r"Invalid value for '--type': 'coup' is not one of", code=2),
    Case("unknown policy", cli("timeline", "--policy", "landmine polcy"), r"no policy matches 'landmine polcy'; candidates:"),
    Case("ambiguous actor", cli("timeline", "--actor", "administration"), r"actor 'administration' is ambiguous; candidates:"),
    Case("malformed --at", cli("state", "apl", "--at", "2024-13"), r"Invalid value for '--at': '2024-13' is not a date: there is no month 13", code=2),
    Case("malformed search", cli("search", '"Korean Peninsula'), r"unbalanced quote"),
    Case("unknown record kind", cli("show", "treaty", "x"), r"'treaty' is not one of 'policy', 'actor', 'event', 'source'", code=2),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_cleanly_and_changes_nothing(root: Path, case: Case) -> None:
    args = case.prepare(root)
    before = fingerprint(root)
    message = fails(*args, code=case.code)
    assert message.startswith("Error: "), message
    assert re.search(case.message, message), message
    assert "\n" not in message
    assert fingerprint(root) == before, f"{case.name}: the database or migrations/ changed"


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize(
    ("name", "mutate"),
    [
        ("byte-order mark", lambda data: b"\xef\xbb\xbf" + data),
        ("CRLF line endings", lambda data: data.replace(b"\n", b"\r\n")),
        ("both", lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")),
    ],
)
def test_a_bom_and_crlf_work_end_to_end(root: Path, name: str, mutate: Callable[[bytes], bytes]) -> None:
    path = Path(document(root.parent, mutate((FIXTURES / "alpha.txt").read_bytes()), "alpha.txt"))
    ok("source", "new", str(path))
    (root / "seeds" / "alpha.yaml").write_text(ALPHA_YAML, encoding="utf-8")
    ok("source", "migrate", "alpha")
    ok("db", "upgrade")
    assert "Fictional Republic restores its mine policy" in ok("timeline", "--policy", "fr-mine-policy").stdout
    assert "no problems" in ok("verify").stdout


@sqlite_only("tampers through the sqlite3 module, which enforces no foreign keys")
def test_tampering_through_plain_sql_is_caught(root: Path) -> None:
    import sqlite3

    assert "no problems" in ok("verify").stdout
    # Targets found by query, not by id: corrections and new sources renumber rows.
    conn = sqlite3.connect(root / "kb.sqlite")
    first, second = conn.execute(
        "SELECT c.id, e.key, s.key FROM citations c JOIN events e ON e.id = c.event_id "
        "JOIN sources s ON s.id = c.source_id ORDER BY c.id LIMIT 2"
    ).fetchall()
    source_key = conn.execute("SELECT key FROM sources WHERE text LIKE '%Korean%' ORDER BY id LIMIT 1").fetchone()[0]
    single = conn.execute(
        "SELECT e.key FROM events e JOIN citations c ON c.event_id = e.id GROUP BY e.id HAVING count(*) = 1 ORDER BY e.id LIMIT 1"
    ).fetchone()[0]
    link = conn.execute("SELECT min(id) FROM event_actors").fetchone()[0]
    conn.close()
    tamperings = {
        "quote": f"UPDATE citations SET quote = 'X' || substr(quote, 2) WHERE id = {first[0]}",
        "offset": f"UPDATE citations SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE id = {second[0]}",
        "source text": f"UPDATE sources SET text = replace(text, 'Korean', 'Koreen') WHERE key = '{source_key}'",
        "uncited event": f"DELETE FROM citations WHERE event_id = (SELECT id FROM events WHERE key = '{single}')",
        "broken reference": f"UPDATE event_actors SET actor_id = 99999 WHERE id = {link}",
    }
    expected = {
        "quote": f"citation {first[0]} (event {first[1]}, source {first[2]}): the quote is not the source's text",
        "offset": f"citation {second[0]} (event {second[1]}",
        "source text": f"source {source_key}: stored text differs from seeds/",
        "uncited event": f"event {single}: has no citation",
        "broken reference": "event_actors.actor_id: 1 row(s) refer to a missing actors row",
    }
    for name, sql in tamperings.items():
        tampered = root.parent / f"tampered-{len(name)}-{name.replace(' ', '-')}.sqlite"
        shutil.copyfile(root / "kb.sqlite", tampered)
        conn = sqlite3.connect(tampered)  # plain sqlite3: no foreign keys enforced
        with conn:
            conn.execute(sql)
        conn.close()
        result = run("verify", "--db", str(tampered))
        assert result.exit_code == 1, name
        assert expected[name] in result.stdout, (name, result.stdout)
        assert "1 problem" in result.stdout or name == "source text", (name, result.stdout)


@sqlite_only("opens the file with the sqlite3 module (test_vocabulary checks the constraints on every database)")
def test_the_database_refuses_damage_sql_can_describe(root: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(root / "kb.sqlite")
    event = conn.execute("SELECT min(id) FROM events").fetchone()[0]
    citation = conn.execute("SELECT min(id) FROM citations").fetchone()[0]
    damage = {
        "precision": f"UPDATE events SET precision = 'week' WHERE id = {event}",
        "date format": f"UPDATE events SET date = 'June 2022' WHERE id = {event}",
        "offsets": f"UPDATE citations SET start_offset = -1 WHERE id = {citation}",
        "quote length": f"UPDATE citations SET end_offset = end_offset + 5 WHERE id = {citation}",
        "date basis": f"UPDATE citations SET date_basis = 'guess' WHERE id = {citation}",
        "stated date format": f"UPDATE citations SET stated_date = '21/06/2022', stated_precision = 'day' WHERE id = {citation}",
        "stance": "UPDATE events SET stance = NULL WHERE type = 'reinstated'",
    }
    for _name, sql in damage.items():
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
        conn.rollback()
    conn.close()
