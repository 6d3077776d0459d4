"""Published calendars (iCalendar, ``.ics``) turned into event submission files.

Google, Outlook and Apple calendars are read with ``icalendar``; every series or
single VEVENT becomes a :class:`Draft`: the fields and Markdown body of one event
file, in Europe/Oslo wall-clock time, written with :func:`writing.source_text`.
Per-event trouble is a :class:`Problem` (a code with parameters) located at the
line where its VEVENT begins, so one broken event never stops the others.
``commands/import_ics.py`` chooses file names, writes, prunes and reports.

How the calendar maps to the format (docs/submission-format.md, "Import-uid"):

- UTC, ``TZID`` (IANA or Windows names, with or without VTIMEZONE) and floating
  times become Oslo wall clock; floating times belong to ``X-WR-TIMEZONE`` if the
  calendar names one, else to Oslo.
- RRULE -> ``Repeat: FREQ=...`` with UNTIL as the local date of the last
  occurrence; EXDATE -> ``Except:``; an override (RECURRENCE-ID) with
  STATUS:CANCELLED -> ``Cancelled-dates:``; an override that moves or renames
  an occurrence -> its own file, and its date in the series' ``Except:``; each RDATE -> a
  file of its own.
- HTML descriptions (``X-ALT-DESC``, or HTML in DESCRIPTION) -> Markdown with
  markdownify; links other than http(s)/mailto/tel and pictures are dropped.
- ``CLASS:PRIVATE``/``CONFIDENTIAL`` events are never imported.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import islice
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from dateutil.rrule import rrulestr
from icalendar import Calendar, vBroken, vRecur
from icalendar.parser import unescape_backslash
from icalendar.timezone import tzp
from markdownify import MarkdownConverter

from aktivitetsportal.submissions.fields import MAX_BODY_CHARS, MAX_CHARS
from aktivitetsportal.submissions.problems import Problem
from aktivitetsportal.submissions.recurrence import MAX_RULE_YEARS
from aktivitetsportal.submissions.values import (
    FIRST_YEAR,
    LAST_YEAR,
    OSLO,
    classify_link,
    clean_text,
    localize,
    shorten,
    slugify,
)

__all__ = [
    "IMPORT_UID", "DEFAULT_DURATION", "ImportOptions", "Draft", "CalendarRead", "CalendarUnreadable",
    "read_calendar", "file_stem", "html_to_markdown", "text_to_markdown",
]

#: The field that records which calendar event a file came from.
IMPORT_UID = "import-uid"
#: Duration given to a timed event whose calendar has neither DTEND nor DURATION.
DEFAULT_DURATION = timedelta(hours=1)
#: Shorter than this (seconds are dropped) is no length at all.
_SHORTEST = timedelta(minutes=1)
#: A DURATION longer than this is a mistake (the reader allows a quarter of a year).
_LONGEST = timedelta(days=366)
#: Occurrences compared when checking that a series keeps its Oslo time.
_SERIES_CHECK = 400
#: The most starts of a rule ever expanded here: a daily series over the longest span allowed.
_MOST_STARTS = 366 * MAX_RULE_YEARS + 1
_HIDDEN_CLASSES = {"PRIVATE", "CONFIDENTIAL"}
_UTC_NAMES = {"UTC", "Etc/UTC", "Z"}
#: Components that only stand directly in a VCALENDAR: one inside another means a missing END.
_TOP_LEVEL = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"}
_CANCELLED_PREFIX = re.compile(r"^\s*(?:avlyst|avlysning|cancell?ed)\s*[:\-–]\s*", re.IGNORECASE)
# RFC 5545 folding: a line break followed by one space or tab continues the line. It may
# cut a UTF-8 character in two, so lines are unfolded as bytes, before decoding.
_LINE_BREAK = re.compile(rb"\r\n|\n|\r(?!\n)")


class CalendarUnreadable(ValueError):
    """Nothing in the source is an iCalendar calendar."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the calendar does not say: whose events they are and what to fill in."""

    organizer: str  # association slug
    category: str  # EVENT_CATEGORIES value
    location: str = ""  # for events without LOCATION
    since: date | None = None  # events that ended before this day are skipped


