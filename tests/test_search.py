"""Search in real Chromium: Pagefind over the demo site, Norwegian stemming, filters, keyboard,
"show more", focus after a search, labelled result lines, no-JavaScript use and axe."""

import json
import re
from datetime import date
from urllib.parse import quote

import pytest
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.search import search_entry
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from axe_playwright_python.sync_playwright import Axe
from sitebuild import soup_of

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_search(tab, site_url, query_string: str, prefix: str = "", done: str = "treff") -> list[dict]:
    """Open the search page (in the language at ``prefix``) and return the shown results."""
    tab.goto(f"{site_url}/{prefix}sok/?{query_string}")
    tab.wait_for_function(
        "word => document.querySelector('.search-status').textContent.includes(word)", arg=done,
        timeout=15000)
    return shown_results(tab)


def shown_results(tab) -> list[dict]:
    return tab.evaluate("""() => [...document.querySelectorAll('.search-results li')].map(li => ({
        title: li.querySelector('h2').textContent.trim(),
        href: li.querySelector('h2 a').getAttribute('href'),
        type: (li.querySelector('.result-type') || {}).textContent,
        meta: [...li.querySelectorAll('.result-meta')].map(p => p.textContent).join('\\n'),
        excerpt: (li.querySelector('.result-excerpt') || {}).textContent || '',
    }))""")


def status(tab) -> str:
    """The result count as read out, without the bidi isolates around the query."""
    return tab.inner_text(".search-status").replace("\u2068", "").replace("\u2069", "")


def indexed_filters(demo_output, href: str) -> dict[str, list[str]]:
    """The Pagefind filters of the built page at ``href`` (``/arrangement/x/``)."""
    filters: dict[str, list[str]] = {}
    for span in soup_of(demo_output / href.strip("/") / "index.html").select("[data-pagefind-filter]"):
        filters.setdefault(span["data-pagefind-filter"], []).append(span.get_text())
    return filters


def options(tab, select: str) -> list[tuple[str, str]]:
    """(value, text) of every option of a filter."""
    return [tuple(o) for o in tab.eval_on_selector_all(
        f"{select} option", "els => els.map(o => [o.value, o.textContent])")]


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
    # Date and place as labelled lines, not run together
    assert re.search(r"^Når: .*17:00–19:00", results[0]["meta"], re.M)
    assert "\nHvor: Vestre Toten bibliotek" in results[0]["meta"]


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
    assert "Søknadsfrist: mandag 1. november 2027" in results[0]["meta"]
    assert "\nGis av: " in results[0]["meta"]


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
    # The search was sent from the header: focus is on the result count, one Tab from the first result
    tab.wait_for_function("() => document.activeElement.classList.contains('search-status')")
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement === document.querySelector('.search-results li h2 a')")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/arrangement/**")
    assert "Leksehjelp" in tab.inner_text("h1")


def test_past_events_are_not_indexed():
    from pathlib import Path

    content = Path(__file__).resolve().parent.parent / "content"
    catalog = load_catalog(content)
    later = PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": "2027-08-01"}))
    indexed = {p.context["event"].slug for p in plan_pages(later)
               if p.template == "event" and search_entry(p, later.settings)}
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


# --- Filters: one kind of value each -------------------------------------------------------------

def wait_for_search(tab):
    tab.wait_for_function("""() => { const t = document.querySelector('.search-status').textContent;
        return t.includes('treff') && !t.startsWith('Søker'); }""", timeout=15000)


@pytest.mark.parametrize("name, value", [
    ("kategori", "Kultur"),
    ("for", "Barn"),
    ("pris", "Gratis"),
])
def test_each_event_filter_narrows_to_pages_with_that_value(browser_page, site_url, demo_output, name, value):
    run_search(browser_page, site_url, "q=Raufoss")
    total = int(status(browser_page).split()[0])
    browser_page.select_option(f"#filter-{name}", value)
    wait_for_search(browser_page)
    narrowed = int(status(browser_page).split()[0])
    assert 0 < narrowed < total
    assert f"{name}={quote(value)}" in browser_page.url
    for result in shown_results(browser_page):
        assert value in indexed_filters(demo_output, result["href"]).get(name, []), result["href"]


def test_audience_filter_has_one_everyone_option_unlike_its_empty_option(browser_page, site_url, demo_output):
    run_search(browser_page, site_url, "q=kaffe")
    choices = options(browser_page, "#filter-for")
    assert choices[0] == ("", "Alle målgrupper")
    values = [value for value, _ in choices[1:]]
    assert values == ["Barn", "Ungdom", "Voksne", "Eldre og seniorer", "Familier", "For alle"]
    everyone = [text for value, text in choices if "alle" in value.casefold()]
    assert len(everyone) == 1 and everyone[0].startswith("For alle (")
    assert "Alle" not in values  # the audience "alle" never shows as a bare "Alle"
    # Grant target groups have a filter of their own
    assert not {"barn og unge", "idrett", "kultur"} & {v.casefold() for v in values}
    # Every "all" option names its filter, so no two options read "Alle"
    alls = browser_page.eval_on_selector_all(".filter-grid select", "els => els.map(s => s.options[0].textContent)")
    assert len(alls) == len(set(alls)) and "Alle" not in alls


