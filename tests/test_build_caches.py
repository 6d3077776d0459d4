"""What builds keep for the next build: parsed files, page keys, fingerprints, calendar bytes."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from datetime import date

import jinja2
import portal_theme
import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.addresses import PublicUrls
from aktivitetsportal.outputs.feed_pages import plan_feed_files
from aktivitetsportal.outputs.fingerprints import Unfingerprintable, fingerprint
from aktivitetsportal.outputs.fragments import Fragments
from aktivitetsportal.outputs.ical import CalendarFileWriter, build_calendar, calendar_bytes
from aktivitetsportal.outputs.output_cache import OutputCache
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.parse_cache import ParseCache
from aktivitetsportal.text.translations import lazy_text
from pelican.readers import MarkdownReader
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site

EVENT = "events/eina-husflidslag/julemarked-pa-eina.md"


def make_site() -> PortalSite:
    return PortalSite.build(load_catalog(DEMO_CONTENT), PortalSettings(today=date.fromisoformat(DEMO_TODAY)))


@pytest.fixture
def content(tmp_path):
    shutil.copytree(DEMO_CONTENT, tmp_path / "content")
    return tmp_path / "content"


def test_a_second_load_parses_nothing_and_gives_the_same_catalog(content, tmp_path):
    store = tmp_path / "parsed.pickle"
    first_cache = ParseCache()
    first = load_catalog(content, cache=first_cache)
    first_cache.save(store)
    assert first_cache.hits == 0 and first_cache.misses == first.files_read

    again = ParseCache.load(store)
    second = load_catalog(content, cache=again)
    assert again.hits == second.files_read and again.misses == 0
    plain = load_catalog(content)
    assert (second.events, second.associations, second.grants, second.problems) == (
        plain.events, plain.associations, plain.grants, plain.problems)


def test_an_edited_file_is_parsed_again_and_its_problems_are_reported(content, tmp_path):
    store = tmp_path / "parsed.pickle"
    cache = ParseCache()
    load_catalog(content, cache=cache)
    cache.save(store)
    path = content / EVENT
    path.write_text(path.read_text(encoding="utf-8").replace("Start: ", "Start: i morgen ", 1), encoding="utf-8")
    again = ParseCache.load(store)
    catalog = load_catalog(content, cache=again)
    # The event, and the assignments (they may name events, so the list of events is their input).
    assert again.misses == 1 + len(list((content / "assignments").glob("*.md")))
    assert [p.path for p in catalog.errors] == [EVENT]


def test_a_renamed_organizer_parses_the_events_again(content, tmp_path):
    """Events are parsed with the register's names: a change there is a change of input."""
    store = tmp_path / "parsed.pickle"
    cache = ParseCache()
    first = load_catalog(content, cache=cache)
    cache.save(store)
    (content / "associations" / "eina-husflidslag.md").unlink()
    again = ParseCache.load(store)
    catalog = load_catalog(content, cache=again)
    assert again.misses >= len(first.events)
    assert any(p.path == EVENT and p.field == "organizer" for p in catalog.errors)


def test_a_cache_of_other_code_or_broken_bytes_is_not_used(tmp_path):
    store = tmp_path / "parsed.pickle"
    store.write_bytes(pickle.dumps(("another version", {"x.md": ("key", (None, []))})))
    assert ParseCache.load(store).entries == {}
    store.write_bytes(b"not a pickle")
    assert ParseCache.load(store).entries == {}
    assert ParseCache.load(tmp_path / "missing.pickle").entries == {}


def test_fingerprints_follow_the_data_not_the_objects():
    site = make_site()
    event = site.catalog.events[0]
    copy = type(event)(**{name: getattr(event, name) for name in event.__dataclass_fields__})
    assert copy is not event
    assert fingerprint(event, {}) == fingerprint(copy, {})
    changed = type(event)(**{**{n: getattr(event, n) for n in event.__dataclass_fields__}, "title": "Annet"})
    assert fingerprint(changed, {}) != fingerprint(event, {})
    assert fingerprint({"b", "a"}, {}) == fingerprint({"a", "b"}, {})
    assert fingerprint({"x": 1, "y": date(2026, 3, 29)}, {}) == fingerprint({"y": date(2026, 3, 29), "x": 1}, {})
    assert fingerprint(lazy_text("Forside"), {}) != fingerprint(lazy_text("Kalender"), {})
    with pytest.raises(Unfingerprintable):
        fingerprint(object(), {})


