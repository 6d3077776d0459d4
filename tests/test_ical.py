"""iCalendar feeds: format, time zones, recurrence, cancellations, identity.

Built-site tests read the demo build (today 2026-11-23) and parse every .ics
with icalendar + recurring-ical-events, and with vobject (which resolves TZID
through the file's own VTIMEZONE, so it also checks our hand-made rules).
What they expand must equal the occurrences the core calendar and the HTML
pages show, at the same local times, on both sides of both DST changes
(2026-10-25 and 2027-03-28). Unit tests use small hand-made events.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import factories
import icalendar
import pytest
import recurring_ical_events
import vobject
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import FeedKind
from aktivitetsportal.outputs.addresses import PublicUrls, feed_path
from aktivitetsportal.outputs.feed_pages import calendar_feeds
from aktivitetsportal.outputs.ical import (
    FALLBACK_STAMP,
    build_calendar,
    calendar_bytes,
    event_components,
    event_sequence,
    event_stamp,
    event_uid,
    google_calendar_url,
    oslo_vtimezone,
    outlook_calendar_url,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.models import Association, Event, Occurrence
from aktivitetsportal.submissions.recurrence import parse_repeat
from aktivitetsportal.text.phrases import time_range
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site, soup_of

OSLO = ZoneInfo("Europe/Oslo")
UTC = UTC
DEV = PublicUrls.from_settings({})
PUBLIC = PublicUrls.from_settings({"SITEURL": "https://aktiviteter.example.no"})


# -- helpers -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site() -> PortalSite:
    """The core's view of the demo content, with the same settings as the demo build."""
    settings = PortalSettings.from_mapping(
        {"PORTAL_TODAY": DEMO_TODAY, "PORTAL_DAYS_AHEAD": 365, "PORTAL_DAYS_BACK": 60}
    )
    return PortalSite.build(load_catalog(DEMO_CONTENT), settings)


def ics_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.ics"))


def parse(path_or_bytes) -> icalendar.Calendar:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    return icalendar.Calendar.from_ical(data)


def slug_of(uid: str) -> str:
    return str(uid).split("@", 1)[0]


def local(moment):
    """Wall-clock Oslo time of an aware datetime; dates unchanged."""
    return moment.astimezone(OSLO).replace(tzinfo=None) if isinstance(moment, datetime) else moment


def start_day(moment) -> date:
    return moment.astimezone(OSLO).date() if isinstance(moment, datetime) else moment


def expanded(cal: icalendar.Calendar, first: date, end: date) -> set[tuple]:
    """(slug, local start, local end, cancelled) of every instance starting in [first, end)."""
    result = set()
    # Query a day early: between() returns instances that overlap the range.
    for comp in recurring_ical_events.of(cal).between(first - timedelta(days=15), end):
        start, stop = comp["DTSTART"].dt, comp["DTEND"].dt
        if first <= start_day(start) < end:
            result.add(
                (slug_of(comp["UID"]), local(start), local(stop), comp.get("STATUS") == "CANCELLED")
            )
    return result


def core_occurrences(site: PortalSite, events) -> set[tuple]:
    slugs = {e.slug for e in events}
    return {
        (o.event.slug, local(o.start), local(o.end), o.cancelled)
        for o in site.calendar.occurrences
        if o.event.slug in slugs
    }


# -- every file ------------------------------------------------------------------


def test_every_feed_is_written(demo_output, demo_site):
    written = {p.relative_to(demo_output).as_posix() for p in ics_files(demo_output)}
    expected = {f.path for f in calendar_feeds(demo_site)}
    expected |= {feed_path(FeedKind.EVENT, e.slug) for e in demo_site.catalog.events}
    expected |= {feed_path(FeedKind.GRANT_DEADLINES)}
    assert written == expected
    assert {
        "kalender.ics",
        "kalender/gratis.ics",
        "kalender/for/barn.ics",
        "kalender/kategori/idrett.ics",
        "kalender/forening/raufoss-musikkorps.ics",
        "arrangement/trim-for-kvinner/trim-for-kvinner.ics",
    } <= written


