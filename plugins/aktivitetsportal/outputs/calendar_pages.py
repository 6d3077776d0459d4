"""The site plan: which pages exist, and the data each page template gets.

:func:`plan_pages` turns a loaded :class:`Catalog` into a list of
:class:`PlannedPage` (output path, template name, context). The Pelican plugin
only renders them; tests can inspect the plan without running Pelican.
Templates receive ready-made lists and never decide what belongs where.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from aktivitetsportal.domain.calendar import Month, Week
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.pages import NavLink, PlannedPage, page_at, paged_at
from aktivitetsportal.outputs.place_pages import place_links
from aktivitetsportal.outputs.venue_pages import venue_entry
from aktivitetsportal.outputs.volunteering_pages import FRONT_PAGE_ASSIGNMENTS, assignment_entries
from aktivitetsportal.submissions.models import Event, Occurrence
from aktivitetsportal.text.phrases import (
    all_of_day,
    audience_heading,
    audience_lead,
    front_page_lead,
    long_date_with_year,
    month_title,
    more_activities,
    term_label,
    week_span_title,
    week_title,
    weekday_name,
)
from aktivitetsportal.text.translations import Lazy, lazy, lazy_text

__all__ = ["plan_calendar_pages", "EVENT_PAGE_OCCURRENCES", "GRID_CELL_ROOM", "GridDay", "GridWeek",
           "FinishedEvent", "FRONT_PAGE_DAY_LIMIT"]

#: How many coming occurrences an event page lists.
EVENT_PAGE_OCCURRENCES = 10
#: Most activities one day lists on the front, week and month pages. A busier day gets a page
#: of its own (``kalender/dag/<date>/``) that those lists link to, so pages stay small on a
#: big site (a day in a municipality with 2,000 events can have 150 activities).
DAY_LIMIT = 15
#: Most activities a day lists on the front page, with a link to the rest: the first page of
#: the site stays quick on a phone (under 60 KB) also in a busy week.
FRONT_PAGE_DAY_LIMIT = 6
#: Most activities a day lists on a month page (thirty days of them); the rest are a link away,
#: on the week page or the day's own page.
MONTH_DAY_LIMIT = 8
#: Most activities a day cell of the month grid lists; a busier day lists one fewer and a
#: "+N flere" link to the rest, below the grid (so a link never stands for a single activity).
GRID_CELL_ROOM = 5


@dataclass(frozen=True, slots=True)
class GridDay:
    """One day cell of a month grid: the activities it shows, and those listed below the grid."""

    day: date
    shown: list[Occurrence]
    more: list[Occurrence]
    more_label: Lazy | None
    is_today: bool
    is_past: bool
    more_url: str = ""  # the day's own page, for a day with more than DAY_LIMIT activities

    @property
    def anchor(self) -> str:
        """The id of the cell, ``dato-2026-12-09``."""
        return f"dato-{self.day.isoformat()}"

    @property
    def more_anchor(self) -> str:
        """The id of the heading over the rest of the day's activities, ``mer-2026-12-09``."""
        return f"mer-{self.day.isoformat()}"


@dataclass(frozen=True, slots=True)
class GridWeek:
    """A row of the month grid: the week, its page, and a cell per day (None: another month)."""

    week: Week
    url: str
    days: list[GridDay | None]


@dataclass(frozen=True, slots=True)
class FinishedEvent:
    """An event in the archive, with the last time it took place."""

    event: Event
    last: Occurrence | None


def busy_days(site: PortalSite) -> dict[date, list[Occurrence]]:
    """The days with more than :data:`DAY_LIMIT` activities, each with all of them."""
    cal = site.calendar
    return {d: occurrences for m in cal.months() for d in m.days if len(occurrences := cal.on(d)) > DAY_LIMIT}


