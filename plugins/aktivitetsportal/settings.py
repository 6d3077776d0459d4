"""The portal's build settings: ``PORTAL_*`` keys, typed and checked once.

Read from any mapping (Pelican's settings dict, or a plain dict in tests);
defaults are overlaid, never written back into the mapping.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

__all__ = [
    "PortalSettings", "SettingsError", "oslo_today", "OSLO", "SOURCE_LANGUAGE", "LOCALES_DIR",
    "interface_languages", "REPOSITORY_HOSTS", "THEME_COLOURS", "LOGO_SUFFIXES", "portal_cache_dir",
]

#: Every time in the portal is wall-clock time in Oslo.
OSLO = ZoneInfo("Europe/Oslo")


#: The language the portal is written in: message ids, content and feeds are bokmål.
SOURCE_LANGUAGE = "nb"
#: Where the catalogues are: ``<lang>/LC_MESSAGES/messages.po``.
LOCALES_DIR = Path(__file__).resolve().parent / "locales"


@cache
def interface_languages() -> tuple[str, ...]:
    """Bokmål and every language with a catalogue, e.g. ``("nb", "ar", "en", "nn", "pl", "uk")``."""
    found = sorted(p.parent.parent.name for p in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    return (SOURCE_LANGUAGE, *found)


class SettingsError(ValueError):
    """A PORTAL_* setting has a wrong type or value."""


def portal_cache_dir(settings: Mapping, output_path) -> Path | None:
    """Where a build keeps what the next one may reuse (PORTAL_CACHE on): below CACHE_PATH, a
    folder per output folder, as what is kept describes that folder's files."""
    if not settings.get("PORTAL_CACHE", False):
        return None
    output = hashlib.sha256(str(Path(output_path).resolve()).encode()).hexdigest()[:16]
    return Path(settings.get("CACHE_PATH", "cache")) / "portal" / output


def oslo_today() -> date:
    """The current date in Europe/Oslo (the default "today" of a build)."""
    return datetime.now(OSLO).date()


