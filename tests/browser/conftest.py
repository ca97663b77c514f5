"""Fixtures for the dashboard's browser tests: a live server on loopback and Debian's Chromium.

Chromium is the system one (/usr/bin/chromium, from `make chromium`), never a
browser downloaded by `playwright install`. Every page is routed so that any
request to a host other than the local server is refused and counted, and
console errors are collected; both must be empty when a test ends.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitroom.web.app import create_app
from sitroom.web.live import LiveServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
TESTS = Path(__file__).resolve().parents[1]


def load_fake_store() -> type:
    """Import tests/fixtures/web/fake_store.py (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "web_fake_store", TESTS / "fixtures" / "web" / "fake_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fake_store_module():
    return load_fake_store()


@pytest.fixture(scope="session")
def fake_server(fake_store_module) -> Iterator[LiveServer]:
    with LiveServer(create_app(fake_store_module.FakeStore())) as server:
        yield server


@pytest.fixture(scope="session")
def sample_server(sample_db) -> Iterator[LiveServer]:
    """The dashboard over the bundled sample corpus run through the real pipeline."""
    import sitroom

    with LiveServer(create_app(sitroom.open(str(sample_db)))) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (run `make chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it must not: console errors, page errors, outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def browser_page(chromium, watch):
    """A fresh page that refuses and records non-loopback requests and console errors."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    yield pg
    context.close()
    assert watch.outside == [], f"requests left the machine: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"
