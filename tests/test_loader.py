"""Loading and unloading sources directly through the loader (what source migrations call)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, dump, engine_for
from sqlalchemy import Engine, text

from kb import loader
from kb.annotations import load_annotation_file
from kb.config import Location, to_url
from kb.db import upgrade
from kb.documents import parse_document
from kb.errors import LoadError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def schema_only(isolated_db: str) -> Iterator[Engine]:
    """A database at the schema revision, with no sources."""
    upgrade(Location(to_url(isolated_db), REPO, "--db"), "0001")
    engine = engine_for(isolated_db)
    yield engine
    engine.dispose()


def load_fixture(engine: Engine, name: str, annotation: Path | None = None) -> None:
    doc = parse_document(FIXTURES / f"{name}.txt")
    contribution = load_annotation_file(annotation or FIXTURES / f"{name}.yaml", doc)
    with engine.begin() as conn:
        loader.load(conn, doc, contribution, added_at="2026-01-01T00:00:00+00:00")


def unload(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        loader.unload(conn, key)


def event_date(engine: Engine, key: str) -> tuple:
    with engine.connect() as conn:
        return tuple(
            conn.execute(
                text("SELECT date, precision, qualifier, first_day, last_day FROM events WHERE key = :k"), {"k": key}
            ).one()
        )


def test_a_later_source_sharpens_the_date_and_unloading_restores_it(schema_only: Engine) -> None:
    load_fixture(schema_only, "alpha")
    assert event_date(schema_only, "fr-restoration") == ("2022", "year", None, "2022-01-01", "2022-12-31")
    before = dump(schema_only)
    load_fixture(schema_only, "beta")
    assert event_date(schema_only, "fr-restoration") == ("2022-06-21", "day", None, "2022-06-21", "2022-06-21")
    unload(schema_only, "beta")
    assert event_date(schema_only, "fr-restoration")[0] == "2022"
    assert dump(schema_only) == before


def test_unloading_everything_leaves_an_empty_knowledge_base(schema_only: Engine) -> None:
    empty = dump(schema_only)
    load_fixture(schema_only, "alpha")
    load_fixture(schema_only, "beta")
    unload(schema_only, "beta")
    unload(schema_only, "alpha")
    assert dump(schema_only) == empty


def test_shared_actor_keeps_its_first_definition_and_gains_aliases(schema_only: Engine) -> None:
    load_fixture(schema_only, "alpha")
    load_fixture(schema_only, "beta")
    with schema_only.connect() as conn:
        aliases = conn.execute(
            text(
                "SELECT alias FROM actor_aliases JOIN actors ON actors.id = actor_id "
                "WHERE actors.key = 'fictional-republic' ORDER BY alias"
            )
        ).scalars().all()
        supports = conn.execute(
            text("SELECT count(*) FROM source_actors JOIN actors ON actors.id = actor_id WHERE key = 'fictional-republic'")
        ).scalar()
    assert aliases == ["FR", "Republic of Fiction", "the Republic"]
    assert supports == 2


def test_the_same_document_twice_is_refused_naming_the_existing_source(schema_only: Engine, tmp_path: Path) -> None:
    load_fixture(schema_only, "alpha")
    copy = tmp_path / "alpha-again.txt"
    copy.write_bytes((FIXTURES / "alpha.txt").read_bytes())
    doc = parse_document(copy)
    contribution = load_annotation_file(FIXTURES / "alpha.yaml", doc)
    with pytest.raises(LoadError, match="a source with the same URL is already loaded: 'alpha'"):
        with schema_only.begin() as conn:
            loader.load(conn, doc, contribution, added_at="x")


def test_redefining_an_event_is_refused(schema_only: Engine, tmp_path: Path) -> None:
    load_fixture(schema_only, "alpha")
    other = tmp_path / "gamma.txt"
    other.write_text(
        (FIXTURES / "alpha.txt").read_text().replace("https://example.org/news/alpha", "https://example.org/g"),
        encoding="utf-8",
    )
    other.write_text(other.read_text() + "\n", encoding="utf-8")  # a different SHA-256
    doc = parse_document(other)
    contribution = load_annotation_file(FIXTURES / "alpha.yaml", doc)
    with pytest.raises(LoadError, match="event fr-2019-reversal: already defined by source 'alpha'; cite it with"):
        with schema_only.begin() as conn:
            loader.load(conn, doc, contribution, added_at="x")
    assert event_date(schema_only, "fr-2019-reversal")[0] == "2019"


def test_citing_an_unknown_event_is_refused_and_nothing_is_written(schema_only: Engine) -> None:
    before = dump(schema_only)
    doc = parse_document(FIXTURES / "beta.txt")
    contribution = load_annotation_file(FIXTURES / "beta.yaml", doc)
    with pytest.raises(LoadError, match="event fr-restoration: `cites:` an event that is not in the knowledge base"):
        with schema_only.begin() as conn:
            loader.load(conn, doc, contribution, added_at="x")
    assert dump(schema_only) == before


def test_quotes_are_stored_exactly_at_their_offsets(schema_only: Engine) -> None:
    load_fixture(schema_only, "alpha")
    load_fixture(schema_only, "beta")
    with schema_only.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.quote, substr(s.text, c.start_offset + 1, c.end_offset - c.start_offset), "
                "c.start_offset >= s.content_start AND c.end_offset <= s.content_end "
                "FROM citations c JOIN sources s ON s.id = c.source_id"
            )
        ).all()
    assert len(rows) == 4
    for quote, at_offsets, inside_content in rows:
        assert quote == at_offsets
        assert inside_content == 1


def test_a_changed_document_is_refused(tmp_path: Path) -> None:
    doc_path = tmp_path / "seeds" / "alpha.txt"
    doc_path.parent.mkdir()
    doc_path.write_bytes((FIXTURES / "alpha.txt").read_bytes())
    entry: loader.SourceEntry = {
        "key": "alpha",
        "document": "seeds/alpha.txt",
        "sha256": "0" * 64,
        "added_at": "x",
        "annotation": (FIXTURES / "alpha.yaml").read_text(),
    }
    with pytest.raises(LoadError, match="the document changed since its migration was written"):
        loader.read_pinned_document(tmp_path, entry)
