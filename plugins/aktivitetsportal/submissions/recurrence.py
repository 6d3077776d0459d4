"""Repeating events: the ``Repeat:`` field, turned into an RFC 5545 rule.

Submitters write ``weekly``, ``every 2 weeks until 2027-06-30``, ``monthly on
1st tuesday`` (or Norwegian: ``hver uke``, ``annenhver uke til 2027-06-30``,
``første tirsdag i måneden``), or an RRULE. Every form becomes one
:class:`Recurrence`: the rule without UNTIL (parsed and printed by icalendar's
``vRecur``) plus an inclusive last date. python-dateutil expands it; icalendar
writes it to feeds. Expansion is on naive wall-clock times, so a weekly 18:00
stays at 18:00 on both sides of a DST change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from itertools import islice

from dateutil.rrule import rrulestr
from icalendar import vRecur

from aktivitetsportal.submissions.problems import Message
from aktivitetsportal.submissions.values import parse_date

__all__ = ["Recurrence", "RecurrenceError", "parse_repeat", "weekday_codes", "DAY_CODES", "MAX_RULE_YEARS", "MAX_COUNT", "MAX_INTERVAL"]

# A rule with neither UNTIL nor COUNT runs forever; pages and feeds only ever
# expand inside their window, so that is fine, but we refuse sub-daily rules.
_ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_RULE_YEARS = 10
#: Most occurrences a COUNT may ask for (a weekly group for 20 years is about 1000).
MAX_COUNT = 1000
#: The longest gap a series may have ("every 52 weeks" is a yearly event).
MAX_INTERVAL = 52

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_WORDS = {
    **{name: code for code, name in zip(DAY_CODES, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: code for code, name in zip(DAY_CODES, ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"))},
    **{name: code for code, name in zip(DAY_CODES, ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    "lordag": "SA",
    "sondag": "SU",
}
_ORDINALS = {
    "1st": 1, "first": 1, "første": 1, "forste": 1, "1.": 1,
    "2nd": 2, "second": 2, "andre": 2, "2.": 2,
    "3rd": 3, "third": 3, "tredje": 3, "3.": 3,
    "4th": 4, "fourth": 4, "fjerde": 4, "4.": 4,
    "5th": 5, "fifth": 5, "femte": 5, "5.": 5,
    "last": -1, "siste": -1,
}

_UNTIL_RE = re.compile(r"\s+(?:until|til|to|fram til|frem til|t\.o\.m\.?)\s+(?P<until>\S+)\s*$", re.I)
_COUNT_RE = re.compile(r"\s+(?:(?P<n>\d+)\s+(?:times|ganger)|count\s+(?P<n2>\d+))\s*$", re.I)


class RecurrenceError(ValueError):
    """The Repeat field could not be understood; :attr:`reason` says why (a message code)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.reason = Message(code, params)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """An RFC 5545 rule without UNTIL, and the last date it may fall on."""

    rule: str  # e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    until: date | None = None

    @property
    def parts(self) -> vRecur:
        return vRecur.from_ical(self.rule)

    def dateutil_rule(self, dtstart: datetime):
        """A dateutil rrule for naive wall-clock ``dtstart`` (UNTIL inclusive, end of day)."""
        return _dateutil_rule(self.rule, self.until, dtstart)

    def starts(self, dtstart: datetime, after: datetime, before: datetime) -> list[datetime]:
        """Naive start times in [after, before), dtstart included if it is in range."""
        return self.dateutil_rule(dtstart).between(after, before, inc=True)


@lru_cache(maxsize=16384)  # an rrule is not changed by its use: the calendar, validation and iCal share one
def _dateutil_rule(text: str, until: date | None, dtstart: datetime):
    rule = rrulestr(text, dtstart=dtstart)
    if not until:
        return rule
    last = datetime.combine(until, time(23, 59, 59))
    if "COUNT=" in text:
        # RFC 5545 forbids COUNT with UNTIL: keep whichever limit ends the series first.
        if rule[-1].date() <= until:
            return rule
        return rule.replace(count=None, until=last)
    return rule.replace(until=last)


def parse_repeat(text: str, first: date) -> Recurrence:
    """Parse a Repeat field for a series whose first day is ``first``."""
    raw = " ".join(text.split())
    if not raw:
        raise RecurrenceError("repeat_empty")
    if raw.upper().startswith(("RRULE:", "FREQ=")) or "FREQ=" in raw.upper():
        return _parse_rrule(raw, first)
    return _parse_human(raw, first)


def _parse_rrule(raw: str, first: date) -> Recurrence:
    body = raw.split(":", 1)[1] if raw.upper().startswith("RRULE:") else raw
    try:
        parts = vRecur.from_ical(body.strip().upper())
    except (ValueError, TypeError, KeyError) as exc:
        raise RecurrenceError("repeat_invalid_rrule") from exc
    freq = (parts.get("FREQ") or [None])[0]
    if freq not in _ALLOWED_FREQ:
        raise RecurrenceError("repeat_bad_freq")
    until = None
    if "UNTIL" in parts:
        value = parts.pop("UNTIL")[0]
        until = value.date() if isinstance(value, datetime) else value
    rule = vRecur(parts).to_ical().decode()
    return _checked(Recurrence(rule, until), first)


