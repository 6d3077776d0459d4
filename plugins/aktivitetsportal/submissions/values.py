"""Parsers for single field values: local date-times, durations, prices, links.

Each parser returns a value or None (or raises ValueError with a short reason);
turning failures into messages for submitters is the caller's job.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from babel.dates import get_month_names
from icalendar import vDuration

from aktivitetsportal.settings import OSLO

__all__ = [
    "OSLO",
    "MONTH_NUMBERS",
    "sort_key_nb",
    "parse_local",
    "parse_local_range",
    "parse_date",
    "parse_date_list",
    "parse_duration",
    "Price",
    "parse_price",
    "Link",
    "classify_link",
    "is_email",
    "localize",
    "is_nonexistent",
    "is_ambiguous",
    "split_list",
    "SLUG_RE",
    "LONGEST_DURATION",
    "slugify",
    "shorten",
    "clean_text",
    "is_blank",
    "has_unsafe_scheme",
    "datetime_suggestion",
    "postcode_in",
    "UNSAFE_TARGET_PATTERN",
    "EMAIL_PATTERN",
    "SAFE_SCHEMES",
    "SLUG_FOLD",
]



def _month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("nb", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.casefold().rstrip(".")] = number
    return names


#: Month names and abbreviations (bokmål and English, lower case) -> month number, from CLDR.
MONTH_NUMBERS = _month_numbers()

_NB_ORDER = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})  # sort after z


def sort_key_nb(text: str) -> tuple[str, str]:
    """Sort key for Norwegian alphabetical order (A–Z, then Æ, Ø, Å)."""
    folded = text.casefold().strip()
    return (folded.translate(_NB_ORDER), text)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d kl. %H:%M",
    "%Y-%m-%d kl %H:%M",
    "%Y-%m-%d %H.%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y kl. %H:%M",
    "%d.%m.%Y kl. %H.%M",
    "%d.%m.%Y kl %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%y %H:%M",
    "%d.%m.%y kl. %H:%M",
)
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")
_TRAILING_TIME_RE = re.compile(r"^(?P<day>.+?),?\s+(?:kl\.?\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MINUTE_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def _quick_iso(text: str) -> datetime | date | None:
    """``2026-12-01 18:00`` or ``2026-12-01``, as the format writes them, without trying every
    format (most dates in content/ are written so; other forms take the slow path)."""
    try:
        if _ISO_MINUTE_RE.fullmatch(text):
            return datetime.fromisoformat(text)
        if _ISO_DAY_RE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        return None  # e.g. 2026-02-30: the slow path says the same
    return None


def _read_local(text: str) -> datetime | date | None:
    """``2026-12-01 18:00`` -> naive local datetime; ``2026-12-01`` -> date; else None.

    Norwegian ``01.12.2026 18:00`` is accepted too, since people write it.
    """
    text = " ".join(text.split())
    if quick := _quick_iso(text):
        return quick
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    if match := _TRAILING_TIME_RE.match(text):  # "15. mars 2027 kl. 18:00"
        day = parse_date(match.group("day"))
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        if day and hour < 24 and minute < 60:
            return datetime(day.year, day.month, day.day, hour, minute)
        return None
    return parse_date(text)


_LOOSE_TIME_RE = re.compile(
    r"^(?P<day>.+?),?\s+(?:kl\.?\s*)?(?P<hour>\d{1,2})(?:[:.]?(?P<minute>\d{2}))?(?:\s*(?:h|t))?$", re.IGNORECASE)


def datetime_suggestion(text: str) -> str | None:
    """What ``text`` surely means when it is not quite a date and time, else None.

    ``2027-04-13 kl. 18`` and ``2027-04-13 1800`` -> ``2027-04-13 18:00``;
    ``13/04/2027 18:00`` -> ``2027-04-13 18:00``.
    """
    text = " ".join(text.split())
    match = _LOOSE_TIME_RE.match(text)
    if not match:
        return None
    day = parse_date(match.group("day").replace("/", "."))
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if day is None or hour > 23 or minute > 59:
        return None
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


_RANGE_RE = re.compile(r"^(?P<day>\S+)\s+(?:kl\.?\s*)?(?P<start>\d{1,2}[:.]\d{2})\s*[-–—]\s*(?P<end>\d{1,2}[:.]\d{2})$")


def parse_local_range(text: str) -> tuple[datetime, datetime] | None:
    """``2026-12-01 18:00-20:00`` (a time span written in Start) -> (start, end); else None.

    An end before 06:00 and earlier than the start is on the next day (``22:00-01:00``).
    """
    match = _RANGE_RE.match(" ".join(text.split()))
    if not match:
        return None
    day = parse_date(match.group("day"))
    if day is None:
        return None
    try:
        start, end = (datetime.strptime(f"{day.isoformat()} {match.group(k).replace('.', ':')}", "%Y-%m-%d %H:%M")
                      for k in ("start", "end"))
    except ValueError:
        return None
    if end > start:
        return start, end
    # "22:00-01:00" runs past midnight; "20:00-18:00" is a mistake, not a 22-hour event.
    return (start, end + timedelta(days=1)) if end.hour < 6 else None


_WORDY_DATE_RE = re.compile(r"^(?:[a-zæøå]+\s+)?(\d{1,2})\.?\s*([a-zæøå]+)\.?\s+(\d{4})$")


def _read_date(text: str) -> date | None:
    """``2026-12-24``, ``24.12.2026`` or ``24. desember 2026`` (also ``torsdag 24. des. 2026``)."""
    text = " ".join(text.split())
    if _ISO_DAY_RE.fullmatch(text) and (quick := _quick_iso(text)):
        return quick
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    if match := _WORDY_DATE_RE.match(text.casefold()):
        month = MONTH_NUMBERS.get(match.group(2))
        try:
            return date(int(match.group(3)), month, int(match.group(1))) if month else None
        except ValueError:
            return None
    return None


#: Years the portal accepts: anything else is a typo, and dates near year 1 or 9999 would
#: overflow when times are converted or series expanded.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def parse_local(text: str) -> datetime | date | None:
    """``2026-12-01 18:00`` -> naive local datetime; ``2026-12-01`` -> date; else None.

    Norwegian ``01.12.2026 18:00`` is accepted too, since people write it. Years outside
    :data:`FIRST_YEAR`–:data:`LAST_YEAR` are not dates.
    """
    value = _read_local(text)
    return value if value is not None and FIRST_YEAR <= value.year <= LAST_YEAR else None


def parse_date(text: str) -> date | None:
    """``2026-12-24``, ``24.12.2026`` or ``24. desember 2026`` (also ``torsdag 24. des. 2026``),
    in the years :data:`FIRST_YEAR`–:data:`LAST_YEAR`; else None."""
    value = _read_date(text)
    return value if value is not None and FIRST_YEAR <= value.year <= LAST_YEAR else None


def split_list(text: str) -> list[str]:
    """Split a comma (or semicolon) separated field into trimmed, non-empty items."""
    return [item.strip() for item in re.split(r"[,;]", text) if item.strip()]


def parse_date_list(text: str) -> tuple[list[date], list[str]]:
    """Dates in a comma list, and the items that were not dates."""
    good, bad = [], []
    for item in split_list(text):
        parsed = parse_date(item)
        (good if parsed else bad).append(parsed or item)
    return sorted(set(good)), bad


#: Longer than this is a typo, not an event (a festival or an exhibition fits).
LONGEST_DURATION = timedelta(days=92)

_DURATION_RE = re.compile(
    r"^(?:(?P<hours>\d+(?:[.,]\d+)?)\s*(?:h|t|timer?|hours?|hrs?)\.?)?\s*"
    r"(?:(?P<minutes>\d+)\s*(?:m|min|mins|minutter|minutes?)\.?)?$",
    re.IGNORECASE,
)


def parse_duration(text: str) -> timedelta | None:
    """``2h``, ``90min``, ``1h30min``, ``1,5 timer`` or ISO 8601 ``PT1H30M``; None if not."""
    text = text.strip()
    if not text:
        return None
    if text.upper().startswith("P"):
        try:
            value = vDuration.from_ical(text.upper())
        except ValueError:
            return None
        return value if isinstance(value, timedelta) and timedelta(0) < value <= LONGEST_DURATION else None
    match = _DURATION_RE.match(text)
    if not match or not (match.group("hours") or match.group("minutes")):
        return None
    hours = float((match.group("hours") or "0").replace(",", "."))
    minutes = int(match.group("minutes") or 0)
    try:
        result = timedelta(hours=hours, minutes=minutes)
    except OverflowError:
        return None
    return result if timedelta(0) < result <= LONGEST_DURATION else None


@dataclass(frozen=True, slots=True)
class Price:
    """Amounts in whole kroner; no amounts or only zeros means free."""

    amounts: tuple[int, ...]

    @property
    def is_free(self) -> bool:
        return not any(self.amounts)

    @property
    def label(self) -> str:
        """``Gratis``, ``kr 100`` or ``kr 100 / 50``, as shown on the site."""
        if self.is_free:
            return "Gratis"
        return "kr " + " / ".join(str(a) for a in self.amounts)

    @property
    def lowest(self) -> int:
        return min(self.amounts) if self.amounts else 0


FREE = Price(())
_FREE_WORDS = {"gratis", "free", "0", "0 kr", "kr 0", "kr 0,-", "0,-", "gratis inngang", "fri inngang"}
_AMOUNT_RE = re.compile(r"^(?:kr\.?\s*)?(\d{1,6})(?:[,.]-|,00|\.00)?\s*(?:kr\.?|nok|,-)?$", re.IGNORECASE)


def parse_price(text: str) -> Price | None:
    """``gratis``/``0`` -> free; ``100``, ``50 kr``, ``kr 100``, ``100/50`` -> amounts; else None."""
    text = " ".join(text.split()).strip()
    if text.casefold() in _FREE_WORDS:
        return FREE
    amounts = []
    for part in text.split("/"):
        match = _AMOUNT_RE.match(part.strip())
        if not match:
            return None
        amounts.append(int(match.group(1)))
    return Price(tuple(amounts))


# Control characters (not tab or newline) and characters that format text without showing:
# soft hyphen, zero-width space, word joiner, byte order mark, and the direction controls that
# can make text read differently from how it is stored ("Trojan Source"). Zero-width joiners
# (U+200C/U+200D) stay: Persian and emoji need them. The same rule applies to every field and body.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u200e\u200f"
                     "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """``text`` in composed form (NFC) without control and invisible formatting characters."""
    return _HIDDEN.sub("", unicodedata.normalize("NFC", text))


def is_blank(text: str) -> bool:
    """True if ``text`` shows nothing: only spaces, joiners and other invisible characters."""
    return all(unicodedata.category(c) in {"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"} or c.isspace()
               for c in text)


# A link target that runs code or reads local data, as a browser would read it: entities
# decoded, spaces and controls inside ignored, any case ("JaVa script:", "java&#x73;cript:").
_UNSAFE_TARGET = re.compile(
    r"(?<![a-z0-9])(?:(?:java|vb|live)script:|data:[a-z-]+/[a-z0-9.+-]+|(?:file|blob|jar|mocha|view-source):)",
    re.IGNORECASE,
)
_SPACES_AND_CONTROLS = re.compile(r"[\s\x00-\x1f\x7f]+")


def has_unsafe_scheme(text: str) -> bool:
    """True if ``text`` holds a link target other than http(s), mailto or tel, in any disguise."""
    decoded = html.unescape(html.unescape(text))
    # With spaces and controls removed ("java script:"), and with spaces kept ("Se javascript:").
    probes = (_SPACES_AND_CONTROLS.sub("", decoded), _SPACES_AND_CONTROLS.sub(" ", decoded))
    return any(_UNSAFE_TARGET.search(probe) for probe in probes)


_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:")
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def is_email(text: str) -> bool:
    return bool(_EMAIL_RE.match(text.strip()))


@dataclass(frozen=True, slots=True)
class Link:
    """A field that may be a web link, an e-mail address or plain text."""

    text: str
    href: str | None  # None for plain text

    @property
    def is_email(self) -> bool:
        return bool(self.href and self.href.startswith("mailto:"))


def classify_link(text: str) -> Link | None:
    """A :class:`Link` for a URL, e-mail or plain text; None for unsafe links.

    Only http(s), mailto and tel survive; ``javascript:``, ``data:`` and the
    like are refused (the caller reports them) rather than shown.
    """
    text = text.strip()
    if has_unsafe_scheme(text):
        return None
    if is_email(text):
        return Link(text, "mailto:" + text)
    if text.lower().startswith("www.") and " " not in text:
        return Link(text, "https://" + text)
    scheme = _SCHEME_RE.match(text)
    if scheme and " " not in text.strip():
        name = scheme.group(1).lower()
        if name in _SAFE_SCHEMES and ("://" in text or name in {"mailto", "tel"}):
            return Link(text, text)
        return None
    return Link(text, None)


def localize(naive: datetime) -> datetime:
    """Attach Europe/Oslo to a wall-clock time; a time in the spring gap moves forward."""
    aware = naive.replace(tzinfo=OSLO)
    if is_nonexistent(naive):
        return datetime.fromtimestamp(aware.timestamp(), OSLO)
    return aware


def is_nonexistent(naive: datetime) -> bool:
    """True for wall-clock times skipped when clocks go forward (e.g. 02:30 on 2027-03-28)."""
    aware = naive.replace(tzinfo=OSLO)
    if aware.utcoffset() == aware.replace(fold=1).utcoffset():
        return False  # away from a clock change (nearly always): no gap to look for
    round_trip = aware.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None)
    return round_trip != naive


def is_ambiguous(naive: datetime) -> bool:
    """True for wall-clock times that happen twice when clocks go back."""
    first = naive.replace(tzinfo=OSLO, fold=0).utcoffset()
    second = naive.replace(tzinfo=OSLO, fold=1).utcoffset()
    return first != second and not is_nonexistent(naive)


_SLUG_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})


def slugify(text: str) -> str:
    """``Tirsdagskaffe på Raufoss`` -> ``tirsdagskaffe-pa-raufoss`` (ASCII, for URLs)."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_SLUG_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def shorten(text: str, limit: int) -> str:
    """``text`` as it is if it fits in ``limit`` characters, else on one line cut at a word with "…".

    The one shortening rule for register lines, feed excerpts, JSON-LD and calendar links.
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = textwrap.shorten(text, width=limit, placeholder="…")
    # textwrap gives just the placeholder when the first word alone is too long.
    return cut if cut != "…" else text[: limit - 1] + "…"


# A Norwegian postcode as addresses write it: four digits and then the post town.
_POSTCODE = re.compile(r"(?<!\d)(\d{4})\s+[^\W\d]")


def postcode_in(text: str) -> str | None:
    """The last postcode in an address: ``Storgata 1, 2830 Raufoss`` -> ``2830``."""
    found = _POSTCODE.findall(text)
    return found[-1] if found else None


# The rules above as data, for the submission form's script, which checks in the browser what it
# can before the validator sees the file (outputs/submission_form.py puts them into its schema).
#: A link target other than http(s), mailto or tel (:func:`has_unsafe_scheme`), case-insensitive.
UNSAFE_TARGET_PATTERN = _UNSAFE_TARGET.pattern
#: An e-mail address (:func:`is_email`).
EMAIL_PATTERN = _EMAIL_RE.pattern
#: The link schemes :func:`classify_link` keeps.
SAFE_SCHEMES = tuple(sorted(_SAFE_SCHEMES))
#: Letters :func:`slugify` spells out before it drops accents.
SLUG_FOLD = {chr(code): text for code, text in _SLUG_FOLD.items()}
