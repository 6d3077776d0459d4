"""Domain keys shared by every layer: enums instead of string literals.

A key's ``value`` is what appears in URLs, CSS classes, search filters and
open data, so changing one is a visible change. Words for people come from
the text layer (:mod:`aktivitetsportal.text`), never from these values.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Audience", "GrantState", "PageKind", "FeedKind", "N_"]


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
    NOT_FOUND = "not_found"
    DAY = "day"
    PLACES = "places"
    PLACE = "place"
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