def _limited(days: list[tuple[date, list[Occurrence]]], busy: dict,
             limit: int = DAY_LIMIT) -> tuple[list, dict]:
    """Days with at most ``limit`` activities each, and for each shortened day a link to all of
    them: its own page if it is busy, else its place on the week page."""
    shown, more = [], {}
    for d, occurrences in days:
        shown.append((d, occurrences[:limit]))
        if len(occurrences) > limit:
            url = (url_for(PageKind.DAY, d.isoformat()) if d in busy
                   else f"{url_for(PageKind.WEEK, Week.of(d).key)}#dag-{d.isoformat()}")
            more[d] = NavLink(lazy(all_of_day, len(occurrences)), url)
    return shown, more


def plan_calendar_pages(site: PortalSite) -> list[PlannedPage]:
    """Front page, weeks, months, days with many activities, archive, listings, event pages."""
    cal = site.calendar
    busy = busy_days(site)
    front_days, front_more = _limited(cal.front_page_days(), busy, FRONT_PAGE_DAY_LIMIT)
    pages = [
        page_at(PageKind.FRONT, "", "front", page_title=lazy_text("Hva skjer"), days=front_days, day_more=front_more,
              lead=lazy(front_page_lead, site.settings.front_page_days),
              this_week=Week.of(site.today), this_month=Month.of(site.today),
              assignments=assignment_entries(site, site.today)[0][:FRONT_PAGE_ASSIGNMENTS]),
        page_at(PageKind.CALENDAR, "", "calendar_overview", page_title=lazy_text("Kalender"),
              this_week=Week.of(site.today), this_month=Month.of(site.today),
              weeks=cal.weeks(), months=cal.months(),
              month_links=[NavLink(lazy(month_title, m.year, m.month), url_for(PageKind.MONTH, m.key))
                           for m in cal.months()],
              week_links_by_year=[(year, [NavLink(lazy(week_span_title, w.iso_year, w.number),
                                                  url_for(PageKind.WEEK, w.key)) for w in weeks])
                                  for year, weeks in groupby(cal.weeks(), key=lambda w: w.iso_year)],
              categories=cal.by_category(), audiences=cal.by_audience()),
    ]
    pages += _week_pages(site, busy)
    pages += _month_pages(site, busy)
    pages += [page_at(PageKind.DAY, d.isoformat(), "day", page_title=lazy(long_date_with_year, d),
                      days=[(d, occurrences)], day=d) for d, occurrences in busy.items()]
    pages.append(_archive_page(site))
    pages.append(page_at(PageKind.CATEGORIES, "", "categories", page_title=lazy_text("Kategorier"),
                       categories=cal.by_category(), audiences=cal.by_audience(), places=place_links(site)))
    for term, summaries in cal.by_category():
        pages += paged_at(PageKind.CATEGORY, term.slug, "listing", summaries,
                          page_title=lazy(term_label, term), lead="")
    for term, summaries in cal.by_audience():
        pages += paged_at(PageKind.AUDIENCE, term.slug, "listing", summaries,
                          page_title=lazy(audience_heading, term), lead=lazy(audience_lead, term))
    pages += paged_at(PageKind.FREE, "", "listing", cal.free_events(),
                      page_title=lazy_text("Gratis aktiviteter"),
                      lead=lazy_text("Aktiviteter som ikke koster noe å være med på."))
    # Served by most static hosts for unknown addresses (old links to removed events).
    pages.append(PlannedPage(PageKind.NOT_FOUND, "404.html", "404.html", "not_found", {"page_title": lazy_text("Fant ikke siden")}))
    for event in cal.events:
        upcoming = cal.upcoming_of(event)
        pages.append(page_at(PageKind.EVENT, event.slug, "event", page_title=event.title, event=event,
                           organizer=site.catalog.associations.get(event.organizer),
                           next_occurrences=upcoming[:EVENT_PAGE_OCCURRENCES],
                           more_occurrences=max(0, len(upcoming) - EVENT_PAGE_OCCURRENCES),
                           summary=cal.summary(event),
                           venue=venue_entry(site, venue) if (venue := site.venue_of(event)) else None,
                           step_free=site.is_step_free(event), place=site.place_of(event),
                           # For the search entry: every month it is on, not only the dates shown.
                           upcoming_months=sorted({(o.day.year, o.day.month) for o in upcoming})))
    return pages


