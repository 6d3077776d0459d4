"""Layout for every age and every screen: reflow at 320 px on every page, a compact header with a
menu that works without JavaScript, the current section marked, breadcrumbs, a favicon, and
screenshots for a reviewer."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser import CHROMIUM_FLAGS, chromium_path
from playwright.async_api import async_playwright
from sitebuild import ROOT

#: Where the screenshots go; `make test` names the folder at the end.
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def html_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "pagefind" not in p.parts)


async def wider_than(site_url: str, pages: list[str], width: int, tabs: int = 4) -> list[tuple[str, int]]:
    """Pages whose document is wider than ``width`` CSS px, checked in a few tabs at once."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in pages:
        queue.put_nowait(path)
    found: list[tuple[str, int]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = await browser.new_context(viewport={"width": width, "height": 800})

        async def worker():
            tab = await context.new_page()
            while not queue.empty():
                path = queue.get_nowait()
                await tab.goto(f"{site_url}/{path}", wait_until="load")
                scroll_width = await tab.evaluate("() => document.documentElement.scrollWidth")
                if scroll_width > width:
                    found.append((path, scroll_width))

        await asyncio.gather(*(worker() for _ in range(tabs)))
        await browser.close()
    return sorted(found)


def test_no_page_in_any_language_is_wider_than_a_320_px_phone(demo_output, site_url):
    pages = html_pages(demo_output)
    assert len(pages) > 1000  # every page of every language, not a sample
    # In a thread of its own: the session's synchronous browser already runs an event loop here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, wider_than(site_url, pages, 320)).result() == []


@pytest.mark.parametrize("path", ["", "arrangement/frivillighetskonferansen-2026/", "ar/tilskudd/underskuddsgaranti-arrangement/"])
def test_the_header_on_a_phone_is_compact(browser, site_url, path):
    tab = browser.new_page(viewport=PHONE)
    tab.goto(f"{site_url}/{path}")
    assert tab.locator(".site-header").bounding_box()["height"] <= 120
    assert not tab.locator(".main-nav").is_visible()
    tab.close()


def test_the_phone_menu_opens_without_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}/en/")
    tab.get_by_text("Menu", exact=True).click()
    assert tab.get_by_role("link", name="Calendar", exact=True).is_visible()
    tab.locator(".language-fold > summary").click()
    tab.get_by_role("link", name="Українська").click()
    assert tab.url.endswith("/uk/")
    context.close()


def test_wide_screens_show_the_menu_and_languages_without_buttons(browser, site_url):
    tab = browser.new_page(viewport=DESKTOP)
    tab.goto(f"{site_url}/")
    assert tab.get_by_role("link", name="Lag og foreninger", exact=True).is_visible()
    assert tab.get_by_role("link", name="English").is_visible()
    assert not tab.locator(".menu-fold > summary").is_visible()
    assert tab.locator(".site-header").bounding_box()["height"] <= 200
    tab.close()


@pytest.mark.parametrize("path, current, value", [
    ("", "Hva skjer", "page"),
    ("arrangement/trim-for-kvinner/", "Kalender", "true"),
    ("kalender/uke/2026-48/", "Kalender", "true"),
    ("kategori/sosialt/", "Kategorier", "true"),
    ("foreninger/raufoss-pensjonistforening/", "Lag og foreninger", "true"),
    ("tilskudd/", "Tilskudd", "page"),
    ("send-inn/", "Send inn arrangement", "page"),
    ("slik-sender-du-inn/", "Send inn arrangement", "true"),
    ("send-inn/forening/", "Lag og foreninger", "true"),
    ("en/tilskudd/frifond/", "Grants", "true"),
])
def test_the_menu_marks_the_current_section(page, path, current, value):
    menu = page(path).select_one("nav .main-nav")
    marked = {a.get_text(strip=True): a["aria-current"] for a in menu.select("a[aria-current]")}
    assert marked == {current: value}