def _parse_human(raw: str, first: date) -> Recurrence:
    text = raw.lower()
    until = None
    count = None
    if m := _UNTIL_RE.search(text):
        until = parse_date(m.group("until"))
        if until is None:
            raise RecurrenceError("repeat_until_not_a_date", value=m.group("until"))
        text = text[: m.start()].strip()
    if m := _COUNT_RE.search(" " + text):
        count = int(m.group("n") or m.group("n2"))
        text = (" " + text)[: m.start()].strip()
    text = re.sub(r"[,.]+$", "", text).strip()
    parts: dict[str, list] = {}
    if m := re.fullmatch(
        r"(?:weekly|every week|each week|hver uke|ukentlig)(?:\s+(?:on|på)\s+(?P<days>.+))?", text
    ):
        parts = {"FREQ": ["WEEKLY"]}
        _add_days(parts, m.group("days"))
    elif m := re.fullmatch(
        r"(?:biweekly|fortnightly|every fortnight|every other week|every second week|annenhver uke|hver annen uke"
        r"|every (?P<n>\d+) weeks|hver (?P<n2>\d+)\.? uke)(?:\s+(?:on|på)\s+(?P<days>.+))?",
        text,
    ):
        parts = {"FREQ": ["WEEKLY"], "INTERVAL": [int(m.group("n") or m.group("n2") or 2)]}
        _add_days(parts, m.group("days"))
    elif m := re.fullmatch(
        r"(?:monthly|every month|hver måned|månedlig)(?:\s+(?:on(?: the)?|på|,)?\s*(?P<nth>\S+)\s+(?P<day>\S+?)(?:\s+(?:i|of the)\s+(?:måneden|month))?)?",
        text,
    ):
        parts = {"FREQ": ["MONTHLY"]}
        if m.group("nth"):
            parts["BYDAY"] = [_nth_day(m.group("nth"), m.group("day"))]
    elif m := re.fullmatch(
        r"(?:hver\s+)?(?P<nth>\S+)\s+(?P<day>\S+?)\s+(?:i|hver|in the|of the|every)\s+(?:måneden|måned|month)", text
    ):
        parts = {"FREQ": ["MONTHLY"], "BYDAY": [_nth_day(m.group("nth"), m.group("day"))]}
    elif re.fullmatch(r"daily|every day|hver dag|daglig", text):
        parts = {"FREQ": ["DAILY"]}
    elif re.fullmatch(r"yearly|annually|every year|hvert år|årlig", text):
        parts = {"FREQ": ["YEARLY"]}
    else:
        raise RecurrenceError("repeat_unknown_form")
    if count is not None:
        if not 1 <= count <= MAX_COUNT:  # before vRecur, which refuses numbers past 2**31
            raise RecurrenceError("repeat_count_out_of_range", max=MAX_COUNT)
        parts["COUNT"] = [count]
    if parts.get("INTERVAL", [1])[0] > MAX_INTERVAL:
        raise RecurrenceError("repeat_invalid_rule")
    return _checked(Recurrence(vRecur(parts).to_ical().decode(), until), first)


def weekday_codes(days_text: str) -> list[str]:
    """``tirsdag og torsdag`` / ``tuesdays, thursdays`` -> ``["TU", "TH"]`` (RFC 5545 day codes).

    Raises :class:`RecurrenceError` naming the first word that is not a weekday.
    """
    codes = []
    for word in re.split(r"\s*(?:,|\band\b|\bog\b)\s*", days_text.casefold().strip()):
        word = word.strip()
        # "tuesdays", "tirsdager": plurals of the day names.
        code = next((_DAY_WORDS[w] for w in (word, word.removesuffix("s"), word.removesuffix("er"))
                     if w in _DAY_WORDS), None)
        if not code:
            raise RecurrenceError("repeat_not_a_weekday", value=word)
        if code not in codes:
            codes.append(code)
    return codes


def _add_days(parts: dict, days_text: str | None) -> None:
    if days_text:
        parts["BYDAY"] = weekday_codes(days_text)


def _nth_day(nth: str, day: str) -> str:
    n = _ORDINALS.get(nth)
    code = _DAY_WORDS.get(day.rstrip(",")) or _DAY_WORDS.get(day.rstrip(",").rstrip("s"))
    if n is None:
        raise RecurrenceError("repeat_bad_ordinal", value=nth)
    if code is None:
        raise RecurrenceError("repeat_not_a_weekday", value=day)
    return f"{n}{code}"


def _checked(rec: Recurrence, first: date) -> Recurrence:
    """Refuse rules that are legal for dateutil but wrong or explosive for a calendar."""
    parts = rec.parts
    interval = int(parts.get("INTERVAL", [1])[0])
    count = int(parts["COUNT"][0]) if "COUNT" in parts else None
    if interval < 1:
        raise RecurrenceError("repeat_interval_too_small")
    # The time of day is Start's: BYHOUR=0..23;BYMINUTE=0..59 would make one event
    # hundreds of thousands of occurrences a year.
    if parts.keys() & {"BYHOUR", "BYMINUTE", "BYSECOND"}:
        raise RecurrenceError("repeat_time_of_day")
    if count is not None and not 1 <= count <= MAX_COUNT:
        raise RecurrenceError("repeat_count_out_of_range", max=MAX_COUNT)
    if 0 in [int(v) for v in parts.get("BYMONTHDAY", [])] + [int(v) for v in parts.get("BYSETPOS", [])]:
        raise RecurrenceError("repeat_day_zero")
    if rec.until and rec.until < first:
        raise RecurrenceError("repeat_until_before_first", until=rec.until.isoformat(), first=first.isoformat())
    if rec.until and (rec.until - first).days > 366 * MAX_RULE_YEARS:
        raise RecurrenceError("repeat_until_too_far", years=MAX_RULE_YEARS)
    try:  # let dateutil be the judge of everything else: the rule must expand
        rule = rec.dateutil_rule(datetime.combine(first, time(12)))
        list(islice(rule, 3))
    except (ValueError, TypeError, OverflowError, IndexError) as exc:
        raise RecurrenceError("repeat_invalid_rule") from exc
    return rec
