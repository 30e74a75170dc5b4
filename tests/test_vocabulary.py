"""The vocabulary is kept in kb/vocabulary.py; the database's lookup table must agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import engine_for
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kb.vocabulary import EVENT_TYPES, STATE_CHANGING_TYPES


def test_event_types_table_matches_the_vocabulary(built_db: Path) -> None:
    engine = engine_for(built_db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, changes_state, description FROM event_types ORDER BY position")).all()
    with pytest.raises(IntegrityError, match="a state-changing event needs a stance"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET stance = NULL WHERE type = 'reversed'"))
    engine.dispose()
    assert [(r.name, bool(r.changes_state), r.description) for r in rows] == [
        (t.name, t.changes_state, t.description) for t in EVENT_TYPES
    ]


def test_the_required_state_changes_exist() -> None:
    assert {"adopted", "amended", "reversed", "rescinded", "reinstated", "exception"} <= STATE_CHANGING_TYPES


def test_the_database_refuses_an_unknown_event_type(db_copy: str) -> None:
    engine = engine_for(db_copy)
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed|foreign key constraint"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET type = 'coup' WHERE id = (SELECT min(id) FROM events)"))
    with pytest.raises(IntegrityError, match="CHECK constraint failed|check constraint"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET date = '2022-06-21', precision = 'year' WHERE id = (SELECT min(id) FROM events)"))
    with pytest.raises(IntegrityError, match="a state-changing event needs a stance"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE events SET stance = NULL WHERE type = 'reversed'"))
    engine.dispose()
