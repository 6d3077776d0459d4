"""Build helpers for tests: build a content folder with the project's settings."""

from __future__ import annotations

from pathlib import Path

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
            # Pelican's content cache as the project has it: on with the portal's cache.
            "CACHE_CONTENT": overrides.get("PORTAL_CACHE", True),
            "LOAD_CONTENT_CACHE": overrides.get("PORTAL_CACHE", True),
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
