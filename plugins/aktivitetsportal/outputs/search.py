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

from aktivitetsportal.domain.grant_deadlines import grant_status
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import N_, PageKind
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    AUDIENCES,
    EVENT_CATEGORIES,
    GRANT_KINDS,
)
from aktivitetsportal.text.phrases import (
    gettext,
    grant_state_label,
    long_date_with_year,
    month_title,
    term_label,
    when,
)
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["SearchEntry", "search_entry", "plan_search_pages", "FILTER_NAMES", "TYPE_EVENT", "TYPE_ASSOCIATION", "TYPE_GRANT"]

TYPE_EVENT = N_("Arrangement")
TYPE_ASSOCIATION = N_("Forening")
TYPE_GRANT = N_("Tilskudd")

#: Filter keys as Pagefind sees them, with their Norwegian labels for the UI.
FILTER_NAMES = {
    "type": lazy_text("Type"),
    "kategori": lazy_text("Kategori"),
    "for": lazy_text("For hvem"),
    "pris": lazy_text("Pris"),
    "arrangor": lazy_text("Arrangør"),
    "maned": lazy_text("Måned"),
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


def search_entry(page: PlannedPage, site: PortalSite, lang: str = "nb") -> SearchEntry | None:
    """The search entry of a page, or None if the page is not indexed."""
    context = page.context
    if page.kind is PageKind.EVENT and "event" in context:
        return _event_entry(context["event"], site, lang)
    if page.kind is PageKind.ASSOCIATION and "association" in context:
        association = context["association"]
        term = ASSOCIATION_CATEGORIES.get(association.category)
        return _entry(
            [("type", gettext(TYPE_ASSOCIATION, lang)), ("kategori", term_label(term, lang) if term else association.category)],
            [("place", association.address)],
        )
    if page.kind is PageKind.GRANT and "grant" in context:
        grant = context["grant"]
        status = grant_status(grant.deadline, site.today, site.settings.closing_soon_days)
        kind = GRANT_KINDS.get(grant.kind)
        deadline = (gettext(N_("Frist {day}"), lang).format(day=long_date_with_year(status.next_deadline, lang))
                    if status.next_deadline else grant_state_label(status.state, lang))
        return _entry(
            [("type", gettext(TYPE_GRANT, lang)), ("kategori", term_label(kind, lang) if kind else grant.kind)]
            + [("for", target) for target in grant.targets],
            [("deadline", deadline), ("giver", grant.giver)],
        )
    return None


def _event_entry(event, site: PortalSite, lang: str) -> SearchEntry | None:
    summary = site.calendar.summary(event)
    if summary.next is None:
        return None
    upcoming = site.calendar.upcoming_of(event)
    months = sorted({(o.day.year, o.day.month) for o in upcoming})
    nxt = summary.next
    when_text = when(nxt.start, nxt.end, event.recurrence, event.first_day, lang)
    filters = [("type", gettext(TYPE_EVENT, lang)), ("kategori", term_label(event.category_term, lang))]
    # As on the audience pages: an event for everyone ("alle") is also for children, seniors, ...
    filters += [("for", term_label(term, lang)) for term in AUDIENCES if event.is_for(term.value)]
    if event.is_free:
        filters.append(("pris", gettext(N_("Gratis"), lang)))
    filters.append(("arrangor", site.organizer_name(event.organizer)))
    filters += [("maned", month_title(year, month, lang)) for year, month in months]
    meta = [("date", when_text), ("place", event.location)]
    if event.cancelled:
        meta.append(("status", gettext(N_("AVLYST"), lang)))
    return _entry(filters, meta)


def plan_search_pages(site: PortalSite) -> list[PlannedPage]:
    """The search page. Without JavaScript it lists the browsing pages instead."""
    months = [m for m in site.calendar.months() if m.shifted(1).first > site.today]
    # Month filter values in calendar order (the browser would sort them alphabetically).
    order = {"maned": [lazy(month_title, m.year, m.month) for m in months]}
    return [page_at(PageKind.SEARCH, "", "search", page_title=lazy_text("Søk"), filter_names=FILTER_NAMES,
                    filter_order=order, categories=list(EVENT_CATEGORIES), audiences=list(AUDIENCES))]