@dataclass(frozen=True, slots=True)
class Draft:
    """One event file to write: fields by name (``title``, ``start``, ...) and the body."""

    key: str  # the Import-uid value
    title: str
    line: int  # where its VEVENT begins in the source
    fields: dict[str, str]
    body: str


@dataclass(slots=True)
class CalendarRead:
    """Everything read from one calendar."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Import-uid values of every event in the calendar, also those not imported this time
    #: (past, private or broken): their files are not pruned.
    keys: set[str] = field(default_factory=set)
    events: int = 0  # VEVENTs found
    #: False when part of the calendar could not be read (cut off, broken): then nothing may be
    #: pruned, as the events that were not read are not known.
    complete: bool = True
    past: int = 0  # skipped: ended before ``since``
    private: int = 0  # skipped: CLASS:PRIVATE or CONFIDENTIAL


@dataclass(slots=True)
class _Block:
    """A top-level component (VEVENT, VTIMEZONE, ...) as unfolded content lines."""

    name: str
    line: int
    lines: list[str] = field(default_factory=list)
    complete: bool = False
    broken: str = ""  # why its structure is wrong


@dataclass(slots=True)
class _Layout:
    header: list[str] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    found: bool = False
    ended: bool = False  # END:VCALENDAR was read


class _EventError(ValueError):
    """An event that cannot be imported; ``code`` and ``params`` say why."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


# -- reading the file ----------------------------------------------------------


def _content_lines(data: bytes, source: str, problems: list[Problem]) -> list[tuple[int, str]]:
    """Unfolded, decoded content lines, each with the number of the line it starts on."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    logical: list[tuple[int, bytearray]] = []
    for number, raw in enumerate(_LINE_BREAK.split(data), start=1):
        if raw[:1] in (b" ", b"\t") and logical:
            logical[-1][1].extend(raw[1:])
        elif raw.strip():
            logical.append((number, bytearray(raw)))
    lines = []
    for number, raw in logical:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
            problems.append(Problem(source, "import_not_utf8", line=number, severity="warning"))
        lines.append((number, text))
    return lines


def _line_name(line: str) -> tuple[str, str]:
    """``BEGIN:VEVENT`` -> (``BEGIN``, ``VEVENT``): the property name and value, upper case."""
    name, _, value = line.partition(":")
    return name.split(";", 1)[0].strip().upper(), value.strip().upper()


def _layout(lines: list[tuple[int, str]]) -> _Layout:
    """The calendar's own lines and its top-level components, in order.

    icalendar refuses a whole file for one broken or cut-off component; splitting
    first lets every complete event be read on its own.
    """
    layout = _Layout()
    depth = 0
    stack: list[str] = []
    block: _Block | None = None
    for number, line in lines:
        name, value = _line_name(line)
        if depth == 0:
            if (name, value) == ("BEGIN", "VCALENDAR"):
                layout.found, layout.ended, depth = True, False, 1
            continue
        if depth == 1:
            if name == "BEGIN":
                block = _Block(value, number, [line])
                layout.blocks.append(block)
                stack, depth = [value], 2
            elif name == "END":
                depth, layout.ended = 0, True
            else:
                layout.header.append(line)
            continue
        if name == "BEGIN" and value in _TOP_LEVEL or (name, value) == ("END", "VCALENDAR"):
            # The block never ended: keep it as broken and read on from here.
            block.broken, block.complete = block.broken or f"END:{block.name}", True
            if name == "END":
                depth, layout.ended = 0, True
                continue
            block = _Block(value, number, [line])
            layout.blocks.append(block)
            stack = [value]
            continue
        block.lines.append(line)
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            if value != stack[-1] and not block.broken:
                block.broken = line.strip()
            if value in stack:
                del stack[len(stack) - 1 - stack[::-1].index(value):]
            if not stack:
                block.complete, depth = True, 1
    return layout


def _parse_block(layout: _Layout, block: _Block, zones: list[_Block]):
    """The VEVENT of ``block``, parsed with the calendar's properties and time zones."""
    text = "\r\n".join(["BEGIN:VCALENDAR", *layout.header, *(line for z in zones for line in z.lines),
                        *block.lines, "END:VCALENDAR", ""])
    calendar = Calendar.from_ical(text)
    return calendar.walk("VEVENT")[0]


