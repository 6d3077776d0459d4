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
]

_PATTERNS = {
    "front": "",
    "event": "arrangement/{}/",
    "calendar": "kalender/",
    "week": "kalender/uke/{}/",
    "month": "kalender/{}/",
    "archive": "kalender/arkiv/",
    "categories": "kategori/",
    "category": "kategori/{}/",
    "audience": "for/{}/",
    "free": "gratis/",
    "associations": "foreninger/",
    "association": "foreninger/{}/",
    "association_category": "foreninger/kategori/{}/",
    "grants": "tilskudd/",
    "grant": "tilskudd/{}/",
    "grant_kind": "tilskudd/type/{}/",
    "grant_target": "tilskudd/for/{}/",
    "feeds": "abonner/",
    "search": "sok/",
    "open_data": "apne-data/",
    "submit": "slik-sender-du-inn/",
}


def url_for(kind: str, key: str = "") -> str:
    """Relative URL of a page, e.g. ``url_for("event", "tirsdagskaffe")``."""
    return _PATTERNS[kind].format(key)


def save_as(kind: str, key: str = "") -> str:
    """Output file of a page, e.g. ``arrangement/tirsdagskaffe/index.html``."""
    return url_for(kind, key) + "index.html"


#: Where every feed is written, by (kind, format); ``{0}`` is the key (a slug).
FEED_PATHS: dict[tuple[str, str], str] = {
    ("all", "ics"): "kalender.ics",
    ("category", "ics"): "kalender/kategori/{0}.ics",
    ("audience", "ics"): "kalender/for/{0}.ics",
    ("organizer", "ics"): "kalender/forening/{0}.ics",
    ("free", "ics"): "kalender/gratis.ics",
    ("event", "ics"): "arrangement/{0}/{0}.ics",
    ("news", "rss"): "rss/nye-arrangementer.xml",
    ("news", "atom"): "atom/nye-arrangementer.xml",
    ("category", "rss"): "rss/kategori/{0}.xml",
    ("category", "atom"): "atom/kategori/{0}.xml",
    ("grants", "rss"): "rss/tilskudd-med-frist-snart.xml",
    ("grants", "atom"): "atom/tilskudd-med-frist-snart.xml",
}

#: Base URL of feed links when neither PORTAL_PUBLIC_URL nor an absolute SITEURL is
#: set: the address `make serve` listens on, so links in development feeds work.
DEV_BASE_URL = "http://localhost:8000"
#: UID host when the site has no public address yet (development builds).
DEFAULT_UID_HOST = "aktivitetsportal"


def feed_path(kind: str, key: str = "", fmt: str = "ics") -> str:
    """Output path of a feed: ``feed_path("audience", "barn")`` -> ``kalender/for/barn.ics``."""
    return FEED_PATHS[(kind, fmt)].format(key)


@dataclass(frozen=True, slots=True)
class PublicUrls:
    """Absolute addresses for feeds: the public base URL and the host used in UIDs."""

    base: str  # e.g. "https://aktiviteter.vestre-toten.example", no trailing slash
    uid_host: str  # e.g. "aktiviteter.vestre-toten.example", or DEFAULT_UID_HOST

    @classmethod
    def from_settings(cls, settings: Mapping) -> PublicUrls:
        """``PORTAL_PUBLIC_URL`` if set, else ``SITEURL`` if absolute, else :data:`DEV_BASE_URL`.

        The UID host comes only from a configured public address, never from the
        development fallback, so UIDs of a published site do not depend on how
        a developer ran the build.
        """
        for key in ("PORTAL_PUBLIC_URL", "SITEURL"):
            value = str(settings.get(key) or "").strip().rstrip("/")
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") and parts.netloc:
                return cls(value, parts.hostname or DEFAULT_UID_HOST)
        return cls(DEV_BASE_URL, DEFAULT_UID_HOST)

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
    return feed_path("organizer", slug)
