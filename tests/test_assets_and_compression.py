"""Fingerprinted theme files and precompressed copies (make publish; docs/caching.md)."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from sitebuild import DEMO_CONTENT, ROOT, build_site, soup_of

FINGERPRINTED = re.compile(r"^/theme/(css|js)/[\w-]+\.[0-9a-f]{10}\.(css|js)$")


def test_pages_link_theme_files_by_a_name_that_changes_with_their_bytes(demo_output):
    soup = soup_of(demo_output / "index.html")
    linked = [tag.get("href") or tag.get("src") for tag in soup.select('link[rel="stylesheet"], script[src]')]
    theme = [href for href in linked if href.startswith("/theme/")]
    assert theme and all(FINGERPRINTED.match(href) for href in theme), theme
    for href in theme:
        name = href.removeprefix("/")
        plain = re.sub(r"\.[0-9a-f]{10}(\.\w+)$", r"\1", name)
        # The copy has exactly the bytes of the theme file it names.
        assert (demo_output / name).read_bytes() == (ROOT / "theme" / "static" / plain.removeprefix("theme/")).read_bytes()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The demo built with publishconf.py's compression settings, in one language."""
    output = tmp_path_factory.mktemp("published") / "output"
    return build_site(DEMO_CONTENT, output, PORTAL_LANGUAGES=["nb"],
                      PLUGINS=["portal_site", "portal_feeds", "portal_search", "portal_exports",
                               "portal_sitemap", "portal_submission_form", "portal_theme", "portal_assets",
                               "pelican.plugins.precompress"],
                      PRECOMPRESS_GZIP=True, PRECOMPRESS_BROTLI=True, PRECOMPRESS_OVERWRITE=True,
                      PRECOMPRESS_TEXT_EXTENSIONS={".html", ".css", ".js", ".json", ".xml", ".ics", ".txt"})


def test_publish_writes_gzip_and_brotli_copies_with_the_same_bytes(published):
    for name in ("index.html", "kalender.ics", "events.json", "sitemap.xml", "rss/nye-arrangementer.xml"):
        original = (published / name).read_bytes()
        assert gzip.decompress((published / (name + ".gz")).read_bytes()) == original, name
        assert brotli.decompress((published / (name + ".br")).read_bytes()) == original, name
    css = next((published / "theme" / "css").glob("portal.*.css"))
    assert brotli.decompress(css.with_name(css.name + ".br").read_bytes()) == css.read_bytes()
    # No time stamp inside: gzip's MTIME field is zero, so a rebuild gives the same bytes.
    assert (published / "index.html.gz").read_bytes()[4:8] == b"\0\0\0\0"
