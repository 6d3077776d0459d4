"""Calendar views: the month grid (wide screens) and day list (phones), today and past days,
the calendar index, "I dag, <date>" headings, the archive, and axe on month and week pages."""

from datetime import date, datetime

import pytest
from aktivitetsportal.domain.calendar import ActivityCalendar, Month
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.recurrence import parse_repeat
from axe_playwright_python.sync_playwright import Axe
from babel.dates import get_day_names
from factories import make_event
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site, soup_of

TODAY = date.fromisoformat(DEMO_TODAY)  # Monday 23 November 2026
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Best-practice rules these pages must also pass: one label per landmark, no skipped heading level.
EXTRA_RULES = ["landmark-unique", "heading-order"]


@pytest.fixture(scope="module")
def calendar():
    catalog = load_catalog(DEMO_CONTENT)
    return ActivityCalendar(catalog.events, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))


def main_of(soup):
    return soup.find("main")


def cell(soup, day: date):
    return soup.find("td", id=f"dato-{day.isoformat()}")


# --- The month grid ---------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "locale", "caption"), [("", "nb_NO", "Desember 2026"), ("ar/", "ar", "ديسمبر 2026")])
def test_month_grid_has_caption_and_weekday_headers_monday_first(page, prefix, locale, caption):
    table = page(f"{prefix}kalender/2026-12").select_one("table.cal-grid")
    assert table.caption.get_text(strip=True) == caption
    headers = table.select("thead th.cal-weekday")
    assert [th["scope"] for th in headers] == ["col"] * 7
    names = get_day_names("wide", locale=locale)  # 0 = Monday
    assert [th.get_text(strip=True).casefold() for th in headers] == [names[i].casefold() for i in range(7)]
    if prefix == "ar/":
        assert headers[0].get_text(strip=True) == "الاثنين"
    # ISO weeks as rows: 1 December 2026 is a Tuesday, so the first row starts with an empty cell.
    rows = table.select("tbody tr")
    assert [r.th.get_text(strip=True)[-2:] for r in rows] == ["49", "50", "51", "52", "53"]
    first = rows[0].find_all("td")
    assert "is-outside" in first[0]["class"] and first[1]["id"] == "dato-2026-12-01"
    assert all(len(r.find_all("td")) == 7 for r in rows)


def test_today_is_marked_and_past_days_are_muted(page):
    soup = page("kalender/2026-11")
    current = soup.select("td[aria-current]")
    assert [td["aria-current"] for td in current] == ["date"]
    assert current[0]["id"] == "dato-2026-11-23" and "is-today" in current[0]["class"]
    assert "I dag" in current[0].get_text()
    for day in Month(2026, 11).days:
        assert ("is-past" in cell(soup, day)["class"]) == (day < TODAY), day
    jump = soup.find("a", string="Gå til i dag")
    assert jump["href"] == "#dato-2026-11-23"
    # December has no past days and no today.
    december = page("kalender/2026-12")
    assert december.select("td.is-past, td[aria-current]") == []
    assert december.find("a", string="Gå til i dag") is None


def test_every_december_occurrence_is_in_the_grid_or_below_it_exactly_once(page, calendar):
    soup = page("kalender/2026-12")
    weekly = next(e for e in calendar.events if e.slug == "trim-for-kvinner")
    tuesdays = [o.day for o in calendar.occurrences_of(weekly) if o.day in Month(2026, 12)]
    assert len(tuesdays) >= 3
    for day in tuesdays:  # a weekly event: every one of its December days, in the grid itself
        link = cell(soup, day).find("a", href="/arrangement/trim-for-kvinner/")
        assert link is not None and "18:00" in link.get_text(), day
    for day in Month(2026, 12).days:
        in_cell = [a["href"] for a in cell(soup, day).select(".cal-events a")]
        more = soup.find("section", attrs={"aria-labelledby": f"mer-{day.isoformat()}"})
        below = [a["href"] for a in more.select(".occ-title a")] if more else []
        expected = [f"/arrangement/{o.event.slug}/" for o in calendar.on(day)]
        assert in_cell + below == expected, day
        if below:  # a busy day: the cell links to the rest, listed below the grid
            assert cell(soup, day).select_one(".cal-more a")["href"] == f"#mer-{day.isoformat()}"
            assert cell(soup, day).select_one(".cal-more a").get_text().startswith(f"+{len(below)} flere")