def test_files_use_crlf_and_fold_at_75_octets_without_splitting_utf8(demo_output):
    for path in ics_files(demo_output):
        data = path.read_bytes()
        assert data.endswith(b"END:VCALENDAR\r\n"), path
        assert data.count(b"\n") == data.count(b"\r\n"), f"bare LF in {path}"
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # raises if a fold split a multi-byte character


def test_every_tzid_has_one_compact_vtimezone(demo_output):
    for path in ics_files(demo_output):
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        used = set(re.findall(r";TZID=([^;:]+)", text))
        cal = parse(path)
        zones = cal.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Oslo"], path
        assert used <= {"Europe/Oslo"}, path
        assert "RDATE" not in text, path  # rule-based, not one line per transition
        assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_calendar_properties_for_subscribers(demo_output):
    raw = (demo_output / "kalender/for/barn.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    cal = parse(demo_output / "kalender/for/barn.ics")
    assert cal["VERSION"] == "2.0"
    assert "Aktivitetsportalen" in str(cal["PRODID"])
    assert cal["CALSCALE"] == "GREGORIAN"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["NAME"] == cal["X-WR-CALNAME"] == "Aktiviteter i Vestre Toten – Barn"
    assert cal["X-WR-TIMEZONE"] == "Europe/Oslo"
    assert "REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in raw
    assert "X-PUBLISHED-TTL:P1D\r\n" in raw
    assert str(cal["URL"]) == "http://localhost:8000/for/barn/"
    assert str(cal["SOURCE"]) == "http://localhost:8000/kalender/for/barn.ics"
    assert "barn" in str(cal["DESCRIPTION"]) and cal["DESCRIPTION"] == cal["X-WR-CALDESC"]
    # A single-event download is not a subscription: no calendar name for apps to create.
    single = parse(demo_output / "arrangement/trim-for-kvinner/trim-for-kvinner.ics")
    assert single["METHOD"] == "PUBLISH" and "NAME" not in single and "X-WR-CALNAME" not in single


def test_event_properties(demo_output, demo_site):
    cal = parse(demo_output / "kalender.ics")
    masters = [c for c in cal.walk("VEVENT") if "RECURRENCE-ID" not in c]
    by_slug = {slug_of(c["UID"]): c for c in masters}
    assert set(by_slug) == {e.slug for e in demo_site.catalog.events}
    for event in demo_site.catalog.events:
        comp = by_slug[event.slug]
        assert str(comp["SUMMARY"]).endswith(event.title)
        assert str(comp["LOCATION"]) == event.location
        assert str(comp["URL"]) == f"http://localhost:8000/arrangement/{event.slug}/"
        description = str(comp["DESCRIPTION"])
        assert f"Sted: {event.location}" in description
        assert "<p>" not in description and "**" not in description  # plain text, not HTML/Markdown
        assert event.category_term.label in comp.categories
        association = demo_site.catalog.associations[event.organizer]
        if association.email:
            assert str(comp["ORGANIZER"]) == f"mailto:{association.email}"
            assert comp["ORGANIZER"].params["CN"] == association.name
        else:
            assert "ORGANIZER" not in comp
        assert isinstance(comp["DTSTAMP"].dt, datetime) and comp[
            "DTSTAMP"
        ].dt.utcoffset() == timedelta(0)
        assert int(comp["SEQUENCE"]) == event_sequence(event)
        if event.recurrence:
            assert len(comp["RRULE"]["FREQ"]) == 1  # one VEVENT with a rule, not copies


def test_rrule_until_is_utc_for_timed_and_a_date_for_all_day(demo_output):
    trim = parse(demo_output / "arrangement/trim-for-kvinner/trim-for-kvinner.ics").walk("VEVENT")[
        0
    ]
    assert trim["DTSTART"].params["TZID"] == "Europe/Oslo"
    until = trim["RRULE"]["UNTIL"][0]
    # "weekly until 2027-05-25": the end of that day in Oslo (CEST), in UTC.
    assert until == datetime(2027, 5, 25, 21, 59, 59, tzinfo=UTC)
    raw = (demo_output / "arrangement/trim-for-kvinner/trim-for-kvinner.ics").read_bytes()
    assert b"UNTIL=20270525T215959Z" in raw
    assert [d.dt for d in trim["EXDATE"].dts] == [
        datetime(2026, 12, 22, 18, tzinfo=OSLO),
        datetime(2026, 12, 29, 18, tzinfo=OSLO),
        datetime(2027, 3, 23, 18, tzinfo=OSLO),
    ]

    skirenn_raw = (
        demo_output / "arrangement/barnas-skirenn-2027/barnas-skirenn-2027.ics"
    ).read_bytes()
    assert b"DTSTART;VALUE=DATE:20270207\r\n" in skirenn_raw
    assert b"DTEND;VALUE=DATE:20270208\r\n" in skirenn_raw  # exclusive end


def test_cancelled_event_and_cancelled_occurrence_stay_in_the_feed(demo_output):
    cal = parse(demo_output / "kalender.ics")
    by_uid = {}
    for comp in cal.walk("VEVENT"):
        by_uid.setdefault(slug_of(comp["UID"]), []).append(comp)
    [julemarked] = by_uid["julemarked-pa-eina"]
    assert julemarked["STATUS"] == "CANCELLED"
    assert str(julemarked["SUMMARY"]) == "AVLYST: Julemarked på Eina grendehus"

    master, override = by_uid["korpsovelse-raufoss-musikkorps"]
    assert master["STATUS"] == "CONFIRMED" and "RECURRENCE-ID" not in master
    assert override["RECURRENCE-ID"].dt == datetime(2026, 12, 14, 19, tzinfo=OSLO)
    assert override["STATUS"] == "CANCELLED"
    assert str(override["SUMMARY"]) == "AVLYST: Korpsøvelse"
    assert override["DTSTART"].dt == datetime(2026, 12, 14, 19, tzinfo=OSLO)
    # The independent parser sees the cancellation on that day, and the series around it.
    around = recurring_ical_events.of(cal).between(date(2026, 12, 7), date(2026, 12, 22))
    korps = sorted(
        (c["DTSTART"].dt, c.get("STATUS"))
        for c in around
        if slug_of(c["UID"]) == "korpsovelse-raufoss-musikkorps"
    )
    assert korps == [
        (datetime(2026, 12, 7, 19, tzinfo=OSLO), "CONFIRMED"),
        (datetime(2026, 12, 14, 19, tzinfo=OSLO), "CANCELLED"),
    ]  # 21st: Except


# -- occurrences: feeds == core calendar == HTML ----------------------------------


def test_every_feed_expands_to_the_calendars_occurrences(demo_output, demo_site):
    """recurring-ical-events on every subscription feed == the core calendar, window by window."""
    cal = demo_site.calendar
    for feed in calendar_feeds(demo_site):
        parsed = parse(demo_output / feed.path)
        got = expanded(parsed, cal.window_start, cal.window_end)
        assert got == core_occurrences(demo_site, feed.events), feed.path
    total = expanded(parse(demo_output / "kalender.ics"), cal.window_start, cal.window_end)
    assert len(total) == len(cal.occurrences) > 500


def test_single_event_files_expand_to_the_events_occurrences(demo_output, demo_site):
    cal = demo_site.calendar
    for event in demo_site.catalog.events:
        parsed = parse(demo_output / feed_path("event", event.slug))
        assert len({c["UID"] for c in parsed.walk("VEVENT")}) == 1
        got = expanded(parsed, cal.window_start, cal.window_end)
        assert got == core_occurrences(demo_site, [event]), event.slug


def test_vobject_reads_the_same_instants_through_our_vtimezone(demo_output, demo_site):
    """vobject resolves TZID=Europe/Oslo with the file's own VTIMEZONE (dateutil tzical)."""
    cal = demo_site.calendar
    lower = datetime.combine(cal.window_start, time.min, OSLO)
    upper = datetime.combine(cal.window_end, time.min, OSLO)
    parsed = vobject.readOne((demo_output / "kalender.ics").read_text(encoding="utf-8"))
    got = set()
    for vevent in parsed.vevent_list:
        if hasattr(vevent, "recurrence_id"):
            continue  # overrides replace an instance the master already yields
        slug = slug_of(vevent.uid.value)
        start = vevent.dtstart.value
        if not isinstance(start, datetime):
            continue  # all-day: compared by recurring-ical-events above
        assert "tzicalvtz" in type(start.tzinfo).__name__  # our VTIMEZONE, not the system zone
        for moment in (
            vevent.getrruleset(addRDate=True).between(lower, upper, inc=True)
            if hasattr(vevent, "rrule")
            else [start]
        ):
            if lower <= moment < upper:
                got.add((slug, moment.astimezone(UTC)))
    expected = {
        (o.event.slug, o.start.astimezone(UTC))
        for o in cal.occurrences
        if isinstance(o.start, datetime)
    }
    assert got == expected


def test_weekly_event_keeps_its_local_time_across_both_dst_changes(demo_output):
    parsed = parse(demo_output / "arrangement/trim-for-kvinner/trim-for-kvinner.ics")
    starts = {
        c["DTSTART"].dt.date(): c["DTSTART"].dt
        for c in recurring_ical_events.of(parsed).between(date(2026, 10, 1), date(2027, 4, 10))
    }
    for day, offset in [
        (date(2026, 10, 20), 2),
        (date(2026, 10, 27), 1),
        (date(2027, 3, 16), 1),
        (date(2027, 3, 30), 2),
    ]:
        moment = starts[day]
        assert (moment.astimezone(OSLO).hour, moment.astimezone(OSLO).minute) == (18, 0)
        assert moment.utcoffset() == timedelta(hours=offset)
    assert date(2027, 3, 23) not in starts  # Except
    assert date(2026, 12, 22) not in starts


def week_page_rows(soup) -> set[tuple]:
    """(day, slug, time text, cancelled) of every row of a week page."""
    rows = set()
    for section in soup.select("section.day"):
        day = date.fromisoformat(section.find("h2")["id"].removeprefix("dag-"))
        for li in section.select("li.occurrence"):
            slug = (
                li.find("a", href=re.compile(r"/arrangement/"))["href"]
                .rstrip("/")
                .rsplit("/", 1)[-1]
            )
            text = li.select_one(".occ-time span").get_text(strip=True)
            rows.add((day, slug, text, "is-cancelled" in li.get("class", [])))
    return rows


@pytest.mark.parametrize(
    "week, trim_day",
    [
        ("2026-43", date(2026, 10, 20)),
        ("2026-44", date(2026, 10, 27)),
        ("2027-12", None),
        ("2027-13", date(2027, 3, 30)),
    ],
)
def test_week_pages_show_what_the_feed_expands_to(demo_output, page, week, trim_day):
    """Weeks on both sides of both DST changes: HTML rows == kalender.ics instances."""
    soup = page(f"kalender/uke/{week}/")
    monday = date.fromisocalendar(int(week[:4]), int(week[5:]), 1)
    parsed = parse(demo_output / "kalender.ics")
    from_feed = set()
    for comp in recurring_ical_events.of(parsed).between(
        monday - timedelta(days=14), monday + timedelta(days=7)
    ):
        start, end = comp["DTSTART"].dt, comp["DTEND"].dt
        occ_start = start.astimezone(OSLO) if isinstance(start, datetime) else start
        occ_end = end.astimezone(OSLO) if isinstance(end, datetime) else end
        last = (
            (occ_end - timedelta(microseconds=1)).date()
            if isinstance(end, datetime)
            else occ_end - timedelta(days=1)
        )
        day = start_day(start)
        while day <= max(last, start_day(start)):
            if monday <= day < monday + timedelta(days=7):
                from_feed.add(
                    (
                        day,
                        slug_of(comp["UID"]),
                        time_range(occ_start, occ_end),
                        comp.get("STATUS") == "CANCELLED",
                    )
                )
            day += timedelta(days=1)
    rows = week_page_rows(soup)
    assert len(rows) >= 5
    assert rows == from_feed
    # The weekly 18:00 group is at 18:00 on the page and in the feed, before and after the change.
    trim = {(day, text) for day, slug, text, _ in rows if slug == "trim-for-kvinner"}
    assert trim == (
        {(trim_day, "18:00–19:00")} if trim_day else set()
    )  # 2027-03-23 is an Except date


def test_event_page_dates_match_the_event_feed(demo_output, page):
    soup = page("arrangement/korpsovelse-raufoss-musikkorps/")
    listed = [
        (datetime.fromisoformat(li.find("time")["datetime"]), "is-cancelled" in li.get("class", []))
        for li in soup.select("ul.dates li")
    ]
    parsed = parse(
        demo_output
        / "arrangement/korpsovelse-raufoss-musikkorps/korpsovelse-raufoss-musikkorps.ics"
    )
    instances = sorted(
        (c["DTSTART"].dt, c.get("STATUS") == "CANCELLED")
        for c in recurring_ical_events.of(parsed).between(date(2026, 11, 23), date(2027, 6, 30))
    )
    assert listed == instances[: len(listed)]
    assert len(listed) == 10 and (datetime(2026, 12, 14, 19, tzinfo=OSLO), True) in listed
    assert all(m.utcoffset() == timedelta(hours=1) for m, _ in listed)  # winter: +01:00 on the page


# -- identity and determinism -------------------------------------------------------


def test_uids_are_unique_per_file_and_derived_from_the_slug(demo_output):
    for path in ics_files(demo_output):
        masters = [str(c["UID"]) for c in parse(path).walk("VEVENT") if "RECURRENCE-ID" not in c]
        assert len(masters) == len(set(masters)), path
        assert all(re.fullmatch(r"[a-z0-9-]+@aktivitetsportal", uid) for uid in masters), path


def test_second_build_is_byte_identical_with_the_same_uids(demo_output, tmp_path):
    second = build_site(DEMO_CONTENT, tmp_path / "second", PORTAL_SEARCH=False)
    feeds = sorted(
        p.relative_to(demo_output)
        for p in [
            *demo_output.rglob("*.ics"),
            *(demo_output / "rss").rglob("*.xml"),
            *(demo_output / "atom").rglob("*.xml"),
        ]
    )
    assert len(feeds) > 100
    for rel in feeds:
        assert (second / rel).read_bytes() == (demo_output / rel).read_bytes(), rel
    uids = lambda out: sorted(str(c["UID"]) for c in parse(out / "kalender.ics").walk("VEVENT"))  # noqa: E731
    assert uids(second) == uids(demo_output)


def test_uid_survives_moving_the_file_within_its_folder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    before = {e.source_path: event_uid(e, "x") for e in load_catalog(content).events}
    folder = content / "events" / "flere-farger-toten"
    (folder / "2026-host").mkdir()
    (folder / "trim-for-kvinner.md").rename(folder / "2026-host" / "trim-for-kvinner.md")
    after = {e.slug: event_uid(e, "x") for e in load_catalog(content).events}
    assert before["events/flere-farger-toten/trim-for-kvinner.md"] == after["trim-for-kvinner"]
    assert after["trim-for-kvinner"] == "trim-for-kvinner@x"


def test_public_host_is_used_in_uids_and_links():
    assert (
        PUBLIC.base == "https://aktiviteter.example.no"
        and PUBLIC.uid_host == "aktiviteter.example.no"
    )
    assert PUBLIC.webcal("kalender.ics") == "webcal://aktiviteter.example.no/kalender.ics"
    assert (
        PublicUrls.from_settings({"SITEURL": "", "PORTAL_PUBLIC_URL": "https://a.no/"}).base
        == "https://a.no"
    )
    assert DEV.base == "http://localhost:8000" and DEV.uid_host == "aktivitetsportal"


# -- unit tests with hand-made events -------------------------------------------------


def make_event(**fields) -> Event:
    """The shared test event, titled "Test" and added 1 November 2026."""
    return factories.make_event(**{"title": "Test", "added": date(2026, 11, 1), **fields})


class FakeCatalog:
    def __init__(self, associations=None):
        self.associations = associations or {}


class FakeSite:
    def __init__(self, associations=None):
        self.catalog = FakeCatalog(associations)


def one_calendar(*events, associations=None) -> bytes:
    return calendar_bytes(build_calendar(FakeSite(associations), events, DEV, name="Test"))


def test_untrusted_text_is_escaped_and_cannot_inject_properties():
    title = 'Kveld <script>alert(1)</script>; a,b \\ "sitat"\nX-EVIL:1'
    data = one_calendar(
        make_event(title=title, location="Sted; med, tegn\r\nATTENDEE:mailto:x@y.no")
    )
    comp = parse(data).walk("VEVENT")[0]
    assert str(comp["SUMMARY"]) == title
    assert "X-EVIL" not in comp and "ATTENDEE" not in comp
    assert b"\nX-EVIL" not in data and b"\nATTENDEE" not in data


def test_long_norwegian_text_folds_on_character_boundaries():
    data = one_calendar(
        make_event(title="Blåbærsyltetøy og rømmegrøt " * 12, body_text="Æøå" * 200)
    )
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) > 10
    for line in lines:
        line.decode("utf-8")
    assert str(parse(data).walk("VEVENT")[0]["SUMMARY"]) == "Blåbærsyltetøy og rømmegrøt " * 12


