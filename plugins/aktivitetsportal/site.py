"""The site plan: which pages exist, and the data each page template gets.

:func:`plan_pages` turns a loaded :class:`Catalog` into a list of
:class:`PlannedPage` (output path, template name, context). The Pelican plugin
only renders them; tests can inspect the plan without running Pelican.
Templates receive ready-made lists and never decide what belongs where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .calendar import ActivityCalendar, Month, Week
from .catalog import Catalog
from .dates import long_date_with_year, month_title, week_title
from .settings import PortalSettings
from .urls import save_as, url_for
from .vocabulary import audience_heading

__all__ = ["PortalSite", "PlannedPage", "plan_pages", "plan_calendar_pages", "page_at", "NavLink"]

#: How many coming occurrences an event page lists.
EVENT_PAGE_OCCURRENCES = 10


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One page to render: where, with which template, with what data."""

    save_as: str
    url: str
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(slots=True)
class PortalSite:
    """A loaded, validated build: catalog, calendar and settings together."""

    catalog: Catalog
    calendar: ActivityCalendar
    settings: PortalSettings

    @classmethod
    def build(cls, catalog: Catalog, settings: PortalSettings) -> PortalSite:
        return cls(catalog, ActivityCalendar(catalog.events, settings), settings)

    @property
    def today(self) -> date:
        return self.settings.today

    def organizer_name(self, slug: str) -> str:
        association = self.catalog.associations.get(slug)
        return association.name if association else slug


def page_at(kind: str, key: str, template: str, **context) -> PlannedPage:
    return PlannedPage(save_as(kind, key), url_for(kind, key), template, context)


def plan_pages(site: PortalSite) -> list[PlannedPage]:
    """Every HTML page of the site that the portal writes (not content/pages)."""
    # Local imports: the other planners import PortalSite and PlannedPage from here.
    from .feed_pages import plan_feed_pages
    from .grant_pages import plan_grant_pages
    from .register_pages import plan_register_pages
    from .search import plan_search_pages

    return (plan_calendar_pages(site) + plan_register_pages(site) + plan_grant_pages(site)
            + plan_feed_pages(site) + plan_search_pages(site))


def plan_calendar_pages(site: PortalSite) -> list[PlannedPage]:
    """Front page, weeks, months, archive, listings and one page per event."""
    cal = site.calendar
    pages = [
        page_at("front", "", "front", page_title="Hva skjer", days=cal.front_page_days(),
              this_week=Week.of(site.today), this_month=Month.of(site.today)),
        page_at("calendar", "", "calendar_overview", page_title="Kalender",
              this_week=Week.of(site.today), this_month=Month.of(site.today),
              weeks=cal.weeks(), months=cal.months(),
              categories=cal.by_category(), audiences=cal.by_audience()),
    ]
    pages += _week_pages(site)
    pages += _month_pages(site)
    pages.append(page_at("archive", "", "archive", page_title="Arkiv: tidligere arrangementer",
                       events=cal.past_events()))
    pages.append(page_at("categories", "", "categories", page_title="Kategorier",
                       categories=cal.by_category(), audiences=cal.by_audience()))
    for term, summaries in cal.by_category():
        pages.append(page_at("category", term.slug, "listing", page_title=term.label,
                           summaries=summaries, listing_kind="category", term=term))
    for term, summaries in cal.by_audience():
        title = audience_heading(term)
        pages.append(page_at("audience", term.slug, "listing", page_title=title,
                           summaries=summaries, listing_kind="audience", term=term))
    pages.append(page_at("free", "", "listing", page_title="Gratis aktiviteter",
                       summaries=cal.free_events(), listing_kind="free", term=None))
    # Served by most static hosts for unknown addresses (old links to removed events).
    pages.append(PlannedPage("404.html", "404.html", "not_found", {"page_title": "Fant ikke siden"}))
    for event in cal.events:
        upcoming = cal.upcoming_of(event)
        pages.append(page_at("event", event.slug, "event", page_title=event.title, event=event,
                           organizer=site.catalog.associations.get(event.organizer),
                           next_occurrences=upcoming[:EVENT_PAGE_OCCURRENCES],
                           more_occurrences=max(0, len(upcoming) - EVENT_PAGE_OCCURRENCES),
                           summary=cal.summary(event)))
    return pages


def _period_pages(site: PortalSite, kind: str, periods: list, title_of, subtitle_of) -> list[PlannedPage]:
    """Week or month pages, each with its days and links to the previous and next period."""
    cal = site.calendar
    links = [NavLink(title_of(p), url_for(kind, p.key)) for p in periods]
    return [
        page_at(
            kind, period.key, "period",
            page_title=links[index].label,
            subtitle=subtitle_of(period),
            days=[(d, cal.on(d)) for d in period.days],
            previous=links[index - 1] if index > 0 else None,
            next=links[index + 1] if index + 1 < len(links) else None,
            period_kind=kind,
        )
        for index, period in enumerate(periods)
    ]


def _week_pages(site: PortalSite) -> list[PlannedPage]:
    return _period_pages(
        site, "week", site.calendar.weeks(),
        lambda w: week_title(w.iso_year, w.number),
        lambda w: f"{long_date_with_year(w.monday)} – {long_date_with_year(w.days[-1])}",
    )


def _month_pages(site: PortalSite) -> list[PlannedPage]:
    return _period_pages(
        site, "month", site.calendar.months(),
        lambda m: month_title(m.year, m.month).capitalize(),
        lambda m: "",
    )
