"""Pelican plugin: static search with Pagefind, run at the end of every build.

Which pages are indexed, and with which filters, is decided in
:mod:`aktivitetsportal.search` and rendered by the theme as
``data-pagefind-*`` attributes. This plugin writes the search page and runs
the Pagefind binary from the ``pagefind`` PyPI package over the output folder
(pages have ``<html lang="nb">``, so Pagefind stems Norwegian words).
Set ``PORTAL_SEARCH = False`` to skip indexing (the search page still works
as a list of links without JavaScript).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from aktivitetsportal.outputs.pagefind_index import normalize_pagefind_index, remove_unused_ui
from aktivitetsportal.outputs.search import indexed_files_glob
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.text.translations import language
from pelican import signals

logger = logging.getLogger(__name__)

#: Left out of the index: the labels of the facts lists (``<dt>Hvor</dt><dd>…``). Pagefind does
#: not separate ``dt``/``dd`` text, so excerpts read "HvorVestre Toten bibliotek"; the labels are
#: the same on every page and nobody searches for them. The values (place, price, category,
#: audience, in the page's language) stay searchable.
EXCLUDE_SELECTORS = ("dl.facts > dt",)


class SearchIndexError(Exception):
    exitcode = 3


def build_search_index(pelican_object) -> None:
    """Run Pagefind over the finished site (``<output>/pagefind/``)."""
    if not pelican_object.settings.get("PORTAL_SEARCH", True):
        return
    output = str(pelican_object.output_path)
    codes = PortalSettings.from_mapping(pelican_object.settings).languages
    prefixes = [language(code, codes[0]).prefix for code in codes]
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", output, "--quiet", "--glob", indexed_files_glob(prefixes),
         *(arg for selector in EXCLUDE_SELECTORS for arg in ("--exclude-selectors", selector))],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    normalize_pagefind_index(Path(output) / "pagefind")
    remove_unused_ui(Path(output) / "pagefind")
    logger.info("Search index written to %s/pagefind", output)


def register():
    signals.finalized.connect(build_search_index)
