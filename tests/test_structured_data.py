"""schema.org Event JSON-LD on event pages: valid JSON, required properties, script-safe."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import factories
import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.addresses import PublicUrls
from aktivitetsportal.outputs.structured_data import (
    event_jsonld,
    event_schedule,
    jsonld_script_text,
    place_of,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.models import Association, Event, Occurrence
from aktivitetsportal.submissions.recurrence import parse_repeat
from aktivitetsportal.submissions.values import Price
from sitebuild import DEMO_CONTENT, DEMO_TODAY

DEV = PublicUrls.from_settings({})
OFFSET = re.compile(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
REQUIRED = {
    "@context",
    "@type",
    "name",
    "url",
    "startDate",
    "endDate",
    "eventStatus",
    "eventAttendanceMode",
    "location",
    "organizer",
}


@pytest.fixture(scope="module")
def demo_site() -> PortalSite:
    return PortalSite.build(
        load_catalog(DEMO_CONTENT), PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY})
    )


def jsonld_of(soup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_every_event_page_has_valid_event_jsonld(page, demo_site):
    for event in demo_site.catalog.events:
        soup = page(f"arrangement/{event.slug}/")
        data = jsonld_of(soup)
        assert REQUIRED <= set(data), event.slug
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == event.title
        assert data["url"] == f"http://localhost:8000/arrangement/{event.slug}/"
        assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        place = data["location"]
        assert place["@type"] == "Place" and place["name"]
        assert (
            place["address"]["@type"] == "PostalAddress"
            and place["address"]["addressCountry"] == "NO"
        )
        assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"]
        assert data["organizer"]["url"] == f"http://localhost:8000/foreninger/{event.organizer}/"
        if event.all_day:
            date.fromisoformat(data["startDate"])
            date.fromisoformat(data["endDate"])
        else:
            assert OFFSET.search(data["startDate"]) and OFFSET.search(data["endDate"]), event.slug
            assert datetime.fromisoformat(data["endDate"]) > datetime.fromisoformat(
                data["startDate"]
            )
        expected_status = "EventCancelled" if event.cancelled else "EventScheduled"
        assert data["eventStatus"] == f"https://schema.org/{expected_status}", event.slug
        if event.price is not None:
            assert data["isAccessibleForFree"] is event.price.is_free
            assert all(
                o["priceCurrency"] == "NOK" and o["@type"] == "Offer" for o in data["offers"]
            )
            assert [o["price"] for o in data["offers"]] == [
                str(a) for a in (event.price.amounts or (0,))
            ]
        else:
            assert "offers" not in data and "isAccessibleForFree" not in data


def test_start_date_is_the_next_time_shown_on_the_page(page, demo_site):
    for slug in (
        "trim-for-kvinner",
        "korpsovelse-raufoss-musikkorps",
        "julekonsert-med-raufoss-musikkorps",
    ):
        soup = page(f"arrangement/{slug}/")
        data = jsonld_of(soup)
        summary = demo_site.calendar.summary(
            next(e for e in demo_site.catalog.events if e.slug == slug)
        )
        assert data["startDate"] == summary.next.start.isoformat()
        assert soup.select_one("dl.facts time")["datetime"][:10] == data["startDate"][:10]


def test_cancelled_and_all_day_events(page):
    julemarked = jsonld_of(page("arrangement/julemarked-pa-eina/"))
    assert julemarked["eventStatus"] == "https://schema.org/EventCancelled"
    assert julemarked["startDate"] == "2026-12-12T11:00:00+01:00"
    skirenn = jsonld_of(page("arrangement/barnas-skirenn-2027/"))
    assert (skirenn["startDate"], skirenn["endDate"]) == ("2027-02-07", "2027-02-07")
    assert skirenn["offers"] == [
        {
            "@type": "Offer",
            "price": "50",
            "priceCurrency": "NOK",
            "url": "https://raufoss-il.no/ski/barnerenn",
        }
    ]
    assert skirenn["isAccessibleForFree"] is False


def test_weekly_series_has_an_event_schedule(page):
    data = jsonld_of(page("arrangement/trim-for-kvinner/"))
    schedule = data["eventSchedule"]
    assert schedule == {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "startDate": "2026-10-06",
        "endDate": "2027-05-25",
        "startTime": "18:00:00",
        "endTime": "19:00:00",
        "exceptDate": ["2026-12-22", "2026-12-29", "2027-03-23"],
        "scheduleTimezone": "Europe/Oslo",
    }


# -- unit tests ------------------------------------------------------------------


def make_event(**fields) -> Event:
    return factories.make_event(**{"title": "Test", **fields})


def test_serializer_is_safe_inside_a_script_element():
    title = 'Kveld </script><script>alert("x")</script> & <!-- \u2028 "sitat"'
    data = event_jsonld(make_event(title="Kveld & sang"), urls=DEV)
    data["name"] = title  # as if a title came through unfiltered
    text = jsonld_script_text(data)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text)["name"] == title


def test_markup_in_submitted_text_becomes_plain_text():
    event = make_event(
        title='<script>alert("x")</script>Kveld <b>med</b> sang & dans, barn < 12',
        location="<img src=x onerror=alert(1)>Huset, Vegen 1, 2830 Raufoss",
        body_text="<script>alert(1)</script>Hei",
    )
    data = event_jsonld(event, urls=DEV)
    assert data["name"] == "Kveld med sang & dans, barn < 12"
    assert data["location"]["name"] == "Huset" and data["description"] == "Hei"
    assert "alert" not in json.dumps(data)
    assert event_jsonld(make_event(title="<script>alert(1)</script>"), urls=DEV) is None


def test_page_with_a_script_title_has_no_script_in_its_jsonld(demo_output, content_copy, tmp_path):
    from sitebuild import build_site, soup_of

    (content_copy / "events" / "utstyrsbanken" / "xss.md").write_text(
        "Title: Kveld</script><script>alert(1)</script>\nStart: 2026-11-25 18:00\nDuration: 1h\n"
        "Location: Huset, 2830 Raufoss\nOrganizer: utstyrsbanken\nCategory: annet\n\nTekst.\n",
        encoding="utf-8",
    )
    out = build_site(content_copy, tmp_path / "out", PORTAL_SEARCH=False)
    soup = soup_of(out / "arrangement" / "xss" / "index.html")
    scripts = soup.find_all("script", src=False)  # the theme's script files have a src
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string)["name"] == "Kveld"
    assert b"<script>alert" not in (out / "arrangement" / "xss" / "index.html").read_bytes()


def test_place_parsing():
    assert place_of("Frivilligsentralen, Storgata 1, 2830 Raufoss") == {
        "@type": "Place",
        "name": "Frivilligsentralen",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storgata 1",
            "postalCode": "2830",
            "addressLocality": "Raufoss",
            "addressCountry": "NO",
        },
    }
    assert place_of("Skistua, 2830 Raufoss")["address"] == {
        "@type": "PostalAddress",
        "postalCode": "2830",
        "addressLocality": "Raufoss",
        "addressCountry": "NO",
    }
    loose = place_of("Bak kirka", "Vestre Toten")
    assert loose["name"] == "Bak kirka"
    assert (
        loose["address"]["streetAddress"] == "Bak kirka"
        and loose["address"]["addressLocality"] == "Vestre Toten"
    )


@pytest.mark.parametrize(
    "repeat, expected",
    [
        ("weekly", {"repeatFrequency": "P1W"}),
        ("every 2 weeks", {"repeatFrequency": "P2W"}),
        (
            "weekly on tuesday and thursday",
            {
                "repeatFrequency": "P1W",
                "byDay": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
            },
        ),
        (
            "monthly on 1st tuesday",
            {"repeatFrequency": "P1M", "byMonthWeek": 1, "byDay": ["https://schema.org/Tuesday"]},
        ),
        ("weekly 10 times", {"repeatFrequency": "P1W", "repeatCount": 10}),
        ("monthly on last thursday", None),  # no exact schema.org form: left out, not misstated
    ],
)
def test_event_schedule_forms(repeat, expected):
    start = datetime(2026, 12, 1, 18)  # a Tuesday
    event = make_event(start=start, recurrence=parse_repeat(repeat, start.date()))
    schedule = event_schedule(event)
    if expected is None:
        assert schedule is None
        assert "eventSchedule" not in event_jsonld(event, urls=DEV)
    else:
        assert {k: v for k, v in schedule.items() if k in expected} == expected
        assert schedule["startTime"] == "18:00:00" and schedule["endTime"] == "20:00:00"


def test_offers_and_organizer_details():
    association = Association(
        slug="lag", source_path="a.md", name="Laget", category="annet", email="post@laget.no"
    )
    paid = make_event(price=Price((100, 50)))
    occ = Occurrence.at(paid, paid.start)
    data = event_jsonld(paid, urls=DEV, occurrence=occ, organizer=association)
    assert [o["price"] for o in data["offers"]] == ["100", "50"] and data[
        "isAccessibleForFree"
    ] is False
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Laget",
        "url": "http://localhost:8000/foreninger/lag/",
        "email": "post@laget.no",
    }
    summer = make_event(start=datetime(2026, 6, 1, 12))
    assert event_jsonld(summer, urls=DEV)["startDate"] == "2026-06-01T12:00:00+02:00"
