from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb.quotes import closest_passage, find_all, normalize


def test_whitespace_differences_are_ignored_and_offsets_are_exact() -> None:
    text = "Intro.\n\nBut some said that the U.S.\n\ndecision to provide mines was wrong."
    [match] = find_all(text, "the U.S. decision to provide mines")
    assert text[match.start : match.end] == "the U.S.\n\ndecision to provide mines"


def test_every_occurrence_is_reported() -> None:
    text = "one official said. Another official said."
    assert [text[m.start : m.end] for m in find_all(text, "official said")] == ["official said"] * 2


def test_search_is_limited_to_a_region() -> None:
    text = "<SUMMARY>a quote here</SUMMARY><CONTENT>the body</CONTENT>"
    start = text.index("the body")
    assert find_all(text, "a quote here", start=start, end=start + 8) == []
    assert len(find_all(text, "a quote here")) == 1


def test_punctuation_is_not_normalised() -> None:
    assert find_all("Kyiv\u2019s defenses", "Kyiv's defenses") == []


def test_closest_passage_points_near_the_intended_text() -> None:
    text = "Alpha beta gamma. The United States announced today that it will not produce mines. Omega."
    near = closest_passage(text, "The United States announced yesterday that it will not produce mines")
    assert "announced today" in text[near.start : near.end]


words = st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1, max_size=8)
spaces = st.sampled_from([" ", "\n", "\n\n", "  ", "\t", " \n "])


@given(st.lists(words, min_size=1, max_size=12), st.data())
def test_any_rewrapping_of_a_passage_is_found_exactly(tokens: list[str], data: st.DataObject) -> None:
    original = "".join(tok + data.draw(spaces) for tok in tokens).rstrip()
    text = "PREFIX\n" + original + "\nSUFFIX"
    quote = " ".join(tokens)
    matches = find_all(text, quote)
    assert matches, "a re-wrapped passage must be found"
    assert any(normalize(text[m.start : m.end]) == normalize(quote) for m in matches)
    for m in matches:
        assert not text[m.start].isspace() and not text[m.end - 1].isspace()
