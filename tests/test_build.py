"""End to end: the demo site builds, and every occurrence is where it belongs."""

import filecmp
import subprocess
import sys
from datetime import date, timedelta

import pytest
from aktivitetsportal.domain.calendar import ActivityCalendar, Month, Week
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.phrases import time_label
from sitebuild import ROOT, build_site, soup_of

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def calendar():
    catalog = load_catalog(ROOT / "content")
    assert catalog.errors == []
    return ActivityCalendar(catalog.events, PortalSettings.from_mapping({"PORTAL_TODAY": TODAY.isoformat()}))


def rows_in_day(soup, day: date, slug: str):
    """Occurrence rows of event ``slug`` under the heading of ``day`` on a page."""
    section = soup.find("section", attrs={"aria-labelledby": f"dag-{day.isoformat()}"})
    if section is None:
        return []
    return [li for li in section.select("li.occurrence") if li.find("a", href=f"/arrangement/{slug}/")]


def expected_time(occ) -> str:
    return "Hele dagen" if occ.event.all_day else time_label(occ.start)


def test_demo_has_enough_content(calendar):
    events = calendar.events
    assert len(events) >= 40
    assert sum(1 for e in events if e.recurrence) >= 20
    assert any(e.cancelled for e in events) and any(e.all_day for e in events)
    assert sum(1 for e in events if e.is_free) >= 10


def test_every_occurrence_is_on_its_week_and_month_page(demo_output, calendar):
    pages: dict[str, object] = {}

    def load(url):
        if url not in pages:
            pages[url] = soup_of(demo_output / url / "index.html")
        return pages[url]

    checked = 0
    for occ in calendar.occurrences:
        for url in (f"kalender/uke/{Week.of(occ.day).key}", f"kalender/{Month.of(occ.day).key}"):
            rows = rows_in_day(load(url), occ.day, occ.event.slug)
            assert rows, f"{occ.id} missing on {url}"
            times = [r.select_one(".occ-time").get_text(" ", strip=True) for r in rows]
            assert any(t.startswith(expected_time(occ)) for t in times), (occ.id, url, times)
            if occ.cancelled:
                assert any("AVLYST" in r.get_text() for r in rows), occ.id
        checked += 1
    assert checked > 500


def test_front_page_shows_today_and_next_seven_days(page, calendar):
    soup = page("")
    headings = [h.get_text(strip=True) for h in soup.select("section.day h2")]
    assert headings[:2] == ["I dag, mandag 23. november", "I morgen, tirsdag 24. november"]
    assert headings[2] == "onsdag 25. november"
    assert len(headings) == 8
    for offset in range(8):
        day = TODAY + timedelta(days=offset)
        for occ in calendar.on(day):
            assert rows_in_day(soup, day, occ.event.slug), occ.id
    assert not rows_in_day(soup, TODAY + timedelta(days=8), "tirsdagskaffe-pa-frivilligsentralen")


def test_front_page_row_has_time_title_place_price_organizer(page):
    soup = page("")
    (row,) = rows_in_day(soup, date(2026, 11, 24), "tirsdagskaffe-pa-frivilligsentralen")
    assert row.select_one(".occ-time").get_text(strip=True) == "10:00–12:00"
    # Each fact is labelled for screen readers ("Sted:", "Pris:", "Arrangør:"), visually hidden.
    assert row.select_one(".occ-place").get_text(" ", strip=True).startswith("Sted: Frivilligsentralen")
    assert row.select_one(".occ-price").get_text(" ", strip=True) == "Pris: Gratis"
    assert row.select_one(".occ-organizer").get_text(" ", strip=True) == "Arrangør: Vestre Toten frivilligsentral"
    assert all(label["class"] == ["visually-hidden"] for label in row.select(".occ-meta > span > span:first-child"))


# trim-for-kvinner: weekly on Tuesdays 18:00 from 2026-10-06 (2027-03-23 is an Except date).
@pytest.mark.parametrize("day", [date(2026, 10, 20), date(2026, 10, 27), date(2027, 3, 16), date(2027, 3, 30)])
def test_weekly_group_is_at_18_on_both_sides_of_both_dst_changes(demo_output, day):
    soup = soup_of(demo_output / "kalender" / "uke" / Week.of(day).key / "index.html")
    (row,) = rows_in_day(soup, day, "trim-for-kvinner")
    assert row.select_one(".occ-time").get_text(strip=True) == "18:00–19:00"


def test_week_page_title_and_navigation(page):
    soup = page("kalender/uke/2026-49")
    assert soup.h1.get_text(strip=True) == "Uke 49, 2026"
    assert soup.find("a", rel="prev")["href"] == "/kalender/uke/2026-48/"
    assert soup.find("a", rel="next")["href"] == "/kalender/uke/2026-50/"
    assert soup.find("html")["lang"] == "nb"


def test_month_page_navigation(page):
    soup = page("kalender/2026-12")
    assert soup.h1.get_text(strip=True) == "Desember 2026"
    assert soup.find("a", rel="next")["href"] == "/kalender/2027-01/"


def test_cancelled_event_is_marked_everywhere(page, calendar):
    cancelled = [e for e in calendar.events if e.cancelled]
    assert cancelled
    for event in cancelled:
        occ = calendar.occurrences_of(event)[0]
        week = page(f"kalender/uke/{Week.of(occ.day).key}")
        assert "AVLYST" in rows_in_day(week, occ.day, event.slug)[0].get_text()
        assert "AVLYST" in page(f"arrangement/{event.slug}").h1.get_text()


