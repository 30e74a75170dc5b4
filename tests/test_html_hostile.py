"""`kb timeline --format html` on a knowledge base full of hostile strings (issue 11).

The hostile source goes in the way every source does (a document and its annotation in
seeds/, then `kb source migrate`); the page must run no script of theirs, draw every event,
show their markup as text and link nothing but http(s). The browser half runs in headless
Chromium through Playwright and skips without them; the static checks of the page always run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ok

from kb.html import json_for_script

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
COMMENT = "<!--<script>"
BREAKOUT_URL = f'https://example.org/a" onmouseover="{PWN}" style="position:fixed;top:0;left:0;width:100%;height:100%'
JS_URL = f"javascript:{PWN}"
# Each hostile text as the page must show it, verbatim (U+2028 is whitespace, shown as a space).
HEADLINES = {
    "hostile-year-one": f"{COMMENT} begins {IMG}",
    "hostile-end": f"Ends </script>{SCRIPT} \u2028 {IMG}",
    "hostile-restored": f"Restored {IMG} </ScRiPt >",
}
ACTOR = f"Actor {IMG} \u2028 </script>"
POLICY = f"Policy {COMMENT} {IMG}"


def hostile_document(url: str, n: int) -> str:
    return (
        f"<TITLE>Hostile {n} {SCRIPT}{COMMENT} {IMG} title</TITLE>\n"
        "<PUBLISHED_DATE>2023-03-01</PUBLISHED_DATE>\n"
        f"<URL>{url}</URL>\n"
        f"<AUTHOR>A. {IMG} Reporter</AUTHOR>\n\n<CONTENT>\n"
        f"In the year 1 the Republic {SCRIPT}{COMMENT} began.\n\n"
        f"In 9999 it will end </script> {IMG}\u2028 done.\n\n"
        f"The Republic {IMG} restored {COMMENT} its policy in 2022.\n"
        "</CONTENT>\n"
    )


def hostile_annotation(n: int) -> str:
    """One source's annotation: the first defines the events, the second cites them too."""
    q = json.dumps  # a JSON string is a YAML double-quoted scalar; U+2028 stays an escape
    defs = (
        f"actors:\n  - key: hostile-actor\n    name: {q(ACTOR)}\n    kind: government\n"
        f"policies:\n  - key: hostile-policy\n    name: {q(POLICY)}\n    owner: hostile-actor\n"
    )
    quotes = {
        "hostile-year-one": ("In the year 1 the Republic " + SCRIPT + COMMENT + " began.", "0001", "adopted"),
        "hostile-end": ("In 9999 it will end </script> " + IMG, "9999-12-31", "reversed"),
        "hostile-restored": ("The Republic " + IMG + " restored " + COMMENT + " its policy in 2022.", "2022", "reinstated"),
    }
    define = (
        "  - key: {key}\n    type: {kind}\n    headline: {headline}\n    stance: {stance}\n"
        "    policies: [hostile-policy]\n    actors:\n      - {{actor: hostile-actor, role: decided}}\n"
    )
    events = "".join(
        (define if n == 1 else "  - cites: {key}\n").format(key=key, kind=kind, headline=q(HEADLINES[key]), stance=q("Stance " + SCRIPT + IMG))
        + f"    citations:\n      - quote: {q(quote)}\n        date: {q(date)}\n        basis: context\n"
        f"        attributed_to: {q('officials ' + IMG)}\n"
        + ("        beyond_publication: planned\n" if date > "2023" else "")
        for key, (quote, date, kind) in quotes.items()
    )
    return f"source:\n  kind: news_article\n  publisher: {q('Pub ' + IMG)}\nreviewed: true\n{defs}events:\n{events}"


@pytest.fixture
def hostile_page(root_copy: Path) -> tuple[Path, list[dict[str, Any]]]:
    """The hostile knowledge base added through `kb source migrate`, and its timeline as HTML and JSON."""
    for n, url in ((1, BREAKOUT_URL), (2, JS_URL)):
        (root_copy / "seeds" / f"hostile-{n}.txt").write_text(hostile_document(url, n), encoding="utf-8")
        (root_copy / "seeds" / f"hostile-{n}.yaml").write_text(hostile_annotation(n), encoding="utf-8")
    ok("source", "migrate", "hostile-1", "hostile-2")
    target = root_copy / "hostile.html"
    ok("timeline", "--policy", "hostile-policy", "--format", "html", "-o", str(target))
    events = json.loads(ok("timeline", "--policy", "hostile-policy", "--format", "json").stdout)["events"]
    assert {e["key"] for e in events} == set(HEADLINES)
    return target, events


