"""The calendar of grant deadlines: kalender/tilskuddsfrister.ics.

The built demo feed (today 2026-11-23) is parsed with icalendar, expanded with
recurring-ical-events and read again with vobject. Every grant with a fixed or
yearly deadline must come first on the day domain/grant_deadlines.next_deadline
gives; rolling-only grants are not in it. Unit tests cover 29 February.
"""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
import recurring_ical_events
import vobject
from aktivitetsportal.domain.grant_deadlines import next_deadline
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import FeedKind
from aktivitetsportal.outputs.addresses import PublicUrls, feed_path
from aktivitetsportal.outputs.feed_pages import deadline_grants, plan_feed_files
from aktivitetsportal.outputs.ical import calendar_bytes, grant_deadline_calendar
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.models import Deadline, Grant
from sitebuild import DEMO_CONTENT, DEMO_TODAY

PATH = "kalender/tilskuddsfrister.ics"
TODAY = date.fromisoformat(DEMO_TODAY)
PUBLIC = PublicUrls.from_settings({"SITEURL": "https://aktiviteter.example.no"})


@pytest.fixture(scope="module")
def demo_site() -> PortalSite:
    settings = PortalSettings.from_mapping(
        {"PORTAL_TODAY": DEMO_TODAY, "PORTAL_DAYS_AHEAD": 365, "PORTAL_DAYS_BACK": 60}
    )
    return PortalSite.build(load_catalog(DEMO_CONTENT), settings)


@pytest.fixture(scope="module")
def feed(demo_output) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((demo_output / PATH).read_bytes())


def slug_of(uid: str) -> str:
    """``frist-frifond-2027-03-01@host`` -> ``frifond`` (slugs may contain digits and dashes)."""
    local = str(uid).split("@", 1)[0].removeprefix("frist-")
    if "-arlig-" in local:
        return local.rsplit("-arlig-", 1)[0]
    return local[: -len("-YYYY-MM-DD")]


def first_dates(cal: icalendar.Calendar, first: date, end: date) -> dict[str, date]:
    """The first expanded deadline of each grant in [first, end)."""
    result: dict[str, date] = {}
    for comp in recurring_ical_events.of(cal).between(first, end):
        day = comp["DTSTART"].dt
        slug = slug_of(comp["UID"])
        result[slug] = min(day, result.get(slug, date.max))
    return result


def test_the_path_and_the_calendar_properties(feed):
    assert feed_path(FeedKind.GRANT_DEADLINES) == PATH
    assert str(feed["X-WR-CALNAME"]) == "Søknadsfrister for tilskudd i Vestre Toten"
    assert str(feed["PRODID"]) == "-//Aktivitetsportalen//Aktivitetsportalen//NB"
    assert feed["REFRESH-INTERVAL"].dt == timedelta(hours=24)
    assert str(feed["URL"]).endswith("/tilskudd/")
    assert str(feed["SOURCE"]).endswith("/" + PATH)


def test_every_dated_grant_comes_first_on_its_next_deadline(feed, demo_site):
    dated = deadline_grants(demo_site)
    assert dated, "the demo has grants with deadlines"
    found = first_dates(feed, TODAY, TODAY + timedelta(days=400))
    expected = {
        g.slug: d for g in dated if (d := next_deadline(g.deadline, TODAY)) is not None
    }
    assert found == expected
    # The demo has both kinds, so both code paths are checked.
    assert any(g.deadline.yearly for g in dated) and any(g.deadline.dates for g in dated)


def test_rolling_only_grants_are_not_in_the_feed(feed, demo_site):
    rolling = {
        g.slug for g in demo_site.catalog.grants if not g.deadline.dates and not g.deadline.yearly
    }
    assert rolling, "the demo has rolling grants"
    in_feed = {slug_of(c["UID"]) for c in feed.walk("VEVENT")}
    assert in_feed.isdisjoint(rolling)


def test_events_are_all_day_with_summary_description_url_and_a_14_day_alarm(feed, demo_site):
    grants = {g.slug: g for g in demo_site.catalog.grants}
    events = feed.walk("VEVENT")
    assert events
    for comp in events:
        grant = grants[slug_of(comp["UID"])]
        start, end = comp["DTSTART"].dt, comp["DTEND"].dt
        assert type(start) is date and end == start + timedelta(days=1)
        assert str(comp["SUMMARY"]) == f"Søknadsfrist: {grant.name}"
        assert str(comp["URL"]).endswith(f"/tilskudd/{grant.slug}/")
        description = str(comp["DESCRIPTION"])
        assert str(comp["URL"]) in description
        if grant.giver:
            assert grant.giver in description
        if grant.amount:
            assert grant.amount in description
        alarms = comp.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == timedelta(days=-14)
        assert comp["DTSTAMP"].dt.year == 2000  # never the build time
        if "RRULE" in comp:
            assert comp["RRULE"]["FREQ"] == ["YEARLY"]
            assert "-arlig-" in str(comp["UID"])


