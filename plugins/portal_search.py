"""Pelican plugin: static search with Pagefind, run at the end of every build.

Which pages are indexed, and with which filters, is decided in
:mod:`aktivitetsportal.search` and rendered by the theme as
``data-pagefind-*`` attributes. This plugin writes the search page and runs
the Pagefind binary from the ``pagefind`` PyPI package over the output folder
(pages have ``<html lang="nb">``, so Pagefind stems Norwegian words). It starts as soon
as the portal's pages are written and runs beside the rest of the build. With PORTAL_CACHE
the last build's fragments of unchanged pages stay (see
:mod:`aktivitetsportal.outputs.pagefind_index`): Pagefind does not write them again.
Set ``PORTAL_SEARCH = False`` to skip indexing (the search page still works
as a list of links without JavaScript).
"""

from __future__ import annotations

import atexit
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from aktivitetsportal.outputs.output_cache import SEARCH_FILE, OutputCache
from aktivitetsportal.outputs.pagefind_index import (
    BUNDLE,
    bundle_label,
    fragment_urls,
    normalize_pagefind_index,
    page_file,
    referenced_files,
    remove_unreferenced,
    remove_unused_ui,
)
from aktivitetsportal.outputs.search import indexed_files_glob
from aktivitetsportal.settings import PortalSettings, portal_cache_dir
from aktivitetsportal.text.translations import language
from blinker import signal
from pagefind.service import get_executable
from pelican import signals

logger = logging.getLogger(__name__)

#: Left out of the index: the labels of the facts lists (``<dt>Hvor</dt><dd>…``). Pagefind does
#: not separate ``dt``/``dd`` text, so excerpts read "HvorVestre Toten bibliotek"; the labels are
#: the same on every page and nobody searches for them. The values (place, price, category,
#: audience, in the page's language) stay searchable.
EXCLUDE_SELECTORS = ("dl.facts > dt",)


class SearchIndexError(Exception):
    exitcode = 3


#: Pagefind runs, by output folder: started when the portal's pages are written, waited for at
#: the end of the build (feeds and open data are written meanwhile, on the other core).
_RUNNING: dict[str, tuple[subprocess.Popen, object]] = {}
#: The fragments left from the last build for Pagefind, by output folder: {file: page address}.
_LEFT: dict[str, dict[str, str]] = {}
#: Sent by the portal_site plugin when a build starts, and when every page search indexes is
#: written (with ``unchanged``: the output files of those pages the build did not write again).
build_started = signal("portal_build_started")
pages_written = signal("portal_pages_written")


def stop_unfinished_index(generator) -> None:
    """A build that failed after starting Pagefind left it running: stop it before this build
    empties the output folder it writes into."""
    _stop(str(generator.output_path))


@atexit.register
def _stop_all() -> None:
    for output in list(_RUNNING):
        _stop(output)


def _stop(output: str) -> None:
    if output in _RUNNING:
        process, log = _RUNNING.pop(output)
        process.kill()
        process.wait()
        log.close()


def start_search_index(generator, unchanged: frozenset[str] = frozenset()) -> None:
    """Start Pagefind over the portal's pages as soon as they are all written.

    Of the fragments the last build left (portal_site kept them), only those of ``unchanged``
    pages stay: Pagefind makes exactly those again, and does not write them.
    """
    settings = generator.settings
    if not settings.get("PORTAL_SEARCH", True):
        return
    output = str(generator.output_path)
    stop_unfinished_index(generator)
    _LEFT[output] = _leave_unchanged_fragments(settings, Path(output), unchanged)
    codes = PortalSettings.from_mapping(settings).languages
    prefixes = [language(code, codes[0]).prefix for code in codes]
    executable = get_executable()  # the binary itself: `python -m pagefind` first starts Python (0.3 s)
    if executable is None:
        raise SearchIndexError("Pagefind is not installed: run `make install` (it comes from PyPI)")
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [str(executable), "--site", output, "--quiet", "--glob", indexed_files_glob(prefixes),
         *(arg for selector in EXCLUDE_SELECTORS for arg in ("--exclude-selectors", selector))],
        stdout=log, stderr=subprocess.STDOUT,
    )
    _RUNNING[output] = (process, log)


def _leave_unchanged_fragments(settings, output: Path, unchanged: frozenset[str]) -> dict[str, str]:
    """Delete the last build's fragments of pages written again or gone; the others' addresses."""
    cache_dir = portal_cache_dir(settings, output)
    recorded = OutputCache.load(cache_dir / SEARCH_FILE).keys if cache_dir else {}
    left = {}
    for name, (url, _size, _mtime) in recorded.items():
        path = output / name
        if page_file(url) in unchanged and path.is_file():
            left[name.removeprefix(BUNDLE + "/")] = url
        else:
            path.unlink(missing_ok=True)
    return left


def _wait(output: str) -> tuple[int, str]:
    """Pagefind's exit code and what it printed."""
    process, log = _RUNNING.pop(output)
    with log:
        returncode = process.wait()
        log.seek(0)
        return returncode, log.read().decode(errors="replace")


def build_search_index(pelican_object) -> None:
    """Wait for Pagefind (``<output>/pagefind/``) and tidy what it wrote; run it if not started."""
    if not pelican_object.settings.get("PORTAL_SEARCH", True):
        return
    output = str(pelican_object.output_path)
    if output not in _RUNNING:  # no portal pages were written (the portal_site plugin is off)
        start_search_index(pelican_object)
    bundle = Path(output) / BUNDLE
    urls = _finish_index(output, bundle)
    if len(set(urls.values())) != len(urls):
        # A new fragment got the name of one left from the last build, which Pagefind then did
        # not write: two pages point to one page's data. Rare (7 hex digits); index afresh.
        logger.warning("Search index: a fragment name clash with the last build; indexing again")
        shutil.rmtree(bundle)
        start_search_index(pelican_object)
        urls = _finish_index(output, bundle)
    cache_dir = portal_cache_dir(pelican_object.settings, output)
    if cache_dir:  # the next build leaves the fragments of unchanged pages for Pagefind
        kept = OutputCache()
        for name, url in sorted(urls.items()):
            kept.record(f"{BUNDLE}/{name}", url, False, Path(output))
        kept.save(cache_dir / SEARCH_FILE, bundle_label())
    logger.info("Search index written to %s", bundle)


def _finish_index(output: str, bundle: Path) -> dict[str, str]:
    """Wait for Pagefind, tidy what it wrote; the page address of each of its fragments."""
    returncode, printed = _wait(output)
    if returncode != 0:
        raise SearchIndexError(f"Pagefind failed ({returncode}):\n{printed}")
    normalize_pagefind_index(bundle)
    remove_unused_ui(bundle)
    referenced = referenced_files(bundle)
    remove_unreferenced(bundle, referenced)
    fragments = sorted(name for name in referenced if name.startswith("fragment/"))
    return fragment_urls(bundle, fragments, _LEFT.pop(output, {}))


def register():
    build_started.connect(stop_unfinished_index)
    pages_written.connect(start_search_index)
    signals.finalized.connect(build_search_index)
