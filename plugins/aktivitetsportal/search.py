"""What the static search (Pagefind) indexes, and with which filters.

:func:`search_entry` decides for one planned page whether it is indexed and
with which filters (type, category, audience, price, organizer, month) and
result metadata (date and place for events, next deadline for grants). The
theme turns a :class:`SearchEntry` into ``data-pagefind-*`` attributes; the
Pelican plugin runs Pagefind over the finished output.

Past events are not indexed, so a search never offers them as upcoming.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import long_date_with_year, month_title, time_range
from .grants import grant_status
from .site import PlannedPage, PortalSite
from .vocabulary import ASSOCIATION_CATEGORIES, AUDIENCES, GRANT_KINDS

__all__ = ["SearchEntry", "search_entry", "plan_search_pages", "FILTER_NAMES", "TYPE_EVENT", "TYPE_ASSOCIATION", "TYPE_GRANT"]

TYPE_EVENT = "Arrangement"
TYPE_ASSOCIATION = "Forening"
TYPE_GRANT = "Tilskudd"

#: Filter keys as Pagefind sees them, with their Norwegian labels for the UI.
FILTER_NAMES = {
    "type": "Type",
    "kategori": "Kategori",
    "for": "For hvem",
    "pris": "Pris",
    "arrangor": "Arrangør",
    "maned": "Måned",
}


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """Filters and metadata of one indexed page, as (name, value) pairs in a stable order."""

    filters: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]


def _entry(filters: list[tuple[str, str]], meta: list[tuple[str, str]]) -> SearchEntry:
    return SearchEntry(
        tuple((name, " ".join(value.split())) for name, value in filters if value),
        tuple((name, " ".join(value.split())) for name, value in meta if value),
    )


def search_entry(page: PlannedPage, site: PortalSite) -> SearchEntry | None:
    """The search entry of a page, or None if the page is not indexed."""
    context = page.context
    if page.template == "event" and "event" in context:
        return _event_entry(context["event"], site)
    if page.template == "association" and "association" in context:
        association = context["association"]
        term = ASSOCIATION_CATEGORIES.get(association.category)
        return _entry(
            [("type", TYPE_ASSOCIATION), ("kategori", term.label if term else association.category)],
            [("place", association.address)],
        )
    if page.template == "grant" and "grant" in context:
        grant = context["grant"]
        status = grant_status(grant.deadline, site.today)
        kind = GRANT_KINDS.get(grant.kind)
        deadline = (f"Frist {long_date_with_year(status.next_deadline)}" if status.next_deadline
                    else status.label)
        return _entry(
            [("type", TYPE_GRANT), ("kategori", kind.label if kind else grant.kind)]
            + [("for", target) for target in grant.targets],
            [("deadline", deadline), ("giver", grant.giver)],
        )
    return None


def _event_entry(event, site: PortalSite) -> SearchEntry | None:
    summary = site.calendar.summary(event)
    if summary.next is None:
        return None
    upcoming = site.calendar.upcoming_of(event)
    months = sorted({(o.day.year, o.day.month) for o in upcoming})
    nxt = summary.next
    when = f"{long_date_with_year(nxt.day)}, {time_range(nxt.start, nxt.end)}"
    if event.recurrence:
        when = f"{event.recurrence_text}. Neste: {when}"
    filters = [("type", TYPE_EVENT), ("kategori", event.category_term.label)]
    # As on the audience pages: an event for everyone ("alle") is also for children, seniors, ...
    filters += [("for", term.label) for term in AUDIENCES if event.is_for(term.value)]
    if event.is_free:
        filters.append(("pris", "Gratis"))
    filters.append(("arrangor", site.organizer_name(event.organizer)))
    filters += [("maned", month_title(year, month).capitalize()) for year, month in months]
    meta = [("date", when), ("place", event.location)]
    if event.cancelled:
        meta.append(("status", "AVLYST"))
    return _entry(filters, meta)


def plan_search_pages(site: PortalSite) -> list[PlannedPage]:
    """The search page. Without JavaScript it lists the browsing pages instead."""
    from .site import page_at
    from .vocabulary import EVENT_CATEGORIES

    months = [m for m in site.calendar.months() if m.shifted(1).first > site.today]
    # Month filter values in calendar order (the browser would sort them alphabetically).
    order = {"maned": [month_title(m.year, m.month).capitalize() for m in months]}
    return [page_at("search", "", "search", page_title="Søk", filter_names=FILTER_NAMES,
                    filter_order=order, categories=list(EVENT_CATEGORIES), audiences=list(AUDIENCES))]