# -- values ------------------------------------------------------------------


def _title(component) -> str:
    """SUMMARY on one line, without invisible characters (as the reader will see it)."""
    return " ".join(clean_text(_text(component, "summary")).split())


def _text(component, name: str) -> str:
    value = component.get(name)
    if value is None or isinstance(value, vBroken):
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _raw_text(component, name: str) -> str:
    """An X- property's text, with the iCalendar escapes (``\\n``, ``\\,``) undone."""
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    raw = value.to_ical() if hasattr(value, "to_ical") else str(value)
    raw = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    return unescape_backslash(raw).strip()


def _when(component, name: str):
    """The date or date-time of ``name`` (None if absent); anything else is an error."""
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0]
    moment = None if isinstance(value, vBroken) else getattr(value, "dt", None)
    if not _is_moment(moment):
        raise _EventError("import_bad_value", property=name.upper(), value=_shown(value))
    return moment


def _is_moment(value) -> bool:
    """A date or date-time in the years the portal accepts (far ones overflow in arithmetic)."""
    return isinstance(value, date) and FIRST_YEAR <= value.year <= LAST_YEAR


def _shown(value) -> str:
    """A broken value as written, for a message."""
    raw = value.to_ical() if hasattr(value, "to_ical") else str(value)
    return (raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw))[:80]


def _calendar_zone(layout: _Layout) -> tzinfo | None:
    """The zone named by ``X-WR-TIMEZONE`` (Google, Apple), if it is a known one."""
    for line in layout.header:
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].strip().upper() == "X-WR-TIMEZONE" and value.strip():
            try:
                return tzp.timezone(value.strip())
            except (ValueError, OSError):  # "Europe" is a folder of zoneinfo, not a zone
                return None
    return None


@dataclass(slots=True)
class _Clock:
    """Turns the calendar's times into Oslo wall-clock values."""

    zone: tzinfo | None  # X-WR-TIMEZONE
    unknown_zones: set[str] = field(default_factory=set)

    def local(self, value, tzid: str = ""):
        """Naive Oslo wall-clock datetime (seconds dropped), or the date as it is."""
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            if tzid:  # a TZID that is neither IANA, Windows, nor defined in the file
                self.unknown_zones.add(tzid)
            if self.zone is None:
                return value.replace(second=0, microsecond=0)
            value = value.replace(tzinfo=self.zone)
        return value.astimezone(OSLO).replace(tzinfo=None, second=0, microsecond=0)

    def source_zone(self, value) -> tzinfo | None:
        """The zone a series is expanded in by the calendar that wrote it (None: Oslo)."""
        if not isinstance(value, datetime) or value.tzinfo is None:
            return self.zone
        if str(value.tzinfo) in _UTC_NAMES and self.zone is not None:
            return self.zone  # Google writes UTC times and means the calendar's zone
        return value.tzinfo


def _tzid(component, name: str) -> str:
    value = component.get(name)
    params = getattr(value, "params", None) or {}
    return str(params.get("TZID", ""))


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _stamp(value) -> str:
    """``2026-12-01 18:00`` or ``2026-12-01``, as the format writes times."""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def _duration_text(span: timedelta) -> str:
    """``2h``, ``1h30min``, ``45min``: a Duration field the reader understands."""
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}min" if minutes else "")


def _dates(component, name: str, clock: _Clock, *, days: bool = True) -> list:
    """EXDATE or RDATE (several properties, several values each) as Oslo dates, or as Oslo
    starts with ``days=False`` (a PERIOD counts by its start)."""
    values = component.get(name)
    if values is None:
        return []
    found = set()
    for item in values if isinstance(values, list) else [values]:
        if isinstance(item, vBroken) or not hasattr(item, "dts"):
            raise _EventError("import_bad_value", property=name.upper(), value=_shown(item))
        tzid = str(item.params.get("TZID", "")) if getattr(item, "params", None) else ""
        for value in item.dts:
            moment = value.dt[0] if isinstance(value.dt, tuple) else value.dt
            if not _is_moment(moment):
                raise _EventError("import_bad_value", property=name.upper(), value=_shown(value))
            local = clock.local(moment, tzid)
            found.add(_day(local) if days else local)
    return sorted(found, key=lambda v: (_day(v), isinstance(v, datetime), str(v)))


