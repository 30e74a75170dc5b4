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


def open_page(browser: Any, path: Path, *, on_dialog: list[str] | None = None) -> tuple[Any, list[str], list[str]]:
    """The page loaded and drawn; console errors (CSP refusals among them) and requests are collected."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
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
    page, errors, _ = open_page(browser, path)
    assert page.locator(ITEMS).count() == len(events)
    assert errors == []
    page.close()
