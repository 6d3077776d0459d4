"""Correct between builds: every page says when it was built, and freshness.js corrects a page
viewed on a later day than its build (ended activities hidden, "I dag"/"I morgen" moved, deadline
countdowns recomputed), in Chromium with Playwright's clock. The demo is built with today =
Monday 23 November 2026 (D) and no build time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.freshness import build_stamp, end_instant, ends_after_build
from aktivitetsportal.settings import OSLO, PortalSettings, SettingsError
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.phrases import (
    day_heading,
    freshness_words,
    long_date_with_year,
    relative_days,
    updated_text,
)
from babel import Locale
from sitebuild import DEMO_CONTENT, DEMO_TODAY

D = date.fromisoformat(DEMO_TODAY)
FRONT, WEEK, GRANTS = "", "kalender/uke/2026-48/", "tilskudd/"
FOOTER = "Oppdatert mandag 23. november 2026"
#: Far from Oslo, so a script that used the visitor's days would get them wrong: 08:00 in Oslo
#: is 21:00 the day before in Honolulu.
VISITOR_ZONE = "Pacific/Honolulu"

#: [day, its heading's text] of every day section a visitor sees.
VISIBLE_DAYS = """els => els.filter((e) => e.checkVisibility())
    .map((e) => [e.dataset.dayGroup, e.querySelector('time').textContent])"""
#: [end instant, seen] of every row the build marked with its end.
ROWS = "els => els.map((e) => [e.dataset.end, e.checkVisibility()])"


def oslo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), OSLO)


@pytest.fixture
def tab_at(browser, site_url):
    """``tab_at(moment)``: a tab whose clock stands still at ``moment``, in a far time zone,
    refusing every request to another host."""
    contexts, outside = [], []

    def open_tab(moment: datetime, javascript: bool = True):
        context = browser.new_context(locale="nb-NO", timezone_id=VISITOR_ZONE, java_script_enabled=javascript)
        contexts.append(context)
        context.clock.set_fixed_time(moment)
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url)
                  else (outside.append(route.request.url), route.abort()))
        tab.errors = errors
        tab.open = lambda path: tab.goto(f"{site_url}/{path}")
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert outside == []


def expected_days(built_page, moment: datetime, lang: str = "nb") -> list[list[str]]:
    """What a page built on D should show at ``moment``: the days with an activity that has not
    ended (or that had ended before D: the calendar), and the empty days not yet past or past
    already at D, each under its heading for the Oslo day of ``moment``."""
    today = moment.astimezone(OSLO).date()
    shown = []
    for section in built_page.select("section[data-day-group]"):
        day = date.fromisoformat(section["data-day-group"])
        rows = section.select("li")
        if rows:
            left = any(not row.has_attr("data-end") or datetime.fromisoformat(row["data-end"]) > moment
                       for row in rows)
        else:
            left = not D <= day < today
        if left:
            shown.append([day.isoformat(), day_heading(day, today, lang)])
    return shown


def assert_corrected(tab, built_page, moment: datetime) -> None:
    assert tab.errors == []
    assert tab.locator("section[data-day-group]").evaluate_all(VISIBLE_DAYS) == expected_days(built_page, moment)
    rows = tab.locator("[data-end]").evaluate_all(ROWS)
    assert rows and all(seen == (datetime.fromisoformat(end) > moment) for end, seen in rows), rows
    # Nothing from the build's day that has ended is left, whatever section it is in.
    assert not [end for end, seen in rows if seen and datetime.fromisoformat(end) <= moment]
    notice = tab.locator("[data-fresh-notice]")
    assert notice.is_visible()
    assert "mandag 23. november 2026" in notice.inner_text()
    assert tab.locator(".site-updated").inner_text() == FOOTER


# --- The footer phrase, the setting, the end instants ----------------------------------------


def test_the_footer_says_when_the_site_was_built_in_each_language():
    assert updated_text(date(2026, 12, 1), time(4, 30), "nb") == "Oppdatert tirsdag 1. desember 2026 kl. 04:30"
    assert updated_text(date(2026, 12, 1), None, "nb") == "Oppdatert tirsdag 1. desember 2026"
    english = updated_text(date(2026, 12, 1), time(4, 30), "en")
    assert "Tuesday 1 December 2026" in english and "04:30" in english
    assert "tirsdag" not in english
    arabic = updated_text(date(2026, 12, 1), time(4, 30), "ar")
    assert "04:30" in arabic and "2026" in arabic  # Latin digits, as on Norwegian timetables


def test_the_build_time_is_a_setting_and_not_the_clock():
    assert PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}).build_time is None
    assert PortalSettings.from_mapping({"PORTAL_BUILD_TIME": "04:30"}).build_time == time(4, 30)
    assert PortalSettings.from_mapping({"PORTAL_BUILD_TIME": ""}).build_time is None
    for wrong in ("4.30", "25:00", "04:30 UTC", 430):
        with pytest.raises(SettingsError, match="PORTAL_BUILD_TIME"):
            PortalSettings.from_mapping({"PORTAL_BUILD_TIME": wrong})
    stamp = build_stamp(D, time(4, 30), "nb")
    assert (stamp.day, stamp.updated) == ("2026-11-23", "Oppdatert mandag 23. november 2026 kl. 04:30")
    assert stamp.notice == "Siden ble sist oppdatert mandag 23. november 2026. Nytt siden da kan mangle."


def test_only_what_was_current_at_the_build_gets_an_end_instant():
    """A week page's earlier days are the calendar: the script must leave them alone."""
    site = PortalSite.build(load_catalog(DEMO_CONTENT), PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))
    timed = site.calendar.on(D)[0]
    assert ends_after_build(timed, D) == timed.end.isoformat() == "2026-11-23T12:00:00+01:00"
    assert [ends_after_build(o, D) for o in site.calendar.on(D - timedelta(days=2))] == [""]
    all_day = next(o for o in site.calendar.occurrences if not isinstance(o.end, datetime) and o.day >= D)
    assert end_instant(all_day) == datetime.combine(all_day.end, time(), OSLO)  # midnight after its last day


