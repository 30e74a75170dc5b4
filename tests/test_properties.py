"""Property-based tests (hypothesis): the parser, quote matching and dates hold for any input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kb.dates import DateSpec, PartialDate, most_specific
from kb.documents import parse_document
from kb.quotes import find_all, normalize

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
CONTENTS = [(p.name, parse_document(p)) for p in SEEDS]

line_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="<>"), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")
body = st.lists(line_text, min_size=1, max_size=8).map("\n\n".join)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(title=line_text, author=line_text, url=line_text, when=dates, content=body, note=st.none() | line_text,
       summary=st.none() | body, newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())  # fmt: skip
@settings(max_examples=150, deadline=None)
def test_the_parser_round_trips_any_document(tmp_path_factory, title, author, url, when, content, note, summary, newline, bom) -> None:  # noqa: ANN001
    parts = [f"<TITLE>{title}</TITLE>", f"<PUBLISHED_DATE>{when.isoformat()}</PUBLISHED_DATE>", f"<URL>{url}</URL>", f"<AUTHOR>{author}</AUTHOR>"]
    if note is not None:
        parts.append(f"<NOTE>{note}</NOTE>")
    if summary is not None:
        parts += ["<SUMMARY>", summary, "</SUMMARY>"]
    parts += ["<CONTENT>", content, "</CONTENT>", ""]
    raw = "\n".join(parts).replace("\n", newline)
    path = tmp_path_factory.mktemp("doc") / "d.txt"
    path.write_bytes(("\ufeff" if bom else "").encode() + raw.encode("utf-8"))
    doc = parse_document(path)
    assert (doc.title, doc.author, doc.url, doc.note) == (title, author, url, note)
    assert doc.published.iso() == when.isoformat()
    assert normalize(doc.content.value) == normalize(content)
    assert doc.text[doc.content.start : doc.content.end] == doc.content.value
    assert (doc.summary is None) == (summary is None)


@given(data=st.data())
@settings(max_examples=200, deadline=None)
def test_any_passage_of_a_source_with_its_whitespace_changed_is_found_at_its_offsets(data: st.DataObject) -> None:
    _, doc = data.draw(st.sampled_from(CONTENTS))
    text, lo, hi = doc.text, doc.content.start, doc.content.end
    words = [m for m in re.finditer(r"\S+", text[lo:hi])]
    assume(len(words) >= 2)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, min(len(words) - 1, i + 30)))
    start, end = lo + words[i].start(), lo + words[j].end()
    gaps = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \n "]), min_size=j - i, max_size=j - i))
    quote = "".join(w.group() + (gaps[k] if k < len(gaps) else "") for k, w in enumerate(words[i : j + 1]))
    matches = find_all(text, quote, start=lo, end=hi)
    assert any((m.start, m.end) == (start, end) for m in matches)
    for m in matches:
        assert normalize(text[m.start : m.end]) == normalize(quote)


partial_dates = st.builds(
    lambda d, n: PartialDate.parse(d.isoformat()[:n]), dates, st.sampled_from([4, 7, 10])
)
specs = st.builds(lambda d, q: DateSpec(d, None, q), partial_dates, st.sampled_from([None, "on_or_before", "on_or_after", "approximately"]))


@given(st.lists(specs, min_size=1, max_size=6))
def test_ordering_is_total_and_follows_the_calendar(items: list[DateSpec]) -> None:
    ordered = sorted(items, key=DateSpec.sort_key)
    firsts = [s.interval()[0] for s in ordered]
    assert firsts == sorted(firsts)
    keys = [s.sort_key() for s in items]
    assert all((a < b) != (b < a) or a == b for a in keys for b in keys)  # a strict, total order on keys


@given(specs, specs)
def test_overlap_is_symmetric_and_a_date_overlaps_itself(a: DateSpec, b: DateSpec) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(a)


@given(st.lists(specs, min_size=1, max_size=6))
def test_the_chosen_date_is_one_of_the_stated_ones_and_agrees_with_as_many_as_any(items: list[DateSpec]) -> None:
    chosen = most_specific(items)
    assert chosen in items
    agreeing = sum(chosen.overlaps(o) for o in items)
    assert all(agreeing >= sum(s.overlaps(o) for o in items) for s in items)


@given(partial_dates)
def test_text_form_round_trips_and_its_length_is_its_precision(d: PartialDate) -> None:
    assert PartialDate.parse(d.iso()) == d
    assert {4: "year", 7: "month", 10: "day"}[len(d.iso())] == d.precision
    assert str(DateSpec.parse(str(DateSpec(d)))) == d.iso()
