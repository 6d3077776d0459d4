"""A build after an edit (PORTAL_CACHE) gives the same bytes as a full build, and renders little.

The demo is built into one folder, edited, and built again into the same folder with the
cache of the first build; a full build of the edited content (no cache, Pelican empties the
output) into another folder must give exactly the same files.
"""

from __future__ import annotations

import builtins
import collections
import gzip
import json
import logging
import pathlib
import shutil
from pathlib import Path

import portal_site
import pytest
from aktivitetsportal.outputs.output_cache import SEARCH_FILE, OutputCache
from aktivitetsportal.settings import portal_cache_dir
from aktivitetsportal.submissions.stored import load_labelled, save_kept
from pelican.writers import Writer
from sitebuild import DEMO_CONTENT, build_site, soup_of

EVENT = "events/eina-husflidslag/julemarked-pa-eina.md"
ASSOCIATION = "associations/eina-husflidslag.md"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _written_at(root: Path, pattern: str = "*.html") -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob(pattern)}


def _full_build(content: Path, output: Path) -> dict[str, bytes]:
    build_site(content, output, PORTAL_CACHE=False, DELETE_OUTPUT_DIRECTORY=True)
    return _files(output)


@pytest.fixture
def site(tmp_path):
    """(content copy, output folder) after a first build with the cache."""
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    output = tmp_path / "output"
    build_site(content, output)
    return content, output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_event_rebuilds_few_pages_and_the_same_bytes_as_a_full_build(site, tmp_path):
    content, output = site
    before, calendars_before = _written_at(output), _written_at(output, "*.ics")
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    build_site(content, output)
    after, calendars_after = _written_at(output), _written_at(output, "*.ics")
    rewritten = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
    # Calendar files too: those holding the event are made again, the others kept.
    remade = {name for name, stamp in calendars_after.items() if calendars_before.get(name) != stamp}
    assert {"kalender.ics", "arrangement/julemarked-pa-eina/julemarked-pa-eina.ics"} <= remade
    assert "arrangement/barneidrett-pa-boverbru/barneidrett-pa-boverbru.ics" not in remade
    assert len(remade) < len(calendars_after) / 4, f"{len(remade)} of {len(calendars_after)} calendar files made again"
    assert "arrangement/julemarked-pa-eina/index.html" in rewritten
    assert "en/arrangement/julemarked-pa-eina/index.html" in rewritten
    assert "arrangement/barneidrett-pa-boverbru/index.html" not in rewritten
    assert len(rewritten) < len(after) / 4, f"{len(rewritten)} of {len(after)} pages rendered again"
    assert "Endret: " in (output / "arrangement/julemarked-pa-eina/index.html").read_text(encoding="utf-8")
    assert _files(output) == _full_build(content, tmp_path / "full")


def _kept_fragments(output: Path, code: str = "nb") -> tuple[Path, str, dict]:
    folder = portal_cache_dir({"PORTAL_CACHE": True, "CACHE_PATH": str(output.parent / f"{output.name}-cache")}, output)
    path = folder / f"fragments-{code}.pickle"
    label, texts = load_labelled(path)
    return path, label, texts


def test_the_rows_of_other_events_come_from_the_last_build(site):
    """A rebuild renders the edited event's rows again; the rows of the other events on the
    weeks and months it changes are the last build's (a mark planted in them shows which)."""
    content, output = site
    path, label, texts = _kept_fragments(output)
    rows = [key for key in texts if key[1] == "occurrence_row"]
    assert len(rows) > 100
    save_kept(path, (label, {key: text.replace('class="occurrence', 'class="kept occurrence', 1)
                             for key, text in texts.items()}))
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    build_site(content, output)
    pages = [page for page in (output / "kalender").rglob("index.html") if "Endret: " in page.read_text(encoding="utf-8")]
    assert pages
    edited = kept = 0
    for page in pages:
        for row in soup_of(page).select("li.occurrence"):
            if "/arrangement/julemarked-pa-eina/" in row.h3.a["href"]:
                assert "kept" not in row["class"]
                edited += 1
            else:
                kept += "kept" in row["class"]
    assert edited and kept > 20
    # The edited event's old rows are not kept for the next build; its new ones are.
    _, _, after = _kept_fragments(output)
    assert len([key for key in after if key[1] == "occurrence_row"]) == len(rows)


