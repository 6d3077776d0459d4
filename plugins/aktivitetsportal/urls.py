"""Where every generated page lives: one function per kind of page.

Paths are relative to the site root and end in ``/`` (each page is a folder
with ``index.html``), so links stay short and readable, e.g.
``arrangement/tirsdagskaffe/`` or ``kalender/uke/2026-49/``.
"""

from __future__ import annotations

__all__ = ["url_for", "save_as"]

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
