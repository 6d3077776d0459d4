"""Shared fixtures: a demo-site build (once per test session) and helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONTENT = ROOT / "content"
DEMO_TODAY = "2026-11-23"


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Build ``content`` with the project's pelicanconf into ``output``; returns ``output``."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "PORTAL_TODAY": DEMO_TODAY,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    """The demo site built with today = 2026-11-23."""
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("demo") / "output")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