def test_cancelled_occurrence_is_marked_in_the_grid(page):
    market = cell(page("kalender/2026-12"), date(2026, 12, 12)).find("a", href="/arrangement/julemarked-pa-eina/")
    assert "AVLYST" in market.get_text()


def test_one_navigation_landmark_per_period_page(page):
    for url in ("kalender/2026-12", "kalender/uke/2026-49"):
        main = main_of(page(url))
        assert len(main.select("nav.pager")) == 1
        assert len(main.select("p.pager a")) == 2  # the same links again at the bottom


def test_phone_list_folds_away_the_days_before_today(page):
    lists = main_of(page("kalender/2026-11")).select_one(".cal-list")
    earlier = lists.find("details")
    assert earlier.summary.get_text(strip=True) == "Tidligere dager denne måneden"
    folded = {s["aria-labelledby"] for s in earlier.select("section.day")}
    assert folded and all(label < f"dag-{TODAY.isoformat()}" for label in folded)
    first_open = lists.find("section", recursive=False)
    assert first_open.h2.get_text(" ", strip=True) == "I dag, mandag 23. november"


@pytest.mark.parametrize(("width", "grid_shown"), [(390, False), (1366, True)])
def test_grid_on_wide_screens_list_on_phones(browser_page, site_url, width, grid_shown):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"{site_url}/kalender/2026-12/")
    shown = browser_page.evaluate("""() => Object.fromEntries(
        ['.cal-grid-wrap', '.cal-overflow', '.cal-list'].map(s => [s, getComputedStyle(document.querySelector(s)).display]))""")
    assert (shown[".cal-grid-wrap"] != "none") == grid_shown
    assert (shown[".cal-overflow"] != "none") == grid_shown
    assert (shown[".cal-list"] != "none") == (not grid_shown)
    assert browser_page.locator("table.cal-grid").is_visible() == grid_shown
    assert browser_page.locator(".cal-list section.day").first.is_visible() == (not grid_shown)
    # Nothing is wider than the screen (the grid is widened on wide screens, never past the edge).
    overflow = browser_page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_arabic_grid_runs_right_to_left(browser_page, site_url):
    browser_page.set_viewport_size({"width": 1366, "height": 900})
    browser_page.goto(f"{site_url}/ar/kalender/2026-12/")
    monday, tuesday = (browser_page.locator("thead th.cal-weekday").nth(i).bounding_box() for i in (0, 1))
    assert monday["x"] > tuesday["x"]  # Monday is the rightmost weekday column


def test_more_link_jumps_to_the_rest_of_the_day(browser_page, site_url):
    browser_page.set_viewport_size({"width": 1366, "height": 900})
    browser_page.goto(f"{site_url}/kalender/2026-12/")
    browser_page.locator("#dato-2026-12-09 .cal-more a").click()
    browser_page.wait_for_function("() => location.hash === '#mer-2026-12-09'")
    heading = browser_page.locator("#mer-2026-12-09")
    assert heading.is_visible() and "onsdag 9. desember" in heading.inner_text()


# --- The calendar index and day headings --------------------------------------------------------


@pytest.mark.parametrize(("prefix", "month", "week"), [
    ("", "Desember 2026", "Uke 49: 30. november–6. desember"),
    ("en/", "December 2026", "Week 49: 30 November\u2009–\u20096 December"),  # CLDR: thin spaces
    ("pl/", "Grudzień 2026", "Tydzień 49: 30 listopada\u2009–\u20096 grudnia"),
])
def test_calendar_index_names_months_and_dates_weeks(page, prefix, month, week):
    main = main_of(page(f"{prefix}kalender"))
    assert main.find("a", string=month)["href"] == f"/{prefix}kalender/2026-12/"
    assert main.find("a", string=week)["href"] == f"/{prefix}kalender/uke/2026-49/"
    assert main.find("a", string="2026-09") is None
    # The window spans two years, so the same week numbers come twice, under their year.
    assert [h.get_text(strip=True) for h in main.select("#uker ~ h3")] == ["2026", "2027"]