def test_dtstamp_and_last_modified_come_from_the_content():
    modified = make_event(added=date(2026, 9, 10), modified=date(2026, 11, 2))
    comp = parse(one_calendar(modified)).walk("VEVENT")[0]
    assert comp["DTSTAMP"].dt == datetime(2026, 11, 1, 23, 0, tzinfo=UTC)  # 2 Nov 00:00 Oslo
    assert comp["LAST-MODIFIED"].dt == comp["DTSTAMP"].dt
    assert event_stamp(make_event(added=date(2026, 7, 1))) == datetime(2026, 6, 30, 22, tzinfo=UTC)
    bare = make_event(added=None)
    assert event_stamp(bare) == FALLBACK_STAMP
    assert "LAST-MODIFIED" not in parse(one_calendar(bare)).walk("VEVENT")[0]
    assert one_calendar(bare) == one_calendar(bare)


def test_sequence_grows_with_the_modified_date():
    added = date(2026, 9, 10)
    assert event_sequence(make_event(added=added)) == 0
    first = event_sequence(make_event(added=added, modified=date(2026, 9, 20)))
    later = event_sequence(
        make_event(added=added, modified=date(2026, 10, 5), start=datetime(2026, 12, 1, 19))
    )
    assert first == 10 and later == 25 and later > first
    assert event_sequence(make_event(added=None, modified=date(2000, 1, 31))) == 30
    assert event_sequence(make_event(added=date(2026, 9, 10), modified=date(2026, 9, 1))) == 0