@pytest.mark.parametrize("lang", ["nb", "en", "uk", "pl", "ar"])
def test_the_scripts_countdown_words_match_the_builds_for_every_number(lang):
    """The build gives one sentence per CLDR plural category (what Intl.PluralRules picks in
    the browser); each must be the catalogue's sentence for every number of that category."""
    words = freshness_words(lang)
    plural_of = Locale.parse({"nb": "nb_NO", "en": "en_GB"}.get(lang, lang)).plural_form
    for delta in range(-400, 401):
        category = plural_of(abs(delta))
        if delta in (-1, 0, 1):
            phrase = words["relative"][str(delta)]
        else:
            phrase = words["in" if delta > 0 else "ago"][category].format(n=abs(delta))
        assert phrase == relative_days(D + timedelta(days=delta), D, lang), (lang, delta)


# --- The built pages: what the script reads, and what it shows without JavaScript -------------


def test_pages_carry_the_build_day_the_footer_and_the_script(page):
    for path in (FRONT, WEEK, GRANTS, "ukeplakat/", "arrangement/sprakkafe-pa-biblioteket/", "om/"):
        soup = page(path)
        assert soup.body["data-built"] == DEMO_TODAY, path
        assert soup.select_one(".site-updated").get_text() == FOOTER, path
        script = soup.select_one("script[src^='/theme/js/freshness.']")
        assert script is not None and script.has_attr("defer"), path
    english = page("en/")
    assert "23 November 2026" in english.select_one(".site-updated").get_text()
    assert "I dag, {date}" in page(FRONT).body["data-freshness"]
    screen = page("infoskjerm/")
    assert screen.select_one(".info-updated").get_text() == FOOTER
    # The screen uses the same functions (file names carry a fingerprint: freshness.<hash>.js).
    scripts = [re.sub(r"\.[0-9a-f]{10}\.js$", ".js", s["src"].rsplit("/", 1)[-1])
               for s in screen.select("script[src]")]
    assert scripts == ["freshness.js", "info-screen.js"]


def test_without_javascript_the_page_shows_what_it_was_built_with(tab_at, page):
    tab = tab_at(oslo(D + timedelta(days=2), 21, 0), javascript=False)
    tab.open(FRONT)
    days = tab.locator("section[data-day-group]").evaluate_all(
        "els => els.map((e) => e.querySelector('time').textContent)")
    assert days[:2] == ["I dag, mandag 23. november", "I morgen, tirsdag 24. november"]
    assert len(days) == len(page(FRONT).select("section[data-day-group]"))
    assert tab.locator("li[data-end]:visible").count() == len(page(FRONT).select("li[data-end]"))
    assert tab.locator("[data-fresh-notice]").is_hidden()
    assert tab.locator("[data-fresh-empty]").is_hidden()
    assert tab.locator(".site-updated").inner_text() == FOOTER
    tab.open(GRANTS)
    assert tab.locator("[data-countdown]").first.inner_text() == "om 22 dager"


