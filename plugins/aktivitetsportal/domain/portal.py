"""One loaded build: the catalog, its calendar and the settings, read once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aktivitetsportal.domain.calendar import ActivityCalendar
from aktivitetsportal.domain.places import Place, PlaceIndex
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import Catalog

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

    def organizer_name(self, slug: str) -> str:
        association = self.catalog.associations.get(slug)
        return association.name if association else slug
