"""WCAG 2.1 AA: axe-core in real Chromium on every kind of page, and no-JavaScript use."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = [
    "",  # front page
    "kalender/",
    "kalender/uke/2026-48/",
    "kalender/2026-12/",
    "kalender/arkiv/",
    "kategori/",
    "kategori/sosialt/",
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


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(browser_page, site_url, axe, path):
    response = browser_page.goto(f"{site_url}/{path}")
    assert response.status == 200
    results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert violations == [], "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in violations
    )


def test_search_page_with_results_has_no_wcag_violations(browser_page, site_url, axe):
    browser_page.goto(f"{site_url}/sok/?q=kaffe")
    browser_page.wait_for_selector(".search-results li")
    results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
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
