"""Near me: a page per place (tettsted) listing what happens there, and an index of places."""

from __future__ import annotations

from aktivitetsportal.domain.calendar import EventSummary
from aktivitetsportal.domain.places import Place
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.pages import NavLink, PlannedPage, page_at, paged_at
from aktivitetsportal.text.translations import lazy_text

__all__ = ["plan_place_pages", "events_by_place", "place_links"]


def events_by_place(site: PortalSite) -> list[tuple[Place, list[EventSummary]]]:
    """Every place of the municipality with its coming events (next occurrence first)."""
    return [
        (place, site.calendar.upcoming_events([e for e in site.calendar.events if site.place_of(e) == place]))
        for place in site.places.places
    ]


def place_links(site: PortalSite) -> list[tuple[NavLink, int]]:
    """Each place's page and its number of coming events, for the index and the categories page."""
    return [(NavLink(place.name, url_for(PageKind.PLACE, place.slug)), len(summaries))
            for place, summaries in events_by_place(site)]


def plan_place_pages(site: PortalSite) -> list[PlannedPage]:
    """``steder/`` and one ``sted/<slug>/`` per place; nothing when no places are set."""
    by_place = events_by_place(site)
    if not by_place:
        return []
    pages = [page_at(
        PageKind.PLACES, "", "places", page_title=lazy_text("Steder"),
        places=place_links(site),
    )]
    for place, summaries in by_place:
        pages += paged_at(
            PageKind.PLACE, place.slug, "listing", summaries,
            page_title=lazy_text("Aktiviteter i {place}", place=place.name),
            lead=lazy_text("Aktiviteter med adresse i {place} og omegn, den neste først.", place=place.name),
        )
    return pages
