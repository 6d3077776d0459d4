"""What the static search (Pagefind) indexes, and with which filters.

:func:`search_entry` decides for one planned page whether it is indexed and
with which filters (type, category, grant target, audience, price, organizer,
month) and result metadata (date and place for events, next deadline and giver
for grants, address for associations). The theme turns a :class:`SearchEntry`
into ``data-pagefind-*`` attributes; the Pelican plugin runs Pagefind over the
finished output.

Each filter holds one kind of value: ``for`` only the six audiences (the
audience "alle" as ``For alle``, so it cannot be taken for the filter's own
"Alle målgrupper"), ``formal`` only the grants' target groups.

Past events are not indexed, so a search never offers them as upcoming.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktivitetsportal.domain.grant_deadlines import grant_status
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import N_, Audience, PageKind
from aktivitetsportal.outputs.addresses import save_as
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.values import slugify
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    AUDIENCES,
    EVENT_CATEGORIES,
    GRANT_KINDS,
)
from aktivitetsportal.text.phrases import (
    assignment_when,
    audience_heading,
    gettext,
    grant_state_label,
    long_date_with_year,
    month_title,
    term_label,
    when,
)
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["SearchEntry", "search_entry", "INDEXED_KINDS", "indexed_files_glob", "plan_search_pages", "FILTER_NAMES", "FILTER_ALL", "FILTER_SHOWN_WITH",
           "AS_WRITTEN", "TYPE_EVENT", "TYPE_ASSOCIATION", "TYPE_GRANT", "TYPE_ASSIGNMENT", "TYPE_VENUE",
           "TYPE_EQUIPMENT", "STEP_FREE", "META_LABELS"]

TYPE_EVENT = N_("Arrangement")
TYPE_ASSOCIATION = N_("Forening")
TYPE_GRANT = N_("Tilskudd")
TYPE_ASSIGNMENT = N_("Frivillig oppdrag")
TYPE_VENUE = N_("Lokale")
TYPE_EQUIPMENT = N_("Utstyr til utlån")
#: The value of the "tilgjengelighet" filter: events whose own field or venue says step-free.
STEP_FREE = N_("Rullestoltilgjengelig")

#: Filter keys as Pagefind sees them, with their Norwegian labels for the UI, in the order shown.
FILTER_NAMES = {
    "type": lazy_text("Type"),
    "formal": lazy_text("Tilskudd til"),
    "oppdrag": lazy_text("Type oppdrag"),
    "kategori": lazy_text("Kategori"),
    "for": lazy_text("For hvem"),
    "sted": lazy_text("Sted"),
    "pris": lazy_text("Pris"),
    "tilgjengelighet": lazy_text("Tilgjengelighet"),
    "arrangor": lazy_text("Arrangør"),
    "maned": lazy_text("Måned"),
}

#: Each filter's "no choice" option, named after the filter so that it cannot be
#: mistaken for a value (the audience "alle" is the value "For alle").
FILTER_ALL = {
    "type": lazy_text("Alle typer"),
    "formal": lazy_text("Alle formål"),
    "oppdrag": lazy_text("Alle typer oppdrag"),
    "kategori": lazy_text("Alle kategorier"),
    "for": lazy_text("Alle målgrupper"),
    "sted": lazy_text("Alle steder"),
    "pris": lazy_text("Alle priser"),
    "tilgjengelighet": lazy_text("Uansett tilgjengelighet"),
    "arrangor": lazy_text("Alle arrangører"),
    "maned": lazy_text("Alle måneder"),
}

#: Filters that only apply to one type of page are shown only while that type is chosen.
FILTER_SHOWN_WITH = {"formal": ("type", lazy_text(TYPE_GRANT)), "oppdrag": ("type", lazy_text(TYPE_ASSIGNMENT))}

#: Filter and metadata keys whose values stay as submitters wrote them (bokmål in every language).
AS_WRITTEN = ("formal", "arrangor", "sted", "place", "address", "giver")

#: Labels of the result metadata the search page shows under each result's title, in this order.
META_LABELS = {
    "date": lazy_text("Når"),
    "place": lazy_text("Hvor"),
    "address": lazy_text("Adresse og møtested"),
    "deadline": lazy_text("Søknadsfrist"),
    "giver": lazy_text("Gis av"),
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


#: The only kinds of page :func:`search_entry` indexes.
INDEXED_KINDS = (PageKind.EVENT, PageKind.ASSOCIATION, PageKind.GRANT, PageKind.ASSIGNMENT,
                 PageKind.VENUE, PageKind.EQUIPMENT_ITEM)


def indexed_files_glob(prefixes: list[str]) -> str:
    """Pagefind's ``--glob`` for the pages of :data:`INDEXED_KINDS` under each language prefix.

    Pagefind then never reads the calendar's day, week and month pages, which are most of the
    site's bytes and hold nothing to index (``{arrangement/*/index.html,en/arrangement/...}``).
    """
    return "{" + ",".join(prefix + save_as(kind, "*") for prefix in prefixes for kind in INDEXED_KINDS) + "}"


def search_entry(page: PlannedPage, settings: PortalSettings, lang: str = "nb") -> SearchEntry | None:
    """The search entry of a page, or None if the page is not indexed.

    Made only from the page's planned data, the settings and the language, as the page itself:
    a page kept from the last build keeps its entry too (its key covers all three).
    """
    context = page.context
    if page.kind is PageKind.EVENT and "event" in context:
        return _event_entry(context, lang)
    if page.kind is PageKind.ASSOCIATION and "association" in context:
        association = context["association"]
        term = ASSOCIATION_CATEGORIES.get(association.category)
        return _entry(
            [("type", gettext(TYPE_ASSOCIATION, lang)), ("kategori", term_label(term, lang) if term else association.category)],
            [("address", association.address)],
        )
    if page.kind is PageKind.GRANT and "grant" in context:
        grant = context["grant"]
        status = grant_status(grant.deadline, settings.today, settings.closing_soon_days)
        kind = GRANT_KINDS.get(grant.kind)
        deadline = (long_date_with_year(status.next_deadline, lang)
                    if status.next_deadline else grant_state_label(status.state, lang))
        # A target group by the spelling the grants overview uses for it ("Idrett" and "idrett" once).
        labels = context["target_labels"]
        return _entry(
            [("type", gettext(TYPE_GRANT, lang)), ("kategori", term_label(kind, lang) if kind else grant.kind)]
            + [("formal", labels.get(slugify(target), target)) for target in grant.targets],
            [("deadline", deadline), ("giver", grant.giver)],
        )
    if page.kind is PageKind.ASSIGNMENT and "entry" in context:
        entry = context["entry"]
        if not entry.is_open:
            return None  # like past events: never offered as something to sign up for
        a = entry.assignment
        filters = [("type", gettext(TYPE_ASSIGNMENT, lang)), ("oppdrag", str(entry.kind_label.in_language(lang))),
                   ("kategori", term_label(entry.category, lang))]
        if entry.place:
            filters.append(("sted", entry.place.name))
        filters.append(("arrangor", entry.organizer_name))
        return _entry(filters, [("date", assignment_when(a, lang)), ("place", a.location)])
    if page.kind is PageKind.VENUE and "entry" in context:
        entry = context["entry"]
        filters = [("type", gettext(TYPE_VENUE, lang))]
        if entry.place:
            filters.append(("sted", entry.place.name))
        if entry.venue.access.step_free:
            filters.append(("tilgjengelighet", gettext(STEP_FREE, lang)))
        return _entry(filters, [("address", entry.venue.address)])
    if page.kind is PageKind.EQUIPMENT_ITEM and "entry" in context:
        entry = context["entry"]
        filters = [("type", gettext(TYPE_EQUIPMENT, lang)), ("kategori", term_label(entry.category, lang))]
        if entry.item.price and entry.item.price.is_free:
            filters.append(("pris", gettext(N_("Gratis"), lang)))
        filters.append(("arrangor", entry.owner_name))
        return _entry(filters, [("place", entry.venue.address if entry.venue else entry.item.pickup)])
    return None


def _event_entry(context: dict, lang: str) -> SearchEntry | None:
    event, summary = context["event"], context["summary"]
    if summary.next is None:
        return None
    nxt = summary.next
    when_text = when(nxt.start, nxt.end, event.recurrence, event.first_day, lang)
    filters = [("type", gettext(TYPE_EVENT, lang)), ("kategori", term_label(event.category_term, lang))]
    # As on the audience pages: an event for everyone ("alle") is also for children, seniors, ...
    filters += [("for", _audience_value(term, lang)) for term in AUDIENCES if event.is_for(term.value)]
    if event.is_free:
        filters.append(("pris", gettext(N_("Gratis"), lang)))
    if place := context["place"]:
        filters.append(("sted", place.name))
    if context["step_free"]:
        filters.append(("tilgjengelighet", gettext(STEP_FREE, lang)))
    organizer = context["organizer"]
    filters.append(("arrangor", organizer.name if organizer else event.organizer))
    filters += [("maned", month_title(year, month, lang)) for year, month in context["upcoming_months"]]
    meta = [("date", when_text), ("place", event.location)]
    if event.cancelled:
        meta.append(("status", gettext(N_("AVLYST"), lang)))
    return _entry(filters, meta)


def _audience_value(term, lang: str) -> str:
    """``Barn``, ``Ungdom``, ... and ``For alle``: never a bare "Alle" next to "Alle målgrupper"."""
    return audience_heading(term, lang) if term.value == Audience.EVERYONE else term_label(term, lang)


def plan_search_pages(site: PortalSite) -> list[PlannedPage]:
    """The search page. Without JavaScript it lists the browsing pages instead."""
    months = [m for m in site.calendar.months() if m.shifted(1).first > site.today]
    # Filter values in a meaningful order (the browser would sort them alphabetically).
    order = {
        "type": [lazy_text(t) for t in (TYPE_EVENT, TYPE_ASSOCIATION, TYPE_GRANT, TYPE_ASSIGNMENT,
                                        TYPE_VENUE, TYPE_EQUIPMENT)],
        "for": [lazy(_audience_value, term) for term in AUDIENCES],
        "maned": [lazy(month_title, m.year, m.month) for m in months],
        "sted": [place.name for place in site.places.places],
    }
    return [page_at(PageKind.SEARCH, "", "search", page_title=lazy_text("Søk"), filter_names=FILTER_NAMES,
                    filter_all=FILTER_ALL, filter_shown_with=FILTER_SHOWN_WITH, as_written=AS_WRITTEN,
                    meta_labels=META_LABELS, filter_order=order, categories=list(EVENT_CATEGORIES),
                    audiences=list(AUDIENCES))]