def test_count_rule_keeps_count_and_expands_like_the_core():
    start = datetime(2026, 10, 13, 18)
    event = make_event(start=start, recurrence=parse_repeat("weekly 4 times", start.date()))
    comp = parse(one_calendar(event)).walk("VEVENT")[0]
    assert comp["RRULE"]["COUNT"] == [4] and "UNTIL" not in comp["RRULE"]
    got = [
        c["DTSTART"].dt
        for c in recurring_ical_events.of(parse(one_calendar(event))).between(
            date(2026, 10, 1), date(2027, 1, 1)
        )
    ]
    assert got == [localize_naive(start + timedelta(weeks=i)) for i in range(4)]
    assert got[2].utcoffset() == timedelta(hours=1) and got[1].utcoffset() == timedelta(hours=2)


def localize_naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=OSLO)


def test_cancelled_dates_outside_the_series_and_cancelled_one_offs():
    start = datetime(2026, 12, 1, 18)
    series = make_event(
        start=start,
        recurrence=parse_repeat("weekly", start.date()),
        cancelled_dates=(date(2026, 12, 8), date(2026, 12, 9)),
        except_dates=(date(2026, 12, 15),),
    )
    comps = event_components(series, urls=DEV)
    assert [c["RECURRENCE-ID"].dt for c in comps[1:]] == [datetime(2026, 12, 8, 18, tzinfo=OSLO)]
    one_off = make_event(cancelled_dates=(date(2026, 12, 1),))
    [comp] = event_components(one_off, urls=DEV)
    assert comp["STATUS"] == "CANCELLED" and str(comp["SUMMARY"]).startswith("AVLYST: ")