@pytest.mark.parametrize(("prefix", "today", "tomorrow"), [
    ("", "I dag, mandag 23. november", "I morgen, tirsdag 24. november"),
    ("en/", "Today, Monday 23 November", "Tomorrow, Tuesday 24 November"),
])
def test_today_and_tomorrow_headings_carry_the_date(page, prefix, today, tomorrow):
    headings = [h.get_text(" ", strip=True) for h in page(prefix).select("section.day h2")]
    assert headings[:2] == [today, tomorrow]


# --- The archive -----------------------------------------------------------------------------


def test_past_events_are_finished_ones_and_ended_series_only():
    def event(slug, start, repeat=None, **fields):
        return make_event(slug, start=start, recurrence=parse_repeat(repeat, start.date()) if repeat else None, **fields)

    events = [
        event("konsert", datetime(2026, 10, 10, 18)),
        event("kurs", datetime(2026, 9, 1, 18), "weekly until 2026-11-10"),
        event("siste-dag-avlyst", datetime(2026, 9, 2, 18), "weekly until 2026-11-25",
              except_dates=(date(2026, 11, 25),)),
        event("ifjor", datetime(2025, 6, 1, 18)),
        event("trim", datetime(2026, 9, 1, 18), "weekly"),  # still running: not past
        event("i-dag", datetime(2026, 11, 23, 8)),  # today, even if already over: not past
        event("jubileum", datetime(2028, 6, 1, 18)),  # after the window: not past
    ]
    cal = ActivityCalendar(events, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))
    past = cal.past_events()
    assert [e.slug for e in past] == ["siste-dag-avlyst", "kurs", "konsert", "ifjor"]  # newest first
    assert [cal.last_occurrence(e).day for e in past] == [
        date(2026, 11, 18), date(2026, 11, 10), date(2026, 10, 10), date(2025, 6, 1)]


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    """The demo content built on 15 March 2027, when the ski race and the ski school are over."""
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("later") / "output", PORTAL_TODAY="2027-03-15",
                      PORTAL_SEARCH=False, PORTAL_LANGUAGES=["nb"])


def test_archive_lists_finished_demo_events_not_running_series(later_site):
    main = main_of(soup_of(later_site / "kalender" / "arkiv" / "index.html"))
    entries = {li.h2.a["href"]: li.get_text(" ", strip=True) for li in main.select("ul.cal-archive li")}
    links = list(entries)
    # Newest first: the information meeting (10 March), the ski school (last 9 March), the race (7 February).
    assert links[:3] == ["/arrangement/informasjonsmote-om-tilskudd-2027/", "/arrangement/skiskole-for-barn/",
                         "/arrangement/barnas-skirenn-2027/"]
    assert "Siste gang: tirsdag 9. mars 2027" in entries["/arrangement/skiskole-for-barn/"]
    assert "søndag 7. februar 2027" in entries["/arrangement/barnas-skirenn-2027/"]
    assert "/arrangement/trim-for-kvinner/" not in entries  # weekly until May: still running
    assert "Ingen tidligere arrangementer" not in main.get_text()
    months = [a["href"] for a in main.select("#tidligere-maneder ~ ul a")]
    assert months[0] == "/kalender/2027-03/" and "/kalender/2027-01/" in months


def test_archive_without_finished_events_points_to_earlier_months(page):
    main = main_of(page("kalender/arkiv"))
    assert "Ingen tidligere arrangementer." in main.get_text()
    assert [a["href"] for a in main.select("#tidligere-maneder ~ ul a")] == [
        "/kalender/2026-11/", "/kalender/2026-10/", "/kalender/2026-09/"]


# --- axe: WCAG 2.1 AA, one label per landmark, no skipped heading levels -------------------------


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(("path", "width"), [
    ("kalender/2026-11/", 1366), ("kalender/2026-11/", 390), ("ar/kalender/2026-11/", 1366),
    ("kalender/uke/2026-48/", 1366), ("ar/kalender/uke/2026-48/", 1366),
])
def test_month_and_week_pages_pass_axe(browser_page, site_url, axe, path, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    assert browser_page.goto(f"{site_url}/{path}").status == 200
    results = axe.run(browser_page, options={
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
    }).response
    checked = {r["id"] for key in ("passes", "violations", "incomplete") for r in results[key]}
    assert set(EXTRA_RULES) <= checked  # the best-practice rules really ran
    assert results["violations"] == [], "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:160]})" for v in results["violations"])
