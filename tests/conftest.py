"""Shared fixtures: a demo-site build (once per test session) and helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site, soup_of


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo site built with today = 2026-11-23 (by three processes: see test_build)."""
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("demo") / "output", PORTAL_PROCESSES=3)


@pytest.fixture
def page(demo_output):
    """``page("kalender/uke/2026-48/")`` -> BeautifulSoup of that page of the demo site."""

    def load(url: str):
        return soup_of(demo_output / url / "index.html" if not url.endswith(".html") else demo_output / url)

    return load


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the demo content, for tests that add or break files."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def site_url(demo_output):
    """The demo site served over http on 127.0.0.1 (Pagefind needs http, not file://)."""
    from browser import serve

    with serve(demo_output) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, for the whole session."""
    from browser import CHROMIUM_FLAGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser, site_url):
    """A fresh tab that refuses every request that is not to the local test server. Its clock
    starts at noon on the demo's build day: later days are tests/test_freshness.py's."""
    context = browser.new_context(locale="nb-NO")
    context.clock.install(time=f"{DEMO_TODAY}T12:00:00+01:00")
    tab = context.new_page()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", guard)
    tab.outside_requests = outside
    yield tab
    context.close()
    assert outside == [], f"third-party requests: {outside}"