# -- descriptions --------------------------------------------------------------


def _unwrapped(href: str) -> str:
    """The real address of a Google redirect link (``https://www.google.com/url?q=<address>``)."""
    parts = urlsplit(href)
    if parts.hostname in {"www.google.com", "google.com"} and parts.path == "/url":
        target = parse_qs(parts.query).get("q", [""])[0]
        if target.startswith(("https://", "http://")):
            return target
    return href


class _SafeMarkdown(MarkdownConverter):
    """markdownify, keeping only links the site shows (http(s), mailto, tel) and no pictures."""

    def convert_a(self, el, text, parent_tags):
        link = classify_link(_unwrapped(el.get("href") or ""))
        if link is None or link.href is None:
            return text
        el["href"] = link.href
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return el.get("alt") or ""


def html_to_markdown(markup: str) -> str:
    """An HTML description (Outlook's X-ALT-DESC, Google's DESCRIPTION) as Markdown.

    The page head, scripts and styles are dropped; the result is sanitised again at
    build like every description.
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["head", "title", "style", "script", "template"]):
        tag.decompose()
    text = _SafeMarkdown(heading_style="ATX", bullets="-").convert_soup(soup)
    # Line breaks (<br>) end in two spaces; one before a blank line, or on it, means nothing.
    text = re.sub(r"[ \t]+(?=\n[ \t]*\n)|^[ \t]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_to_markdown(text: str) -> str:
    """A plain-text description as Markdown that shows it as written (lines and paragraphs)."""
    paragraphs = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip())
    markup = "".join("<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
                     for p in paragraphs)
    return html_to_markdown(markup)


def _looks_like_html(text: str) -> bool:
    return BeautifulSoup(text, "html.parser").find(True) is not None


def _description(component) -> str:
    alt = component.get("x-alt-desc")
    alt = alt[0] if isinstance(alt, list) else alt
    if alt is not None and "html" in str(getattr(alt, "params", {}).get("FMTTYPE", "")).lower():
        if body := html_to_markdown(_raw_text(component, "x-alt-desc")):
            return body
    text = _text(component, "description")
    if not text:
        return ""
    return html_to_markdown(text) if _looks_like_html(text) else text_to_markdown(text)


# -- one event -----------------------------------------------------------------


@dataclass(slots=True)
class _Event:
    """A parsed VEVENT and what identifies it: UID, RECURRENCE-ID (Oslo), SEQUENCE."""

    uid: str
    line: int
    component: object
    sequence: int
    recurrence_id: datetime | date | None = None


def _sequence(component) -> int:
    value = component.get("sequence")
    try:
        return int(value) if value is not None and not isinstance(value, vBroken) else 0
    except (TypeError, ValueError):
        return 0


def _times(component, clock: _Clock) -> tuple[datetime | date, datetime | date | None, timedelta | None]:
    """Start, and either an end or a duration, in Oslo wall clock."""
    start_value = _when(component, "dtstart")
    if start_value is None:
        raise _EventError("import_no_start", title=_title(component))
    start = clock.local(start_value, _tzid(component, "dtstart"))
    end_value = _when(component, "dtend")
    if end_value is not None:
        end = clock.local(end_value, _tzid(component, "dtend"))
        if isinstance(start, datetime) and not isinstance(end, datetime):
            end = datetime.combine(end, time.min)
        return start, end, None
    duration = component.get("duration")
    if duration is not None:
        span = None if isinstance(duration, vBroken) else getattr(duration, "dt", None)
        if not isinstance(span, timedelta) or span > _LONGEST:
            raise _EventError("import_bad_value", property="DURATION", value=_shown(duration))
        return start, None, span
    return start, None, None


def _time_fields(start, end, duration, note) -> tuple[dict[str, str], timedelta]:
    """Start and End/Duration as the format writes them, and the length of one occurrence."""
    if not isinstance(start, datetime):  # all-day: End is the inclusive last day
        days = (_day(end) - start).days if end is not None else (duration.days if duration else 1)
        span = timedelta(days=max(days, 1))
        last = start + span - timedelta(days=1)
        return {"start": _stamp(start), "end": _stamp(last) if last != start else ""}, span
    if end is not None and end - start >= _SHORTEST:
        return {"start": _stamp(start), "end": _stamp(end)}, end - start
    if duration is None or duration < _SHORTEST:  # also DTEND = DTSTART: "no end" in many apps
        note("import_no_end")
        duration = DEFAULT_DURATION
    return {"start": _stamp(start), "duration": _duration_text(duration)}, duration


def _starts(rule_text: str, dtstart: datetime, until: datetime | None = None,
            limit: int = _MOST_STARTS) -> list[datetime]:
    """The rule's starts (up to ``until``, at most ``limit``: by default what a daily series
    has in the longest span allowed); none when dateutil cannot expand it (validation then
    says why)."""
    starts = []
    try:
        for moment in islice(rrulestr(rule_text, dtstart=dtstart), limit):
            if until is not None and moment > until:
                break
            starts.append(moment)
    except (ValueError, TypeError, OverflowError, IndexError):
        return []
    return starts


def _repeat(component, start, clock: _Clock) -> tuple[str, date | None]:
    """The Repeat field (``FREQ=...;UNTIL=<local date>``) and the series' last day (None: open)."""
    rule = component.get("rrule")
    if rule is None:
        return "", None
    if isinstance(rule, list):
        rule = rule[0]
    if isinstance(rule, vBroken) or not isinstance(rule, vRecur):
        raise _EventError("import_bad_value", property="RRULE", value=_shown(rule))
    parts = vRecur(rule)
    until_values = parts.pop("UNTIL", None)
    text = vRecur(parts).to_ical().decode()
    dtstart = start if isinstance(start, datetime) else datetime.combine(start, time.min)
    last_day = None
    if until_values:
        until = clock.local(until_values[0])
        if isinstance(until, datetime) and not isinstance(start, datetime):
            until = until.date()
        if _day(until) - _day(start) > timedelta(days=366 * MAX_RULE_YEARS):
            until = None  # "no end" written as a far-off year: an open series
        elif isinstance(until, datetime):
            # UNTIL is an instant; the format's until is a day: the day of the last start.
            starts = _starts(text, dtstart, until)
            until = starts[-1].date() if starts else until.date()
        if until is not None:
            text += f";UNTIL={until:%Y%m%d}"
            last_day = until
    if "COUNT" in parts:
        starts = _starts(text, dtstart)
        last_day = starts[-1].date() if starts else None
    return text, last_day