# --- In Chromium, on later days ---------------------------------------------------------------


@pytest.mark.parametrize("moment, first_heading", [
    (oslo(D + timedelta(days=1), 8, 0), "I dag, tirsdag 24. november"),
    (oslo(D + timedelta(days=1), 15, 0), "I dag, tirsdag 24. november"),  # the 12:00 coffee is over
    (oslo(D + timedelta(days=1), 23, 30), "I morgen, onsdag 25. november"),  # all of the 24th is over
    (oslo(D + timedelta(days=2), 10, 0), "I dag, onsdag 25. november"),
    (oslo(D + timedelta(days=2), 23, 45), "I morgen, torsdag 26. november"),
], ids=["D+1 morning", "D+1 afternoon", "D+1 late evening", "D+2 morning", "D+2 late evening"])
@pytest.mark.parametrize("path", [FRONT, WEEK], ids=["front page", "week page"])
def test_a_later_day_hides_what_has_ended_and_moves_today(tab_at, page, path, moment, first_heading):
    tab = tab_at(moment)
    tab.open(path)
    assert_corrected(tab, page(path), moment)
    headings = tab.locator("section[data-day-group]").evaluate_all(VISIBLE_DAYS)
    assert headings[0][1] == first_heading
    assert D.isoformat() not in [day for day, _ in headings]  # the build's day is over
    if path == WEEK:  # Sunday 29th had nothing on it: it still says so
        assert headings[-1] == ["2026-11-29", "søndag 29. november"]


def test_an_afternoon_keeps_the_day_and_what_is_left_of_it(tab_at):
    tab = tab_at(oslo(D + timedelta(days=1), 15, 0))
    tab.open(FRONT)
    today = tab.locator("section[data-day-group='2026-11-24']")
    titles = today.locator("li:visible .occ-title").all_inner_texts()
    assert "Tirsdagskaffe på frivilligsentralen" not in titles  # 10:00-12:00
    assert "Norsktrening på biblioteket" in titles  # 18:00-19:30
    assert tab.locator("section[data-day-group='2026-11-23']").is_hidden()


def test_when_everything_shown_is_over_the_page_says_so(tab_at):
    moment = oslo(D + timedelta(days=9), 12, 0)
    tab = tab_at(moment)
    for path in (FRONT, WEEK):
        tab.open(path)
        assert tab.locator("section[data-day-group]:visible").count() == 0
        assert tab.locator("[data-fresh-empty]:visible").inner_text() == "Ingen kommende aktiviteter akkurat nå."
        assert tab.locator("[data-fresh-notice]").is_visible()


def test_an_earlier_week_stays_as_it_was_built(tab_at, page):
    """Week 47 was over when the site was built: it is the calendar, and stays whole."""
    tab = tab_at(oslo(D + timedelta(days=2), 12, 0))
    tab.open("kalender/uke/2026-47/")
    built = page("kalender/uke/2026-47/")
    assert tab.locator("li.occurrence:visible").count() == len(built.select("li.occurrence")) > 0
    assert tab.locator("[data-fresh-notice]").is_visible()


@pytest.mark.parametrize("viewed, first", [
    (D + timedelta(days=1), "om 21 dager"),
    (D + timedelta(days=2), "om 20 dager"),
    (date(2026, 12, 14), "i morgen"),
    (date(2026, 12, 15), "i dag"),
    (date(2026, 12, 16), "i går"),
    (date(2026, 12, 18), "for 3 dager siden"),
])
def test_grant_countdowns_count_from_the_day_they_are_read(tab_at, viewed, first):
    tab = tab_at(oslo(viewed, 8, 0))  # 21:00 the day before in the visitor's own zone
    tab.open(GRANTS)
    assert tab.errors == []
    countdowns = tab.locator("[data-countdown]")
    texts = countdowns.all_inner_texts()
    deadlines = countdowns.evaluate_all("els => els.map((e) => e.dataset.countdown)")
    assert texts[0] == first  # the grant in "Frist snart", deadline Tuesday 15 December
    assert texts == [relative_days(date.fromisoformat(d), viewed, "nb") for d in deadlines]
    assert tab.locator("[data-fresh-notice]").is_visible()
    assert tab.locator(".site-updated").inner_text() == FOOTER