def test_grant_filter_appears_with_the_grant_type_and_narrows(browser_page, site_url, demo_output):
    tab = browser_page
    run_search(tab, site_url, "q=barn")
    assert tab.is_hidden("#filter-formal")
    tab.select_option("#filter-type", "Tilskudd")
    wait_for_search(tab)
    grants = int(status(tab).split()[0])
    assert tab.is_visible("#filter-formal")
    choices = options(tab, "#filter-formal")
    assert choices[0] == ("", "Alle formål")
    assert "barn og unge" in [value for value, _ in choices]
    tab.select_option("#filter-formal", "idrett")
    wait_for_search(tab)
    narrowed = int(status(tab).split()[0])
    assert 0 < narrowed < grants
    assert "formal=idrett" in tab.url and "type=Tilskudd" in tab.url
    for result in shown_results(tab):
        filters = indexed_filters(demo_output, result["href"])
        assert filters["type"] == ["Tilskudd"] and "idrett" in filters["formal"]
    # Leaving the grant type hides the grant filter and clears it
    tab.select_option("#filter-type", "Arrangement")
    wait_for_search(tab)
    assert tab.is_hidden("#filter-formal") and "formal=" not in tab.url
    assert {r["type"] for r in shown_results(tab)} == {"Arrangement"}


def test_grant_targets_are_not_audiences_in_the_index(demo_output):
    pages = sorted((demo_output / "tilskudd").glob("*/index.html"))
    indexed = [p for p in pages if soup_of(p).select("[data-pagefind-filter=type]")]
    assert indexed
    for path in indexed:
        filters = indexed_filters(demo_output, str(path.parent.relative_to(demo_output)))
        assert "for" not in filters and filters.get("formal"), path


@pytest.mark.parametrize("lang", ["nn", "en", "uk", "pl", "ar"])
def test_filter_labels_and_values_are_in_the_page_language(page, demo_output, lang):
    nb = {key: (label, none) for key, label, none in json.loads(page("sok/").select_one("#sok")["data-filters"])}
    here = {key: (label, none) for key, label, none in json.loads(page(f"{lang}/sok/").select_one("#sok")["data-filters"])}
    assert here.keys() == nb.keys()
    alls = [none for _, none in here.values()]
    assert all(alls) and len(set(alls)) == len(alls)
    if lang != "nn":  # nynorsk may share a word with bokmål
        assert all(here[key][1] != nb[key][1] for key in nb)
    order = json.loads(page(f"{lang}/sok/").select_one("#sok")["data-filter-order"])
    audiences = set(order["for"])
    event = indexed_filters(demo_output, f"/{lang}/arrangement/julemarked-pa-eina/")
    assert event["for"] and set(event["for"]) <= audiences  # the indexed words are the filter's options
    assert "Alle" not in audiences and len(audiences) == len(order["for"]) == 6


# --- Results beyond the first 20 -----------------------------------------------------------------

def test_show_more_reaches_every_result_and_moves_focus_to_the_first_new_one(browser_page, site_url):
    tab = browser_page
    results = run_search(tab, site_url, "q=Raufoss")
    total = int(status(tab).split()[0])
    assert total > 40 and len(results) == 20
    button = tab.locator(".search-more button")
    assert button.is_visible() and button.inner_text() == "Vis flere treff"
    button.click()
    tab.wait_for_function("() => document.querySelectorAll('.search-results li').length === 40")
    assert status(tab) == f"{total} treff for «Raufoss», viser de 40 første."
    assert tab.evaluate("() => document.activeElement === document.querySelectorAll('.search-results h2 a')[20]")
    tab.keyboard.press("Shift+Tab")  # the results before are still there, in order
    assert tab.evaluate("() => document.activeElement === document.querySelectorAll('.search-results h2 a')[19]")
    shown = 40
    while shown < total:  # each press shows 20 more, until every result is there
        button.click()
        first_new, shown = shown, min(shown + 20, total)
        tab.wait_for_function(f"() => document.querySelectorAll('.search-results li').length === {shown}")
        assert tab.evaluate(f"() => document.activeElement === document.querySelectorAll('.search-results h2 a')[{first_new}]")
    assert status(tab) == f"{total} treff for «Raufoss»."
    assert tab.is_hidden(".search-more")
    hrefs = [r["href"] for r in shown_results(tab)]
    assert len(set(hrefs)) == total