@dataclass(frozen=True, slots=True, kw_only=True)
class PortalSettings:
    """Everything the domain core needs to know about one build."""

    today: date
    #: The time of day (Oslo) the site was built, from PORTAL_BUILD_TIME "HH:MM": the footer says
    #: "Oppdatert mandag 1. desember 2026 kl. 04:30". None: the footer gives only the date
    #: (and the output stays the same for the same content and today). publishconf.py sets it.
    build_time: time | None = None
    #: Days after today that pages and feeds show (the window ahead).
    days_ahead: int = 365
    #: Days before today that week/month pages and feeds still cover.
    days_back: int = 60
    #: Days after today on the front page ("I dag" and the next 7 days).
    front_page_days: int = 7
    #: A grant is "Frist snart" when its next deadline is at most this many days away.
    closing_soon_days: int = 30
    #: How often calendar apps should fetch the feeds (REFRESH-INTERVAL, X-PUBLISHED-TTL), in
    #: hours: the nightly rebuild (.github/workflows/site.yml); lower it if you publish by day.
    feed_refresh_hours: int = 24
    #: Put contact persons (the Contact fields) and phone numbers and e-mail addresses written
    #: in descriptions into the open data. Off by default: set it only with the consent of
    #: the people named. The pages always show what the associations wrote.
    export_contact_persons: bool = False
    #: Licence of the open data (shown on the open-data page and in every JSON file).
    data_licence_name: str = "Norsk lisens for offentlige data (NLOD) 2.0"
    data_licence_url: str = "https://data.norge.no/nlod/no/2.0"
    #: Build anyway when some files are invalid: they are listed and left out.
    skip_invalid: bool = False
    #: Municipality name used in titles and feed names.
    municipality: str = "Vestre Toten"
    #: Absolute address of the published site, e.g. "https://aktiviteter.example.no":
    #: PORTAL_PUBLIC_URL, else SITEURL when it is absolute; "" in development.
    public_url: str = ""
    #: Languages of the interface; the first is the default, served at ``/``.
    languages: tuple[str, ...] = ("nb",)
    #: The municipality's places (tettsteder) by postcode, from PORTAL_PLACES, e.g.
    #: {"2830": "Raufoss", "2840": "Reinsvoll"}: an event's place comes from the postcode in
    #: its Location. Empty: no place pages.
    places: tuple[tuple[str, str], ...] = ()
    #: The volunteer centre's e-mail address: the submission form offers to send the finished
    #: file there (a mailto: link). Empty: the form offers only download and copy.
    submission_email: str = ""
    #: Where content/ is kept on a code host, e.g. "https://github.com/owner/repo" or
    #: "https://gitlab.com/owner/repo": the form then links to a pre-filled "new file" page
    #: there. Empty: no such link.
    repository_url: str = ""
    #: The branch of that repository new files are proposed on.
    repository_branch: str = "main"
    #: Where the content folder is inside that repository: "content", or
    #: "municipalities/<name>/content" for a municipality of a shared repository.
    repository_folder: str = "content"
    #: The municipality's colours from PORTAL_COLOURS, e.g. (("brand", "#7b1e3a"),): CSS custom
    #: properties of theme/static/css/portal.css (THEME_COLOURS) set in a stylesheet of their own.
    #: Empty: the theme's colours.
    colours: tuple[tuple[str, str], ...] = ()
    #: The municipality's logo in the header, e.g. "images/logo.png" (a PNG, WebP or JPEG in
    #: the content folder's images/). Empty: no logo.
    logo: str = ""

    @classmethod
    def from_mapping(cls, settings: Mapping) -> PortalSettings:
        """Build from ``PORTAL_TODAY``, ``PORTAL_DAYS_AHEAD``, ... (and ``SITEURL``)."""
        today = settings.get("PORTAL_TODAY")
        if today in (None, ""):
            today = oslo_today()
        elif isinstance(today, str):
            try:
                today = date.fromisoformat(today)
            except ValueError as exc:
                raise SettingsError(f"PORTAL_TODAY must be YYYY-MM-DD, not {today!r}") from exc
        elif isinstance(today, datetime):
            today = today.date()
        elif not isinstance(today, date):
            raise SettingsError(f"PORTAL_TODAY must be a date, not {today!r}")
        values = {"today": today, "public_url": _public_url(settings)}
        for f in fields(cls):
            key = "PORTAL_" + f.name.upper()
            if f.name in values or key not in settings:
                continue
            value = settings[key]
            if f.name == "languages":
                values[f.name] = _languages(value)
                continue
            if f.name == "places":
                values[f.name] = _places(value)
                continue
            if f.name == "colours":
                values[f.name] = _colours(value)
                continue
            if f.name in _CHECKED_TEXT:
                values[f.name] = _CHECKED_TEXT[f.name](value)
                continue
            expected = {"int": int, "bool": bool, "str": str}[f.type]
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise SettingsError(f"{key} must be {f.type}, not {value!r}")
            if expected is int and value < 0:
                raise SettingsError(f"{key} must not be negative")
            values[f.name] = value
        return cls(**values)


def _public_url(settings: Mapping) -> str:
    for key in ("PORTAL_PUBLIC_URL", "SITEURL"):
        value = str(settings.get(key) or "").strip().rstrip("/")
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            return value
    return ""


def _places(value) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(
            isinstance(code, str) and code.isdigit() and len(code) == 4 and isinstance(name, str) and name.strip()
            for code, name in value.items()):
        raise SettingsError(f"PORTAL_PLACES must map 4-digit postcodes to place names, not {value!r}")
    return tuple(sorted((code, name.strip()) for code, name in value.items()))


def _submission_email(value) -> str:
    text = value.strip() if isinstance(value, str) else None
    if text is None or (text and (text.count("@") != 1 or any(c.isspace() for c in text))):
        raise SettingsError(f"PORTAL_SUBMISSION_EMAIL must be an e-mail address or empty, not {value!r}")
    return text