def test_fragments_rendered_by_forked_processes_are_kept_too(tmp_path):
    one = build_site(DEMO_CONTENT, tmp_path / "one", PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    three = build_site(DEMO_CONTENT, tmp_path / "three", PORTAL_SEARCH=False, PORTAL_PROCESSES=3)
    for code in ("nb", "en"):
        assert _kept_fragments(one, code)[2] == _kept_fragments(three, code)[2] != {}


def test_the_edited_events_page_is_written_first(site, monkeypatch):
    """In `make serve` the page being edited is updated before the other pages are looked at."""
    content, output = site
    written = []
    real_write = Writer.write_file

    def noted(self, name, *args, **kwargs):
        written.append(name)
        return real_write(self, name, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", noted)
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    for page in (output / "arrangement").glob("*/index.html"):  # the other event pages are made
        if page.parent.name != "julemarked-pa-eina":              # again too, but after it
            page.unlink()
    build_site(content, output)
    # Pelican's own pages (content/pages) come before the portal's.
    portal = [name for name in written if name.startswith(("arrangement/", "kalender/", "foreninger/", "en/"))]
    assert len(portal) > 10 and portal[0] == "arrangement/julemarked-pa-eina/index.html"


def test_changed_pages_past_the_first_ones_are_shared_out_with_the_same_bytes(site, tmp_path, monkeypatch):
    content, output = site
    monkeypatch.setattr(portal_site, "SHARED_FROM_PAGES", 3)
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    build_site(content, output, PORTAL_PROCESSES=2)
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_files_written_by_a_build_without_the_cache_are_not_kept(site, tmp_path):
    content, output = site
    original = (content / EVENT).read_text(encoding="utf-8")
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    build_site(content, output, PORTAL_CACHE=False, DELETE_OUTPUT_DIRECTORY=True)
    (content / EVENT).write_text(original, encoding="utf-8")  # back as the cached build saw it
    build_site(content, output)
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_a_deleted_event_after_the_output_was_removed(site, tmp_path):
    content, output = site
    shutil.rmtree(output)  # the cache stays
    (content / EVENT).unlink()
    build_site(content, output)
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_a_deleted_event_leaves_no_page_and_no_feed_behind(site, tmp_path):
    content, output = site
    (content / EVENT).unlink()
    build_site(content, output)
    assert not (output / "arrangement/julemarked-pa-eina").exists()
    assert not (output / "en/arrangement/julemarked-pa-eina").exists()
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_a_renamed_association_reaches_every_page_that_names_it(site, tmp_path):
    content, output = site
    _edit(content / ASSOCIATION, "Name: ", "Name: Nye ")
    build_site(content, output)
    assert "Nye " in (output / "arrangement/julemarked-pa-eina/index.html").read_text(encoding="utf-8")
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_an_unchanged_rebuild_renders_no_portal_page_and_changes_no_byte(site):
    content, output = site
    before, files, calendars = _written_at(output), _files(output), _written_at(output, "*.ics")
    build_site(content, output)
    after = _written_at(output)
    # Not one event calendar written again (the grant deadlines' file is made every time).
    deadlines = "kalender/tilskuddsfrister.ics"
    assert {k: v for k, v in _written_at(output, "*.ics").items() if k != deadlines} == {
        k: v for k, v in calendars.items() if k != deadlines}
    # Pelican writes its own pages (content/pages, a copy per language) every time.
    own_pages = {p.name.split(".")[0] for p in (content / "pages").glob("*.md")}
    rewritten = [name for name in after if after[name] != before[name]]
    assert rewritten and all(set(name.split("/")) & own_pages for name in rewritten), rewritten
    assert _files(output) == files


def test_a_changed_template_renders_every_page_again(site, tmp_path):
    content, output = site
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "theme", theme)
    build_site(content, output, THEME=str(theme))
    before = _written_at(output)
    _edit(theme / "templates" / "base.html", "</body>", "<!-- endret -->\n</body>")
    build_site(content, output, THEME=str(theme))
    after = _written_at(output)
    portal_pages = [name for name in after if name.startswith(("arrangement/", "foreninger/", "kalender/"))]
    assert portal_pages and all(after[name] != before[name] for name in portal_pages)
    assert "<!-- endret -->" in (output / "index.html").read_text(encoding="utf-8")


def test_no_file_is_written_twice(tmp_path, monkeypatch):
    """Every output file is opened for writing once per build (pages, feeds, exports, theme)."""
    output = tmp_path / "output"
    opened: collections.Counter = collections.Counter()
    real_open, real_path_open = builtins.open, pathlib.Path.open

    def counted(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and str(file).startswith(str(output)):
            opened[str(Path(file).resolve())] += 1
        return real_open(file, mode, *args, **kwargs)

    def counted_path(self, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and str(self).startswith(str(output)):
            opened[str(self.resolve())] += 1
        return real_path_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counted)
    monkeypatch.setattr(pathlib.Path, "open", counted_path)
    # One process: files written by a forked one would not be counted here.
    build_site(DEMO_CONTENT, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    assert len(opened) > 1000
    assert {name: count for name, count in opened.items() if count > 1} == {}


def test_the_search_index_keeps_the_files_of_unchanged_pages(site, tmp_path):
    """Pagefind does not write a content-named file that is there: the last build's stay, those of
    changed pages go, and a file changed since (here by hand) is written again."""
    content, output = site
    before = _written_at(output / "pagefind", "*.pf_fragment")
    spoiled = output / "pagefind" / sorted(before)[0]
    spoiled.write_bytes(b"not a fragment")
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    build_site(content, output)
    after = _written_at(output / "pagefind", "*.pf_fragment")
    untouched = [name for name, stamp in after.items() if before.get(name) == stamp]
    assert len(untouched) > len(after) * 3 / 4, f"only {len(untouched)} of {len(after)} fragments left as they were"
    assert set(before) - set(after), "the edited page's old fragments are still there"
    assert _files(output) == _full_build(content, tmp_path / "full")


def test_a_build_without_search_leaves_no_index_behind(site):
    content, output = site
    assert (output / "pagefind" / "fragment").is_dir()
    build_site(content, output, PORTAL_SEARCH=False)
    assert not (output / "pagefind").exists()


def _fragment_of(output: Path, url: str) -> str:
    """The name (``fragment/x.pf_fragment``) of the search fragment of the page at ``url``."""
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        if json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])["url"] == url:
            return f"fragment/{path.name}"
    raise AssertionError(f"no fragment for {url}")


def test_a_fragment_name_clash_with_the_last_build_is_indexed_again(site, tmp_path, caplog):
    """Pagefind names fragments by 7 hex digits of a hash and does not write a file that is there:
    a left file that has the name of a new fragment must not stand in for it."""
    content, output = site
    _edit(content / EVENT, "Title: ", "Title: Endret: ")
    full = _full_build(content, tmp_path / "full")
    new_name = _fragment_of(tmp_path / "full", "/arrangement/julemarked-pa-eina/")
    # The last build left, under that name, the fragment of a page this edit does not change.
    other_url = "/foreninger/vestre-toten-frivilligsentral/"
    planted = output / "pagefind" / new_name
    shutil.copyfile(output / "pagefind" / _fragment_of(output, other_url), planted)
    cache_file = portal_cache_dir({"PORTAL_CACHE": True, "CACHE_PATH": str(tmp_path / "output-cache")}, output) / SEARCH_FILE
    recorded = OutputCache.load(cache_file)
    recorded.written = dict(recorded.keys)
    recorded.record(f"pagefind/{new_name}", other_url, False, output)
    recorded.save(cache_file, recorded.build)
    with caplog.at_level(logging.WARNING):
        build_site(content, output)
    assert "clash" in caplog.text
    assert _files(output) == full
