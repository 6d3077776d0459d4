"""Every address of the site: pages, feeds, and the one rule for absolute URLs.

Page paths are relative to the site root and end in ``/`` (each page is a
folder with ``index.html``), so links stay short and readable, e.g.
``arrangement/tirsdagskaffe/`` or ``kalender/uke/2026-49/``. Feed files are
named by :func:`feed_path`. :class:`PublicUrls` makes any of them absolute
(feeds, open data and canonical links all use it, so they never disagree).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from aktivitetsportal.keys import FeedKind, PageKind
from aktivitetsportal.settings import PortalSettings

__all__ = [
    "url_for",
    "save_as",
    "feed_path",
    "FEED_PATHS",
    "PublicUrls",
    "DEV_BASE_URL",
    "DEFAULT_UID_HOST",
    "display_url",
    "association_feed_url",
    "submission_schema_path",
    "association_entry_path",
]

_PATTERNS: dict[PageKind, str] = {
    PageKind.FRONT: "",
    PageKind.EVENT: "arrangement/{}/",
    PageKind.CALENDAR: "kalender/",
    PageKind.WEEK: "kalender/uke/{}/",
    PageKind.MONTH: "kalender/{}/",
    PageKind.ARCHIVE: "kalender/arkiv/",
    PageKind.CATEGORIES: "kategori/",
    PageKind.CATEGORY: "kategori/{}/",
    PageKind.AUDIENCE: "for/{}/",
    PageKind.FREE: "gratis/",
    PageKind.ASSOCIATIONS: "foreninger/",
    PageKind.ASSOCIATION: "foreninger/{}/",
    PageKind.ASSOCIATION_CATEGORY: "foreninger/kategori/{}/",
    PageKind.GRANTS: "tilskudd/",
    PageKind.GRANT: "tilskudd/{}/",
    PageKind.GRANT_KIND: "tilskudd/type/{}/",
    PageKind.GRANT_TARGET: "tilskudd/for/{}/",
    PageKind.FEEDS: "abonner/",
    PageKind.SEARCH: "sok/",
    PageKind.OPEN_DATA: "apne-data/",
    PageKind.SUBMIT: "slik-sender-du-inn/",
    PageKind.SUBMIT_FORM: "send-inn/",
    PageKind.ASSOCIATION_FORM: "send-inn/forening/",
    PageKind.DAY: "kalender/dag/{}/",
    PageKind.PLACES: "steder/",
    PageKind.PLACE: "sted/{}/",
    PageKind.VOLUNTEERING: "frivillig/",
    PageKind.VOLUNTEERING_KIND: "frivillig/{}/",
    PageKind.VOLUNTEERING_CATEGORY: "frivillig/kategori/{}/",
    PageKind.VOLUNTEERING_PLACE: "frivillig/sted/{}/",
    PageKind.ASSIGNMENT: "frivillig/oppdrag/{}/",
    PageKind.VENUES: "lokaler/",
    PageKind.VENUE: "lokaler/{}/",
    PageKind.VENUES_PLACE: "lokaler/sted/{}/",
    PageKind.VENUES_CAPACITY: "lokaler/plass-til/{}/",
    PageKind.VENUES_STEP_FREE: "lokaler/trinnfri/",
    PageKind.EQUIPMENT: "utstyr/",
    PageKind.EQUIPMENT_ITEM: "utstyr/{}/",
    PageKind.POSTER: "ukeplakat/",
    PageKind.INFO_SCREEN: "infoskjerm/",
    PageKind.EMBED_HELP: "innebygd/",
    PageKind.EMBED_ALL: "innebygd/alle/",
    PageKind.EMBED_CATEGORY: "innebygd/kategori/{}/",
    PageKind.EMBED_AUDIENCE: "innebygd/for/{}/",
    PageKind.EMBED_ORGANIZER: "innebygd/forening/{}/",
    PageKind.EMBED_PLACE: "innebygd/sted/{}/",
}


def url_for(kind: PageKind, key: str = "") -> str:
    """Relative URL of a page, e.g. ``url_for(PageKind.EVENT, "tirsdagskaffe")``."""
    return _PATTERNS[kind].format(key)


def save_as(kind: PageKind, key: str = "") -> str:
    """Output file of a page, e.g. ``arrangement/tirsdagskaffe/index.html``."""
    return url_for(kind, key) + "index.html"


#: Where every feed is written, by (kind, format); ``{0}`` is the key (a slug).
FEED_PATHS: dict[tuple[FeedKind, str], str] = {
    (FeedKind.ALL, "ics"): "kalender.ics",
    (FeedKind.CATEGORY, "ics"): "kalender/kategori/{0}.ics",
    (FeedKind.AUDIENCE, "ics"): "kalender/for/{0}.ics",
    (FeedKind.ORGANIZER, "ics"): "kalender/forening/{0}.ics",
    (FeedKind.FREE, "ics"): "kalender/gratis.ics",
    (FeedKind.EVENT, "ics"): "arrangement/{0}/{0}.ics",
    (FeedKind.NEWS, "rss"): "rss/nye-arrangementer.xml",
    (FeedKind.NEWS, "atom"): "atom/nye-arrangementer.xml",
    (FeedKind.CATEGORY, "rss"): "rss/kategori/{0}.xml",
    (FeedKind.CATEGORY, "atom"): "atom/kategori/{0}.xml",
    (FeedKind.GRANTS, "rss"): "rss/tilskudd-med-frist-snart.xml",
    (FeedKind.GRANTS, "atom"): "atom/tilskudd-med-frist-snart.xml",
    (FeedKind.GRANT_DEADLINES, "ics"): "kalender/tilskuddsfrister.ics",
    (FeedKind.ASSIGNMENTS, "rss"): "rss/frivillige-oppdrag.xml",
    (FeedKind.ASSIGNMENTS, "atom"): "atom/frivillige-oppdrag.xml",
}

#: Base URL of feed links when neither PORTAL_PUBLIC_URL nor an absolute SITEURL is
#: set: the address `make serve` listens on, so links in development feeds work.
DEV_BASE_URL = "http://localhost:8000"
#: UID host when the site has no public address yet (development builds).
DEFAULT_UID_HOST = "aktivitetsportal"


def feed_path(kind: FeedKind, key: str = "", fmt: str = "ics") -> str:
    """Output path of a feed: ``feed_path(FeedKind.AUDIENCE, "barn")`` -> ``kalender/for/barn.ics``."""
    return FEED_PATHS[(kind, fmt)].format(key)


@dataclass(frozen=True, slots=True)
class PublicUrls:
    """Absolute addresses for feeds: the public base URL and the host used in UIDs."""

    base: str  # e.g. "https://aktiviteter.vestre-toten.example", no trailing slash
    uid_host: str  # e.g. "aktiviteter.vestre-toten.example", or DEFAULT_UID_HOST

    @classmethod
    def of(cls, settings: PortalSettings) -> PublicUrls:
        """The configured public address, else :data:`DEV_BASE_URL` (see PortalSettings.public_url).

        The UID host comes only from a configured public address, never from the
        development fallback, so UIDs of a published site do not depend on how
        a developer ran the build.
        """
        if not settings.public_url:
            return cls(DEV_BASE_URL, DEFAULT_UID_HOST)
        return cls(settings.public_url, urlsplit(settings.public_url).hostname or DEFAULT_UID_HOST)

    @classmethod
    def from_settings(cls, settings: Mapping) -> PublicUrls:
        """The same, from Pelican's settings (``PORTAL_PUBLIC_URL``, ``SITEURL``)."""
        return cls.of(PortalSettings.from_mapping(settings))

    def absolute(self, path: str) -> str:
        """``https://host/<path>`` for a site-relative path (``""`` is the front page)."""
        return f"{self.base}/{path}"

    def webcal(self, path: str) -> str:
        """The ``webcal://`` link calendar apps open as a subscription."""
        return "webcal://" + self.absolute(path).split("://", 1)[1]


def display_url(href: str) -> str:
    """A link as people read it: ``https://www.frifond.no/sok/`` -> ``www.frifond.no/sok``."""
    if href.startswith(("mailto:", "tel:")):
        return href.split(":", 1)[1]
    parts = urlsplit(href)
    shown = parts.netloc + parts.path.rstrip("/")
    if parts.query:
        shown += "?" + parts.query
    return shown or href


def association_feed_url(slug: str) -> str:
    """Site-relative URL of an association's calendar feed (``kalender/forening/<slug>.ics``).

    The feeds plugin writes one for every association, also those without events.
    """
    return feed_path(FeedKind.ORGANIZER, slug)


def submission_schema_path() -> str:
    """The submission form's schema in the default language (other languages add their prefix)."""
    return url_for(PageKind.SUBMIT_FORM) + "skjema.json"


def association_entry_path(slug: str) -> str:
    """An association's current register entry, which the association form is filled in from."""
    return url_for(PageKind.ASSOCIATION_FORM) + f"{slug}.json"