def test_passed_fixed_dates_stay_within_days_back_only(feed, demo_site):
    since = TODAY - timedelta(days=demo_site.settings.days_back)
    fixed = [c for c in feed.walk("VEVENT") if "RRULE" not in c]
    assert all(c["DTSTART"].dt >= since for c in fixed)
    # Alfred Nøklebys fond's deadline 2026-10-01 passed 53 days before today: still shown.
    assert any(str(c["UID"]).startswith("frist-alfred-noklebys-fond-2026-10-01@") for c in fixed)


def test_uids_are_unique_and_stable(demo_site, feed):
    uids = [str(c["UID"]) for c in feed.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    first, second = plan_feed_files(demo_site, PUBLIC), plan_feed_files(demo_site, PUBLIC)
    one = next(f for f in first if f.path == PATH)
    two = next(f for f in second if f.path == PATH)
    assert one.data == two.data and one.media_type == "text/calendar"
    public_uids = [str(c["UID"]) for c in icalendar.Calendar.from_ical(one.data).walk("VEVENT")]
    assert all(u.endswith("@aktiviteter.example.no") for u in public_uids)
    assert sorted(u.split("@")[0] for u in public_uids) == sorted(u.split("@")[0] for u in uids)


def test_vobject_reads_the_feed(demo_output, feed):
    parsed = vobject.readOne((demo_output / PATH).read_text(encoding="utf-8"))
    events = parsed.contents.get("vevent", [])
    assert len(events) == len(feed.walk("VEVENT"))
    for event in events:
        assert event.summary.value.startswith("Søknadsfrist: ")
        assert event.valarm.trigger.value == timedelta(days=-14)
        if hasattr(event, "rrule"):
            later = list(event.getrruleset())[:3]
            assert len(later) == 3


def make_grant(deadline: Deadline) -> Grant:
    return Grant(slug="skuddar", source_path="grants/skuddar.md", name="Skuddårsfondet", deadline=deadline)


@pytest.mark.parametrize("today", [date(2026, 1, 10), date(2027, 3, 5), date(2028, 2, 1)])
def test_a_yearly_29_february_follows_next_deadline(today):
    grant = make_grant(Deadline(yearly=((2, 29),)))
    cal = grant_deadline_calendar([grant], urls=PUBLIC, today=today, days_back=60, name="Frister")
    parsed = icalendar.Calendar.from_ical(calendar_bytes(cal))
    (event,) = parsed.walk("VEVENT")
    assert str(event["UID"]) == "frist-skuddar-arlig-02-29@aktiviteter.example.no"
    days = [c["DTSTART"].dt for c in recurring_ical_events.of(parsed).between(today, today + timedelta(days=1500))]
    expected, day = [], today
    while (nxt := next_deadline(grant.deadline, day)) is not None and nxt < today + timedelta(days=1500):
        expected.append(nxt)
        day = nxt + timedelta(days=1)
    assert days == expected
    assert date(2028, 2, 29) in days and date(2029, 2, 28) in days  # leap year and not


def test_a_rolling_grant_gives_no_event():
    grant = make_grant(Deadline(rolling=True))
    cal = grant_deadline_calendar([grant], urls=PUBLIC, today=TODAY, days_back=60, name="Frister")
    assert cal.walk("VEVENT") == []


def test_links_on_the_grant_pages_and_the_feeds_page(page):
    for url in ("tilskudd/", "tilskudd/frifond/", "tilskudd/arrangementsstotte/", "abonner/"):
        soup = page(url)
        hrefs = [a["href"] for a in soup.find_all("a", href=True)]
        assert any(h.startswith("webcal://") and h.endswith(PATH) for h in hrefs), url
        assert any(h.startswith("http") and h.endswith(PATH) for h in hrefs), url
    feeds = page("abonner/")
    assert feeds.find(id="tilskuddsfrister") is not None
    assert "Få fristene i kalenderen din" in page("tilskudd/frifond/").get_text()
