"""Volunteer assignments, venues and the equipment bank on the built demo site: pages, filters,
feeds, open data and search, and that they agree with each other."""

import json
import re

import feedparser
from sitebuild import DEMO_TODAY, soup_of
from test_search import run_search

TODAY = DEMO_TODAY  # 2026-11-23: "juletrefest-kjokken" closed on 2026-11-20


def slugs_in(soup, selector: str, prefix: str) -> list[str]:
    return [a["href"].strip("/").removeprefix(prefix) for a in soup.select(f"{selector} h2 a, {selector} h3 a")
            if a["href"].strip("/").startswith(prefix)]


def test_open_assignments_come_first_and_closed_ones_are_marked(page):
    soup = page("frivillig/")
    open_section = soup.find(id="apne").parent
    closed_section = soup.find(id="stengte").parent
    open_slugs = slugs_in(open_section, ".assignment", "frivillig/oppdrag/")
    closed_slugs = slugs_in(closed_section, ".assignment", "frivillig/oppdrag/")
    assert "juletrefest-kjokken" in closed_slugs and "juletrefest-kjokken" not in open_slugs
    # Dated efforts soonest first, then ongoing ones.
    assert open_slugs[:3] == ["vertskap-frivillighetskonferansen", "kioskvakt-barnas-skirenn", "vardugnad-reinsvoll"]
    assert "Ikke lenger åpent" in closed_section.get_text()


def test_kind_filters_work_without_javascript(page, demo_output):
    ongoing = slugs_in(page("frivillig/fast/"), ".assignment", "frivillig/oppdrag/")
    one_off = slugs_in(page("frivillig/engangs/"), ".assignment", "frivillig/oppdrag/")
    assert "leksehjelper-biblioteket" in ongoing and "besoksvenn-rode-kors" in ongoing
    assert "kioskvakt-barnas-skirenn" in one_off and not set(ongoing) & set(one_off)
    # The overview's filter list counts what each filter page shows.
    counts = {a.get_text(): int(re.search(r"\d+", a.find_next("span").get_text()).group())
              for a in page("frivillig/").select(".filter-list a") if a.find_next("span")}
    assert counts["Fast oppdrag"] == len(ongoing) and counts["Enkeltoppdrag"] == len(one_off)
    place = slugs_in(page("frivillig/sted/reinsvoll/"), ".assignment", "frivillig/oppdrag/")
    assert place == ["vardugnad-reinsvoll"]


def test_an_assignment_page_has_a_sign_up_action_and_its_facts(page):
    soup = page("frivillig/oppdrag/kioskvakt-barnas-skirenn/")
    button = soup.select_one(".sign-up a.button")
    assert button.get_text() == "Meld deg" and button["href"] == "https://raufossil.no/ski/dugnad"
    text = soup.get_text(" ", strip=True)
    assert "Søndag 7. februar 2027, 09:00–14:00" in text
    assert "Vi trenger 12 frivillige" in text and "Fra 13 år" in text
    assert "Meld deg innen mandag 1. februar 2027" in text
    assert soup.select_one('a[href="/arrangement/barnas-skirenn-2027/"]')
    closed = page("frivillig/oppdrag/juletrefest-kjokken/")
    assert closed.select_one(".sign-up") is None
    assert "tar ikke imot flere frivillige" in closed.get_text()


def test_association_and_front_pages_show_open_assignments(page):
    red_cross = page("foreninger/vestre-toten-rode-kors/")
    assert set(slugs_in(red_cross, ".assignments", "frivillig/oppdrag/")) == {
        "besoksvenn-rode-kors", "leksehjelper-biblioteket"}
    assert "Lokaler vi leier ut" in red_cross.get_text()  # Røde Kors-huset
    pensioners = page("foreninger/raufoss-pensjonistforening/")
    assert not pensioners.select(".assignments")  # its only assignment has closed
    front = page("")
    assert len(front.select(".front-volunteering .assignment")) == 3
    bank = page("foreninger/utstyrsbanken/")
    assert len(bank.select(".equipment .equipment-item")) == 8


def test_venue_page_shows_rooms_accessibility_links_and_events_there(page):
    soup = page("lokaler/reinsvoll-grendehus/")
    rows = {tr.th.get_text(): tr.td.get_text() for tr in soup.select(".access-table tr")}
    assert rows == {"Trinnfri inngang": "Ja", "Toalett for rullestolbrukere": "Nei", "Teleslynge": "Nei",
                    "Parkering for forflytningshemmede": "Ja", "Heis": "Ikke oppgitt"}
    assert "Salen: Plass til 50" in soup.get_text()
    osm = soup.select_one('a[href^="https://www.openstreetmap.org/"]')
    assert "Grendevegen+3" in osm["href"]
    assert soup.select_one('a[href="https://entur.no/"]')
    assert not soup.select("iframe, script[src^=http], img[src^=http]")  # links only, nothing embedded
    events = slugs_in(soup, ".summaries", "arrangement/")
    assert "vardugnad-pa-reinsvoll" in events
    assert soup.select_one('a[href="/foreninger/reinsvoll-vel/"]')