def script_bodies(page: str) -> list[tuple[str, str]]:
    """Each <script> element's opening tag and text, split the way an HTML parser would."""
    return re.findall(r"(<script[^>]*>)(.*?)</script", page, flags=re.DOTALL | re.IGNORECASE)


def test_the_page_runs_only_its_own_scripts(hostile_page: tuple[Path, list[dict[str, Any]]]) -> None:
    path, events = hostile_page
    page = path.read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.group(1).split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in directives["script-src"] and "'sha256-" in directives["script-src"]
    assert "unsafe" not in directives["style-src"]
    scripts = script_bodies(page)
    # Exactly three elements: the data, vis-timeline and the page's script; the data ends where it should.
    assert [tag for tag, _ in scripts] == ['<script type="application/json" id="kb-data">', "<script>", "<script>"]
    data = scripts[0][1]
    assert re.search(r"<|>|&|\u2028|\u2029", data) is None
    assert {e["key"]: " ".join(e["headline"].split()) for e in json.loads(data)["events"]} == {
        k: " ".join(h.split()) for k, h in HEADLINES.items()
    }
    # Outside the scripts, no hostile markup survives as markup.
    rest = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.DOTALL | re.IGNORECASE)
    assert "<img" not in rest and "<!--" not in rest and "onmouseover=\"" not in rest
    assert "javascript:" not in re.findall(r'href="([^"]*)"', rest)
    assert len(events) == 3


def test_json_for_script_cannot_close_its_element() -> None:
    value = {"s": "</script><!--<script>&\u2028\u2029>"}
    text = json_for_script(value)
    assert re.search(r"[<>&\u2028\u2029]", text) is None
    assert json.loads(text) == value


# --- In a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from test_html import CHROMIUM, launch

    if CHROMIUM is None:
        pytest.skip("browser tests skipped: no Chromium (apt-get install chromium)")
    yield from launch()


def test_no_hostile_script_runs_and_the_chart_draws(browser: Any, hostile_page: tuple[Path, list[dict[str, Any]]]) -> None:
    from test_html import ITEMS, open_page

    path, events = hostile_page
    dialogs: list[str] = []
    page, errors, requests = open_page(browser, path, on_dialog=dialogs)
    assert page.locator(ITEMS).count() == len(events)
    for key, headline in HEADLINES.items():
        shown = " ".join(headline.split())
        assert page.locator("#chart .vis-item-content", has_text=shown).count() == 1, key
        assert page.locator("ol.events li > b", has_text=shown).count() == 1, key
    assert " ".join(page.title().split()) == " ".join(POLICY.split())
    # Every link on the page goes to an http(s) address; the hostile ones are shown as text.
    hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert page.locator("ol.events code.url", has_text=JS_URL).count() == len(events)
    for i, e in enumerate(events):
        # Years 1 and 9999 on one axis leave each item a sliver: bring it into view, then use the mouse.
        page.evaluate("id => window.kbTimeline.focus(id, {animation: false})", i)
        item = page.locator(ITEMS).filter(has_text=" ".join(e["headline"].split()))
        item.hover()
        item.click()
        details = page.locator("#details")
        assert details.locator("img, script, [onmouseover], [style]").count() == 0
        assert all(h.startswith("https://") for h in details.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
        assert details.locator("code.url", has_text=JS_URL).count() >= 1
        assert details.get_by_text(IMG).count() >= 1
    breakout = page.locator("#details a[href]").first
    assert breakout.get_attribute("href") == BREAKOUT_URL
    assert breakout.get_attribute("onmouseover") is None and breakout.get_attribute("style") is None
    breakout.hover()
    for link in page.locator("code.url").all():
        link.click()
    assert page.locator("ol.events img, #chart img, .vis-label img").count() == 0
    assert page.locator(".vis-label", has_text=" ".join(POLICY.split())).count() == 1
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.url == path.as_uri()
    assert errors == []
    assert [r for r in requests if not r.startswith("file:")] == []
    page.close()