def test_all_day_series_uses_dates_throughout():
    event = make_event(
        start=date(2026, 12, 5),
        duration=timedelta(days=2),
        recurrence=parse_repeat("monthly on 1st saturday until 2027-02-06", date(2026, 12, 5)),
        except_dates=(date(2027, 1, 2),),
        cancelled_dates=(date(2027, 2, 6),),
    )
    data = one_calendar(event)
    assert b"DTSTART;VALUE=DATE:20261205\r\n" in data and b"DTEND;VALUE=DATE:20261207\r\n" in data
    assert b"UNTIL=20270206;" in data or b"UNTIL=20270206\r\n" in data
    assert b"EXDATE;VALUE=DATE:20270102\r\n" in data
    assert b"RECURRENCE-ID;VALUE=DATE:20270206\r\n" in data
    got = sorted(
        (c["DTSTART"].dt, c.get("STATUS"))
        for c in recurring_ical_events.of(parse(data)).between(date(2026, 12, 1), date(2027, 3, 1))
    )
    assert got == [(date(2026, 12, 5), "CONFIRMED"), (date(2027, 2, 6), "CANCELLED")]


def test_organizer_only_with_an_email():
    with_mail = Association(
        slug="lag",
        source_path="a.md",
        name='Lag "Glede"; og sånn',
        category="annet",
        email="post@lag.no",
    )
    comp = parse(one_calendar(make_event(), associations={"lag": with_mail})).walk("VEVENT")[0]
    assert str(comp["ORGANIZER"]) == "mailto:post@lag.no"
    assert comp["ORGANIZER"].params["CN"] == 'Lag "Glede"; og sånn'
    without = Association(slug="lag", source_path="a.md", name="Lag", category="annet")
    assert (
        "ORGANIZER"
        not in parse(one_calendar(make_event(), associations={"lag": without})).walk("VEVENT")[0]
    )