def test_venue_filters_by_size_and_step_free_access(page, demo_output):
    venues = json.loads((demo_output / "venues.json").read_text(encoding="utf-8"))["venues"]
    by_id = {v["id"]: v for v in venues}
    fifty = slugs_in(page("lokaler/plass-til/50/"), ".venues", "lokaler/")
    assert fifty and all(by_id[s]["capacity"] >= 50 for s in fifty)
    assert set(fifty) == {v["id"] for v in venues if (v["capacity"] or 0) >= 50}
    step_free = slugs_in(page("lokaler/trinnfri/"), ".venues", "lokaler/")
    assert set(step_free) == {v["id"] for v in venues if v["accessibility"]["step_free"] is True}
    assert "eina-grendehus" not in step_free


def test_event_at_a_venue_links_to_it_and_says_it_is_step_free(page):
    soup = page("arrangement/tirsdagskaffe-pa-frivilligsentralen/")
    assert soup.select_one('a[href="/lokaler/frivilligsentralen/"]')
    assert "Rullestoltilgjengelig" in soup.get_text()
    filters = [s.get_text() for s in soup.select('[data-pagefind-filter="tilgjengelighet"]')]
    assert filters == ["Rullestoltilgjengelig"]
    at_eina = page("arrangement/strikkekafe-pa-eina/")
    assert not at_eina.select('[data-pagefind-filter="tilgjengelighet"]')


def test_equipment_is_grouped_by_category(page):
    soup = page("utstyr/")
    headings = [h.get_text() for h in soup.select("main section h2")]
    assert headings[0] == "Ski, skøyter og vinterutstyr"
    winter = soup.find(id="vintersport").parent
    assert len(winter.select(".equipment-item")) == 4
    assert "Gratis" in winter.get_text()
    item = page("utstyr/partytelt-lions/")
    assert "500 kr per helg" in item.get_text() and "Lions Club Raufoss" in item.get_text()


def test_feed_of_new_assignments_lists_open_ones_newest_first(demo_output):
    feed = feedparser.parse((demo_output / "rss" / "frivillige-oppdrag.xml").read_bytes())
    links = [e.link.rsplit("/oppdrag/", 1)[1].strip("/") for e in feed.entries]
    assert "juletrefest-kjokken" not in links
    assert links[0] == "kioskvakt-barnas-skirenn"  # added 2026-11-10, the newest
    assert len(links) == 10


def test_open_data_matches_the_pages(page, demo_output):
    data = json.loads((demo_output / "assignments.json").read_text(encoding="utf-8"))
    assert data["status_as_of"] == TODAY
    open_ids = [a["id"] for a in data["assignments"] if a["open"]]
    assert open_ids == slugs_in(page("frivillig/").find(id="apne").parent, ".assignment", "frivillig/oppdrag/")
    weekly = next(a for a in data["assignments"] if a["id"] == "natteravn")["weekly"]
    assert weekly == {"days": ["FR"], "start": "21:00", "end": "01:00"}
    # No personal data by default: a phone number to sign up is left out.
    driver = next(a for a in data["assignments"] if a["id"] == "sjafor-tirsdagskaffen")
    assert driver["signup"] is None
    kiosk = next(a for a in data["assignments"] if a["id"] == "kioskvakt-barnas-skirenn")
    assert kiosk["signup"] == "https://raufossil.no/ski/dugnad"
    assert kiosk["start"] == "2027-02-07T09:00:00+01:00"
    equipment = json.loads((demo_output / "equipment.json").read_text(encoding="utf-8"))["equipment"]
    assert len(equipment) == len(page("utstyr/").select(".equipment-item"))


def test_new_types_are_in_every_language_and_the_sitemap(demo_output):
    sitemap = (demo_output / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("frivillig/", "frivillig/oppdrag/natteravn/", "lokaler/", "lokaler/trinnfri/", "utstyr/",
                 "utstyr/truger/", "en/frivillig/", "ar/lokaler/eina-grendehus/"):
        assert (demo_output / path / "index.html").exists(), path
        assert f"/{path}</loc>" in sitemap, path
    english = soup_of(demo_output / "en" / "frivillig" / "oppdrag" / "besoksvenn-rode-kors" / "index.html")
    assert english.h1.get_text() == "Visiting friend for older people who live alone"
    assert not english.h1.has_attr("lang")


def test_search_filters_in_chromium_find_assignments_and_step_free_places(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=frivillig&type=Frivillig%20oppdrag")
    assert results and all(r["type"] == "Frivillig oppdrag" for r in results)
    assert all(r["href"].startswith("/frivillig/oppdrag/") for r in results)
    assert "/frivillig/oppdrag/juletrefest-kjokken/" not in {r["href"] for r in results}  # closed
    step_free = run_search(browser_page, site_url, "q=Raufoss&type=Lokale&tilgjengelighet=Rullestoltilgjengelig")
    hrefs = {r["href"] for r in step_free}
    assert "/lokaler/frivilligsentralen/" in hrefs and "/lokaler/raufoss-idrettshall/" in hrefs
    assert all(r["type"] == "Lokale" for r in step_free)
    assert "/lokaler/eina-grendehus/" not in hrefs
    at_eina = run_search(browser_page, site_url, "q=strikkekafé&tilgjengelighet=Rullestoltilgjengelig")
    assert at_eina == []  # Eina grendehus has steps, and the event says nothing itself
