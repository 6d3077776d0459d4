"""Pages stay small on a big site: busy days get their own page, long listings are split."""

from __future__ import annotations

from datetime import date, datetime

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.calendar_pages import DAY_LIMIT, FRONT_PAGE_DAY_LIMIT, MONTH_DAY_LIMIT
from aktivitetsportal.outputs.pages import LISTING_PAGE_SIZE
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import Catalog
from aktivitetsportal.text.translations import use_language
from factories import make_event

TODAY = date(2026, 11, 23)
BUSY = date(2026, 11, 25)
LIVELY = FRONT_PAGE_DAY_LIMIT + 2  # activities on 27 November


def big_site() -> PortalSite:
    busy = [make_event(f"kveld-{i:03d}", start=datetime(2026, 11, 25, 8 + i % 12, i % 60), price=None)
            for i in range(DAY_LIMIT + 5)]
    quiet = [make_event("rolig", start=datetime(2026, 11, 26, 18))]
    # More than the front page lists, too few for a page of their own.
    lively = [make_event(f"torsdag-{i:02d}", start=datetime(2026, 11, 27, 10 + i)) for i in range(LIVELY)]
    many = [make_event(f"senere-{i:03d}", start=datetime(2027, 1, 1 + i % 28, 12)) for i in range(2 * LISTING_PAGE_SIZE + 10)]
    return PortalSite.build(Catalog(events=busy + quiet + lively + many), PortalSettings(today=TODAY))


def pages_of(kind: PageKind):
    return [p for p in plan_pages(big_site()) if p.kind is kind]


def test_a_busy_day_gets_its_own_page_and_lists_link_to_it():
    [day_page] = pages_of(PageKind.DAY)
    assert day_page.url == "kalender/dag/2026-11-25/"
    assert len(day_page.context["days"][0][1]) == DAY_LIMIT + 5
    [front] = pages_of(PageKind.FRONT)
    shown = dict(front.context["days"])
    assert len(shown[BUSY]) == FRONT_PAGE_DAY_LIMIT and len(shown[date(2026, 11, 26)]) == 1
    link = front.context["day_more"][BUSY]
    assert link.url == day_page.url
    with use_language("nb"):
        assert str(link.label) == f"Se alle {DAY_LIMIT + 5} aktivitetene denne dagen"
    assert date(2026, 11, 26) not in front.context["day_more"]


def test_the_front_page_lists_a_few_per_day_and_links_to_the_rest_on_the_week_page():
    [front] = pages_of(PageKind.FRONT)
    lively = date(2026, 11, 27)
    assert len(dict(front.context["days"])[lively]) == FRONT_PAGE_DAY_LIMIT
    link = front.context["day_more"][lively]
    assert link.url == "kalender/uke/2026-48/#dag-2026-11-27"
    with use_language("nb"):
        assert str(link.label) == f"Se alle {LIVELY} aktivitetene denne dagen"
    [week] = [p for p in pages_of(PageKind.WEEK) if p.url == "kalender/uke/2026-48/"]
    assert len(dict(week.context["days"])[lively]) == LIVELY  # all of them there


def test_month_pages_list_fewer_per_day_and_link_to_the_rest():
    november = next(p for p in pages_of(PageKind.MONTH) if p.url == "kalender/2026-11/")
    shown = dict(november.context["days"])
    assert len(shown[BUSY]) == MONTH_DAY_LIMIT
    assert november.context["day_more"][BUSY].url == "kalender/dag/2026-11-25/"
    cell = next(c for row in november.context["grid"] for c in row.days if c and c.day == BUSY)
    assert cell.more_url == "kalender/dag/2026-11-25/" and cell not in november.context["overflow"]


def test_long_listings_are_split_into_linked_pages():
    free_or_not = pages_of(PageKind.AUDIENCE)
    everyone = [p for p in free_or_not if p.url.startswith("for/alle/")]
    assert [p.url for p in everyone] == ["for/alle/", "for/alle/side/2/", "for/alle/side/3/"]
    assert [len(p.context["summaries"]) for p in everyone] == [LISTING_PAGE_SIZE, LISTING_PAGE_SIZE, 31 + LIVELY]
    first, second, last = (p.context["listing_pager"] for p in everyone)
    assert first["previous"] == "" and first["next"] == "for/alle/side/2/"
    assert second["previous"] == "for/alle/" and last["next"] == ""
    with use_language("en"):
        assert str(second["label"]) == "Page 2 of 3"
    slugs = [s.event.slug for p in everyone for s in p.context["summaries"]]
    assert len(slugs) == len(set(slugs)) == 2 * LISTING_PAGE_SIZE + 31 + LIVELY  # nothing lost, nothing twice