_LANGUAGE = re.compile(r'<html lang="(\w+)"')
_TRAIL = re.compile(r'<nav class="breadcrumbs"[^>]*>\s*<ol><li><a href="([^"]*)">.*?<li aria-current="page">', re.S)


def test_every_page_below_the_front_page_has_breadcrumbs(demo_output):
    for path in html_pages(demo_output):
        html = (demo_output / path).read_text(encoding="utf-8")
        if '<header class="site-header">' not in html:
            continue  # info screen and embeds: made for a lobby screen or another site's page
        language = _LANGUAGE.search(html).group(1)
        trail = _TRAIL.search(html)
        if re.fullmatch(r"(?:(?:nn|en|uk|pl|ar)/)?(?:index|404)\.html", path):
            assert trail is None, path
            continue
        assert trail is not None, path
        assert trail.group(1) == ("/" if language == "nb" else f"/{language}/"), path


def test_event_breadcrumbs_lead_through_the_calendar_and_its_category(page):
    crumbs = page("en/arrangement/trim-for-kvinner/").select("nav.breadcrumbs li")
    assert [li.get_text(strip=True) for li in crumbs[:3]] == ["Home", "Calendar", "Sport and exercise"]
    assert crumbs[2].a["href"] == "/en/kategori/idrett/"
    assert crumbs[-1].find(attrs={"lang": "nb"}) is not None  # the Norwegian title is marked


def test_the_favicon_is_served_and_nothing_asks_for_favicon_ico(browser_page, site_url, demo_output):
    requests: list[str] = []
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(f"{site_url}/")
    icon = browser_page.locator("link[rel=icon]").get_attribute("href")
    assert (demo_output / icon.lstrip("/")).is_file()
    browser_page.goto(f"{site_url}/kalender/")
    assert not any(url.endswith("/favicon.ico") for url in requests)


def test_cards_always_say_the_price(page):
    cards = {row.select_one(".occ-title a")["href"]: row.select_one(".occ-price").get_text(" ", strip=True)
             for row in page("").select("li.occurrence")}
    assert cards["/arrangement/korpsovelse-raufoss-musikkorps/"] == "Pris: Pris ikke oppgitt"
    assert cards["/arrangement/tirsdagskaffe-pa-frivilligsentralen/"] == "Pris: Gratis"


def test_two_prices_are_explained_on_the_event_page(page):
    facts = page("arrangement/julekonsert-med-raufoss-musikkorps/").select_one("dl.facts")
    price = next(dt for dt in facts.select("dt") if dt.get_text(strip=True) == "Pris").find_next_sibling("dd")
    assert price.get_text(strip=True) == "kr 200 for voksne, kr 100 for barn"


def test_the_description_comes_before_add_to_calendar(page):
    article = page("arrangement/trim-for-kvinner/").select_one("article.event")
    order = [el.get("class", [""])[0] for el in article.find_all(["div", "section"], recursive=False)]
    assert order.index("description") < order.index("add-to-calendar")


def test_a_cancelled_event_says_its_calendar_file_shows_it_cancelled(page):
    section = page("arrangement/julemarked-pa-eina/").select_one(".add-to-calendar")
    assert "står det som avlyst" in section.get_text()
    assert section.find("a", string=re.compile("Google")) is None


@pytest.mark.parametrize("path", ["", "kalender/2026-12/", "arrangement/sprakkafe-pa-biblioteket/", "sok/?q=kaffe"])
def test_screenshots_for_a_reviewer(browser, site_url, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-").replace("?q=", "-") or "forside"
    for label, viewport in (("390", PHONE), ("1366", DESKTOP)):
        tab = browser.new_page(viewport=viewport)
        tab.goto(f"{site_url}/{path}")
        if "?q=" in path:
            tab.wait_for_selector(".search-results li")
        target = SCREENSHOTS / f"{name}-{label}.png"
        tab.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        tab.close()
