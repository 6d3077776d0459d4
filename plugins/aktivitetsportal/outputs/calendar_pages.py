"""The site plan: which pages exist, and the data each page template gets.

:func:`plan_pages` turns a loaded :class:`Catalog` into a list of
:class:`PlannedPage` (output path, template name, context). The Pelican plugin
only renders them; tests can inspect the plan without running Pelican.
Templates receive ready-made lists and never decide what belongs where.
"""

from __future__ import annotations

from aktivitetsportal.domain.calendar import Month, Week
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.pages import NavLink, PlannedPage, page_at
from aktivitetsportal.text.phrases import (
    audience_heading,
    audience_lead,
    front_page_lead,
    long_date_with_year,
    month_title,
    term_label,
    week_title,
)
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["plan_calendar_pages", "EVENT_PAGE_OCCURRENCES"]

#: How many coming occurrences an event page lists.
EVENT_PAGE_OCCURRENCES = 10


def plan_calendar_pages(site: PortalSite) -> list[PlannedPage]:
    """Front page, weeks, months, archive, listings and one page per event."""
    cal = site.calendar
    pages = [
        page_at(PageKind.FRONT, "", "front", page_title=lazy_text("Hva skjer"), days=cal.front_page_days(),
              lead=lazy(front_page_lead, site.settings.front_page_days),
              this_week=Week.of(site.today), this_month=Month.of(site.today)),
        page_at(PageKind.CALENDAR, "", "calendar_overview", page_title=lazy_text("Kalender"),
              this_week=Week.of(site.today), this_month=Month.of(site.today),
              weeks=cal.weeks(), months=cal.months(),
              categories=cal.by_category(), audiences=cal.by_audience()),
    ]
    pages += _week_pages(site)
    pages += _month_pages(site)
    pages.append(page_at(PageKind.ARCHIVE, "", "archive", page_title=lazy_text("Arkiv: tidligere arrangementer"),
                       events=cal.past_events()))
    pages.append(page_at(PageKind.CATEGORIES, "", "categories", page_title=lazy_text("Kategorier"),
                       categories=cal.by_category(), audiences=cal.by_audience()))
    for term, summaries in cal.by_category():
        pages.append(page_at(PageKind.CATEGORY, term.slug, "listing", page_title=lazy(term_label, term),
                           summaries=summaries, lead=""))
    for term, summaries in cal.by_audience():
        title = lazy(audience_heading, term)
        pages.append(page_at(PageKind.AUDIENCE, term.slug, "listing", page_title=title,
                           summaries=summaries, lead=lazy(audience_lead, term)))
    pages.append(page_at(PageKind.FREE, "", "listing", page_title=lazy_text("Gratis aktiviteter"),
                       summaries=cal.free_events(),
                         lead=lazy_text("Aktiviteter som ikke koster noe å være med på.")))
    # Served by most static hosts for unknown addresses (old links to removed events).
    pages.append(PlannedPage(PageKind.NOT_FOUND, "404.html", "404.html", "not_found", {"page_title": lazy_text("Fant ikke siden")}))
    for event in cal.events:
        upcoming = cal.upcoming_of(event)
        pages.append(page_at(PageKind.EVENT, event.slug, "event", page_title=event.title, event=event,
                           organizer=site.catalog.associations.get(event.organizer),
                           next_occurrences=upcoming[:EVENT_PAGE_OCCURRENCES],
                           more_occurrences=max(0, len(upcoming) - EVENT_PAGE_OCCURRENCES),
                           summary=cal.summary(event)))
    return pages


def _period_pages(site: PortalSite, kind: PageKind, periods: list, title_of, subtitle_of) -> list[PlannedPage]:
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
        site, PageKind.WEEK, site.calendar.weeks(),
        lambda w: lazy(week_title, w.iso_year, w.number),
        lambda w: lazy_text("{first} – {last}", first=lazy(long_date_with_year, w.monday),
                            last=lazy(long_date_with_year, w.days[-1])),
    )


def _month_pages(site: PortalSite) -> list[PlannedPage]:
    return _period_pages(
        site, PageKind.MONTH, site.calendar.months(),
        lambda m: lazy(month_title, m.year, m.month),
        lambda m: "",
    )
