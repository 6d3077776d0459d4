"""RSS and Atom feeds: well-formed for feedparser, stable ids, absolute links, Oslo dates.

Built-site tests read the demo build (today 2026-11-23); unit tests build a
feed from a small hand-made site to check ordering, dates and escaping.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from aktivitetsportal.domain.grant_deadlines import grant_status
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import FeedKind
from aktivitetsportal.outputs.addresses import PublicUrls
from aktivitetsportal.outputs.feed_pages import NewsFeed, news_feeds
from aktivitetsportal.outputs.syndication import (
    build_news_feed,
    event_items,
    grant_items,
    submitted_on,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import Catalog, load_catalog
from aktivitetsportal.submissions.models import Deadline, Grant
from factories import make_event
from sitebuild import DEMO_CONTENT, DEMO_TODAY

OSLO = ZoneInfo("Europe/Oslo")
DEV = PublicUrls.from_settings({})
BASE = "http://localhost:8000/"


@pytest.fixture(scope="module")
def demo_site() -> PortalSite:
    settings = PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY})
    return PortalSite.build(load_catalog(DEMO_CONTENT), settings)


def xml_feeds(output: Path) -> list[Path]:
    return sorted([*(output / "rss").rglob("*.xml"), *(output / "atom").rglob("*.xml")])


def test_every_news_feed_is_written_in_both_formats(demo_output, demo_site):
    written = {p.relative_to(demo_output).as_posix() for p in xml_feeds(demo_output)}
    expected = {f.rss_path for f in news_feeds(demo_site)} | {
        f.atom_path for f in news_feeds(demo_site)
    }
    assert written == expected
    assert {
        "rss/nye-arrangementer.xml",
        "atom/nye-arrangementer.xml",
        "rss/kategori/idrett.xml",
        "rss/tilskudd-med-frist-snart.xml",
        "atom/tilskudd-med-frist-snart.xml",
    } <= written


def test_every_feed_parses_cleanly_with_ids_links_and_dates(demo_output):
    entries_seen = 0
    for path in xml_feeds(demo_output):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if "/rss/" in path.as_posix() else "atom10"), path
        assert parsed.feed.title and parsed.feed.link.startswith(BASE), path
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)), path
        for entry in parsed.entries:
            assert entry.id and entry.link.startswith(BASE), (path, entry)
            assert entry.get("published_parsed") or entry.get("updated_parsed"), (path, entry)
            entries_seen += 1
    assert entries_seen > 50


def test_dates_carry_oslo_offsets(demo_output):
    rss = (demo_output / "rss/nye-arrangementer.xml").read_text(encoding="utf-8")
    pub_dates = re.findall(r"<pubDate>([^<]+)</pubDate>", rss)
    assert pub_dates and all(
        re.fullmatch(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0[12]00", d) for d in pub_dates
    )
    assert any(d.endswith("+0200") for d in pub_dates)  # submitted in summer: CEST
    atom = (demo_output / "atom/nye-arrangementer.xml").read_text(encoding="utf-8")
    stamps = re.findall(r"<(?:updated|published)>([^<]+)</", atom)
    assert stamps and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", s) for s in stamps
    )


def test_new_events_are_newest_submission_first_with_a_useful_first_line(demo_output, demo_site):
    parsed = feedparser.parse((demo_output / "atom/nye-arrangementer.xml").read_bytes())
    cal = demo_site.calendar
    upcoming = [e for e in cal.events if cal.summary(e).next is not None]
    by_url = {f"{BASE}arrangement/{e.slug}/": e for e in upcoming}
    events = [by_url[entry.link] for entry in parsed.entries]
    assert len(events) == min(len(upcoming), 50)
    submitted = [submitted_on(e, demo_site.today) for e in events]
    assert submitted == sorted(submitted, reverse=True)
    # Not the order the events happen in.
    assert [e.slug for e in events] != [s.event.slug for s in cal.upcoming_events()][: len(events)]
    first = events[0]
    occ = cal.summary(first).next
    summary = parsed.entries[0].summary
    first_line = re.search(r"<p>(.*?)</p>", summary).group(1)
    assert str(occ.day.year) in first_line and first.location in first_line.replace("&amp;", "&")
    if isinstance(occ.start, datetime):
        assert occ.start.strftime("%H:%M") in first_line
    assert parsed.entries[0].id == f"{BASE}arrangement/{first.slug}/"


def test_feed_date_is_the_newest_entry_not_the_build_time(demo_output):
    rss = feedparser.parse((demo_output / "rss/nye-arrangementer.xml").read_bytes())
    newest = max(e.published_parsed for e in rss.entries)
    assert rss.feed.updated_parsed == newest
    atom = feedparser.parse((demo_output / "atom/nye-arrangementer.xml").read_bytes())
    assert atom.feed.updated_parsed == max(e.updated_parsed for e in atom.entries)


def test_category_feeds_only_hold_their_category(demo_output, demo_site):
    for feed in news_feeds(demo_site):
        if feed.kind != "category":
            continue
        parsed = feedparser.parse((demo_output / feed.rss_path).read_bytes())
        slugs = {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries}
        events = {e.slug: e for e in demo_site.catalog.events}
        assert all(events[s].category_term.slug == feed.key for s in slugs), feed.key
    idrett = feedparser.parse((demo_output / "rss/kategori/idrett.xml").read_bytes())
    assert len(idrett.entries) >= 3


def test_grant_feed_lists_open_grants_by_deadline(demo_output, demo_site):
    parsed = feedparser.parse((demo_output / "atom/tilskudd-med-frist-snart.xml").read_bytes())
    today = demo_site.today
    deadlines = []
    for entry in parsed.entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        grant = next(g for g in demo_site.catalog.grants if g.slug == slug)
        status = grant_status(grant.deadline, today, 30)
        assert status.key in {"frist-snart", "apen"}
        assert entry.id == f"{BASE}tilskudd/{slug}/#frist-{status.next_deadline.isoformat()}"
        deadlines.append(status.next_deadline)
    assert deadlines and deadlines == sorted(deadlines)
    expected = sum(
        1
        for g in demo_site.catalog.grants
        if grant_status(g.deadline, today, 30).key in {"frist-snart", "apen"}
    )
    assert len(parsed.entries) == expected


def test_every_page_has_autodiscovery_links_to_existing_feeds(demo_output, page):
    for url in ("", "abonner/", "arrangement/trim-for-kvinner/", "kalender/uke/2026-48/", "om/"):
        soup = page(url)
        links = soup.head.find_all("link", rel="alternate", type=True)  # feeds, not hreflang pages
        types = {link["type"] for link in links}
        assert {"application/rss+xml", "application/atom+xml"} <= types, url
        for link in links:
            assert (demo_output / link["href"].lstrip("/")).is_file(), (url, link["href"])
    pages = list(demo_output.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if '<header class="site-header">' not in html:
            continue  # the info screen and the embeds: for a lobby screen or another site's page
        head = html.split("</head>", 1)[0]
        assert 'rel="alternate" type="application/rss+xml"' in head, path


# -- unit tests ------------------------------------------------------------------




def small_site(events, grants=(), today=date(2026, 11, 23)) -> PortalSite:
    catalog = Catalog(events=list(events), grants=list(grants))
    return PortalSite.build(catalog, PortalSettings(today=today))


def test_order_falls_back_deterministically_without_added():
    site = small_site(
        [
            make_event("b-uten", added=None, start=datetime(2026, 12, 3, 18)),
            make_event("a-uten", added=None, start=datetime(2026, 12, 3, 18)),
            make_event("endret", added=None, modified=date(2026, 11, 20)),
            make_event("ny", added=date(2026, 11, 22)),
            make_event("gammel", added=date(2026, 6, 1)),
            make_event(
                "over", added=date(2026, 11, 23), start=datetime(2026, 11, 1, 18)
            ),  # already happened
        ]
    )
    items = event_items(site, DEV)
    assert [i.link.rsplit("/", 2)[-2] for i in items] == [
        "a-uten",
        "b-uten",
        "ny",
        "endret",
        "gammel",
    ]
    summer = next(i for i in items if i.link.endswith("/gammel/"))
    assert summer.published == datetime(
        2026, 6, 1, tzinfo=OSLO
    ) and summer.published.utcoffset() == timedelta(hours=2)


def test_submitted_text_is_escaped_in_summaries_and_titles():
    payload = '<script>alert("x")</script> & <b>fet</b>'
    site = small_site(
        [
            make_event(
                "xss", title=payload, location=payload, body_text=payload, added=date(2026, 11, 1)
            )
        ]
    )
    rss, atom = build_news_feed(site, NewsFeed("news", "", "Nye arrangementer", "Test", ""), DEV)
    for data in (rss, atom):
        assert b"<script" not in data and b"<b>" not in data
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        # Titles are plain text with markup removed: some readers render titles as HTML.
        assert parsed.entries[0].title == "& fet"
        # Summaries are HTML: submitted markup arrives as visible text, never as tags.
        assert "&lt;script&gt;" in parsed.entries[0].summary
        assert "<b>" not in parsed.entries[0].summary


def test_same_content_and_today_give_identical_bytes_and_today_is_the_only_clock():
    def build(today):
        site = small_site(
            [make_event("a", added=date(2026, 11, 1))],
            grants=[
                Grant(
                    slug="fond",
                    source_path="grants/fond.md",
                    name="Fond",
                    deadline=Deadline(dates=(date(2027, 2, 1),)),
                )
            ],
            today=today,
        )
        return [build_news_feed(site, feed, DEV) for feed in news_feeds(site)]

    assert build(date(2026, 11, 23)) == build(date(2026, 11, 23))
    grants = build_news_feed(
        small_site(
            [],
            grants=[
                Grant(
                    slug="fond",
                    source_path="g.md",
                    name="Fond",
                    deadline=Deadline(dates=(date(2026, 12, 10),)),
                )
            ],
        ),
        NewsFeed(FeedKind.GRANTS, "", "Tilskudd", "Test", "tilskudd/"),
        DEV,
    )
    parsed = feedparser.parse(grants[1])
    # Deadline 10 Dec is within 30 days of 23 Nov: dated the day it came within reach (10 Nov).
    assert parsed.entries[0].published == "2026-11-10T00:00:00+01:00"


def test_grant_items_skip_closed_and_rolling_grants():
    grants = [
        Grant(
            slug="stengt",
            source_path="g1.md",
            name="Stengt",
            deadline=Deadline(dates=(date(2026, 1, 1),)),
        ),
        Grant(slug="lopende", source_path="g2.md", name="Løpende", deadline=Deadline(rolling=True)),
        Grant(
            slug="snart",
            source_path="g3.md",
            name="Snart",
            deadline=Deadline(dates=(date(2026, 12, 1),)),
        ),
        Grant(
            slug="senere", source_path="g4.md", name="Senere", deadline=Deadline(yearly=((4, 1),))
        ),
    ]
    items = grant_items(small_site([], grants=grants), DEV)
    assert [i.link for i in items] == [f"{BASE}tilskudd/snart/", f"{BASE}tilskudd/senere/"]
    assert items[1].id.endswith("#frist-2027-04-01") and not items[1].permalink
    assert (
        items[0].summary_lines[0].startswith("Søknadsfrist tirsdag 1. desember 2026 (om 8 dager)")
    )


def test_entry_without_added_date_is_never_dated_in_the_future(demo_site):
    from dataclasses import replace as replace_field

    event = next(e for e in demo_site.calendar.events if e.first_day > demo_site.today)
    undated = replace_field(event, added=None, modified=None)
    assert submitted_on(undated, demo_site.today) == demo_site.today
    assert submitted_on(event, demo_site.today) == event.added
