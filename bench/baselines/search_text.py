"""Baseline for `kb search WORD` (text, one word): the variant lookup, the two FTS5 queries, the
hits' events and the passages around each match with the events citing them, rendered as kb
renders them: sqlite3 + click, the same bytes. (A word with variants is refused: the benchmark's
words have none.)"""

from __future__ import annotations

import re
import sys

import click
from common import connect, events, fail, field, label

# The phrases holding the word (declared terms and their variants, names with aliases, aliases):
# one scan, as kb's variant lookup does; a word that is one of them has variants.
VARIANTS = (
    "SELECT phrase FROM (SELECT term AS phrase FROM term_variants UNION ALL SELECT variant FROM term_variants "
    "UNION ALL SELECT p.name FROM policies p WHERE EXISTS (SELECT 1 FROM policy_aliases a WHERE a.policy_id = p.id) "
    "UNION ALL SELECT alias FROM policy_aliases "
    "UNION ALL SELECT x.name FROM actors x WHERE EXISTS (SELECT 1 FROM actor_aliases a WHERE a.actor_id = x.id) "
    "UNION ALL SELECT alias FROM actor_aliases) WHERE lower(phrase) LIKE ?"
)
OPEN, CLOSE, MARK_A, MARK_B = "\u00ab", "\u00bb", "\x02", "\x03"
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9\u201d\u2019\"')\]][.!?])\s+"
    r"|(?<=[a-z0-9\u201d\u2019\"')\]][;:])\s*\n\s*"
    r"|(?<=[\u201d\"])\s*\n\s*"
    r"|(?<=[a-z])\n\s*\n\s*(?=[A-Z])"
    r"|\n(?=\s*[-\u2022])"
)


def join_marks(marked: str) -> str:
    return re.sub(f"{CLOSE}(\\s+){OPEN}", r"\1", marked)


def passages(marked: str, lo: int, hi: int, cites: list[tuple[int, int, str, str]]) -> list[tuple[str, list[str]]]:
    plain, spans, length, start = [], [], 0, 0
    for part in re.split(f"([{MARK_A}{MARK_B}])", marked):
        if part == MARK_A:
            start = length
        elif part == MARK_B:
            spans.append((start, length))
        else:
            plain.append(part)
            length += len(part)
    text = "".join(plain)
    bounds: list[tuple[int, int]] = []
    windows: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if not (lo <= s and e <= hi):
            continue
        if len(bounds) == 3 and e > bounds[-1][1]:
            break
        w_lo, w_hi = max(lo, s - 500), min(hi, e + 500)
        left, right = w_lo, w_hi
        for m in _SENTENCE_END.finditer(text, w_lo, w_hi):
            if m.end() <= s:
                left = m.end()
            elif m.start() >= e:
                right = m.start()
                break
        window = (left, max(right, e))
        if bounds and window == bounds[-1]:
            windows[-1].append((s, e))
        elif len(bounds) < 3:
            bounds.append(window)
            windows.append([(s, e)])
    out = []
    for (w_lo, w_hi), found in zip(bounds, windows):
        pieces, cursor = [], w_lo
        for s, e in found:
            pieces += [text[cursor:s], OPEN, text[s:e], CLOSE]
            cursor = e
        pieces.append(text[cursor:w_hi])
        supports = dict.fromkeys(f"{d} {k}" for c_lo, c_hi, k, d in cites if any(c_lo < e and s < c_hi for s, e in found))
        out.append((join_marks(" ".join("".join(pieces).split())), list(supports)))
    return out


@click.command()
@click.argument("word")
@click.option("--db", required=True)
def main(word: str, db: str) -> None:
    write_search(connect(db), word, sys.stdout)


def write_search(conn: object, word: str, out: object) -> None:  # noqa: C901
    """What `kb search WORD` prints (bench/run.py calls it in process too)."""
    tokens = tuple(_TOKEN.findall(word.lower()))
    if len(tokens) != 1:
        fail("this baseline searches for one word")
    for (phrase,) in conn.execute(VARIANTS, (f"%{tokens[0]}%",)):
        if tuple(_TOKEN.findall(phrase.lower())) == tokens:
            fail(f"{word!r} has variants: this baseline searches for words without any")
    fts = f'"{tokens[0]}"'
    hits = conn.execute(
        "SELECT rowid, highlight(events_fts, 0, ?, ?), highlight(events_fts, 1, ?, ?) FROM events_fts "
        "WHERE events_fts MATCH ? ORDER BY rank LIMIT 20", (OPEN, CLOSE, OPEN, CLOSE, fts)).fetchall()  # fmt: skip
    found = conn.execute(
        "SELECT rowid, highlight(sources_fts, 1, ?, ?) FROM sources_fts WHERE sources_fts MATCH ? ORDER BY rank LIMIT 20",
        (MARK_A, MARK_B, fts)).fetchall()  # fmt: skip
    ids = [h[0] for h in hits]
    by_id = dict(zip(
        [r[0] for r in conn.execute(f"SELECT id FROM events WHERE id IN ({','.join('?' * len(ids))}) ORDER BY sort_key, key", ids)],
        events(conn, f"e.id IN ({','.join('?' * len(ids))})", tuple(ids)),
    ))  # fmt: skip
    source_ids = [f[0] for f in found]
    marks = ",".join("?" * len(source_ids))
    refs = {r[0]: r[1:] for r in conn.execute(
        f"SELECT id, title, url, published, partial, content_start, content_end FROM sources WHERE id IN ({marks})", source_ids)}  # fmt: skip
    cites: dict[int, list[tuple[int, int, str, str]]] = {}
    for sid, lo, hi, key, date, qualifier, end in conn.execute(
        "SELECT c.source_id, c.start_offset, c.end_offset, e.key, e.date, e.qualifier, e.date_end FROM citations c "
        f"JOIN events e ON e.id = c.event_id WHERE c.source_id IN ({marks}) ORDER BY c.source_id, c.start_offset", source_ids):  # fmt: skip
        cites.setdefault(sid, []).append((lo, hi, key, label(date, qualifier, end)))
    n_e, n_s = len(hits), len(found)
    out.write(f"Search '{field(word)}': {n_e} event{'' if n_e == 1 else 's'}, {n_s} source{'' if n_s == 1 else 's'}\n\n")
    if not hits and not found:
        out.write("Nothing matches.\n")
        return
    if hits:
        out.write("Events\n")
        for rowid, headline, stance in hits:
            e = by_id[rowid]
            match = join_marks(headline if OPEN in headline else (stance or headline))
            out.write(f"  {label(e['date'], e['qualifier'], e['end'])}  {field(e['type'])}  {field(e['key'])}: {field(match)}\n")
        out.write("\n")
    if found:
        out.write("Passages\n")
        for n, (sid, marked) in enumerate(found, start=1):
            title, url, published, partial, lo, hi = refs[sid]
            out.write(f"[{n}] {field(title)} · {field(published)}{' · partial text' if partial else ''}\n    {field(url)}\n")
            shown = passages(marked, lo, hi, cites.get(sid, []))
            if not shown:
                out.write("    (matches only the title or the editorial summary)\n")
            for text, supports in shown:
                out.write(f"    {field(text)}\n      supports: {field('; '.join(supports)) or 'no event cites this passage'}\n")
            out.write("\n")


if __name__ == "__main__":
    main()
