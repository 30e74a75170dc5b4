"""The source-migration fast paths write and parse exactly what the plain paths do (no timings here)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, engine_for
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from kb import annotations, loader
from kb.annotations import _compose, _convert, _plain_tree, _Unusual, load_annotation_file
from kb.config import Location, to_url
from kb.db import upgrade
from kb.documents import parse_document
from kb.quotes import _Normalized

REPO = Path(__file__).resolve().parents[1]


def _tree(value: Any) -> Any:
    """A converted annotation with its line numbers, comparable with ==."""
    if isinstance(value, annotations._Map):
        return ("map", value.line, [(k, value.key_lines[k], _tree(v)) for k, v in value.items()])
    if isinstance(value, annotations._List):
        return ("list", value.line, [_tree(v) for v in value])
    return value


def _slow(text: str) -> Any:
    node = _compose(text, origin="x")
    return None if node is None else _tree(_convert(node))


def _embedded_annotations() -> list[str]:
    """Every annotation the shipped source migrations embed, and every annotation file in seeds/."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.yaml"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.yaml"))]
    for path in sorted((REPO / "migrations" / "versions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.startswith("ANNOTATION_") for t in node.targets):
                texts.append(ast.literal_eval(node.value))
    return texts


def test_the_one_pass_parse_gives_the_two_pass_tree_for_every_shipped_annotation() -> None:
    texts = _embedded_annotations()
    assert texts
    for text in texts:
        assert _tree(_plain_tree(text)) == _slow(text)


UNUSUAL = [
    "",  # empty
    "# only a comment\n",
    "just text\n",
    "- a list\n- at the root\n",
    "a: 1\na: 2\n",  # a key twice
    "? [a, b]\n: c\n",  # a list as a key
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # not valid YAML
    "a:" + " [" * 40 + " ]" * 40 + "\n",  # nested deeper than the bound
]


@pytest.mark.parametrize("text", UNUSUAL)
def test_anything_unusual_goes_the_two_pass_way(text: str) -> None:
    with pytest.raises(_Unusual):
        _plain_tree(text)


_scalars = st.one_of(
    st.sampled_from(["", "~", "null", "Null", "NULL", "true", "1", "2024-01-01", "'quoted'", '"x"', "!!str null", "!!null x", "a b", "é"]),
    st.text(alphabet="abc xyz:-#'\"", max_size=8),
)
_yaml_values = st.recursive(
    _scalars.map(lambda s: s),
    lambda children: st.one_of(
        st.lists(children, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["a", "b", "key", "~", "1"]), children, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["source", "events", "k", "null", "x y"]), _yaml_values, min_size=1, max_size=4))
def test_the_one_pass_parse_agrees_with_the_two_pass_parse_on_any_flow_yaml(fields: dict[str, str]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in fields.items())
    try:
        slow: Any = _slow(text)
    except Exception as exc:  # noqa: BLE001 (whatever the two-pass path says, the one-pass path defers to it)
        slow = type(exc)
    try:
        fast: Any = _tree(_plain_tree(text))
    except _Unusual:
        return  # the two-pass path decides
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000ab.é"), max_size=40), st.integers(0, 5))
def test_normalizing_word_by_word_is_normalizing_character_by_character(text: str, offset: int) -> None:
    chars: list[str] = []
    positions: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and chars:
                chars.append(" ")
                positions.append(offset + i)
            in_space = True
        else:
            chars.append(ch)
            positions.append(offset + i)
            in_space = False
    if chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    normalized = _Normalized(text, offset)
    assert (normalized.text, normalized.positions) == ("".join(chars), positions)


def _statements_loading_alpha(engine: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many statements the loader sends (an executemany counts once) to load the alpha fixture."""
    doc = parse_document(FIXTURES / "alpha.txt")
    contribution = load_annotation_file(FIXTURES / "alpha.yaml", doc)
    sent: list[str] = []
    call = loader._Cursor._call

    def counted(self: Any, method: str, sql: str, params: Any) -> Any:
        sent.append(sql)
        return call(self, method, sql, params)

    with monkeypatch.context() as patch:
        patch.setattr(loader._Cursor, "_call", counted)
        with engine.begin() as conn:
            loader.load(conn, doc, contribution, added_at="2026-01-01T00:00:00+00:00")
    return len(sent)


def test_statements_per_source_do_not_grow_with_the_knowledge_base(isolated_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same source costs the same statements whether the knowledge base is empty or holds
    hundreds of other actors and policies: nothing is looked up row by row across the tables."""
    upgrade(Location(to_url(isolated_db), REPO, "--db"), "0001")
    engine = engine_for(isolated_db)
    try:
        into_empty = _statements_loading_alpha(engine, monkeypatch)
        with engine.begin() as conn:
            loader.unload(conn, "alpha")
            loader.insert_rows(conn, loader.actors, [
                dict(key=f"other-{i}", name=f"Other {i}", kind="person", description=None) for i in range(300)
            ])  # fmt: skip
            loader.insert_rows(conn, loader.policies, [
                dict(key=f"other-policy-{i}", name=f"Other policy {i}", owner_id=None, description=None) for i in range(300)
            ])  # fmt: skip
        into_larger = _statements_loading_alpha(engine, monkeypatch)
    finally:
        engine.dispose()
    assert into_larger == into_empty


def test_a_driver_error_in_the_loaders_statements_is_raised_as_sqlalchemys(isolated_db: str) -> None:
    """The loader runs on the DB-API cursor, yet its errors are SQLAlchemy's (the CLI says them in one line)."""
    upgrade(Location(to_url(isolated_db), REPO, "--db"), "0001")
    engine = engine_for(isolated_db)
    try:
        with pytest.raises(IntegrityError) as raised, engine.begin() as conn:
            loader._Cursor(conn).run("INSERT INTO actors (key, name, kind) VALUES (:k, NULL, 'person')", {"k": "x"})
    finally:
        engine.dispose()
    assert raised.value.orig is not None