def test_vtimezone_rules_match_the_tz_database():
    tz = oslo_vtimezone().to_tz(lookup_tzid=False)  # built from the component, not looked up
    moment = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    while moment < datetime(2031, 1, 1, tzinfo=UTC):
        assert moment.astimezone(tz).utcoffset() == moment.astimezone(OSLO).utcoffset(), moment
        moment += timedelta(hours=1)


def test_add_to_calendar_links_use_oslo_local_times():
    summer = make_event(start=datetime(2026, 10, 20, 18), duration=timedelta(hours=1))
    winter = make_event(
        start=datetime(2026, 10, 27, 18),
        duration=timedelta(hours=1),
        title="Kaffe & kaker",
        location="Huset, 2830 Raufoss",
    )
    for event, offset in [(summer, "+02:00"), (winter, "+01:00")]:
        occ = Occurrence.at(event, event.start)
        google = parse_qs(urlsplit(google_calendar_url(occ, DEV)).query)
        day = event.start.strftime("%Y%m%d")
        assert google["dates"] == [f"{day}T180000/{day}T190000"] and google["ctz"] == [
            "Europe/Oslo"
        ]
        assert google["text"] == [event.title] and google["location"] == [event.location]
        outlook_url = outlook_calendar_url(occ, DEV)
        assert "%2B" in outlook_url or offset.startswith("-")  # "+" must not become a space
        outlook = parse_qs(urlsplit(outlook_url).query)
        assert outlook["startdt"] == [f"{event.start.date().isoformat()}T18:00:00{offset}"]
        assert outlook["enddt"] == [f"{event.start.date().isoformat()}T19:00:00{offset}"]
        assert outlook["allday"] == ["false"] and outlook["subject"] == [event.title]
    all_day = make_event(start=date(2027, 2, 7), duration=timedelta(days=1))
    occ = Occurrence.at(all_day, all_day.start)
    assert parse_qs(urlsplit(google_calendar_url(occ, DEV)).query)["dates"] == ["20270207/20270208"]
    outlook = parse_qs(urlsplit(outlook_calendar_url(occ, DEV)).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        ["2027-02-07"],
        ["2027-02-08"],
        ["true"],
    )


