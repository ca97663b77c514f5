"""Save a screenshot of the dashboard (with an event card open) to docs/screenshot-dashboard.png.

Usage: python scripts/screenshot.py [--db sitroom-demo.db] [--out docs/screenshot-dashboard.png]
Without --db, the bundled sample corpus is run through the pipeline into a
temporary database first. Uses Debian's Chromium (`make chromium`), offline.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import sitroom
from sitroom.web.app import create_app
from sitroom.web.live import LiveServer

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "sitroom" / "data" / "sample"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


def screenshot(db: str, out: Path, chromium: str = "/usr/bin/chromium") -> None:
    """Serve db on loopback, open the first disputed event (or any) and save a PNG."""
    with LiveServer(create_app(sitroom.open(db))) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=30000)
        rows = page.locator(".event-row:has(.row-contra)")
        if rows.count() == 0:
            rows = page.locator(".event-row")
        if rows.count():
            rows.first.click()
            page.wait_for_selector("#card:not([hidden]) .source")
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    """Parse arguments, build the sample database if needed, take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="existing sitroom database (default: build the sample)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-dashboard.png")
    args = parser.parse_args()
    if args.db:
        screenshot(args.db, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "sample.db")
            sitroom.run([str(SAMPLE)], db=db)
            screenshot(db, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
