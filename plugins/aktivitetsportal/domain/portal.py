"""One loaded build: the catalog, its calendar and the settings, read once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aktivitetsportal.domain.calendar import ActivityCalendar
from aktivitetsportal.domain.places import Place, PlaceIndex
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import Catalog
from aktivitetsportal.submissions.models import Venue

__all__ = ["PortalSite"]


@dataclass(slots=True)
class PortalSite:
    """A loaded, validated build: catalog, calendar and settings together."""

    catalog: Catalog
    calendar: ActivityCalendar
    settings: PortalSettings
    places: PlaceIndex

    @classmethod
    def build(cls, catalog: Catalog, settings: PortalSettings) -> PortalSite:
        return cls(catalog, ActivityCalendar(catalog.events, settings), settings, PlaceIndex(settings.places))

    def place_of(self, event) -> Place | None:
        """The place (tettsted) an event is in, from the postcode in its Location."""
        return self.places.of(event.location)

    @property
    def today(self) -> date:
        return self.settings.today

    def venue_of(self, item) -> Venue | None:
        """The venue an event, assignment or equipment item names, if any."""
        return self.catalog.venues.get(item.venue) if item.venue else None

    def is_step_free(self, event) -> bool | None:
        """Step-free access to an event: its own Step-free field, else its venue's."""
        if event.step_free is not None:
            return event.step_free
        venue = self.venue_of(event)
        return venue.access.step_free if venue else None

    def organizer_name(self, slug: str) -> str:
        association = self.catalog.associations.get(slug)
        return association.name if association else slug
