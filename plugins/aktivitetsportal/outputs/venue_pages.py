"""Pages of venues (lokaler) and of the equipment bank (utstyrsbanken).

* ``lokaler/``: every venue A–Å, with filter pages by place (``lokaler/sted/<slug>/``),
  by size (``lokaler/plass-til/<n>/``) and for step-free access (``lokaler/trinnfri/``);
* ``lokaler/<slug>/``: one venue with its rooms, price, accessibility, how to book, a map
  link and the coming events there;
* ``utstyr/``: everything lent out, grouped by category; ``utstyr/<slug>/`` one item.

Map and travel links are plain links to OpenStreetMap and Entur: no map is embedded,
so a visitor's browser never contacts another site by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_plus

from aktivitetsportal.domain.places import Place
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.domain.volunteering import open_assignments
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import display_url, url_for
from aktivitetsportal.outputs.pages import FilterLink, NavLink, PlannedPage, filter_link, page_at
from aktivitetsportal.submissions.models import EquipmentItem, Venue, VenueAccess
from aktivitetsportal.submissions.vocabulary import EQUIPMENT_CATEGORIES, VENUE_FACILITIES, Term
from aktivitetsportal.text.phrases import items_to_lend, room_capacity, term_label
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = [
    "plan_venue_pages", "plan_equipment_pages", "VenueEntry", "EquipmentEntry", "AccessFact",
    "access_facts", "venue_entry", "equipment_entries", "map_url", "CAPACITY_STEPS", "TRAVEL_PLANNER_URL",
]

#: The sizes the venue overview can be filtered by ("plass til 50").
CAPACITY_STEPS = (10, 20, 50, 100, 200)
#: The national travel planner (every bus, train and boat in Norway).
TRAVEL_PLANNER_URL = "https://entur.no/"

#: Accessibility features in the order shown, with their labels.
ACCESS_LABELS = (
    ("step_free", lazy_text("Trinnfri inngang")),
    ("accessible_toilet", lazy_text("Toalett for rullestolbrukere")),
    ("hearing_loop", lazy_text("Teleslynge")),
    ("accessible_parking", lazy_text("Parkering for forflytningshemmede")),
    ("lift", lazy_text("Heis")),
)
_ANSWER = {True: lazy_text("Ja"), False: lazy_text("Nei"), None: lazy_text("Ikke oppgitt")}


@dataclass(frozen=True, slots=True)
class AccessFact:
    """One accessibility feature of a venue and its answer (yes, no, not stated)."""

    key: str
    label: object
    answer: object
    value: bool | None


def access_facts(access: VenueAccess) -> list[AccessFact]:
    return [AccessFact(key, label, _ANSWER[getattr(access, key)], getattr(access, key))
            for key, label in ACCESS_LABELS]


def map_url(venue: Venue) -> str:
    """OpenStreetMap at the venue's position, or a search for its address."""
    if venue.coordinates:
        lat, lon = venue.coordinates
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return f"https://www.openstreetmap.org/search?query={quote_plus(venue.address)}"


@dataclass(frozen=True, slots=True)
class VenueEntry:
    """A venue with everything its card and its page show."""

    venue: Venue
    place: Place | None
    owner_name: object  # the association's name, or "Kommunen"
    owner_url: str  # the association's page, or ""
    capacity: object  # lazy phrase or ""
    rooms: tuple[tuple[str, object], ...]  # (name, "Plass til 10")
    facilities: tuple[Term, ...]
    access: tuple[AccessFact, ...]
    map_url: str
    booking_label: str
    website_label: str


def venue_entry(site: PortalSite, venue: Venue) -> VenueEntry:
    owner = site.catalog.associations.get(venue.owner)
    booking = venue.booking
    return VenueEntry(
        venue=venue,
        place=site.places.of(venue.address),
        owner_name=owner.name if owner else lazy_text("Kommunen"),
        owner_url=url_for(PageKind.ASSOCIATION, owner.slug) if owner else "",
        capacity=lazy(room_capacity, venue.capacity) if venue.capacity else "",
        rooms=tuple((room.name, lazy(room_capacity, room.capacity) if room.capacity else "")
                    for room in venue.rooms if room.name),
        facilities=tuple(VENUE_FACILITIES.get(value) for value in venue.facilities),
        access=tuple(access_facts(venue.access)),
        map_url=map_url(venue),
        booking_label=(display_url(booking.href) if booking and booking.href and booking.href.startswith("http")
                       else booking.text if booking else ""),
        website_label=display_url(venue.website) if venue.website else "",
    )




