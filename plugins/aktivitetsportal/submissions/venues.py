"""Venues (lokaler): one Markdown file -> one :class:`Venue`.

``content/venues/<slug>.md``. Rooms are written ``Rooms: Møterommet (10), Storsalen (50)``;
accessibility as yes/no fields (``Step-free: ja``) so "not stated" is never shown as "no".
The owner (an association, or ``kommunen``) is checked in :mod:`submissions.catalog`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from aktivitetsportal.submissions.fields import FieldReader
from aktivitetsportal.submissions.models import Room, Venue, VenueAccess
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import classify_link, parse_price, split_list
from aktivitetsportal.submissions.vocabulary import VENUE_FACILITIES

__all__ = ["parse_venue", "parse_rooms", "VENUE_FIELDS", "ACCESS_FIELDS", "is_municipality", "MAX_CAPACITY"]

#: The yes/no accessibility fields and the VenueAccess attribute each one sets.
ACCESS_FIELDS = {
    "step-free": "step_free",
    "accessible-toilet": "accessible_toilet",
    "hearing-loop": "hearing_loop",
    "accessible-parking": "accessible_parking",
    "lift": "lift",
}
VENUE_FIELDS = {
    "name", "title", "address", "owner", "rooms", "capacity", "price", "facilities", "booking",
    "contact", "opening-hours", "website", "accessibility", "coordinates", "image", "modified",
    "slug", "summary", *ACCESS_FIELDS,
}
#: What Owner says when the municipality owns the venue.
MUNICIPALITY_WORDS = {"kommunen", "kommune", "municipality"}
#: The largest capacity believed (a sports hall for a few thousand; more is a typo).
MAX_CAPACITY = 20_000

_ROOM = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<capacity>[^()]*)\))?$")
_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")


def parse_rooms(text: str) -> tuple[Room, ...] | None:
    """``Møterommet (10), Storsalen (ca. 50 personer)`` -> rooms; None if a capacity is not a number."""
    rooms = []
    for item in split_list(text):
        match = _ROOM.match(item)
        if not match or not match.group("name"):
            return None
        capacity = None
        if match.group("capacity") is not None:
            digits = re.search(r"\d+", match.group("capacity"))
            if not digits or not 0 < int(digits.group()) <= MAX_CAPACITY:
                return None
            capacity = int(digits.group())
        rooms.append(Room(match.group("name"), capacity))
    return tuple(rooms)


def parse_venue(source: SourceFile, *, owners: Mapping[str, str] | None = None,
                render: bool = True) -> tuple[Venue | None, list]:
    """Parse one venue file. Returns the venue (None if it has errors) and all problems.

    ``owners`` maps what may be written in Owner (association slug or name) to slugs.
    """
    r = FieldReader(source, VENUE_FIELDS, translatable=("summary",))
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    name = r.text("name") or r.text("title")
    if not name:
        r.text("name", required=True, example="Name: Frivilligsentralens møterom")
    address = r.text("address", required=True, example="Address: Storgata 1, 2830 Raufoss")
    owner = r.text("owner", required=True, example="Owner: kommunen")
    owner = "" if is_municipality(owner) else r.reference("owner", owner, owners, "unknown_owner")
    rooms: tuple[Room, ...] = ()
    if rooms_text := r.text("rooms"):
        parsed = parse_rooms(rooms_text)
        if parsed is None:
            r.error("bad_rooms", "rooms", value=rooms_text)
        else:
            rooms = parsed
    if (capacity := r.whole_number("capacity", low=1, high=MAX_CAPACITY)) and not rooms:
        rooms = (Room("", capacity),)
    price_text = r.text("price")
    facilities = r.choices("facilities", VENUE_FACILITIES)
    booking = None
    if booking_text := r.text("booking"):
        booking = classify_link(booking_text)
        if booking is None:
            r.error("unsafe_link", "booking", value=booking_text)
    access = VenueAccess(**{attribute: r.yes_no(name) for name, attribute in ACCESS_FIELDS.items()},
                         note=r.text("accessibility"))
    coordinates = None
    if coordinates_text := r.text("coordinates"):
        coordinates = _coordinates(coordinates_text)
        if coordinates is None:
            r.error("bad_coordinates", "coordinates", value=coordinates_text)
    website, image = r.link("website"), r.image("image")
    contact, opening_hours = r.free_text("contact"), r.text("opening-hours")
    translations, modified = r.translations(), r.date("modified")
    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    return Venue(
        slug=slug, source_path=source.path, name=name, address=address,
        owner=owner, rooms=rooms,
        price=parse_price(price_text) if price_text else None, price_text=price_text,
        facilities=facilities, booking=booking, contact=contact, opening_hours=opening_hours,
        website=website, access=access, coordinates=coordinates, image=image,
        body_html=body_html, body_text=body_text, modified=modified, translations=translations,
    ), r.problems


def is_municipality(owner: str) -> bool:
    """``kommunen``, ``Vestre Toten kommune``: the venue belongs to the municipality."""
    folded = " ".join(owner.casefold().split())
    return folded in MUNICIPALITY_WORDS or folded.endswith(" kommune")


def _coordinates(text: str) -> tuple[float, float] | None:
    """``60.7036, 10.6060`` (latitude, longitude in degrees) or None."""
    match = _COORDINATES.match(text)
    if not match:
        return None
    latitude, longitude = (float(match.group(i).replace(",", ".")) for i in (1, 2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude
