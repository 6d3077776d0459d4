"""Shared fixtures: a demo-site build (once per test session) and helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import DEMO_CONTENT, build_site, soup_of

@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo site built with today = 2026-11-23."""
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("demo") / "output")


@pytest.fixture
def page(demo_output):
    """``page("kalender/uke/2026-48/")`` -> BeautifulSoup of that page of the demo site."""

    def load(url: str) -> BeautifulSoup:
        return soup_of(demo_output / url / "index.html" if not url.endswith(".html") else demo_output / url)

    return load


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the demo content, for tests that add or break files."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target