def test_kept_files_must_be_as_the_last_build_left_them(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/index.html", "b.ics", "c.ics"):
        (tmp_path / name).write_text(name)
    last = OutputCache()
    for name, key in (("a/index.html", "k1"), ("b.ics", "k2"), ("c.ics", "k3")):
        last.record(name, key, False, tmp_path)
    last.save(tmp_path / "keys.pickle", "build-1")
    (tmp_path / "b.ics").unlink()  # deleted since
    (tmp_path / "c.ics").write_text("written by something else")
    cache = OutputCache.load(tmp_path / "keys.pickle")
    assert cache.build == "build-1"
    assert cache.unchanged("a/index.html", "k1", tmp_path)
    assert not cache.unchanged("a/index.html", "other", tmp_path)
    assert not cache.unchanged("a/index.html", None, tmp_path)
    assert not cache.unchanged("b.ics", "k2", tmp_path)
    assert not cache.unchanged("c.ics", "k3", tmp_path)
    assert cache.files_to_keep({"a/index.html", "d.ics"}) == {"a/index.html"}
    # A file of an older format or of something else: an empty cache, never an error.
    (tmp_path / "junk.pickle").write_bytes(b"not a pickle")
    assert OutputCache.load(tmp_path / "junk.pickle").keys == {}


def test_stored_calendar_bytes_give_the_same_feeds():
    site = make_site()
    urls = PublicUrls("https://aktiviteter.example.no", "aktiviteter.example.no")
    fresh = CalendarFileWriter(site, urls, stored={})
    first = plan_feed_files(site, urls, fresh)
    assert len(fresh.used) == len(site.calendar.events)  # every event's bytes, for the next build
    assert plan_feed_files(site, urls, CalendarFileWriter(site, urls, stored=dict(fresh.used))) == first
    assert plan_feed_files(site, urls) == first
    # The stored bytes are really used: junk under the same keys shows in the feeds...
    junk = {key: b"BEGIN:VEVENT\r\nX-JUNK:1\r\nEND:VEVENT\r\n" for key in fresh.used}
    assert any(b"X-JUNK" in f.data for f in plan_feed_files(site, urls, CalendarFileWriter(site, urls, stored=junk)))
    # ...and never with other settings: another address gives other keys.
    other = PublicUrls("https://annen.example.no", "annen.example.no")
    assert plan_feed_files(site, other, CalendarFileWriter(site, other, stored=junk)) == plan_feed_files(site, other)


def test_a_calendar_files_key_follows_its_events_and_properties():
    site = make_site()
    urls = PublicUrls("https://aktiviteter.example.no", "aktiviteter.example.no")
    events = site.calendar.events[:3]
    key = CalendarFileWriter(site, urls).file_key(events, name="Alt")
    assert key == CalendarFileWriter(site, urls).file_key(events, name="Alt")  # a new build, the same data
    assert CalendarFileWriter(site, urls).file_key(events[::-1], name="Alt") != key  # order is in the bytes
    assert CalendarFileWriter(site, urls).file_key(events, name="Annet") != key
    assert CalendarFileWriter(site, urls).file_key(events[:2], name="Alt") != key
    other = PublicUrls("https://annen.example.no", "annen.example.no")
    assert CalendarFileWriter(site, other).file_key(events, name="Alt") != key


def test_unchanged_calendar_files_are_not_made_again():
    site = make_site()
    urls = PublicUrls("https://aktiviteter.example.no", "aktiviteter.example.no")
    full = {f.path: f for f in plan_feed_files(site, urls, CalendarFileWriter(site, urls), lambda path, key: False)}
    asked = []
    kept = plan_feed_files(site, urls, CalendarFileWriter(site, urls),
                           lambda path, key: asked.append((path, key)) or path.endswith(".ics"))
    assert asked and all(key == full[path].key and key for path, key in asked)
    for feed in kept:
        if feed.path.endswith(".ics") and (feed.path, feed.key) in asked:
            assert feed.data is None
        else:  # RSS, Atom and the grant deadlines are made every time
            assert feed.data == full[feed.path].data and feed.data


def test_spliced_calendar_files_equal_icalendars_own_serialisation():
    site = make_site()
    urls = PublicUrls("https://aktiviteter.example.no", "aktiviteter.example.no")
    writer = CalendarFileWriter(site, urls)
    events = site.calendar.events[:5]
    props = {"name": "Alt i Vestre Toten", "description": "Alle aktiviteter", "url": urls.base + "/",
             "source": urls.base + "/kalender.ics"}
    assert writer.calendar_file(events, **props) == calendar_bytes(build_calendar(site, events, urls, **props))
    assert writer.calendar_file(events[:1]) == calendar_bytes(build_calendar(site, events[:1], urls))


def test_a_second_build_loads_the_templates_compiled_by_the_first(tmp_path, monkeypatch):
    output = tmp_path / "output"
    build_site(DEMO_CONTENT, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    compiled = []
    real_compile = jinja2.Environment.compile

    def counted(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    build_site(DEMO_CONTENT, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    assert compiled == []
    # Compiled otherwise, the templates are compiled again: not loaded from the first build.
    build_site(DEMO_CONTENT, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1,
               JINJA_ENVIRONMENT={"trim_blocks": False, "autoescape": True, "extensions": ["jinja2.ext.i18n"]})
    assert "event.html" in compiled and "base.html" in compiled
    # Other code (the filters a compiled template calls): compiled again, the old ones removed.
    compiled.clear()
    monkeypatch.setattr(portal_theme, "code_version", lambda: "other code")
    build_site(DEMO_CONTENT, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    assert "event.html" in compiled
    assert len(list((tmp_path / "output-cache").glob("portal/*/templates/*"))) == 1


def test_content_pages_are_read_again_only_when_their_bytes_or_the_settings_change(content, tmp_path, monkeypatch):
    output, page = tmp_path / "output", content / "pages" / "om.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nEt "sitat" -- her.\n', encoding="utf-8")
    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    read = []
    real_read = MarkdownReader.read
    monkeypatch.setattr(MarkdownReader, "read", lambda self, path: read.append(path) or real_read(self, path))
    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    assert read == []  # every content page came from Pelican's cache
    page.write_text(page.read_text(encoding="utf-8").replace("Et \"sitat\"", "Ett \"sitat\""), encoding="utf-8")
    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1)
    assert [path.rsplit("/", 1)[-1] for path in read] == ["om.md"]
    assert 'Ett "sitat" -- her.' in (output / "om" / "index.html").read_text(encoding="utf-8")
    # Other Markdown settings: the cache was made with the old ones, so every page is read again.
    read.clear()
    def smart():  # a new dict each time: Pelican's Markdown reader adds to the one it is given
        return {"extensions": ["markdown.extensions.smarty"], "output_format": "html5"}

    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1, MARKDOWN=smart())
    assert len(read) == len(list((content / "pages").glob("*.md")))
    assert "Ett “sitat” – her." in (output / "om" / "index.html").read_text(encoding="utf-8")
    # Built without loading the cache (--ignore-cache) with the old settings, Pelican saves it
    # anew with them: a build with the Markdown settings before must not take it as theirs.
    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1, LOAD_CONTENT_CACHE=False)
    assert 'Ett "sitat" -- her.' in (output / "om" / "index.html").read_text(encoding="utf-8")
    build_site(content, output, PORTAL_SEARCH=False, PORTAL_PROCESSES=1, MARKDOWN=smart())
    assert "Ett “sitat” – her." in (output / "om" / "index.html").read_text(encoding="utf-8")


def test_fragments_are_kept_by_their_data_under_the_same_constants(tmp_path):
    """A fragment made for equal data (another object) is found in the next build's store;
    not under other constants, not for changed data; a key of other objects is not kept."""
    event = make_site().calendar.events[0]
    made = []

    def make(text):
        return lambda: made.append(text) or text

    first = Fragments(tmp_path, "constants", memo={})
    assert first.get("nb", "", "row", (event, True), make("a")) == "a"
    assert first.get("nb", "", "row", (event, True), make("again")) == "a"
    assert first.get("nb", "", "list", ([event],), make("b")) == "b"  # a list: this build only
    first.save()
    copy = dataclasses.replace(event)
    second = Fragments(tmp_path, "constants", memo={})
    assert second.get("nb", "", "row", (copy, True), make("c")) == "a"
    assert second.get("nb", "", "row", (copy, False), make("d")) == "d"
    assert second.get("en", "", "row", (copy, True), make("e")) == "e"
    assert second.get("nb", "", "list", ([copy],), make("f")) == "f"
    changed = dataclasses.replace(event, title=event.title + " x")
    assert second.get("nb", "", "row", (changed, True), make("g")) == "g"
    assert Fragments(tmp_path, "other", memo={}).get("nb", "", "row", (copy, True), make("h")) == "h"
    assert made == ["a", "b", "d", "e", "f", "g", "h"]
    # Saved: only the fragments of data the build fingerprinted (the old event's are dropped
    # once a build no longer has it).
    second.save()
    memo = {}
    third = Fragments(tmp_path, "constants", memo=memo)
    assert third.get("nb", "", "row", (changed, True), make("i")) == "g"
    third.save()
    fourth = Fragments(tmp_path, "constants", memo={})
    assert fourth.get("nb", "", "row", (changed, True), make("j")) == "g"
    assert fourth.get("nb", "", "row", (copy, True), make("k")) == "k"
    assert made[-1] == "k" and "i" not in made and "j" not in made
