"""Find a quote in a text, ignoring differences in whitespace, and return exact offsets."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    start: int  # offsets into the original text: text[start:end] is the passage
    end: int


class _Normalized:
    """A text with each run of whitespace collapsed to one space, mapped back to the original."""

    def __init__(self, text: str, offset: int = 0) -> None:
        # Word by word rather than character by character: ~10x faster on a long document.
        # `\S` is exactly `not str.isspace()`, so runs and words are as str.split() sees them.
        words: list[str] = []
        positions: list[int] = []
        previous_end = 0
        for word in _WORD.finditer(text):
            start, end = word.span()
            if words:
                positions.append(offset + previous_end)  # the collapsed run, at its first character
            words.append(word.group())
            positions.extend(range(offset + start, offset + end))
            previous_end = end
        self.text = " ".join(words)
        self.positions = positions


_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=4)
def _normalized(text: str, start: int, end: int | None) -> _Normalized:
    """The normalized text[start:end]: an annotation looks every quote up in the same document."""
    return _Normalized(text[start:end], offset=start)


def normalize(text: str) -> str:
    return " ".join(text.split())


def find_all(text: str, quote: str, *, start: int = 0, end: int | None = None) -> list[Match]:
    """Every occurrence of quote in text[start:end], whitespace-insensitively."""
    needle = normalize(quote)
    if not needle:
        return []
    hay = _normalized(text, start, end)
    found: list[Match] = []
    i = hay.text.find(needle)
    while i != -1:
        last = hay.positions[i + len(needle) - 1]
        found.append(Match(hay.positions[i], last + 1))
        i = hay.text.find(needle, i + 1)
    return found


def closest_passage(text: str, quote: str, *, start: int = 0, end: int | None = None) -> Match:
    """The passage of text[start:end] most like the quote, to show next to a 'not found' error."""
    needle = normalize(quote)
    hay = _normalized(text, start, end)
    if not hay.text:
        return Match(start, start)
    matcher = difflib.SequenceMatcher(None, hay.text, needle, autojunk=False)
    best = matcher.find_longest_match(0, len(hay.text), 0, len(needle))
    # Align the window so the longest common run sits where it sits in the quote.
    first = max(0, best.a - best.b)
    last = min(len(hay.text), first + len(needle)) - 1
    # Widen to whole words, and to the end of the sentence when it is near.
    while first > 0 and not hay.text[first - 1].isspace():
        first -= 1
    stop = min(len(hay.text) - 1, last + 40)
    sentence_end = next((i for i in range(last, stop + 1) if hay.text[i] in ".!?;"), None)
    if sentence_end is not None:
        last = sentence_end
    else:
        while last + 1 < len(hay.text) and not hay.text[last + 1].isspace():
            last += 1
    window_start, window_end = hay.positions[first], hay.positions[max(first, last)] + 1
    return Match(window_start, window_end)