def _period_pages(site: PortalSite, busy: dict, kind: PageKind, periods: list, title_of, subtitle_of,
                  extra_of=None) -> list[PlannedPage]:
    """Week or month pages, each with its days and links to the previous and next period."""
    cal = site.calendar
    links = [NavLink(title_of(p), url_for(kind, p.key)) for p in periods]
    pages = []
    limit = MONTH_DAY_LIMIT if kind is PageKind.MONTH else DAY_LIMIT
    for index, period in enumerate(periods):
        days, day_more = _limited([(d, cal.on(d)) for d in period.days], busy, limit)
        pages.append(page_at(
            kind, period.key, "period",
            page_title=links[index].label,
            subtitle=subtitle_of(period),
            days=days,
            day_more=day_more,
            previous=links[index - 1] if index > 0 else None,
            next=links[index + 1] if index + 1 < len(links) else None,
            period_kind=kind,
            **(extra_of(period) if extra_of else {}),
        ))
    return pages


def _week_pages(site: PortalSite, busy: dict) -> list[PlannedPage]:
    return _period_pages(
        site, busy, PageKind.WEEK, site.calendar.weeks(),
        lambda w: lazy(week_title, w.iso_year, w.number),
        lambda w: lazy_text("{first} – {last}", first=lazy(long_date_with_year, w.monday),
                            last=lazy(long_date_with_year, w.days[-1])),
    )


def _month_pages(site: PortalSite, busy: dict) -> list[PlannedPage]:
    return _period_pages(
        site, busy, PageKind.MONTH, site.calendar.months(),
        lambda m: lazy(month_title, m.year, m.month),
        lambda m: "",
        lambda m: _month_view(site, m, busy),
    )


def _month_view(site: PortalSite, month: Month, busy: dict) -> dict:
    """What a month page shows besides its day list: the grid, and how the list is split.

    Wide screens show the grid (and, below it, the activities busy days have no room
    for); phones show the day list, with the days before today folded away.
    """
    cal, today = site.calendar, site.today
    grid = [GridWeek(week, url_for(PageKind.WEEK, week.key),
                     [_grid_day(d, cal.on(d), today, d in busy) if d in month else None for d in week.days])
            for week in month.weeks]
    days, _ = _limited([(d, cal.on(d)) for d in month.days], busy, MONTH_DAY_LIMIT)
    # This month's days before today fold away in the list (if they have any activities).
    split = (today - month.first).days if today in month else 0
    if not any(occurrences for _, occurrences in days[:split]):
        split = 0
    cells = [cell for row in grid for cell in row.days if cell]
    return {
        "grid": grid,
        "weekday_names": [lazy(weekday_name, index) for index in range(7)],
        "overflow": [cell for cell in cells if cell.more and not cell.more_url],
        "today_cell": next((cell for cell in cells if cell.is_today), None),
        "earlier_days": days[:split],
        "later_days": days[split:],
    }


def _grid_day(day: date, occurrences: list[Occurrence], today: date, busy: bool) -> GridDay:
    room = GRID_CELL_ROOM if len(occurrences) <= GRID_CELL_ROOM else GRID_CELL_ROOM - 1
    shown, more = occurrences[:room], occurrences[room:]
    return GridDay(day, shown, more, lazy(more_activities, len(more)) if more else None,
                   is_today=day == today, is_past=day < today,
                   more_url=url_for(PageKind.DAY, day.isoformat()) if busy else "")


def _archive_page(site: PortalSite) -> PlannedPage:
    """Finished events, and the calendar months before today (where running series' past days are)."""
    cal = site.calendar
    finished = [FinishedEvent(e, cal.last_occurrence(e)) for e in cal.past_events()]
    earlier_months = [NavLink(lazy(month_title, m.year, m.month), url_for(PageKind.MONTH, m.key))
                      for m in reversed(cal.months()) if m.first <= site.today]
    return page_at(PageKind.ARCHIVE, "", "archive", page_title=lazy_text("Arkiv: tidligere arrangementer"),
                   finished=finished, earlier_months=earlier_months)