def test_a_new_search_starts_again_at_20(browser_page, site_url):
    tab = browser_page
    run_search(tab, site_url, "q=Raufoss")
    tab.click(".search-more button")
    tab.wait_for_function("() => document.querySelectorAll('.search-results li').length === 40")
    tab.fill("#sok-ord", "Raufoss kirke")
    tab.press("#sok-ord", "Enter")
    tab.wait_for_function("() => document.activeElement.classList.contains('search-status')")
    assert len(shown_results(tab)) <= 20


# --- Focus after a search ------------------------------------------------------------------------

def test_focus_goes_to_the_result_count_after_a_submitted_search(browser_page, site_url):
    tab = browser_page
    tab.goto(f"{site_url}/sok/")
    tab.wait_for_selector(".search-app.is-ready")
    tab.click("#sok-ord")
    tab.keyboard.type("leksehjelp")
    # Searching as you type leaves focus in the field
    tab.wait_for_function("() => document.querySelector('.search-status').textContent.includes('treff')")
    assert tab.evaluate("() => document.activeElement.id") == "sok-ord"
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.activeElement.classList.contains('search-status')")
    assert tab.evaluate("() => document.activeElement.getAttribute('tabindex')") == "-1"
    assert "treff for «leksehjelp»" in status(tab)
    tab.keyboard.press("Tab")
    first = tab.evaluate("() => document.activeElement === document.querySelector('.search-results li h2 a')")
    assert first and "Leksehjelp" in tab.evaluate("() => document.activeElement.textContent")


def test_changing_a_filter_leaves_focus_on_the_filter(browser_page, site_url):
    tab = browser_page
    run_search(tab, site_url, "q=Raufoss")
    tab.focus("#filter-type")
    tab.select_option("#filter-type", "Forening")
    wait_for_search(tab)
    assert tab.evaluate("() => document.activeElement.id") == "filter-type"


# --- Excerpts ------------------------------------------------------------------------------------

FACT_LABELS = ("Når", "Hvor", "Arrangør", "Pris", "Kategori", "For hvem", "Påmelding", "Tilgjengelighet",
               "Kontakt", "Søknadsfrist", "Gis av", "Type", "Beløp", "Adresse og møtested", "Medlemskap")


@pytest.mark.parametrize("query", ["Raufoss", "gratis", "leksehjelp bibliotek", "spillemidler"])
def test_excerpts_do_not_run_labels_into_values(browser_page, site_url, query):
    tab = browser_page
    run_search(tab, site_url, f"q={quote(query)}")
    while tab.is_visible(".search-more button"):
        shown = len(shown_results(tab))
        tab.click(".search-more button")
        tab.wait_for_function(f"() => document.querySelectorAll('.search-results li').length > {shown}")
    excerpts = [r["excerpt"] for r in shown_results(tab)]
    assert excerpts and all(excerpts)
    joined = re.compile("(?:" + "|".join(FACT_LABELS) + ")(?=[A-ZÆØÅ0-9])")
    assert [e for e in excerpts if joined.search(e)] == []
    assert not [e for e in excerpts if "HvorVestre" in e or "PrisGratis" in e]


# --- The form without JavaScript -----------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["", "en/", "ar/"])
def test_search_form_sends_to_the_search_page(page, prefix):
    html = page(f"{prefix}sok/")
    form = html.select_one("#sok form")
    assert form["action"] == f"/{prefix}sok/" and form["method"] == "get"
    assert html.select_one(".site-search")["action"] == f"/{prefix}sok/"
    assert form.has_attr("hidden")  # shown by search.js: without it the field would do nothing
    assert html.select_one(".search-status")["tabindex"] == "-1"


def test_header_search_without_javascript_says_so_and_offers_the_lists(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}/")
    tab.fill("#sok-felt", "leksehjelp")
    tab.press("#sok-felt", "Enter")
    tab.wait_for_url("**/sok/?q=leksehjelp")
    assert "Søket trenger JavaScript" in tab.inner_text("main")
    assert tab.is_hidden("#sok-ord")  # no search field that cannot search
    assert tab.locator(".browse a").count() >= 10
    context.close()


# --- Accessibility -------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, done", [("", "treff"), ("ar/", "النتائج")])
def test_search_page_with_results_passes_axe(browser_page, site_url, prefix, done):
    tab = browser_page
    run_search(tab, site_url, "q=Raufoss", prefix=prefix, done=done)
    tab.click(".search-more button")  # with the results shown after "show more"
    tab.wait_for_function("() => document.querySelectorAll('.search-results li').length > 20")
    grant_type = tab.eval_on_selector("#filter-type", "s => s.options[3].value")
    tab.select_option("#filter-type", grant_type)  # and the grant filter shown
    tab.wait_for_selector("#filter-formal", state="visible")
    tab.wait_for_function("() => document.querySelectorAll('.search-results li').length > 0")
    axe = Axe()
    tags = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    rules = axe.run(tab, options={"runOnly": {"type": "rule", "values": ["landmark-unique", "heading-order"]}})
    violations = tags.response["violations"] + rules.response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in violations)
