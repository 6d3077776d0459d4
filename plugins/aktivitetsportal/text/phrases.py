"""Phrases: domain facts turned into words, in one language.

Every date, time, list, plural, price, recurrence rule, deadline rule and
status label on the site comes from here. Dates, weekday and month names and
lists come from CLDR through Babel; sentences from the gettext catalogues
(bokmål is the source language). Each function takes the language code last;
results are cached because pages call them for every row.

Arabic uses Latin digits (CLDR's default number system for ``ar``, and what
Arabic-speaking residents in Norway see on Norwegian timetables and forms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_currency
from markupsafe import Markup

from aktivitetsportal.keys import N_, Audience, GrantState
from aktivitetsportal.settings import SOURCE_LANGUAGE
from aktivitetsportal.submissions.models import Assignment, Deadline, Event, WeeklyTime
from aktivitetsportal.submissions.recurrence import Recurrence
from aktivitetsportal.submissions.values import Price
from aktivitetsportal.submissions.vocabulary import Term
from aktivitetsportal.text.translations import translator

__all__ = [
    "gettext", "ngettext", "long_date", "long_date_with_year", "short_date", "time_label",
    "time_range", "day_heading", "relative_days", "month_title", "week_title", "join",
    "recurrence_text", "deadline_rule", "grant_state_label", "term_label",
    "audience_heading", "audience_lead", "front_page_lead", "price_label", "price_detail", "when", "event_rule",
    "OwnText", "own_text", "weekly_time", "assignment_when", "people_needed", "age_from",
    "room_capacity", "items_to_lend", "heading_date", "updated_text", "stale_notice", "freshness_words",
]

# Weekday, day and month without the year, per language (CLDR has no such
# standard format; these follow each language's own long date pattern).
_DAY_MONTH = "EEEE d MMMM"
_DAY_MONTH_PATTERNS = {"nb": "EEEE d. MMMM", "nn": "EEEE d. MMMM", "pl": "EEEE, d MMMM", "uk": "EEEE, d MMMM"}


def gettext(message: str, lang: str) -> str:
    return translator(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    return translator(lang).ngettext(singular, plural, n)


def _locale(lang: str) -> str:
    return {"nb": "nb_NO", "en": "en_GB"}.get(lang, lang)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=16384)
def long_date(day: date, lang: str = "nb") -> str:
    """``torsdag 3. desember``, ``Thursday 3 December``."""
    return format_date(day, _DAY_MONTH_PATTERNS.get(lang, _DAY_MONTH), locale=_locale(lang))


@lru_cache(maxsize=16384)
def long_date_with_year(day: date, lang: str = "nb") -> str:
    """``fredag 1. april 2027``, ``Friday 1 April 2027``."""
    return format_date(day, _DAY_MONTH_PATTERNS.get(lang, _DAY_MONTH) + " y", locale=_locale(lang))


@lru_cache(maxsize=16384)
def short_date(day: date, lang: str = "nb") -> str:
    """``3. des. 2026``, ``3 Dec 2026`` (CLDR's medium date)."""
    return format_date(day, "medium", locale=_locale(lang))


@lru_cache(maxsize=4096)
def _clock(hour: int, minute: int, lang: str) -> str:
    return format_time(time(hour, minute), "HH:mm", locale=_locale(lang))


def time_label(moment: datetime, lang: str = "nb") -> str:
    """``18:00``: the 24-hour clock in every language, as on Norwegian timetables."""
    return _clock(moment.hour, moment.minute, lang)


def time_range(start: datetime | date, end: datetime | date, lang: str = "nb") -> str:
    """``18:00–20:00``; ``Hele dagen`` for all-day; the end day if it is another day."""
    if not isinstance(start, datetime):
        days = (end - start).days if isinstance(end, date) else 1
        if days <= 1:
            return gettext(N_("Hele dagen"), lang)
        return gettext(N_("Hele dagen, til {day}"), lang).format(day=long_date(end - timedelta(days=1), lang))
    if end.date() != start.date():
        weekday = format_date(end, "EEEE", locale=_locale(lang))
        return _left_to_right(f"{time_label(start, lang)}–{weekday} {time_label(end, lang)}", lang)
    return _left_to_right(f"{time_label(start, lang)}–{time_label(end, lang)}", lang)


@lru_cache(maxsize=32)
def _writes_right_to_left(lang: str) -> bool:
    return Locale.parse(_locale(lang)).text_direction == "rtl"


def _left_to_right(span: str, lang: str) -> str:
    """A span of times read left to right also inside right-to-left text: without the isolate,
    the bidi algorithm shows "11:00–12:00" as "12:00–11:00" in Arabic."""
    if _writes_right_to_left(lang):
        return f"\u2066{span}\u2069"  # LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
    return span


def heading_date(day: date, today: date, lang: str = "nb") -> str:
    """The date of a day's heading: ``torsdag 3. desember``, with the year when it is not this year's."""
    return long_date(day, lang) if day.year == today.year else long_date_with_year(day, lang)


def day_heading(day: date, today: date, lang: str = "nb") -> str:
    """``I dag, mandag 23. november``, ``I morgen, tirsdag 24. november`` or ``torsdag 3. desember``.

    The date has the year when it is not this year's.
    """
    dated = heading_date(day, today, lang)
    if day == today:
        return gettext(N_("I dag, {date}"), lang).format(date=dated)
    if day == today + timedelta(days=1):
        return gettext(N_("I morgen, {date}"), lang).format(date=dated)
    return dated


def relative_days(day: date, today: date, lang: str = "nb") -> str:
    """``i dag``, ``i morgen``, ``i går``, ``om 12 dager``, ``for 3 dager siden``."""
    delta = (day - today).days
    if delta == 0:
        return gettext(N_("i dag"), lang)
    if delta == 1:
        return gettext(N_("i morgen"), lang)
    if delta == -1:
        return gettext(N_("i går"), lang)
    if delta > 0:
        return ngettext("om {n} dag", "om {n} dager", delta, lang).format(n=delta)
    return ngettext("for {n} dag siden", "for {n} dager siden", -delta, lang).format(n=-delta)


def updated_text(day: date, at: time | None, lang: str = "nb") -> str:
    """When the site was built: ``Oppdatert tirsdag 1. desember 2026 kl. 04:30``, or without the
    time (``Oppdatert tirsdag 1. desember 2026``) when the build has none."""
    dated = long_date_with_year(day, lang)
    if at is None:
        return gettext(N_("Oppdatert {date}"), lang).format(date=dated)
    return gettext(N_("Oppdatert {date} kl. {time}"), lang).format(date=dated, time=_clock(at.hour, at.minute, lang))


def stale_notice(day: date, lang: str = "nb") -> str:
    """What a page viewed on a later day than it was built says (shown by freshness.js)."""
    return gettext(N_("Siden ble sist oppdatert {date}. Nytt siden da kan mangle."), lang).format(
        date=long_date_with_year(day, lang))


#: Numbers of days a countdown can show, to find a sample of each plural category in.
_COUNTDOWN_SAMPLES = range(2, 200)
#: relative_days depends only on the difference between its two days.
_ANY_DAY = date(2000, 1, 2)


@lru_cache(maxsize=16)
def freshness_words(lang: str = "nb") -> dict:
    """The words theme/static/js/freshness.js needs to correct a page on a later day, in ``lang``.

    ``today``/``tomorrow``: a day's heading around its ``{date}``; ``now``: the month grid's
    "I dag"; ``relative``: :func:`relative_days` for -1, 0 and 1; ``in``/``ago``: its other
    sentences by CLDR plural category (what ``Intl.PluralRules`` gives in the browser), each the
    catalogue's plural form for a number of that category, with ``{n}`` in it.
    """
    plural_of = Locale.parse(_locale(lang)).plural_form
    samples: dict[str, int] = {}
    for n in _COUNTDOWN_SAMPLES:
        samples.setdefault(plural_of(n), n)
    return {
        "today": gettext(N_("I dag, {date}"), lang),
        "tomorrow": gettext(N_("I morgen, {date}"), lang),
        "now": gettext(N_("I dag"), lang),
        "relative": {str(delta): relative_days(_ANY_DAY + timedelta(days=delta), _ANY_DAY, lang)
                     for delta in (-1, 0, 1)},
        "in": {category: ngettext("om {n} dag", "om {n} dager", n, lang) for category, n in samples.items()},
        "ago": {category: ngettext("for {n} dag siden", "for {n} dager siden", n, lang)
                for category, n in samples.items()},
    }


@lru_cache(maxsize=4096)
def month_title(year: int, month: int, lang: str = "nb") -> str:
    """``Desember 2026``, ``December 2026``: a heading, so capitalised."""
    return _capitalised(format_date(date(year, month, 1), "LLLL y", locale=_locale(lang)))


def week_title(iso_year: int, week: int, lang: str = "nb") -> str:
    """``Uke 49, 2026``."""
    return gettext(N_("Uke {week}, {year}"), lang).format(week=week, year=iso_year)


def join(words: list[str], lang: str = "nb") -> str:
    """``mandag, tirsdag og onsdag`` (CLDR list patterns)."""
    return format_list(list(words), locale=_locale(lang)) if words else ""


_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINALS = {1: N_("første {weekday}"), 2: N_("andre {weekday}"), 3: N_("tredje {weekday}"),
             4: N_("fjerde {weekday}"), 5: N_("femte {weekday}"), -1: N_("siste {weekday}")}


@lru_cache(maxsize=4096)
def recurrence_text(recurrence: Recurrence, first: date, lang: str = "nb") -> str:
    """The rule in plain words: ``Hver tirsdag``, ``Annenhver onsdag``, ``Første tirsdag i måneden``."""
    parts = recurrence.parts
    freq = parts["FREQ"][0]
    interval = int(parts.get("INTERVAL", [1])[0])
    names = get_day_names("wide", locale=_locale(lang))
    days = parts.get("BYDAY") or []
    if freq == "WEEKLY":
        codes = [str(d)[-2:] for d in days] or [_DAY_CODES[first.weekday()]]
        weekdays = join([names[_DAY_CODES.index(c)] for c in codes], lang)
        if interval == 1:
            text = gettext(N_("Hver {weekdays}"), lang)
        elif interval == 2:
            text = gettext(N_("Annenhver {weekdays}"), lang)
        else:
            text = gettext(N_("Hver {n}. uke, {weekdays}"), lang)
        return _capitalised(text.format(weekdays=weekdays, n=interval))
    if freq == "MONTHLY":
        if days:
            day = str(days[0])
            n = int(day[:-2] or parts.get("BYSETPOS", [1])[0])
            weekday = gettext(_ORDINALS.get(n, _ORDINALS[1]), lang).format(weekday=names[_DAY_CODES.index(day[-2:])])
            if interval == 1:
                return _capitalised(gettext(N_("{weekday} i måneden"), lang).format(weekday=weekday))
            return _capitalised(gettext(N_("{weekday}, hver {n}. måned"), lang).format(weekday=weekday, n=interval))
        if interval == 1:
            return gettext(N_("Den {day}. i måneden"), lang).format(day=first.day)
        return gettext(N_("Den {day}., hver {n}. måned"), lang).format(day=first.day, n=interval)
    if freq == "DAILY":
        return gettext(N_("Hver dag"), lang) if interval == 1 else gettext(N_("Hver {n}. dag"), lang).format(n=interval)
    return gettext(N_("Hvert år"), lang) if interval == 1 else gettext(N_("Hvert {n}. år"), lang).format(n=interval)


def deadline_rule(deadline: Deadline, lang: str = "nb") -> str:
    """``Hvert år 1. april``, ``1. mars 2027 og 1. september 2027``, ``Løpende (ingen fast frist)``."""
    parts = []
    locale = _locale(lang)
    day_month = "d. MMMM" if lang in ("nb", "nn") else "d MMMM"
    if deadline.yearly:
        # 2024 is a leap year, so a yearly 29 February can be written out.
        days = [format_date(date(2024, m, d), day_month, locale=locale) for m, d in deadline.yearly]
        parts.append(gettext(N_("hvert år {days}"), lang).format(days=join(days, lang)))
    if deadline.dates:
        parts.append(join([format_date(d, day_month + " y", locale=locale) for d in deadline.dates], lang))
    if deadline.rolling:
        parts.append(gettext(N_("ellers løpende"), lang) if parts else gettext(N_("løpende (ingen fast frist)"), lang))
    return _capitalised("; ".join(parts))


_GRANT_STATE_LABELS = {
    GrantState.CLOSING_SOON: N_("Frist snart"),
    GrantState.OPEN: N_("Åpen"),
    GrantState.ROLLING: N_("Løpende"),
    GrantState.CLOSED: N_("Stengt"),
}


def grant_state_label(state: GrantState, lang: str = "nb") -> str:
    """``Frist snart``, ``Åpen``, ``Løpende`` or ``Stengt``."""
    return gettext(_GRANT_STATE_LABELS[state], lang)


def term_label(term: Term, lang: str = "nb") -> str:
    """A category's or audience's name (the vocabulary labels are catalogue message ids)."""
    return gettext(term.label, lang)


def audience_heading(term: Term, lang: str = "nb") -> str:
    """``For barn``, ``For eldre og seniorer``, ``For alle``: the title of an audience listing."""
    if term.value == Audience.EVERYONE:
        return gettext(N_("For alle"), lang)
    return gettext(N_("For {audience}"), lang).format(audience=term_label(term, lang).lower())


def audience_lead(term: Term, lang: str = "nb") -> str:
    """The lead of an audience listing; none for "alle", whose title says it all."""
    if term.value == Audience.EVERYONE:
        return ""
    return gettext(N_("Aktiviteter for {audience}, og aktiviteter som er for alle."), lang).format(
        audience=term_label(term, lang).lower())


def front_page_lead(days: int, lang: str = "nb") -> str:
    """The front page's lead, following the number of days it shows (``front_page_days``)."""
    return ngettext(
        "Aktiviteter fra lag, foreninger og frivilligsentralen i dag og den neste {n} dagen. Alle er velkomne.",
        "Aktiviteter fra lag, foreninger og frivilligsentralen i dag og de neste {n} dagene. Alle er velkomne.",
        days, lang).format(n=days)


@lru_cache(maxsize=4096)
def _kroner(amount: int, lang: str) -> str:
    """Whole kroner in the language's currency format (cached: prices repeat on every listing)."""
    return format_currency(amount, "NOK", format="¤ #,##0", locale=_locale(lang), currency_digits=False)


def price_label(price: Price, lang: str = "nb") -> str:
    """``Gratis``, ``kr 100`` or ``kr 100 / 50``: whole kroner in the language's currency format."""
    if price.is_free:
        return gettext(N_("Gratis"), lang)
    return " / ".join(_kroner(amount, lang) for amount in price.amounts)


def price_detail(price: Price, lang: str = "nb") -> str:
    """The price explained: two amounts are adults / children, as the submission format says.

    ``kr 200 for voksne, kr 100 for barn``; one amount or free as :func:`price_label`.
    """
    if price.is_free or len(price.amounts) != 2:
        return price_label(price, lang)
    adults, children = (_kroner(amount, lang) for amount in price.amounts)
    return gettext(N_("{adults} for voksne, {children} for barn"), lang).format(adults=adults, children=children)


def when(start: datetime | date, end: datetime | date, recurrence: Recurrence | None, first: date,
         lang: str = "nb") -> str:
    """The one "when" sentence of feeds and search: ``Hver tirsdag. Neste: tirsdag 1. desember 2026, 18:00–20:00``."""
    day = start.date() if isinstance(start, datetime) else start
    moment = f"{long_date_with_year(day, lang)}, {time_range(start, end, lang)}"
    if recurrence is None:
        return moment
    rule = recurrence_text(recurrence, first, lang)
    return gettext(N_("{rule}. Neste: {moment}"), lang).format(rule=rule, moment=moment)


def event_rule(event: Event, lang: str = "nb") -> str:
    """How an event repeats (``Hver tirsdag``), or ``""`` for a one-off event."""
    return recurrence_text(event.recurrence, event.first_day, lang) if event.recurrence else ""


@dataclass(frozen=True, slots=True)
class OwnText:
    """Text as an organizer wrote it, and the language it is in, shown on a page in ``page_lang``.

    ``str()`` is the text; :attr:`lang_attr` is `` lang="nb"`` when the text is not in
    the page's language, so screen readers pronounce Norwegian names as Norwegian.
    """

    text: str
    lang: str
    page_lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def lang_attr(self) -> Markup:
        return Markup(' lang="{}"').format(self.lang) if self.lang != self.page_lang else Markup("")


def own_text(item, field: str, lang: str = "nb") -> OwnText:
    """``item``'s ``field`` in ``lang`` if its organizer translated it (``Title-en:``), else as written.

    ``item`` is an event or association; ``field`` is ``title``, ``name`` or ``summary``
    (there is no untranslated summary: it is the organizer's short text for other languages).
    """
    translation = item.translation(lang)
    if translation is not None and getattr(translation, field, ""):
        return OwnText(getattr(translation, field), lang, lang)
    return OwnText(getattr(item, field, "") if field != "summary" else "", SOURCE_LANGUAGE, lang)


# -- Calendar views: month grid, calendar index -----------------------------------------------


@lru_cache(maxsize=64)
def weekday_name(index: int, lang: str = "nb") -> str:
    """``Mandag`` (0) to ``Søndag`` (6): CLDR's full name, capitalised for a column heading."""
    return _capitalised(get_day_names("wide", locale=_locale(lang))[index])


@lru_cache(maxsize=4096)
def day_span(first: date, last: date, lang: str = "nb") -> str:
    """``30. november–6. desember``, ``7.–13. desember``: CLDR's interval of days, no year."""
    return format_interval(first, last, "MMMMd", locale=_locale(lang))


def week_span_title(iso_year: int, week: int, lang: str = "nb") -> str:
    """``Uke 49: 30. november–6. desember``: a week with its days, for lists of weeks."""
    monday = date.fromisocalendar(iso_year, week, 1)
    return gettext(N_("Uke {week}: {days}"), lang).format(
        week=week, days=day_span(monday, monday + timedelta(days=6), lang))


def more_activities(count: int, lang: str = "nb") -> str:
    """``+4 flere``: the activities of a day that a month grid's cell has no room for."""
    return ngettext("+{n} flere", "+{n} flere", count, lang).format(n=count)


def all_of_day(count: int, lang: str = "nb") -> str:
    """``Se alle 143 aktivitetene denne dagen``: the link from a shortened day to its own page."""
    return ngettext("Se den ene aktiviteten denne dagen", "Se alle {n} aktivitetene denne dagen",
                    count, lang).format(n=count)


# -- Volunteer assignments, venues, the equipment bank -----------------------------------------


def weekly_time(weekly: WeeklyTime, lang: str = "nb") -> str:
    """``Hver uke: mandag og onsdag, 17:00–19:00``."""
    names = get_day_names("wide", locale=_locale(lang))
    days = join([names[index] for index in weekly.weekdays], lang)
    text = gettext(N_("Hver uke: {days}"), lang).format(days=days)
    if weekly.start is not None and weekly.end is not None:
        span = f"{_clock(weekly.start.hour, weekly.start.minute, lang)}–{_clock(weekly.end.hour, weekly.end.minute, lang)}"
        text = f"{text}, {_left_to_right(span, lang)}"
    return text


def assignment_when(assignment: Assignment, lang: str = "nb") -> str:
    """When the volunteer is needed: a day (with times), a period, every week, or when it suits."""
    start, end = assignment.start, assignment.end
    parts = []
    if assignment.weekly is not None:
        parts.append(weekly_time(assignment.weekly, lang))
    if isinstance(start, datetime):
        day = long_date_with_year(start.date(), lang)
        if isinstance(end, datetime) and end.date() == start.date():
            parts.append(f"{_capitalised(day)}, {time_range(start, end, lang)}")
        else:
            parts.append(gettext(N_("Fra {start}"), lang).format(start=f"{day} {time_label(start, lang)}"))
    elif start is not None:
        last = end.date() if isinstance(end, datetime) else end
        if last is None or last == start:
            parts.append(_capitalised(long_date_with_year(start, lang)))
        else:
            parts.append(_capitalised(format_interval(start, last, "yMMMMd", locale=_locale(lang))))
    if not parts:
        return gettext(N_("Når det passer deg"), lang)
    if len(parts) == 2:  # every week, within a period
        return f"{parts[0]} ({parts[1][:1].lower()}{parts[1][1:]})"
    return parts[0]


def people_needed(count: int, lang: str = "nb") -> str:
    """``Vi trenger 6 frivillige``."""
    return ngettext("Vi trenger {n} frivillig", "Vi trenger {n} frivillige", count, lang).format(n=count)


def age_from(age: int, lang: str = "nb") -> str:
    """``Fra 16 år``."""
    return gettext(N_("Fra {age} år"), lang).format(age=age)


def room_capacity(count: int, lang: str = "nb") -> str:
    """``Plass til 50``: how many people a room or venue takes."""
    return ngettext("Plass til {n} person", "Plass til {n}", count, lang).format(n=count)


def items_to_lend(count: int, lang: str = "nb") -> str:
    """``40 til utlån``."""
    return gettext(N_("{n} til utlån"), lang).format(n=count)
