"""Norwegian (bokmål) words for dates and times, from Babel's CLDR data.

Also the few calendar helpers pages need (ISO weeks, months, "I dag"/"I morgen")
and a sort key that puts Æ, Ø, Å after Z as Norwegian readers expect.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from babel.dates import format_date, format_time, get_month_names

__all__ = [
    "LOCALE",
    "MONTH_NUMBERS",
    "day_heading",
    "long_date",
    "long_date_with_year",
    "short_date",
    "time_label",
    "time_range",
    "month_title",
    "week_title",
    "week_monday",
    "relative_days",
    "sort_key_nb",
]

LOCALE = "nb_NO"


def _month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("nb", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.casefold().rstrip(".")] = number
    return names


#: Month names and abbreviations (bokmål and English, lower case) -> month number, from CLDR.
MONTH_NUMBERS = _month_numbers()


@lru_cache(maxsize=4096)  # pure, and called for every row of every page
def long_date(day: date) -> str:
    """``torsdag 3. desember``."""
    return format_date(day, "EEEE d. MMMM", locale=LOCALE)


@lru_cache(maxsize=4096)  # pure, and called for every row of every page
def long_date_with_year(day: date) -> str:
    """``fredag 1. april 2027``."""
    return format_date(day, "EEEE d. MMMM y", locale=LOCALE)


@lru_cache(maxsize=4096)  # pure, and called for every row of every page
def short_date(day: date) -> str:
    """``3. des. 2026``."""
    return format_date(day, "d. MMM y", locale=LOCALE)


def day_heading(day: date, today: date) -> str:
    """``I dag``, ``I morgen`` or ``torsdag 3. desember`` (with the year if not this year)."""
    if day == today:
        return "I dag"
    if day == today + timedelta(days=1):
        return "I morgen"
    return long_date(day) if day.year == today.year else long_date_with_year(day)


def time_label(moment: datetime) -> str:
    """``18:00`` (24-hour clock, as Norwegian readers expect)."""
    return _clock(moment.hour, moment.minute)


@lru_cache(maxsize=2048)
def _clock(hour: int, minute: int) -> str:
    return format_time(time(hour, minute), "HH:mm", locale=LOCALE)


def time_range(start: datetime | date, end: datetime | date) -> str:
    """``18:00–20:00``; ``Hele dagen`` for all-day; the end date if it is another day."""
    if not isinstance(start, datetime):
        days = (end - start).days if isinstance(end, date) else 1
        if days <= 1:
            return "Hele dagen"
        return f"Hele dagen, til {long_date(end - timedelta(days=1))}"
    if end.date() != start.date():
        return f"{time_label(start)}–{format_date(end, 'EEEE', locale=LOCALE)} {time_label(end)}"
    return f"{time_label(start)}–{time_label(end)}"


@lru_cache(maxsize=4096)  # pure, and called for every row of every page
def month_title(year: int, month: int) -> str:
    """``desember 2026`` (capitalised by the template where it starts a sentence)."""
    return format_date(date(year, month, 1), "LLLL y", locale=LOCALE)


def week_monday(iso_year: int, week: int) -> date:
    return date.fromisocalendar(iso_year, week, 1)


def week_title(iso_year: int, week: int) -> str:
    """``Uke 49, 2026``."""
    return f"Uke {week}, {iso_year}"


def relative_days(day: date, today: date) -> str:
    """``i dag``, ``i morgen``, ``om 12 dager``, ``for 3 dager siden``."""
    delta = (day - today).days
    if delta == 0:
        return "i dag"
    if delta == 1:
        return "i morgen"
    if delta == -1:
        return "i går"
    if delta > 0:
        return f"om {delta} dager"
    return f"for {-delta} dager siden"


_NB_ORDER = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})  # sort after z


def sort_key_nb(text: str) -> tuple[str, str]:
    """Sort key for Norwegian alphabetical order (A–Z, then Æ, Ø, Å)."""
    folded = text.casefold().strip()
    return (folded.translate(_NB_ORDER), text)