def _series_time_varies(rule_text: str, start: datetime, zone: tzinfo | None) -> bool:
    """True if a series written in ``zone`` does not keep one Oslo wall-clock time.

    Our series repeat in Oslo wall-clock time. One written in UTC (or a zone with other
    summer-time dates) moves by an hour in Oslo for part of the year.
    """
    if zone is None or not isinstance(start, datetime):
        return False

    def gap(moment: datetime) -> timedelta:
        aware = localize(moment)
        return aware.utcoffset() - aware.astimezone(zone).utcoffset()

    first = gap(start)
    return any(gap(moment) != first for moment in _starts(rule_text, start, limit=_SERIES_CHECK))


def _location(component, fallback: str) -> str:
    """LOCATION (its lines joined with commas), else Apple's place title, else ``fallback``."""
    if text := _text(component, "location"):
        return ", ".join(part.strip(" ,") for part in text.splitlines() if part.strip(" ,"))
    apple = component.get("x-apple-structured-location")
    apple = apple[0] if isinstance(apple, list) else apple
    if apple is not None and (title := str(getattr(apple, "params", {}).get("X-TITLE", "")).strip()):
        return title
    return fallback


def _safe_url(component) -> str:
    link = classify_link(_text(component, "url"))
    return link.href if link is not None and link.href and link.href.startswith("http") else ""


