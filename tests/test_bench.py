"""`make bench` (scripts/bench.py) at size S: the table, its figures and the generated content.

One run with one language; timings are never asserted, only that they were measured.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from aktivitetsportal.commands.cli import site_places
from aktivitetsportal.submissions.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
# scripts/ is no package: load bench.py as a module (registered first, for its dataclasses).
_SPEC = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
bench = sys.modules["bench_script"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)

S = bench.SIZES["S"]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    """The bench at size S, one run, nb only, content and output kept: (folder, stdout, JSON)."""
    work = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--size", "S", "--runs", "1",
         "--languages", "one", "--keep", str(work), "--json", str(work / "bench.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return work, result.stdout, json.loads((work / "bench.json").read_text(encoding="utf-8"))


def test_table_has_every_column_and_a_row_per_site(bench_run):
    _, stdout, _ = bench_run
    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("size "))
    assert [column for column in bench.COLUMNS if column not in header] == []
    rows = {tuple(line.split()[:2]) for line in lines if line.startswith("S ")}
    assert rows == {("S", "portal"), ("S", "plain"), ("S", "portal/plain")}
    portal = next(line for line in lines if line.split()[:2] == ["S", "portal"]).split()
    plain = next(line for line in lines if line.split()[:2] == ["S", "plain"]).split()
    # Every figure has a cell; plain Pelican has no search index.
    assert len(portal) == len(bench.COLUMNS) and len(plain) == len(bench.COLUMNS)
    assert plain[-2] == "-" and float(portal[-2]) > 0
    assert float(portal[-1]) > 0 and float(plain[-1]) > 0  # the front page, in KB
    assert "languages nb" in stdout and "psutil" in stdout  # says how memory was measured


def test_figures_are_measured_for_portal_and_plain(bench_run):
    _, _, data = bench_run
    assert data["languages"] == ["nb"] and data["runs"] == 1
    figures = data["sizes"]["S"]
    for site in ("portal", "plain"):
        median = {name: figure["median"] for name, figure in figures[site].items()}
        assert median["full_seconds"] > 0 and median["rebuild_seconds"] > 0, site
        assert median["peak_bytes"] > 20 * 2**20, site  # a Python process with Pelican loaded
        assert median["output_files"] > S.events and median["output_bytes"] > 0, site
        assert figures[site]["full_seconds"]["runs"] == [median["full_seconds"]]
    assert figures["portal"]["search_bytes"]["median"] > 0
    assert figures["plain"]["search_bytes"]["median"] == 0
    assert figures["ratio"]["output_files"] == pytest.approx(
        figures["portal"]["output_files"]["median"] / figures["plain"]["output_files"]["median"])
    assert figures["ratio"]["search_bytes"] is None
    assert data["content"]["S"]["events"] == S.events


def test_generated_content_is_valid_and_varied(bench_run):
    work, _, _ = bench_run
    catalog = load_catalog(work / "S" / "content", places=site_places(ROOT / "pelicanconf.py"))
    assert catalog.problems == []
    assert (len(catalog.events), len(catalog.associations), len(catalog.grants)) == (
        S.events, S.associations, S.grants)
    assert (len(catalog.assignments), len(catalog.venues), len(catalog.equipment)) == (
        S.assignments, S.venues, S.equipment)
    events = catalog.events
    assert sum(e.recurrence is not None for e in events) == S.events // 2
    assert any(e.except_dates for e in events) and any(e.cancelled_dates for e in events)
    assert any(not isinstance(e.start, datetime) for e in events)  # all-day
    assert any(e.venue for e in events) and any(e.price is not None for e in events)
    assert any(a.orgnr for a in catalog.associations.values())
    deadlines = [g.deadline for g in catalog.grants]
    assert any(d.yearly for d in deadlines) and any(d.dates for d in deadlines)


def test_both_builds_wrote_every_event_and_the_rebuild_saw_the_change(bench_run):
    work, _, _ = bench_run
    folder = work / "S"
    slugs = sorted(p.stem for p in (folder / "content" / "events").rglob("*.md"))
    assert len(slugs) == S.events
    for site in ("output-portal", "output-plain"):
        missing = [s for s in slugs if not (folder / site / "arrangement" / s / "index.html").is_file()]
        assert missing == [], site
    assert not (folder / "output-portal" / "en").exists()  # one language
    # The outputs are those of the rebuild after the title change; the file is restored after.
    pages = list((folder / "output-portal" / "arrangement").glob("*/index.html"))
    changed_pages = [p for p in pages if "(endret 1)" in p.read_text(encoding="utf-8")]
    assert len(changed_pages) == 1
    slug = changed_pages[0].parent.name
    changed = next((folder / "content" / "events").rglob(f"{slug}.md"))
    assert "(endret" not in changed.read_text(encoding="utf-8")
    plain_page = folder / "output-plain" / "arrangement" / slug / "index.html"
    assert "(endret 1)" in plain_page.read_text(encoding="utf-8")


def test_plain_baseline_has_no_plugins_and_the_default_theme(bench_run):
    work, _, _ = bench_run
    settings = (work / "S" / "plainconf.py").read_text(encoding="utf-8")
    assert "PLUGINS = []" in settings and "THEME" not in settings
    plain_event = next((work / "S" / "plain-content" / "events").rglob("*.md")).read_text(encoding="utf-8")
    assert "\nDate: " in plain_event and "\nStart: " in plain_event


def test_generation_is_deterministic(tmp_path):
    small = bench.Size("S", events=30, associations=10, grants=5)
    places = site_places(ROOT / "pelicanconf.py")
    first = bench.generate(tmp_path / "a", small, places)
    second = bench.generate(tmp_path / "b", small, places)
    files = sorted(p.relative_to(first.content) for p in first.content.rglob("*.md"))
    assert files == sorted(p.relative_to(second.content) for p in second.content.rglob("*.md"))
    assert all((first.content / f).read_bytes() == (second.content / f).read_bytes() for f in files)
    assert first.changed_event == second.changed_event