def _venue_filters(site: PortalSite, entries: list[VenueEntry], kind: PageKind, key: str) -> dict:
    def link(label, link_kind: PageKind, link_key: str, chosen) -> FilterLink:
        return filter_link(label, link_kind, link_key, entries, chosen, (kind, key))
    return {
        "places": [link(place.name, PageKind.VENUES_PLACE, place.slug, lambda e, place=place: e.place == place)
                   for place in site.places.places],
        "sizes": [link(lazy(room_capacity, size), PageKind.VENUES_CAPACITY, str(size),
                       lambda e, size=size: (e.venue.capacity or 0) >= size)
                  for size in CAPACITY_STEPS],
        "step_free": link(lazy_text("Trinnfri inngang"), PageKind.VENUES_STEP_FREE, "",
                          lambda e: e.venue.access.step_free is True),
    }


def plan_venue_pages(site: PortalSite) -> list[PlannedPage]:
    """The venue overview, its filter pages and one page per venue."""
    venues = sorted(site.catalog.venues.values(), key=lambda v: (v.sort_key, v.slug))
    entries = [venue_entry(site, v) for v in venues]

    def listing(kind: PageKind, key: str, title, lead, chosen: list[VenueEntry]) -> PlannedPage:
        return page_at(kind, key, "venues", page_title=title, lead=lead, entries=chosen,
                       is_filtered=kind is not PageKind.VENUES,
                       all_link=NavLink(lazy_text("Alle lokaler"), url_for(PageKind.VENUES)),
                       **_venue_filters(site, entries, kind, key))

    pages = [listing(PageKind.VENUES, "", lazy_text("Lokaler"),
                     lazy_text("Møterom, grendehus, saler og gymsaler som lag og foreninger kan låne eller leie, "
                               "med størrelse, pris og tilgjengelighet."), entries)]
    for place in site.places.places:
        pages.append(listing(PageKind.VENUES_PLACE, place.slug, lazy_text("Lokaler i {place}", place=place.name),
                             lazy_text("Lokaler med adresse i {place} og omegn.", place=place.name),
                             [e for e in entries if e.place == place]))
    for size in CAPACITY_STEPS:
        pages.append(listing(PageKind.VENUES_CAPACITY, str(size),
                             lazy_text("Lokaler med plass til {count} eller flere", count=size),
                             lazy_text("Lokaler der det største rommet har plass til minst {count} personer.", count=size),
                             [e for e in entries if (e.venue.capacity or 0) >= size]))
    pages.append(listing(PageKind.VENUES_STEP_FREE, "", lazy_text("Lokaler med trinnfri inngang"),
                         lazy_text("Lokaler der eieren oppgir at du kommer inn uten trapper eller terskler."),
                         [e for e in entries if e.venue.access.step_free is True]))

    cal = site.calendar
    for entry in entries:
        slug = entry.venue.slug
        pages.append(page_at(
            PageKind.VENUE, slug, "venue",
            page_title=entry.venue.name,
            entry=entry,
            venue=entry.venue,
            travel_planner_url=TRAVEL_PLANNER_URL,
            summaries=cal.upcoming_events([e for e in cal.events if e.venue == slug]),
            assignments=[a for a in open_assignments(site.catalog.assignments, site.today) if a.venue == slug],
            equipment=sorted((i for i in site.catalog.equipment if i.venue == slug), key=lambda i: i.sort_key),
        ))
    return pages


@dataclass(frozen=True, slots=True)
class EquipmentEntry:
    """An item of the equipment bank with what its card shows."""

    item: EquipmentItem
    category: Term
    owner_name: str
    owner_url: str
    venue: Venue | None
    quantity: object  # lazy phrase or ""


def equipment_entries(site: PortalSite) -> list[EquipmentEntry]:
    items = sorted(site.catalog.equipment, key=lambda i: (i.sort_key, i.slug))
    return [EquipmentEntry(
        item=i,
        category=EQUIPMENT_CATEGORIES.get(i.category),
        owner_name=site.organizer_name(i.owner),
        owner_url=url_for(PageKind.ASSOCIATION, i.owner) if i.owner in site.catalog.associations else "",
        venue=site.venue_of(i),
        quantity=lazy(items_to_lend, i.quantity) if i.quantity else "",
    ) for i in items]


def plan_equipment_pages(site: PortalSite) -> list[PlannedPage]:
    """``utstyr/`` grouped by category, and one page per item."""
    entries = equipment_entries(site)
    groups = [(term, lazy(term_label, term), [e for e in entries if e.category == term])
              for term in EQUIPMENT_CATEGORIES]
    pages = [page_at(
        PageKind.EQUIPMENT, "", "equipment",
        page_title=lazy_text("Utlån av utstyr"),
        lead=lazy_text("Ski, skøyter, telt, sykler og annet utstyr du kan låne, ofte gratis. "
                       "Utstyrsbanken og lag og foreninger låner ut."),
        groups=[group for group in groups if group[2]],
    )]
    for entry in entries:
        pages.append(page_at(PageKind.EQUIPMENT_ITEM, entry.item.slug, "equipment_item",
                             page_title=entry.item.name, entry=entry, item=entry.item))
    return pages
