"""Domain keys shared by every layer: enums instead of string literals.

A key's ``value`` is what appears in URLs, CSS classes, search filters and
open data, so changing one is a visible change. Words for people come from
the text layer (:mod:`aktivitetsportal.text`), never from these values.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Audience", "GrantState", "AssignmentKind", "PageKind", "FeedKind", "N_"]


def N_(message: str) -> str:
    """Mark a bokmål message for the catalogues; it is translated when shown, not here."""
    return message


class Audience(StrEnum):
    """Who an event is for. An event for everyone counts for every audience."""

    CHILDREN = "barn"
    YOUTH = "ungdom"
    ADULTS = "voksne"
    SENIORS = "eldre"
    FAMILIES = "familier"
    EVERYONE = "alle"


class GrantState(StrEnum):
    """Where a grant stands on a given day."""

    CLOSING_SOON = "frist-snart"
    OPEN = "apen"
    ROLLING = "lopende"
    CLOSED = "stengt"


class AssignmentKind(StrEnum):
    """A volunteer assignment is a single effort (a day, a weekend) or an ongoing one."""

    ONE_OFF = "engangs"
    ONGOING = "fast"


class PageKind(StrEnum):
    """Every kind of page the portal writes; its address is in outputs.addresses."""

    FRONT = "front"
    EVENT = "event"
    CALENDAR = "calendar"
    WEEK = "week"
    MONTH = "month"
    ARCHIVE = "archive"
    CATEGORIES = "categories"
    CATEGORY = "category"
    AUDIENCE = "audience"
    FREE = "free"
    ASSOCIATIONS = "associations"
    ASSOCIATION = "association"
    ASSOCIATION_CATEGORY = "association_category"
    GRANTS = "grants"
    GRANT = "grant"
    GRANT_KIND = "grant_kind"
    GRANT_TARGET = "grant_target"
    FEEDS = "feeds"
    SEARCH = "search"
    OPEN_DATA = "open_data"
    SUBMIT = "submit"
    # The submission forms (outputs/submission_form.py): a new event, an association's entry.
    SUBMIT_FORM = "submit_form"
    ASSOCIATION_FORM = "association_form"
    NOT_FOUND = "not_found"
    DAY = "day"
    PLACES = "places"
    PLACE = "place"
    # Volunteer assignments, venues and the equipment bank.
    VOLUNTEERING = "volunteering"
    VOLUNTEERING_KIND = "volunteering_kind"
    VOLUNTEERING_CATEGORY = "volunteering_category"
    VOLUNTEERING_PLACE = "volunteering_place"
    ASSIGNMENT = "assignment"
    VENUES = "venues"
    VENUE = "venue"
    VENUES_PLACE = "venues_place"
    VENUES_CAPACITY = "venues_capacity"
    VENUES_STEP_FREE = "venues_step_free"
    EQUIPMENT = "equipment"
    EQUIPMENT_ITEM = "equipment_item"
    # Pages for paper, screens and other websites (outputs/display_pages.py).
    POSTER = "poster"
    INFO_SCREEN = "info_screen"
    EMBED_HELP = "embed_help"
    EMBED_ALL = "embed_all"
    EMBED_CATEGORY = "embed_category"
    EMBED_AUDIENCE = "embed_audience"
    EMBED_ORGANIZER = "embed_organizer"
    EMBED_PLACE = "embed_place"


class FeedKind(StrEnum):
    """The groups of events (or grants) a feed can carry."""

    ALL = "all"
    CATEGORY = "category"
    AUDIENCE = "audience"
    ORGANIZER = "organizer"
    FREE = "free"
    EVENT = "event"
    NEWS = "news"
    GRANTS = "grants"
    GRANT_DEADLINES = "grant_deadlines"
    ASSIGNMENTS = "assignments"