def _short_body(body: str) -> str:
    """A description cut to the limit at a paragraph (or word) boundary, with "…"."""
    cut = body[: MAX_BODY_CHARS - 1]
    boundary = max(cut.rfind("\n\n"), cut.rfind(" "))
    return (cut[:boundary] if boundary > MAX_BODY_CHARS // 2 else cut).rstrip() + " …"


@dataclass(frozen=True, slots=True)
class _Converted:
    """A VEVENT in the format's terms: its draft, and what overrides are compared with."""

    draft: Draft
    start: datetime | date
    span: timedelta
    last_day: date | None  # None: a series without end
    location: str


def _converted(component, key: str, line: int, clock: _Clock, options: ImportOptions,
               source: str, problems: list[Problem], parent: _Converted | None = None) -> _Converted:
    """One VEVENT as a draft; warnings go to ``problems``, errors raise :class:`_EventError`.

    ``parent`` is the series an override belongs to: an override without its own
    place or description keeps the series' ones.
    """
    title = _title(component)
    cancelled = _text(component, "status").upper() == "CANCELLED"
    if cancelled:  # Outlook renames a cancelled meeting "Avlyst: ..."; the site marks it itself
        title = _CANCELLED_PREFIX.sub("", title) or title

    def note(code: str, **params) -> None:
        problems.append(Problem(source, code, line=line, params={"title": title, **params},
                                severity="warning"))

    if not title:
        raise _EventError("import_no_title")
    start, end, duration = _times(component, clock)
    fields, span = _time_fields(start, end, duration, note)
    repeat, last_day = _repeat(component, start, clock) if parent is None else ("", None)
    if repeat:
        zone = clock.source_zone(_when(component, "dtstart"))
        if _series_time_varies(repeat, start, zone):
            note("import_time_varies", zone=str(zone), time=start.strftime("%H:%M"))
        fields["repeat"] = repeat
        fields["except"] = ", ".join(d.isoformat() for d in _dates(component, "exdate", clock))
    else:
        last_day = _day(start + span) if isinstance(start, datetime) else start + span - timedelta(days=1)
    if cancelled:
        fields["status"] = "cancelled"
    location = _location(component, parent.location if parent else options.location)
    fields.update(organizer=options.organizer, category=options.category)
    for name, value in (("title", title), ("location", location)):
        if len(value) > MAX_CHARS[name]:
            note("import_shortened", field_name=name.capitalize(), length=len(value),
                 limit=MAX_CHARS[name])
            value = shorten(value, MAX_CHARS[name])
        fields[name] = value
    for name, prop in (("added", "created"), ("modified", "last-modified")):
        try:
            stamp = _when(component, prop)
        except _EventError:
            stamp = None  # a broken CREATED or LAST-MODIFIED only loses the date
        if stamp is not None:
            fields[name] = _day(clock.local(stamp)).isoformat()
    fields[IMPORT_UID] = key
    body = _description(component) or (parent.draft.body if parent else "")
    if (url := _safe_url(component)) and url not in body:
        body = f"{body}\n\n<{url}>".strip()
    if len(body) > MAX_BODY_CHARS:
        note("import_description_shortened", limit=MAX_BODY_CHARS)
        body = _short_body(body)
    return _Converted(Draft(key, title, line, fields, body), start, span, last_day, location)


def _occurrence_key(uid: str, moment) -> str:
    stamp = moment.strftime("%Y%m%dT%H%M%S") if isinstance(moment, datetime) else moment.strftime("%Y%m%d")
    return f"{uid};RECURRENCE-ID={stamp}"


def file_stem(draft: Draft) -> str:
    """``strikkekafe-3fa2c1d0``: the title for people, a short hash of the UID to stay unique."""
    digest = hashlib.sha256(draft.key.encode("utf-8")).hexdigest()[:8]
    words = slugify(draft.title)[:48].strip("-")
    return f"{words or 'arrangement'}-{digest}"


# -- the whole calendar ------------------------------------------------------


def _newest(events: list[_Event], source: str, problems: list[Problem]) -> list[_Event]:
    """One VEVENT per UID and RECURRENCE-ID: the highest SEQUENCE (then the later one)."""
    kept: dict[tuple, _Event] = {}
    for event in events:
        key = (event.uid, event.recurrence_id)
        other = kept.get(key)
        if other is None:
            kept[key] = event
            continue
        newer, older = (event, other) if event.sequence >= other.sequence else (other, event)
        kept[key] = newer
        problems.append(Problem(source, "import_duplicate_uid", line=older.line, severity="warning",
                                params={"uid": event.uid, "title": _title(older.component),
                                        "kept": newer.line, "sequence": newer.sequence}))
    return list(kept.values())


@dataclass(slots=True)
class _Series:
    """A series being imported, and the dates its overrides take out of it."""

    converted: _Converted
    moved: set[date] = field(default_factory=set)  # -> Except
    cancelled: set[date] = field(default_factory=set)  # -> Cancelled-dates

    def draft(self) -> Draft:
        draft = self.converted.draft
        fields = dict(draft.fields)
        for name, extra in (("except", self.moved), ("cancelled-dates", self.cancelled - self.moved)):
            days = {date.fromisoformat(d.strip()) for d in fields.get(name, "").split(",") if d.strip()}
            fields[name] = ", ".join(d.isoformat() for d in sorted(days | extra))
        return Draft(draft.key, draft.title, draft.line, fields, draft.body)


def _unchanged(override: _Converted, series: _Converted, occurrence) -> bool:
    """An override that changes nothing a page shows (only its stamp or sequence)."""
    shown = ("title", "location", "status")
    same_fields = all(override.draft.fields.get(n, "") == series.draft.fields.get(n, "") for n in shown)
    return (same_fields and override.draft.body == series.draft.body
            and override.start == occurrence and override.span == series.span)


def read_calendar(data: bytes, source: str, options: ImportOptions) -> CalendarRead:
    """Every event of an iCalendar file as drafts, and the problems of those left out.

    Raises :class:`CalendarUnreadable` when the data holds no calendar at all.
    """
    result = CalendarRead()
    layout = _layout(_content_lines(data, source, result.problems))
    if not layout.found:
        raise CalendarUnreadable(source)
    clock = _Clock(_calendar_zone(layout))
    zones = [b for b in layout.blocks if b.name == "VTIMEZONE" and b.complete and not b.broken]
    events: list[_Event] = []
    result.complete = layout.ended
    for block in layout.blocks:
        if block.name != "VEVENT":
            continue
        result.events += 1
        if event := _read_block(layout, block, zones, clock, source, result.problems):
            events.append(event)
        elif not block.complete or block.broken or _block_has_uid(block):
            result.complete = False
    events = _newest(events, source, result.problems)
    has_series = {e.uid for e in events if e.recurrence_id is None}
    series: dict[str, _Series] = {}
    # Series first, so their overrides find them.
    for event in sorted(events, key=lambda e: (e.recurrence_id is not None, e.line)):
        if converted := _convert(event, has_series, series, clock, options, source, result):
            if event.recurrence_id is None:
                series[event.uid] = _Series(converted)
            else:
                result.drafts.append(converted.draft)
    for zone in sorted(clock.unknown_zones):
        result.problems.append(Problem(source, "import_unknown_timezone", severity="warning",
                                       params={"zone": zone}))
    result.drafts = sorted([s.draft() for s in series.values()] + result.drafts,
                           key=lambda d: (d.line, d.fields["start"]))
    return result


def _block_has_uid(block: _Block) -> bool:
    """True for a block that names a UID but could not be read (an earlier import may have it)."""
    return any(_line_name(line)[0] == "UID" for line in block.lines)


def _read_block(layout: _Layout, block: _Block, zones: list[_Block], clock: _Clock, source: str,
                problems: list[Problem]) -> _Event | None:
    """The VEVENT of one block, or None after reporting why it cannot be read."""
    if not block.complete:
        problems.append(Problem(source, "import_truncated", line=block.line))
        return None
    if block.broken:
        problems.append(Problem(source, "import_malformed", line=block.line, params={"error": block.broken}))
        return None
    try:
        component = _parse_block(layout, block, zones)
    except Exception as exc:  # noqa: BLE001 - icalendar fails in many ways on bad input
        problems.append(Problem(source, "import_malformed", line=block.line, params={"error": str(exc)[:120]}))
        return None
    uid = _text(component, "uid")
    if not uid:
        problems.append(Problem(source, "import_no_uid", line=block.line,
                                params={"title": _title(component)}))
        return None
    try:
        rid = _when(component, "recurrence-id")
    except _EventError as exc:
        problems.append(Problem(source, exc.code, line=block.line,
                                params={"title": _title(component), **exc.params}))
        return None
    rid = clock.local(rid, _tzid(component, "recurrence-id")) if rid is not None else None
    return _Event(uid, block.line, component, _sequence(component), rid)


def _convert(event: _Event, has_series: set[str], series: dict[str, _Series], clock: _Clock,
             options: ImportOptions, source: str, result: CalendarRead) -> _Converted | None:
    """The event converted, or None when it is left out, private, past or only changes its series."""
    component = event.component
    override = event.recurrence_id is not None
    key = _occurrence_key(event.uid, event.recurrence_id) if override else event.uid
    result.keys.add(key)
    if _text(component, "class").upper() in _HIDDEN_CLASSES:
        result.private += 1
        return None
    cancelled = _text(component, "status").upper() == "CANCELLED"
    parent = series.get(event.uid) if override else None
    if parent is not None and not parent.converted.draft.fields.get("repeat") and not cancelled:
        parent = None  # a changed copy of a one-off event: imported as it is
    if override and cancelled and event.uid in has_series:
        if parent is not None:
            parent.cancelled.add(_day(event.recurrence_id))
        return None
    problems: list[Problem] = []
    try:
        converted = _converted(component, key, event.line, clock, options, source, problems,
                               parent.converted if parent is not None else None)
    except _EventError as exc:
        params = {"title": _title(component), **exc.params}
        result.problems.append(Problem(source, exc.code, line=event.line, params=params))
        return None
    if parent is not None:
        occurrence = event.recurrence_id
        if isinstance(parent.converted.start, datetime) and not isinstance(occurrence, datetime):
            occurrence = datetime.combine(occurrence, parent.converted.start.time())
        if _unchanged(converted, parent.converted, occurrence):
            return None
        parent.moved.add(_day(event.recurrence_id))
    if options.since is not None and converted.last_day is not None and converted.last_day < options.since:
        result.past += 1
        return None
    result.problems.extend(problems)
    if not converted.location:
        result.problems.append(Problem(source, "import_no_location", line=event.line,
                                       params={"title": converted.draft.title}))
        return None
    if not override:
        try:
            extra = _dates(component, "rdate", clock, days=False)
        except _EventError as exc:
            result.problems.append(Problem(source, exc.code, line=event.line,
                                           params={"title": converted.draft.title, **exc.params}))
            return None
        for start in extra:
            if start != converted.start:
                _add_extra_date(converted, event.uid, start, options, result)
    return converted


def _add_extra_date(series: _Converted, uid: str, start, options: ImportOptions,
                    result: CalendarRead) -> None:
    """An RDATE (a date outside the rule) as a one-off file with the series' other fields."""
    key = f"{uid};RDATE={start:%Y%m%dT%H%M%S}" if isinstance(start, datetime) else f"{uid};RDATE={start:%Y%m%d}"
    result.keys.add(key)
    if isinstance(series.start, datetime) and not isinstance(start, datetime):
        start = datetime.combine(start, series.start.time())
    last_day = _day(start + series.span) if isinstance(start, datetime) else start + series.span - timedelta(days=1)
    if options.since is not None and last_day < options.since:
        result.past += 1
        return
    fields = {name: value for name, value in series.draft.fields.items()
              if name not in {"repeat", "except", "cancelled-dates", "end", "duration"}}
    fields["start"] = _stamp(start)
    if "duration" in series.draft.fields:
        fields["duration"] = series.draft.fields["duration"]
    elif isinstance(start, datetime):
        fields["end"] = _stamp(start + series.span)
    elif last_day != start:
        fields["end"] = _stamp(last_day)
    fields[IMPORT_UID] = key
    draft = series.draft
    result.drafts.append(Draft(key, draft.title, draft.line, fields, draft.body))