def test_event_page_links_add_the_next_occurrence(page):
    soup = page("arrangement/trim-for-kvinner/")
    box = soup.find("section", class_="add-to-calendar")
    hrefs = [a["href"] for a in box.find_all("a")]
    assert "/arrangement/trim-for-kvinner/trim-for-kvinner.ics" in hrefs
    google = next(h for h in hrefs if h.startswith("https://calendar.google.com/"))
    next_time = soup.select_one("dl.facts time")["datetime"]  # "Neste gang" on the page
    start = datetime.fromisoformat(next_time)
    assert parse_qs(urlsplit(google).query)["dates"][0].startswith(start.strftime("%Y%m%dT%H%M%S"))
    # A cancelled event offers the .ics (with STATUS:CANCELLED) but no "add" links.
    cancelled = page("arrangement/julemarked-pa-eina/").find("section", class_="add-to-calendar")
    assert not [
        a for a in cancelled.find_all("a") if "google" in a["href"] or "outlook" in a["href"]
    ]


def test_feeds_page_lists_every_nonempty_feed_with_webcal_and_https_links(page, demo_site):
    soup = page("abonner/")
    hrefs = {a["href"] for a in soup.find_all("a")}
    for feed in calendar_feeds(demo_site):
        if feed.events:
            assert f"webcal://localhost:8000/{feed.path}" in hrefs, feed.path
            assert f"http://localhost:8000/{feed.path}" in hrefs, feed.path
    text = soup.get_text(" ", strip=True)
    for words in (
        "Google Kalender",
        "Outlook",
        "iPhone",
        "Mac",
        "Fra nettadresse",
        "Abonner fra nettet",
        "Nytt kalenderabonnement",
    ):
        assert words in text
    assert not [
        s for s in soup.find_all(["script", "iframe", "img"]) if s.get("src", "").startswith("http")
    ]