@pytest.mark.parametrize("prefix, lang", [("uk/", "uk"), ("ar/", "ar"), ("pl/", "pl")])
def test_countdowns_take_the_plural_of_the_pages_language(tab_at, prefix, lang):
    viewed = D + timedelta(days=2)
    tab = tab_at(oslo(viewed, 12, 0))
    tab.open(prefix + GRANTS)
    countdowns = tab.locator("[data-countdown]")
    deadlines = countdowns.evaluate_all("els => els.map((e) => e.dataset.countdown)")
    expected = [relative_days(date.fromisoformat(d), viewed, lang) for d in deadlines]
    assert countdowns.all_inner_texts() == expected
    assert len(set(expected)) > 3


def test_a_grant_page_counts_down_its_deadlines(tab_at, page):
    path = next(a["href"].split("/", 1)[1] for a in page(GRANTS).select(".grant-section-frist-snart h3 a"))
    viewed = D + timedelta(days=2)
    tab = tab_at(oslo(viewed, 12, 0))
    tab.open(path)
    countdowns = tab.locator("[data-countdown]")
    deadlines = countdowns.evaluate_all("els => els.map((e) => e.dataset.countdown)")
    assert deadlines
    assert countdowns.all_inner_texts() == [relative_days(date.fromisoformat(d), viewed, "nb") for d in deadlines]
    assert "om 20 dager" in tab.locator(".notice").first.inner_text()


def test_headings_in_another_language_move_too(tab_at):
    tab = tab_at(oslo(D + timedelta(days=1), 9, 0))
    tab.open("en/")
    headings = tab.locator("section[data-day-group]").evaluate_all(VISIBLE_DAYS)
    assert headings[:2] == [["2026-11-24", day_heading(D + timedelta(days=1), D + timedelta(days=1), "en")],
                            ["2026-11-25", day_heading(D + timedelta(days=2), D + timedelta(days=1), "en")]]
    assert headings[0][1].startswith("Today, ")


def test_the_poster_leaves_out_what_has_ended(tab_at, page):
    moment = oslo(D + timedelta(days=2), 9, 0)
    tab = tab_at(moment)
    tab.open("ukeplakat/")
    built = page("ukeplakat/")
    days = tab.locator(".poster-day").evaluate_all(
        "els => els.filter((e) => e.checkVisibility()).map((e) => e.dataset.dayGroup)")
    assert days == [d for d in (s["data-day-group"] for s in built.select(".poster-day")) if d >= "2026-11-25"]
    rows = tab.locator("[data-end]").evaluate_all(ROWS)
    assert all(seen == (datetime.fromisoformat(end) > moment) for end, seen in rows)
    assert tab.locator(".poster-updated").inner_text() == FOOTER


def test_the_month_grid_marks_the_real_today(tab_at):
    tab = tab_at(oslo(date(2026, 12, 1), 12, 0))
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.open("kalender/2026-12/")
    today = tab.locator("td[aria-current=date]")
    assert today.get_attribute("data-grid-day") == "2026-12-01"
    assert today.locator(".cal-today-label").inner_text() == "I dag"
    assert tab.locator("td.is-past").count() == 0  # 1 December is the month's first day
    tab.open("kalender/2026-11/")
    assert tab.locator("td[aria-current=date], .cal-today-label").count() == 0
    assert tab.locator("td.is-past").count() == 30
    assert tab.locator("[data-today-jump]").is_hidden()


def test_on_the_day_of_the_build_nothing_changes(tab_at, page):
    tab = tab_at(oslo(D, 22, 0))
    tab.open(FRONT)
    assert tab.locator("li[data-end]:visible").count() == len(page(FRONT).select("li[data-end]"))
    assert tab.locator("[data-fresh-notice]").is_hidden()
    assert tab.locator("section[data-day-group] time").first.text_content() == "I dag, mandag 23. november"
    assert long_date_with_year(D) in tab.locator(".site-updated").inner_text()
