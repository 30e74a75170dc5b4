"""Make docs/timeline.png from the README's own command, in headless Chromium.

    python docs/timeline_png.py            # writes docs/timeline.png

The picture is what `kb timeline --policy apl --format html` gives a reader, not a curated
subset: tests/test_docs.py checks that README_COMMAND is the command the README shows above the
picture. Needs the test dependencies (Playwright) and the distribution's Chromium.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

README_COMMAND = "kb timeline --policy apl --format html -o timeline.html"
WIDTH, HEIGHT = 1400, 1000
ROOT = Path(__file__).resolve().parents[1]


def page_args(target: Path) -> list[str]:
    """README_COMMAND's arguments, writing to target instead of timeline.html."""
    words = shlex.split(README_COMMAND)
    assert words[0] == "kb" and words[-2] == "-o", README_COMMAND
    return [*words[1:-1], str(target)]


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "timeline.html"
        subprocess.run([sys.executable, "-m", "kb", *page_args(page_file)], cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=30000)
            # The whole chart, every event in it (the list below it is left out): a viewport as
            # tall as the chart's bottom edge.
            bottom = page.evaluate("Math.ceil(document.getElementById('chart').getBoundingClientRect().bottom + 16)")
            page.set_viewport_size({"width": WIDTH, "height": max(HEIGHT, bottom)})
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs" / "timeline.png"))
            browser.close()
    print(f"wrote docs/timeline.png ({WIDTH} px wide, the whole chart) from: {README_COMMAND}")


if __name__ == "__main__":
    main()