def test_event_page_lists_fields_and_next_occurrences(page, calendar):
    soup = page("arrangement/trim-for-kvinner")
    assert soup.h1.get_text(strip=True) == "Trim for kvinner"
    facts = soup.select_one("dl.facts").get_text(" ", strip=True)
    assert "Hver tirsdag" in facts and "Raufoss idrettshall" in facts and "Gratis" in facts
    organizer = soup.select_one("dl.facts a[href^='/foreninger/']")
    assert organizer["href"] == "/foreninger/flere-farger-toten/"
    dates = [t["datetime"][:10] for t in soup.select("ul.dates time")]
    event = next(e for e in calendar.events if e.slug == "trim-for-kvinner")
    assert dates == [o.day.isoformat() for o in calendar.upcoming_of(event)[:10]]


def test_category_audience_free_and_organizer_pages_list_upcoming_events(page, calendar):
    for summary in calendar.upcoming_events():
        event = summary.event
        href = f"/arrangement/{event.slug}/"
        assert page(f"kategori/{event.category_term.slug}").find("a", href=href), (event.slug, "category")
        assert page(f"foreninger/{event.organizer}").find("a", href=href), (event.slug, "organizer")
        for term in event.audience_terms:
            assert page(f"for/{term.slug}").find("a", href=href), (event.slug, term.slug)
        assert bool(page("gratis").find("a", href=href)) == event.is_free, event.slug


def test_archive_lists_finished_events(page, calendar):
    past = calendar.past_events()
    links = {a["href"] for a in page("kalender/arkiv").select("ul.summaries a")}
    assert links == {f"/arrangement/{e.slug}/" for e in past}


def test_invalid_file_fails_the_build_with_its_message(content_copy, tmp_path):
    broken = content_copy / "events" / "utstyrsbanken" / "odelagt.md"
    broken.write_text("Title: Ødelagt\nStart: 2026-12-01 25:00\nDuration: 2h\nLocation: X\n"
                      "Organizer: utstyrsbanken\nCategory: fest\n\nTekst\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content_copy), "-o", str(tmp_path / "out"),
         "-s", str(ROOT / "pelicanconf.py")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert "events/utstyrsbanken/odelagt.md, linje 2, feltet Start" in output
    assert "events/utstyrsbanken/odelagt.md, linje 6, feltet Category" in output


def test_skip_invalid_builds_everything_else(content_copy, tmp_path):
    (content_copy / "events" / "utstyrsbanken" / "odelagt.md").write_text("Title: Uten tid\n", encoding="utf-8")
    out = build_site(content_copy, tmp_path / "out", PORTAL_SKIP_INVALID=True)
    assert not (out / "arrangement" / "odelagt").exists()
    valid = load_catalog(content_copy).events
    assert all((out / "arrangement" / e.slug / "index.html").exists() for e in valid)


def test_two_builds_are_byte_identical(demo_output, tmp_path):
    """Also when one build shares the work between processes and the other does not."""
    second = build_site(ROOT / "content", tmp_path / "second", PORTAL_PROCESSES=1)
    first_files = sorted(p.relative_to(demo_output) for p in demo_output.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert first_files == second_files
    _match, mismatch, errors = filecmp.cmpfiles(demo_output, second, [str(p) for p in first_files], shallow=False)
    assert mismatch == [] and errors == []


def test_submitted_script_never_reaches_output(content_copy, tmp_path):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    (content_copy / "events" / "utstyrsbanken" / "xss.md").write_text(
        f"Title: {payload}\nStart: 2026-11-25 18:00\nDuration: 1h\nLocation: {payload}\n"
        f"Organizer: utstyrsbanken\nCategory: annet\nAccessibility: {payload}\nContact: {payload}\n\n"
        f"{payload}\n\n[klikk](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"x()\">a</a>\n",
        encoding="utf-8",
    )
    out = build_site(content_copy, tmp_path / "out")
    for path in out.rglob("*.html"):
        soup = soup_of(path)
        for script in soup.find_all("script"):
            assert script.get("type") == "application/ld+json" or script.get("src"), path
            assert "alert" not in (script.string or ""), path
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            for attr in ("href", "src", "action"):
                assert not str(tag.get(attr, "")).strip().lower().startswith("javascript:"), (path, tag)
    event_page = (out / "arrangement" / "xss" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in event_page  # shown as text, not run


def test_event_planned_beyond_the_window_is_upcoming_not_past():
    from aktivitetsportal.submissions.events import parse_event
    from aktivitetsportal.submissions.sourcefile import parse_source_text

    text = ("Title: Jubileum\nStart: 2028-06-01 18:00\nDuration: 2h\nLocation: Hallen\n"
            "Organizer: lag\nCategory: kultur\n\nTekst\n")
    event, problems = parse_event(parse_source_text(text, "events/lag/jubileum.md"))
    assert problems == []
    cal = ActivityCalendar([event], PortalSettings.from_mapping({"PORTAL_TODAY": TODAY.isoformat()}))
    assert cal.past_events() == []
    assert cal.summary(event).next.day == date(2028, 6, 1)
    assert [s.event.slug for s in cal.upcoming_events()] == ["jubileum"]
