"""WCAG 2.1 AA: axe-core in real Chromium on every kind of page, and no-JavaScript use."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: WCAG 2.1 A/AA, plus two best-practice rules: landmarks with distinct names (two pagers
#: both called "Andre uker" confuse a screen-reader user) and no skipped heading levels.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "rules": {"landmark-unique": {"enabled": True}, "heading-order": {"enabled": True}},
}

PAGES = [
    "",  # front page
    "kalender/",
    "kalender/uke/2026-48/",
    "kalender/2026-12/",
    "kalender/arkiv/",
    "kategori/",
    "kategori/sosialt/",
    "foreninger/kategori/idrett/",
    "tilskudd/frifond/",
    "tilskudd/type/kommunal/",
    "apne-data/",
    "om/",
    "personvern/",
    "for/barn/",
    "gratis/",
    "arrangement/trim-for-kvinner/",
    "arrangement/julemarked-pa-eina/",
    "foreninger/",
    "foreninger/raufoss-pensjonistforening/",
    "tilskudd/",
    "abonner/",
    "sok/",
    "slik-sender-du-inn/",
    "404.html",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


#: Bokmål at the root, English and Arabic (right to left) under their prefixes.
LANGUAGE_PREFIXES = ["", "en/", "ar/"]


@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(browser_page, site_url, axe, path, prefix):
    response = browser_page.goto(f"{site_url}/{prefix}{path}")
    assert response.status == 200
    results = axe.run(browser_page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in violations
    )


def test_search_page_with_results_has_no_wcag_violations(browser_page, site_url, axe):
    browser_page.goto(f"{site_url}/sok/?q=kaffe")
    browser_page.wait_for_selector(".search-results li")
    results = axe.run(browser_page, options=AXE_OPTIONS)
    assert results.response["violations"] == []


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}/")
    tab.fill("#sok-felt", "leksehjelp")
    tab.press("#sok-felt", "Enter")
    tab.wait_for_load_state()
    assert tab.url.startswith(f"{site_url}/sok/?q=leksehjelp")
    links = tab.locator(".browse a")
    assert links.count() >= 10
    links.first.click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() and "/kategori/" in tab.url
    context.close()


def test_skip_link_is_first_and_moves_focus_to_main(browser_page, site_url):
    browser_page.goto(f"{site_url}/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hopp til innholdet"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#innhold"


def test_arabic_front_page_is_laid_out_right_to_left(browser_page, site_url):
    browser_page.goto(f"{site_url}/ar/")
    assert browser_page.evaluate("document.documentElement.dir") == "rtl"
    assert browser_page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The first menu item sits at the right edge, the next one to its left.
    boxes = browser_page.locator(".main-nav li").evaluate_all(
        "items => items.slice(0, 2).map(li => li.getBoundingClientRect().toJSON())")
    assert boxes[0]["x"] > boxes[1]["x"]
    heading = browser_page.locator("h1").bounding_box()
    width = browser_page.viewport_size["width"]
    assert heading["x"] + heading["width"] > width / 2  # headings start on the right


def test_language_switch_keeps_the_page(browser_page, site_url):
    browser_page.goto(f"{site_url}/kalender/")
    browser_page.locator(".language-switch a[lang=en]").click()
    browser_page.wait_for_load_state()
    assert browser_page.url == f"{site_url}/en/kalender/"
    assert browser_page.evaluate("document.documentElement.lang") == "en"
    assert browser_page.locator("h1").inner_text() == "Calendar"
