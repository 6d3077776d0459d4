"""Pages for paper, screens and other websites: the print stylesheet, the weekly poster (one A4
sheet, QR code to the front page), the info screen (rolls over at midnight in Oslo without a
rebuild) and the embeds for other websites (links leave the frame, axe, ready <iframe> codes)."""

from __future__ import annotations

import re
import runpy
from datetime import date, timedelta

import pytest
import segno
from aktivitetsportal.domain.calendar import Week
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, save_as, url_for
from aktivitetsportal.outputs.display_pages import (
    EMBED_OCCURRENCES,
    INFO_SCREEN_DAYS,
    embed_targets,
    plan_display_pages,
    poster_density,
    qr_code,
    short_place,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from axe_playwright_python.sync_playwright import Axe
from sitebuild import DEMO_CONTENT, DEMO_TODAY, ROOT, build_site, soup_of

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TODAY = date.fromisoformat(DEMO_TODAY)  # Monday 23 November 2026, week 48
LANGUAGES = ["", "nn/", "en/", "uk/", "pl/", "ar/"]
#: Where the demo's "public" address is in development (no PORTAL_PUBLIC_URL).
FRONT_PAGE_URL = "http://localhost:8000/"
#: Front page budget (HTML, CSS and JavaScript of one page); these pages stay within it.
PAGE_BUDGET = 60_000


@pytest.fixture(scope="module")
def site() -> PortalSite:
    settings = PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY,
                                            "PORTAL_LANGUAGES": ["nb", "nn", "en", "uk", "pl", "ar"],
                                            "PORTAL_PLACES": runpy.run_path(str(ROOT / "pelicanconf.py"))["PORTAL_PLACES"]})
    return PortalSite.build(load_catalog(DEMO_CONTENT), settings)


@pytest.fixture(scope="module")
def plan(site) -> dict[tuple[str, str], object]:
    return {(p.kind, p.save_as): p for p in plan_display_pages(site)}


@pytest.fixture(scope="module")
def december_output(tmp_path_factory):
    """The demo in bokmål only, on Monday 14 December 2026: the band's practice is cancelled."""
    return build_site(DEMO_CONTENT, tmp_path_factory.mktemp("december") / "output",
                      PORTAL_TODAY="2026-12-14", PORTAL_LANGUAGES=["nb"])


@pytest.fixture(scope="module")
def axe():
    return Axe()


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF from Chromium: its page objects, checked against the page tree's /Count."""
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    counts = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
    assert counts and max(counts) == pages
    return pages


def assert_no_wcag_violations(axe, tab):
    violations = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:160]})" for v in violations)


def visible_days(tab) -> list[str]:
    return tab.evaluate(
        "() => [...document.querySelectorAll('.info-day')].filter(s => !s.hidden).map(s => s.dataset.date)")


# --- Print stylesheet ------------------------------------------------------------------------


