"""Search in real Chromium: Pagefind over the demo site, Norwegian stemming, filters, keyboard."""

from datetime import date

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.search import search_entry
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog


def run_search(tab, site_url, query_string: str, prefix: str = "", done: str = "treff") -> list[dict]:
    """Open the search page (in the language at ``prefix``) and return the shown results."""
    tab.goto(f"{site_url}/{prefix}sok/?{query_string}")
    tab.wait_for_function(
        "word => document.querySelector('.search-status').textContent.includes(word)", arg=done,
        timeout=15000)
    return tab.evaluate("""() => [...document.querySelectorAll('.search-results li')].map(li => ({
        title: li.querySelector('h2').textContent.trim(),
        href: li.querySelector('h2 a').getAttribute('href'),
        type: (li.querySelector('.result-type') || {}).textContent,
        meta: (li.querySelector('.result-meta') || {}).textContent || '',
    }))""")


def status(tab) -> str:
    return tab.inner_text(".search-status")


def test_index_is_built_by_the_build(demo_output):
    assert (demo_output / "pagefind" / "pagefind.js").exists()
    entry = (demo_output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"nb"' in entry  # Norwegian index, so stemming applies


def test_leksehjelp_finds_both_homework_groups_first(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=leksehjelp")
    assert {r["title"] for r in results[:2]} == {
        "Leksehjelp på biblioteket (mandag)", "Leksehjelp på biblioteket (onsdag)"}
    assert all(r["type"] == "Arrangement" for r in results[:2])
    assert "Hver mandag" in results[0]["meta"] + results[1]["meta"]
    assert "17:00–19:00" in results[0]["meta"] and "Vestre Toten bibliotek" in results[0]["meta"]


def test_sprakkafe_is_the_first_hit(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=språkkafé")
    assert results[0]["title"] == "Språkkafé"
    assert results[0]["href"] == "/arrangement/sprakkafe-pa-biblioteket/"


def test_tirsdagskaffe_first(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=tirsdagskaffe")
    assert results[0]["title"] == "Tirsdagskaffe på frivilligsentralen"


def test_grant_results_show_the_next_deadline(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=spillemidler")
    assert results[0]["title"].startswith("Spillemidler")
    assert results[0]["type"] == "Tilskudd"
    assert "Frist mandag 1. november 2027" in results[0]["meta"]


def test_place_name_finds_associations_and_events(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=Raufoss")
    types = {r["type"] for r in results}
    assert {"Arrangement", "Forening"} <= types
    assert "viser de 20 første" in status(browser_page)


def test_type_filter_narrows_the_results(browser_page, site_url):
    run_search(browser_page, site_url, "q=Raufoss")
    total = int(status(browser_page).split()[0])
    browser_page.select_option("#filter-type", "Forening")
    browser_page.wait_for_function(
        "(total) => { const t = document.querySelector('.search-status').textContent;"
        " return t.includes('treff') && !t.startsWith(total + ' '); }", arg=total)
    narrowed = int(status(browser_page).split()[0])
    assert 0 < narrowed < total
    types = browser_page.eval_on_selector_all(".result-type", "els => els.map(e => e.textContent)")
    assert set(types) == {"Forening"}
    assert "type=Forening" in browser_page.url  # the filtered search can be shared as a link


def test_free_filter_for_children(browser_page, site_url):
    all_results = run_search(browser_page, site_url, "q=barn")
    free = run_search(browser_page, site_url, "q=barn&pris=Gratis")
    assert 0 < len(free) <= len(all_results)
    assert int(status(browser_page).split()[0]) < 25
    titles = [r["title"] for r in free]
    assert "Barnekoret Solstrålene" in titles and "Barneidrett på Bøverbru" in titles


def test_stemming_finds_tur_from_turene(browser_page, site_url, demo_output):
    onsdagstur = (demo_output / "arrangement" / "onsdagstur-med-turlaget" / "index.html").read_text(encoding="utf-8")
    assert "turene" not in onsdagstur.lower()  # found by stem, not by the exact word
    titles = [r["title"] for r in run_search(browser_page, site_url, "q=turene")]
    assert "Onsdagstur med turlaget" in titles


def test_month_filter_lists_months_in_calendar_order(browser_page, site_url):
    run_search(browser_page, site_url, "q=kaffe")
    options = browser_page.eval_on_selector_all("#filter-maned option", "els => els.map(e => e.value)")
    assert options[:3] == ["", "November 2026", "Desember 2026"]


def test_no_hits_says_so(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=xylofonorkester")
    assert results == [] and status(browser_page).startswith("Ingen treff")


def test_keyboard_only_search_from_the_header(browser_page, site_url):
    tab = browser_page
    tab.goto(f"{site_url}/")
    tab.keyboard.press("Tab")  # skip link
    tab.keyboard.press("Tab")  # site name
    tab.keyboard.press("Tab")  # search field
    assert tab.evaluate("document.activeElement.id") == "sok-felt"
    tab.keyboard.type("leksehjelp")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/sok/?q=leksehjelp")
    tab.wait_for_function("() => document.querySelector('.search-status').textContent.includes('treff')")
    assert tab.get_attribute(".search-status", "role") == "status"
    assert tab.get_attribute(".search-status", "aria-live") == "polite"
    for _ in range(30):  # tab forward until a result link has focus
        tab.keyboard.press("Tab")
        if tab.evaluate("!!document.activeElement.closest('.search-results')"):
            break
    assert tab.evaluate("document.activeElement.tagName") == "A"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/arrangement/**")
    assert "Leksehjelp" in tab.inner_text("h1")


def test_past_events_are_not_indexed():
    from pathlib import Path

    content = Path(__file__).resolve().parent.parent / "content"
    catalog = load_catalog(content)
    later = PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": "2027-08-01"}))
    indexed = {p.context["event"].slug for p in plan_pages(later)
               if p.template == "event" and search_entry(p, later)}
    finished = {e.slug for e in later.calendar.past_events()}
    assert finished and not indexed & finished
    assert later.today == date(2027, 8, 1)


def test_english_words_find_activities_through_translated_labels(browser_page, site_url):
    """The English index holds English category, audience and price words and the organizers'
    own English titles, so residents who search in English find Norwegian-written activities."""
    free = run_search(browser_page, site_url, "q=free", prefix="en/", done="result")
    assert free and all(r["href"].startswith("/en/") for r in free)
    assert all(r["type"] == "Event" for r in free[:10])  # not the associations listing them
    children = run_search(browser_page, site_url, "q=children", prefix="en/", done="result")
    assert "Barnas skirenn på Skistua" in [r["title"] for r in children]
    cafe = run_search(browser_page, site_url, "q=language%20caf%C3%A9", prefix="en/", done="result")
    assert cafe[0]["title"] == "Language café"
    assert cafe[0]["href"] == "/en/arrangement/sprakkafe-pa-biblioteket/"


def test_cancelled_results_say_so_once(browser_page, site_url):
    results = run_search(browser_page, site_url, "q=julemarked")
    cancelled = next(r for r in results if "Julemarked" in r["title"])
    assert cancelled["title"].count("AVLYST") == 1
