"""Publishing for search engines and link previews: sitemap.xml, robots.txt, canonical and Open Graph.

One extra build of the demo with a public address (module scope); every HTML page of it is
checked against the sitemap, and its ``<head>`` against its own address.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from aktivitetsportal.outputs.addresses import DEV_BASE_URL
from aktivitetsportal.outputs.ical import REFRESH_INTERVAL
from aktivitetsportal.settings import PortalSettings
from bs4 import BeautifulSoup
from sitebuild import DEMO_CONTENT, build_site

BASE = "https://aktiviteter.example.no"
LANGUAGES = ["nb", "nn", "en", "uk", "pl", "ar"]
PREFIXES = ["", "nn/", "en/", "uk/", "pl/", "ar/"]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
#: Pages not for search engines (bare.html marks the info screen and embeds noindex).
NOT_INDEXED = re.compile(r"(^|/)(404\.html$|infoskjerm/|innebygd/(alle|for|forening|kategori|sted)/)")

TITLE = re.compile(r'<span data-pagefind-meta="title">([^<]*)</span></h1>')


@pytest.fixture(scope="module")
def public_output(tmp_path_factory) -> Path:
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("public") / "output", SITEURL=BASE)


@pytest.fixture(scope="module")
def sitemap(public_output) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of every entry of sitemap.xml."""
    root = ElementTree.parse(public_output / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    entries = {}
    for url in root.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc")
        assert loc not in entries, f"{loc} twice in the sitemap"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
                        if link.get("rel") == "alternate"}
    return entries


def page_url(path: Path, output: Path) -> str:
    """The absolute address a built HTML file is served at."""
    relative = path.relative_to(output).as_posix()
    return f"{BASE}/{relative.removesuffix('index.html')}"


def head_of(path: Path) -> BeautifulSoup:
    text = path.read_text(encoding="utf-8")
    return BeautifulSoup(text[: text.index("</head>")], "html.parser")


@pytest.fixture(scope="module")
def html_pages(public_output) -> list[Path]:
    return sorted(public_output.rglob("*.html"))


def test_sitemap_lists_every_indexable_page(public_output, sitemap, html_pages):
    built = {page_url(path, public_output) for path in html_pages}
    indexable = {url for url in built if not NOT_INDEXED.search(url.removeprefix(BASE + "/"))}
    assert len(indexable) > 100
    assert set(sitemap) == indexable
    assert list(sitemap) == sorted(sitemap)


def test_sitemap_urls_are_absolute_with_every_language(sitemap):
    for loc, alternates in sitemap.items():
        assert loc.startswith(BASE + "/")
        assert list(alternates) == LANGUAGES, loc
        assert loc in alternates.values()
        path = loc.removeprefix(BASE + "/")
        for prefix in PREFIXES[1:]:
            path = path.removeprefix(prefix)
        assert alternates == {code: f"{BASE}/{prefix}{path}" for code, prefix in zip(LANGUAGES, PREFIXES)}
        assert all(href in sitemap for href in alternates.values())


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_off_screens_and_embeds(public_output):
    lines = (public_output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    for prefix in PREFIXES:
        assert f"Disallow: /{prefix}infoskjerm/" in lines
        assert f"Disallow: /{prefix}innebygd/alle/" in lines
        assert f"Disallow: /{prefix}innebygd/forening/" in lines
    assert "Disallow: /innebygd/" not in lines  # the page about embedding is for everyone


def test_every_page_names_its_own_address_as_canonical(public_output, html_pages):
    checked = 0
    for path in html_pages:
        head = head_of(path)
        if head.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue  # info screen and embeds (bare.html)
        url = page_url(path, public_output)
        canonical = [link["href"] for link in head.find_all("link", rel="canonical")]
        assert canonical == [url], path
        og = {meta["property"]: meta["content"] for meta in head.find_all("meta", property=True)}
        assert og["og:url"] == url
        assert og["og:type"] == "website"
        assert og["og:title"] and og["og:description"] and og["og:site_name"]
        checked += 1
    assert checked > 1000


def test_event_pages_have_their_own_open_graph_data(public_output):
    events = sorted((public_output / "arrangement").glob("*/index.html"))
    assert events
    for prefix, locale in [("", "nb_NO"), ("en/", "en_GB"), ("ar/", "ar_AR")]:
        for path in events:
            path = public_output / prefix / path.relative_to(public_output)
            head = head_of(path)
            og = {meta["property"]: meta["content"] for meta in head.find_all("meta", property=True)}
            description = head.find("meta", attrs={"name": "description"})["content"]
            title = TITLE.search(path.read_text(encoding="utf-8"))  # the h1 without "AVLYST"
            assert og["og:title"] == html.unescape(title.group(1))
            assert og["og:url"] == head.find("link", rel="canonical")["href"]
            assert og["og:description"] == description
            assert og["og:locale"] == locale


def test_sitemap_is_the_same_in_every_build(public_output, demo_output):
    """The demo build (development address) and the public build list the same, byte for byte."""
    ours = (public_output / "sitemap.xml").read_bytes()
    theirs = (demo_output / "sitemap.xml").read_bytes()
    assert theirs.replace(DEV_BASE_URL.encode(), BASE.encode()) == ours


def test_the_nightly_rebuild_runs_once_a_day_at_0430_oslo_as_the_feeds_say():
    """The workflow's two UTC crons and its Oslo-hour guard give one build a day at 04:30 in
    Oslo, in summer and winter time; the feeds' REFRESH-INTERVAL is that day."""
    workflow = (Path(__file__).resolve().parent.parent / ".github" / "workflows" / "site.yml").read_text()
    crons = [tuple(map(int, m.groups())) for m in re.finditer(r'cron: "(\d+) (\d+) \* \* \*"', workflow)]
    assert 'TZ=Europe/Oslo date +%H)" != "04"' in workflow  # the guard the simulation follows
    oslo = ZoneInfo("Europe/Oslo")
    builds = []
    for offset in range(366 * 2):
        day = date(2026, 1, 1) + timedelta(days=offset)
        for minute, hour in crons:
            moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC).astimezone(oslo)
            if moment.hour == 4:
                builds.append(moment)
    assert [b.strftime("%H:%M") for b in builds] == ["04:30"] * len(builds)
    assert len({b.date() for b in builds}) == len(builds) == 366 * 2
    settings = PortalSettings.from_mapping({"PORTAL_TODAY": "2026-11-23"})
    assert timedelta(hours=settings.feed_refresh_hours) == REFRESH_INTERVAL == timedelta(days=1)
