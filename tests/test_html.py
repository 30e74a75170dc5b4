"""The HTML timeline, checked in a real browser (headless Chromium through Playwright).

Assertions are made on the rendered page, not the HTML source. Without Chromium (the
distribution's `chromium` package) or Playwright, these tests skip with the reason.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ok

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="browser tests skipped: no Chromium (apt-get install chromium)")
APL = "U.S. antipersonnel landmine policy"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
ITEMS = "#chart .vis-item.vis-point, #chart .vis-item.vis-range, #chart .vis-item.vis-box"


def launch() -> Iterator[Any]:
    """Headless Chromium, for as long as the generator runs."""
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def open_page(
    browser: Any, path: Path, *, on_dialog: list[str] | None = None, width: int = 1400, slowdown: float = 1
) -> tuple[Any, list[str], list[str]]:
    """The page loaded and drawn; console errors (CSP refusals among them) and requests are collected.

    slowdown > 1 runs the page's scripts that many times slower (Chromium's CPU throttling), as
    on a busy or slow machine: what the page draws must not depend on how fast it loads.
    """
    page = browser.new_page(viewport={"width": width, "height": 900})
    if slowdown > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    dialogs = on_dialog if on_dialog is not None else errors
    page.on("dialog", lambda d: (dialogs.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    return page, errors, requests


def write(tmp_path: Path, *args: str) -> tuple[Path, list[dict[str, Any]]]:
    target = tmp_path / "t.html"
    ok("timeline", *args, "--format", "html", "-o", str(target))
    events = json.loads(ok("timeline", *args, "--format", "json").stdout)["events"]
    return target, events


def test_every_event_is_drawn_and_opens_its_citations(browser: Any, db_copy: str, tmp_path: Path) -> None:
    path, events = write(tmp_path, "--policy", APL)
    page, errors, requests = open_page(browser, path)
    assert page.locator(ITEMS).count() == len(events)
    # State changes are drawn apart from other events.
    changes = [e for e in events if e["changes_state"]]
    drawn_changes = ", ".join(f"#chart .vis-item.state-change.vis-{k}" for k in ("point", "range", "box"))
    assert page.locator(drawn_changes).count() == len(changes) > 5
    # A year-only date is a bar across its year, not a dot on January 1st.
    assert page.locator("#chart .vis-item.vis-range.precision-year").count() == sum(e["precision"] == "year" for e in events)
    exception = next(e for e in events if e["type"] == "exception")
    page.locator("#chart .vis-item.vis-point", has_text=exception["headline"]).first.click()
    details = page.locator("#details")
    assert details.get_attribute("data-event") == exception["key"]
    quotes = details.locator("blockquote.quote")
    assert quotes.count() == len(exception["citations"])
    assert " ".join(exception["citations"][0]["quote"].split()) in quotes.first.inner_text()
    for cit in exception["citations"]:
        assert details.locator(f'a[href="{cit["source"]["url"]}"]').count() >= 1
    assert errors == []
    assert [r for r in requests if not r.startswith("file:")] == []
    page.close()


def test_filters_and_lanes(browser: Any, db_copy: str, tmp_path: Path) -> None:
    path, events = write(tmp_path, "--policy", APL, "--policy", "Mine Ban Treaty", "--since", "2014", "--until", "2022")
    page, errors, _ = open_page(browser, path)
    assert page.locator(ITEMS).count() == len(events) > 0
    lanes = page.locator("#chart .vis-label").all_inner_texts()
    assert {APL, "Ottawa Convention (Mine Ban Treaty)"} <= {t.strip() for t in lanes}
    assert errors == []
    page.close()


def test_readable_at_hundreds_of_events(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import generate

    db = tmp_path / "many.sqlite"
    generate.generate(db, 6000, progress=False)
    monkeypatch.setenv("KB_DB", str(db))
    path, events = write(tmp_path, "--since", "2022", "--until", "2025")
    assert 300 <= len(events) <= 900
    for width, slowdown in ((1400, 4), (700, 1)):
        page, errors, _ = open_page(browser, path, width=width, slowdown=slowdown)
        assert page.locator(ITEMS).count() == len(events)
        assert_readable(page, len(events), width)
        assert errors == []
        page.close()
    page.close()


# --- Readable: geometry, not presence ---------------------------------------------------------------

# For every drawn item: the box around its marker (dot or bar) and its label, whether that box lies
# inside the chart's drawing area, and whether the label is whole (or at least 8em when a long
# timeline keeps labels to one line).
GEOMETRY = """() => {
  const c = document.querySelector('#chart .vis-panel.vis-center').getBoundingClientRect();
  const boxes = [...document.querySelectorAll('#chart .vis-item.vis-point, #chart .vis-item.vis-range')].map(item => {
    const label = item.querySelector('.label'), a = item.getBoundingClientRect(), b = label.getBoundingClientRect();
    const box = {x0: Math.min(a.left, b.left), x1: Math.max(a.right, b.right), y0: Math.min(a.top, b.top), y1: Math.max(a.bottom, b.bottom)};
    const em = parseFloat(getComputedStyle(label).fontSize);
    return {...box, id: +label.dataset.item, text: label.textContent,
            inside: box.x0 >= c.left - 1 && box.x1 <= c.right + 1 && box.y0 >= c.top - 1 && box.y1 <= c.bottom + 1,
            readable: label.scrollWidth <= label.clientWidth + 1 || label.clientWidth >= 8 * em};
  });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) { overlaps.push([a.text, b.text]); }
  }));
  const lanes = Math.max(0, ...[...document.querySelectorAll('#chart .vis-labelset .vis-label')].map(l => l.getBoundingClientRect().width));
  return {boxes, overlaps, lanes};
}"""


def assert_readable(page: Any, count: int, width: int) -> dict[str, Any]:
    geometry = page.evaluate(GEOMETRY)
    boxes = geometry["boxes"]
    assert sorted(b["id"] for b in boxes) == list(range(count))  # every item drawn in the first view
    assert [b["text"] for b in boxes if not b["inside"]] == []
    assert geometry["overlaps"] == []
    assert [b["text"] for b in boxes if not b["readable"]] == []
    assert geometry["lanes"] <= 0.2 * width
    return geometry


@pytest.mark.parametrize("width", [1400, 700])
def test_the_readme_timeline_is_readable(browser: Any, db_copy: str, tmp_path: Path, width: int) -> None:
    path, events = write(tmp_path, "--policy", APL)
    page, errors, _ = open_page(browser, path, width=width)
    boxes = {b["id"]: b for b in assert_readable(page, len(events), width)["boxes"]}
    # Labels are whole at this size: no ellipsis.
    assert page.evaluate("[...document.querySelectorAll('#chart .label')].every(l => l.scrollWidth <= l.clientWidth + 1)")
    # Empty stretches are compressed: the widest gap between two events takes less room than its
    # share of the whole span would give it.
    years = [int(e["date"][:4]) for e in events]
    gaps = sorted(((years[i + 1] - years[i], i) for i in range(len(years) - 1)), reverse=True)
    gap, i = gaps[0]
    if gap > 3:
        first, last = years.index(min(years)), years.index(max(years))
        share = gap / (max(years) - min(years))
        assert boxes[i + 1]["x0"] - boxes[i]["x0"] < 0.5 * share * (boxes[last]["x0"] - boxes[first]["x0"])
    assert errors == []
    page.close()


# Zoomed in around the middle event, bars are wider than the chart and most items are off-screen.
ZOOM = """zoom => new Promise(done => {
  const t = kbTimeline, w = t.getWindow(), events = JSON.parse(document.getElementById('kb-data').textContent).events;
  const middle = +new Date(events[Math.floor(events.length / 2)].start), half = (w.end - w.start) / zoom / 2;
  t.once('changed', done);
  t.setWindow(new Date(middle - half), new Date(middle + half), {animation: false});
})"""


@pytest.mark.parametrize("zoom", [1, 200])
def test_keyboard_reaches_every_event_and_enter_shows_its_citations(
    browser: Any, db_copy: str, tmp_path: Path, zoom: int
) -> None:
    path, events = write(tmp_path, "--policy", APL)
    page, errors, _ = open_page(browser, path, width=700)
    if zoom > 1:
        page.evaluate(ZOOM, zoom)
    page.keyboard.press("Tab")
    focused = "() => document.activeElement.closest('#chart [data-item]') && +document.activeElement.dataset.item"
    first = page.evaluate(focused)
    assert first is not None
    seen = {first}
    in_view = """id => { const l = document.querySelector(`#chart [data-item="${id}"]`), c = document.querySelector('#chart .vis-panel.vis-center');
      if (!l) { return false; }
      const r = l.getBoundingClientRect(), b = c.getBoundingClientRect();
      return document.activeElement === l && r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1
        && r.bottom <= b.bottom + 1 && r.top >= 0 && r.bottom <= innerHeight; }"""

    def go(target: int) -> None:
        current = page.evaluate(focused)
        while current != target:
            step = 1 if target > current else -1
            page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
            current += step
            page.wait_for_function(in_view, arg=current)  # focused, and within the chart and the screen
            seen.add(current)

    go(0)
    go(len(events) - 1)
    assert seen == set(range(len(events)))
    data = page.evaluate("JSON.parse(document.getElementById('kb-data').textContent).events")
    for target in (0, len(events) // 2):
        go(target)
        page.keyboard.press("Enter")
        details = page.locator("#details")
        assert details.get_attribute("data-event") == data[target]["key"]
        assert details.locator("blockquote.quote").count() == len(data[target]["citations"]) > 0
    assert errors == []
    page.close()
