"""Places (tettsteder): which part of the municipality an event is in, from its postcode.

The municipality lists its places by postcode (PORTAL_PLACES); an event's place is found from
the postcode in its Location ("Storgata 1, 2830 Raufoss" -> Raufoss). Residents can then see
what happens near them.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktivitetsportal.submissions.values import postcode_in, slugify, sort_key_nb

__all__ = ["Place", "PlaceIndex"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the municipality, e.g. Raufoss, with its URL slug."""

    name: str
    slug: str


class PlaceIndex:
    """The municipality's places, looked up by postcode."""

    def __init__(self, postcodes: tuple[tuple[str, str], ...]):
        self._by_code = {code: Place(name, slugify(name)) for code, name in postcodes}
        unique = {place.slug: place for place in self._by_code.values()}
        self.places: tuple[Place, ...] = tuple(sorted(unique.values(), key=lambda p: sort_key_nb(p.name)))

    def of(self, address: str) -> Place | None:
        """The place of an address, or None (no postcode, or one the municipality did not list)."""
        code = postcode_in(address)
        return self._by_code.get(code) if code else None