def test_feeds_page_is_written(demo_output):
    assert (
        soup_of(demo_output / "abonner" / "index.html").find("h1").get_text()
        == "Abonner på kalender"
    )


@pytest.mark.parametrize(
    "repeat, expect_count, expected_days",
    [
        ("weekly 10 times until 2026-11-03", False, 4),  # the until date ends it first
        ("weekly 2 times until 2027-01-01", True, 2),  # the count ends it first
    ],
)
def test_count_and_until_together_become_one_valid_limit(repeat, expect_count, expected_days):
    from aktivitetsportal.domain.calendar import expand_event

    start = datetime(2026, 10, 13, 18)
    event = make_event(start=start, recurrence=parse_repeat(repeat, start.date()))
    data = one_calendar(event)
    rule = parse(data).walk("VEVENT")[0]["RRULE"]
    assert ("COUNT" in rule) is expect_count and ("UNTIL" in rule) is not expect_count
    got = [
        c["DTSTART"].dt
        for c in recurring_ical_events.of(parse(data)).between(date(2026, 10, 1), date(2027, 2, 1))
    ]
    core = [o.start for o in expand_event(event, date(2026, 10, 1), date(2027, 2, 1))]
    assert got == core and len(got) == expected_days


def test_file_writer_splices_the_same_bytes_as_a_built_calendar(demo_site):
    from aktivitetsportal.outputs.ical import CalendarFileWriter, build_calendar, calendar_bytes

    urls = PublicUrls.from_settings({})
    writer = CalendarFileWriter(demo_site, urls)
    events = demo_site.calendar.events[:5]
    props = {"name": "Test", "description": "Beskrivelse", "url": "http://localhost:8000/abonner/"}
    assert writer.calendar_file(events, **props) == calendar_bytes(build_calendar(demo_site, events, urls, **props))
    assert writer.calendar_file(events[:1]) == calendar_bytes(build_calendar(demo_site, events[:1], urls))