#: Code hosts whose "new file" page can be opened pre-filled: the host name contains one of these.
REPOSITORY_HOSTS = ("github", "gitlab")


def _repository_url(value) -> str:
    text = value.strip().rstrip("/") if isinstance(value, str) else None
    if text == "":
        return text
    parts = urlsplit(text or "")
    if (parts.scheme != "https" or not any(host in (parts.hostname or "") for host in REPOSITORY_HOSTS)
            or len([p for p in parts.path.split("/") if p]) < 2 or parts.query or parts.fragment):
        raise SettingsError("PORTAL_REPOSITORY_URL must be a repository on GitHub or GitLab, like "
                            f"https://github.com/owner/repo, or empty, not {value!r}")
    return text.removesuffix(".git")


def _repository_branch(value) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or any(c.isspace() or c in "?#~^:\\" for c in text):
        raise SettingsError(f"PORTAL_REPOSITORY_BRANCH must be a branch name, not {value!r}")
    return text


def _repository_folder(value) -> str:
    text = value.strip().strip("/") if isinstance(value, str) else ""
    path = PurePosixPath(text)
    if not text or ".." in path.parts or any(c.isspace() or c in "?#~^:\\" for c in text):
        raise SettingsError("PORTAL_REPOSITORY_FOLDER must be a folder of the repository, like content "
                            f"or municipalities/lorenskog/content, not {value!r}")
    return path.as_posix()


#: The colours a municipality may set (PORTAL_COLOURS): custom properties of portal.css. Text
#: is white on "brand", "brand-dark" is text on white, "link" is links on white.
THEME_COLOURS = ("brand", "brand-dark", "link")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _colours(value) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(
            name in THEME_COLOURS and isinstance(colour, str) and _HEX_COLOUR.fullmatch(colour.strip())
            for name, colour in value.items()):
        raise SettingsError(f"PORTAL_COLOURS must map {', '.join(THEME_COLOURS)} to colours like "
                            f"#7b1e3a, not {value!r}")
    return tuple(sorted((name, colour.strip().lower()) for name, colour in value.items()))


#: Pictures a logo may be: the picture rule of the content (fields.image), without GIF. SVG is
#: refused there and here: it can carry scripts.
LOGO_SUFFIXES = (".png", ".webp", ".jpg", ".jpeg")


def _logo(value) -> str:
    text = value.strip() if isinstance(value, str) else None
    if text == "":
        return text
    path = PurePosixPath(text or "")
    if path.parts[:1] != ("images",):
        path = PurePosixPath("images", *path.parts)  # "logo.png" means images/logo.png
    if (text is None or ":" in text or text.startswith("/") or ".." in path.parts
            or path.suffix.lower() not in LOGO_SUFFIXES):
        raise SettingsError("PORTAL_LOGO must be a PNG, WebP or JPEG picture in the content folder's "
                            f"images/, like images/logo.png, not {value!r}")
    return path.as_posix()


def _build_time(value) -> time | None:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = value.strip() if isinstance(value, str) else None
    if text == "":
        return None
    try:
        return datetime.strptime(text or "", "%H:%M").time()
    except ValueError as exc:
        raise SettingsError(f"PORTAL_BUILD_TIME must be HH:MM (Oslo time) or empty, not {value!r}") from exc


_CHECKED_TEXT = {
    "submission_email": _submission_email,
    "repository_url": _repository_url,
    "repository_branch": _repository_branch,
    "repository_folder": _repository_folder,
    "logo": _logo,
    "build_time": _build_time,
}


def _languages(value) -> tuple[str, ...]:
    codes = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else None
    if not codes or not all(isinstance(c, str) and c.strip() for c in codes):
        raise SettingsError(f"PORTAL_LANGUAGES must be a list of language codes, not {value!r}")
    codes = [c.strip() for c in codes]
    if len(set(codes)) != len(codes):
        raise SettingsError(f"PORTAL_LANGUAGES lists a language twice: {value!r}")
    return tuple(codes)