def test_print_hides_navigation_and_shows_outside_addresses(browser_page, site_url):
    tab = browser_page
    tab.set_viewport_size({"width": 1000, "height": 900})
    tab.goto(f"{site_url}/arrangement/frivillighetskonferansen-2026/")
    assert tab.locator(".site-header nav").first.is_visible()
    tab.emulate_media(media="print")
    for hidden in (".site-header nav", ".language-switch", ".site-search", ".skip-link",
                   ".add-to-calendar", ".breadcrumbs"):
        assert all(not el.is_visible() for el in tab.locator(hidden).all()), hidden
    assert tab.locator("main h1").is_visible()
    assert tab.locator(".site-name").is_visible()
    styles = tab.evaluate("""() => {
        const outside = [...document.querySelectorAll('main a[href^="http"]')][0];
        const body = getComputedStyle(document.body);
        return {after: outside ? getComputedStyle(outside, '::after').content : null,
                href: outside ? outside.href : null, color: body.color, background: body.backgroundColor};
    }""")
    assert styles["href"] and styles["href"] in styles["after"]
    assert styles["color"] == "rgb(0, 0, 0)"
    assert styles["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_print_keeps_each_activity_on_one_sheet(browser_page, site_url):
    browser_page.goto(f"{site_url}/kalender/uke/2026-48/")
    browser_page.emulate_media(media="print")
    assert browser_page.evaluate("() => getComputedStyle(document.querySelector('.occurrence')).breakInside") == "avoid"
    assert browser_page.locator(".pager").first.is_hidden()


# --- The weekly poster -----------------------------------------------------------------------


def test_poster_lists_this_weeks_activities_by_day(page, site):
    poster = page("ukeplakat/")
    days = poster.select(".poster-day")
    expected = [(day, site.calendar.on(day)) for day in Week.of(TODAY).days if site.calendar.on(day)]
    assert [d.h3.time["datetime"] for d in days] == [day.isoformat() for day, _ in expected]
    assert days[0].h3.get_text(strip=True).lower() == "mandag 23. november"
    for section, (_, occurrences) in zip(days, expected):
        rows = section.select(".poster-row")
        assert [r.select_one(".poster-title").get_text(strip=True) for r in rows] == [
            o.event.title for o in occurrences]
        assert all(re.fullmatch(r"\d\d:\d\d–\d\d:\d\d|Hele dagen.*", r.select_one(".poster-time").get_text(strip=True))
                   for r in rows)
        assert all(r.select_one(".poster-place").get_text(strip=True) for r in rows)
    assert "Aktivitetsportalen" in poster.select_one(".poster-site").get_text()
    assert poster.select_one(".poster h2").get_text(strip=True) == "Hva skjer i uke 48?"
    assert "localhost:8000" in poster.select_one(".poster-address").get_text()
    # 26 activities in large type: the demo's week is not a "long week".
    assert "poster-large" in poster.select_one(".poster")["class"]


def test_poster_marks_cancelled_activities(december_output):
    poster = soup_of(december_output / "ukeplakat" / "index.html")
    cancelled = poster.select(".poster-row.is-cancelled")
    assert [r.select_one(".poster-title").get_text(strip=True) for r in cancelled] == ["Korpsøvelse"]
    assert cancelled[0].select_one(".poster-cancelled").get_text() == "AVLYST"
    assert cancelled[0].find_parent("section").h3.time["datetime"] == "2026-12-14"


def test_poster_qr_code_encodes_the_front_page_of_its_language(plan, page):
    codes = plan[(PageKind.POSTER, save_as(PageKind.POSTER))].context["qr_codes"]
    assert codes["nb"].url == FRONT_PAGE_URL == PublicUrls.of(PortalSettings.from_mapping({})).absolute("")
    assert codes["en"].url == FRONT_PAGE_URL + "en/"
    for prefix, code in (("", "nb"), ("en/", "en"), ("ar/", "ar")):
        qr = page(f"{prefix}ukeplakat/").select_one(".poster-qr [role=img]")
        assert "localhost:8000" in qr["aria-label"]
        # Drawn on the page itself (no image from anywhere, not even the site): the same modules
        # as segno draws for the address.
        svg = qr.find("svg")
        assert svg is not None and not qr.find("img")
        drawn = segno.make(codes[code].url, error="m", micro=False).svg_inline(scale=1, omitsize=True)
        assert svg.find_all("path")[-1]["d"] == re.findall(r' d="([^"]+)"', drawn)[-1]
        assert not svg.find_all(style=True)
    assert qr_code("https://aktiviteter.example.no/").shown == "aktiviteter.example.no"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_poster_prints_on_one_a4_sheet(browser_page, site_url, prefix):
    browser_page.goto(f"{site_url}/{prefix}ukeplakat/")
    assert pdf_pages(browser_page.pdf(format="A4")) == 1
    browser_page.emulate_media(media="print")
    assert browser_page.locator(".poster").is_visible()
    for hidden in (".site-header", ".site-footer", ".poster-intro"):
        assert browser_page.locator(hidden).is_hidden()
    if prefix == "":  # at least 14 pt (18.67 CSS px) in the large layout
        sizes = browser_page.evaluate("""() => ['.poster-time', '.poster-title', '.poster-place']
            .map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
        assert min(sizes) >= 18.6, sizes


def test_long_weeks_get_a_denser_poster():
    """Lengths are characters of time, title and place; the demo week is 26 such lines."""
    assert poster_density([[40] * 4] * 7) == "large"
    assert poster_density([[60] * 5] * 7) == "medium"
    assert poster_density([[40] * 8] * 7) == "small"
    assert poster_density([[50] * 7] * 7) == "tiny"
    assert poster_density([[70] * 30] * 7) == "tiny"  # too long for one sheet: nothing left out


def test_poster_places_leave_out_the_street_address():
    assert short_place("Korpsrommet, Raufoss ungdomsskole, Skolevegen 15, 2830 Raufoss") == (
        "Korpsrommet, Raufoss ungdomsskole")
    assert short_place("Storgata 5, 2830 Raufoss") == "Storgata 5"
    assert short_place("Eina grendehus") == "Eina grendehus"


# --- The info screen -------------------------------------------------------------------------


def test_info_screen_without_javascript_shows_the_builds_today_and_tomorrow(page, site):
    screen = page("infoskjerm/")
    sections = screen.select(".info-day")
    assert [s["data-date"] for s in sections] == [
        (TODAY + timedelta(days=i)).isoformat() for i in range(INFO_SCREEN_DAYS)]
    assert [s["data-date"] for s in sections if not s.has_attr("hidden")] == ["2026-11-23", "2026-11-24"]
    tomorrow = sections[1]
    assert [r.select_one(".info-what").get_text(strip=True) for r in tomorrow.select(".info-item")] == [
        o.event.title for o in site.calendar.on(TODAY + timedelta(days=1))]
    assert not tomorrow.select_one("[data-when=tomorrow]").has_attr("hidden")
    assert screen.select_one("script[src^='/theme/js/info-screen.']") is not None
    assert screen.select("a") == []  # nothing to click on a screen


def test_info_screen_rolls_over_at_midnight_in_oslo(browser, site_url):
    # The screen's own clock is in UTC: the day must still change at midnight in Oslo.
    context = browser.new_context(locale="nb-NO", timezone_id="UTC", viewport={"width": 1920, "height": 1080})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.add_init_script("""window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));""")
    tab.clock.install(time="2026-11-23T23:59:00+01:00")
    tab.goto(f"{site_url}/infoskjerm/")
    tab.wait_for_function("() => !document.querySelector('.info-clock').hidden")
    assert visible_days(tab) == ["2026-11-23", "2026-11-24"]
    assert tab.inner_text(".info-clock") == "23:59"
    today = tab.locator(".info-day[data-date='2026-11-23']")
    assert today.locator("[data-when=today]").is_visible()
    # Everything on the 23rd is over by 23:59: the list says so instead of showing it.
    assert today.locator(".info-item").count() > 0 and today.locator(".info-item:visible").count() == 0
    assert today.locator(".info-none-left").is_visible()

    tab.clock.fast_forward("02:00")  # 00:01 on the 24th in Oslo, still the 23rd in UTC
    tab.wait_for_function("() => document.querySelector('.info-clock').textContent === '00:01'")
    assert visible_days(tab) == ["2026-11-24", "2026-11-25"]
    moved = tab.locator(".info-day[data-date='2026-11-24']")
    assert moved.locator("[data-when=today]").is_visible()
    assert moved.locator("[data-when=tomorrow]").is_hidden()
    assert moved.locator(".info-item:visible").count() == 5
    assert tab.locator(".info-day[data-date='2026-11-25'] [data-when=tomorrow]").is_visible()
    assert tab.evaluate("() => window.__violations") == []
    assert [u for u in requests if not u.startswith(site_url)] == []
    context.close()


def test_info_screen_says_when_it_is_out_of_date(browser, site_url):
    context = browser.new_context(locale="nb-NO")
    tab = context.new_page()
    tab.clock.install(time="2026-12-24T12:00:00+01:00")  # a month after the build
    tab.goto(f"{site_url}/infoskjerm/")
    tab.wait_for_function("() => !document.querySelector('.info-stale').hidden")
    assert visible_days(tab) == []
    assert "localhost:8000" in tab.inner_text(".info-stale")
    context.close()


def test_info_screen_marks_cancelled_activities(december_output):
    screen = soup_of(december_output / "infoskjerm" / "index.html")
    cancelled = screen.select(".info-day[data-date='2026-12-14'] .info-item.is-cancelled")
    assert [c.select_one(".info-cancelled").get_text() for c in cancelled] == ["AVLYST"]


# --- Embeds for other websites ---------------------------------------------------------------


def test_every_list_with_coming_activities_can_be_embedded(site, demo_output):
    targets = embed_targets(site)
    kinds = {t.kind for t in targets}
    assert kinds == {PageKind.EMBED_ALL, PageKind.EMBED_CATEGORY, PageKind.EMBED_AUDIENCE,
                     PageKind.EMBED_PLACE, PageKind.EMBED_ORGANIZER}
    expected = {(PageKind.EMBED_CATEGORY, term.slug) for term, s in site.calendar.by_category() if s}
    expected |= {(PageKind.EMBED_AUDIENCE, term.slug) for term, s in site.calendar.by_audience() if s}
    expected |= {(PageKind.EMBED_ORGANIZER, slug) for slug, events in site.calendar.by_organizer().items()
                 if slug in site.catalog.associations and any(site.calendar.upcoming_of(e) for e in events)}
    assert len(expected) > 30
    with_events = {(t.kind, t.key) for t in targets if t.occurrences}
    assert expected <= with_events
    for target in targets:
        for prefix in LANGUAGES:
            assert (demo_output / prefix / save_as(target.kind, target.key)).exists(), (prefix, target.url)
        upcoming = sorted((o for e in site.calendar.events if _belongs(site, target, e)
                           for o in site.calendar.upcoming_of(e)), key=lambda o: o.sort_key)
        assert list(target.occurrences) == upcoming[:EMBED_OCCURRENCES], target.url


def _belongs(site, target, event) -> bool:
    if target.kind is PageKind.EMBED_ALL:
        return True
    if target.kind is PageKind.EMBED_CATEGORY:
        return event.category_term.slug == target.key
    if target.kind is PageKind.EMBED_AUDIENCE:
        return event.is_for(next(t for t, _ in site.calendar.by_audience() if t.slug == target.key).value)
    if target.kind is PageKind.EMBED_PLACE:
        place = site.place_of(event)
        return place is not None and place.slug == target.key
    return event.organizer == target.key


def test_embed_links_open_in_the_whole_window(page, site):
    for target in embed_targets(site):
        embed = page(url_for(target.kind, target.key))
        links = embed.select("a")
        assert len(links) == len(target.occurrences) + 1  # each activity, and "more on the portal"
        assert all(a["target"] == "_top" for a in links), target.url
        assert embed.select(".site-header, nav, form") == []
        assert embed.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    band = page("innebygd/forening/raufoss-musikkorps/").select(".embed-item.is-cancelled")
    assert [(i.time["datetime"][:10], i.select_one(".embed-cancelled").get_text()) for i in band] == [
        ("2026-12-14", "AVLYST")]
    kultur = page("innebygd/kategori/kultur/")
    assert kultur.select_one(".embed-more a")["href"] == "/kategori/kultur/"
    assert kultur.select_one(".embed-what a")["href"].startswith("/arrangement/")


def test_an_embed_inside_another_website(browser, site_url, tmp_path):
    """A municipality's page with the <iframe> from the help page: the list shows in the frame and
    choosing an activity opens it in the whole window, on the portal."""
    from browser import serve

    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="nb"><title>Kommunen</title><h1>Kommunen</h1>'
        f'<iframe src="{site_url}/innebygd/for/eldre/" title="Aktiviteter" width="100%" height="640"></iframe>',
        encoding="utf-8")
    context = browser.new_context(locale="nb-NO")
    tab = context.new_page()
    with serve(tmp_path) as host:  # another origin (another port) on this machine
        tab.goto(f"{host}/")
        first = tab.frame_locator("iframe").locator(".embed-what a").first
        title = first.inner_text()
        first.click()
        tab.wait_for_url(f"{site_url}/arrangement/**")
        assert tab.locator("main h1").inner_text().endswith(title)
    context.close()


def test_embed_help_gives_a_code_for_every_embed(page, site, demo_output):
    help_page = page("innebygd/")
    codes = [pre.get_text() for pre in help_page.select("pre.snippet code")]
    targets = embed_targets(site)
    assert len(codes) == len(targets) + 1  # each, and the example first
    sources = [re.search(r'<iframe src="([^"]+)" title="([^"]+)"', code).groups() for code in codes]
    assert sources[0][0] == FRONT_PAGE_URL + "innebygd/alle/"
    assert {src for src, _ in sources} == {FRONT_PAGE_URL + url_for(t.kind, t.key) for t in targets}
    assert all(title.strip() for _, title in sources)
    assert all(pre["dir"] == "ltr" for pre in help_page.select("pre.snippet"))
    english = [pre.get_text() for pre in page("en/innebygd/").select("pre.snippet code")]
    assert f'src="{FRONT_PAGE_URL}en/innebygd/kategori/kultur/"' in "".join(english)
    preview = help_page.select_one("iframe.embed-preview")
    assert preview["src"] == "/innebygd/alle/" and preview["title"]


PAGES_FOR_AXE = [
    "innebygd/alle/",
    "en/innebygd/kategori/kultur/",
    "ar/innebygd/for/eldre/",
    "innebygd/",
    "ar/innebygd/",
    "ukeplakat/",
    "infoskjerm/",
    "ar/infoskjerm/",
]


@pytest.mark.parametrize("path", PAGES_FOR_AXE)
def test_display_pages_have_no_wcag_violations(browser_page, site_url, axe, path):
    response = browser_page.goto(f"{site_url}/{path}")
    assert response.status == 200
    assert_no_wcag_violations(axe, browser_page)


def test_embed_and_info_screen_fit_a_phone(browser_page, site_url):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    for path in ("innebygd/alle/", "innebygd/", "infoskjerm/", "ukeplakat/"):
        browser_page.goto(f"{site_url}/{path}")
        width = browser_page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, (path, width)


def test_display_pages_stay_within_the_page_budget(demo_output):
    theme = demo_output / "theme"
    shared = [theme / "css" / "portal.css", theme / "css" / "print.css"]
    pages = {
        "ukeplakat/": shared + [theme / "css" / "poster.css"],
        "infoskjerm/": [theme / "css" / "info-screen.css", theme / "js" / "info-screen.js"],
        "innebygd/alle/": [theme / "css" / "embed.css"],
        "innebygd/": shared + [theme / "css" / "embed.css"],
    }
    for path, assets in pages.items():
        for prefix in LANGUAGES:
            size = (demo_output / prefix / path / "index.html").stat().st_size + sum(a.stat().st_size for a in assets)
            assert size < PAGE_BUDGET, (prefix + path, size)
