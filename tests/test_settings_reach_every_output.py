"""Settings are followed everywhere: no page, feed or export keeps its own copy of a number or URL."""

from __future__ import annotations

import json

import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import FeedKind, GrantState, PageKind
from aktivitetsportal.outputs.addresses import FEED_PATHS, PublicUrls
from aktivitetsportal.outputs.exports import build_exports
from aktivitetsportal.outputs.feed_pages import plan_feed_files
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.translations import use_language
from icalendar import Calendar
from sitebuild import DEMO_CONTENT, DEMO_TODAY


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DEMO_CONTENT)


def site_with(catalog, **settings) -> PortalSite:
    return PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY, **settings}))


def page(pages, kind: PageKind, key_url: str = ""):
    return next(p for p in pages if p.kind is kind and p.url.endswith(key_url))


def test_closing_soon_days_setting_moves_grants_and_the_heading(catalog):
    default = site_with(catalog)
    wide = site_with(catalog, PORTAL_CLOSING_SOON_DAYS=120)
    usual, wider = (page(plan_pages(s), PageKind.GRANTS).context for s in (default, wide))
    assert wider["closing_soon_count"] > usual["closing_soon_count"]
    heading = wider["sections"][0]
    assert heading.key is GrantState.CLOSING_SOON
    with use_language("nb"):
        assert str(heading.heading) == "Frist snart – innen 120 dager"
    with use_language("en"):
        assert "120" in str(heading.heading)
    assert wider["closing_soon_days"] == 120


@pytest.mark.parametrize("days, nb, en", [
    (7, "i dag og de neste 7 dagene", "over the next 7 days"),
    (3, "i dag og de neste 3 dagene", "over the next 3 days"),
    (1, "i dag og den neste 1 dagen", "the next 1 day."),
])
def test_front_page_lead_follows_front_page_days(catalog, days, nb, en):
    site = site_with(catalog, PORTAL_FRONT_PAGE_DAYS=days)
    front = page(plan_pages(site), PageKind.FRONT).context
    assert len(front["days"]) == days + 1
    with use_language("nb"):
        assert nb in str(front["lead"])
    with use_language("en"):
        assert en in str(front["lead"])


def test_open_data_and_feeds_use_one_public_address(catalog):
    """events.json and kalender.ics agree, whether the address comes from PORTAL_PUBLIC_URL or SITEURL."""
    for settings, base in [
        ({"PORTAL_PUBLIC_URL": "https://aktiviteter.example.no/", "SITEURL": ""}, "https://aktiviteter.example.no"),
        ({"SITEURL": "https://www.toten.example"}, "https://www.toten.example"),
        ({"SITEURL": ""}, "http://localhost:8000"),
    ]:
        site = site_with(catalog, **settings)
        urls = PublicUrls.from_settings({"PORTAL_TODAY": DEMO_TODAY, **settings})
        assert urls.base == base
        events = json.loads(build_exports(site)["events.json"])["events"]
        feed = next(f for f in plan_feed_files(site, urls) if f.path == "kalender.ics")
        ical_urls = {str(e["URL"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")}
        json_urls = {e["url"] for e in events}
        assert ical_urls and ical_urls <= json_urls, settings
        assert all(u.startswith(base + "/arrangement/") for u in json_urls)


def test_feed_paths_are_keyed_by_feed_kind():
    assert {kind for kind, _ in FEED_PATHS} == set(FeedKind)
