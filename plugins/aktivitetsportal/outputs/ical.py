"""iCalendar (RFC 5545) feeds of events, built with icalendar.

One VEVENT per event: a series stays one VEVENT with an RRULE (UNTIL in UTC
for timed events, a date for all-day ones) and EXDATE for its ``Except:``
dates; each ``Cancelled-dates:`` date becomes a RECURRENCE-ID override with
STATUS:CANCELLED, so subscribers see "AVLYST" on that day instead of the
occurrence silently disappearing. A whole cancelled event stays in the feed
with STATUS:CANCELLED. Timed events use TZID=Europe/Oslo, and every calendar
carries one compact, rule-based VTIMEZONE for it.

Nothing here reads the clock, so the same content and the same "today" give
byte-identical files. The rules for UID, DTSTAMP, LAST-MODIFIED and SEQUENCE
are in :func:`event_uid`, :func:`event_stamp`, :func:`event_last_modified` and
:func:`event_sequence`, and documented in docs/feeds.md.

Also here: "add to calendar" links for Google Calendar and Outlook on the web,
and the calendar of grant deadlines (:func:`grant_deadline_calendar`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import icalendar
from dateutil.rrule import rrulestr
from icalendar import (
    Alarm,
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vRecur,
)
from icalendar import Event as VEvent

from aktivitetsportal.domain.calendar import naive_start
from aktivitetsportal.domain.grant_deadlines import next_deadline
from aktivitetsportal.keys import Audience, PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.fingerprints import Unfingerprintable, fingerprint
from aktivitetsportal.submissions.models import Association, Deadline, Event, Grant, Occurrence
from aktivitetsportal.submissions.parse_cache import code_version
from aktivitetsportal.submissions.values import OSLO, localize, shorten
from aktivitetsportal.text.phrases import (
    event_rule,
    long_date_with_year,
    price_label,
    time_range,
)

if TYPE_CHECKING:
    from aktivitetsportal.domain.portal import PortalSite
    from aktivitetsportal.outputs.addresses import PublicUrls

__all__ = [
    "PRODID",
    "TZID",
    "REFRESH_INTERVAL",
    "FALLBACK_STAMP",
    "oslo_vtimezone",
    "event_uid",
    "event_stamp",
    "event_last_modified",
    "event_sequence",
    "event_description",
    "event_components",
    "new_calendar",
    "build_calendar",
    "calendar_bytes",
    "google_calendar_url",
    "outlook_calendar_url",
    "GRANT_REMINDER",
    "grant_deadline_uid",
    "grant_deadline_description",
    "grant_deadline_components",
    "grant_deadline_calendar",
]

PRODID = "-//Aktivitetsportalen//Aktivitetsportalen//NB"
TZID = "Europe/Oslo"
#: How often subscribers should fetch a feed (REFRESH-INTERVAL and X-PUBLISHED-TTL) when the
#: caller does not say: the nightly rebuild (settings.PortalSettings.feed_refresh_hours).
REFRESH_INTERVAL = timedelta(hours=24)
#: DTSTAMP of an event with neither ``Modified:`` nor ``Added:`` (never the build time).
FALLBACK_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
#: SEQUENCE counts days since ``Added:``, or since this day when there is no ``Added:``.
SEQUENCE_EPOCH = date(2000, 1, 1)
CANCELLED_PREFIX = "AVLYST: "

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_WEB = "https://outlook.live.com/calendar/deeplink/compose"
#: Characters of the description carried in "add to calendar" links (URLs must stay short).
LINK_DETAILS_CHARS = 600


# -- time zone -------------------------------------------------------------


def oslo_vtimezone() -> Timezone:
    """Europe/Oslo as one STANDARD and one DAYLIGHT rule (EU rules, in force since 1996).

    Twenty lines instead of the ~140 of ``add_missing_timezones()`` (one RDATE
    per transition 1970–2038), and correct for every date the feeds contain.
    """
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1996, 3, 31, 2, 0))  # last Sunday of March 1996, 02:00 CET
    daylight.add("rrule", vRecur(FREQ="YEARLY", BYMONTH=3, BYDAY="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0))  # last Sunday of October 1996, 03:00 CEST
    standard.add("rrule", vRecur(FREQ="YEARLY", BYMONTH=10, BYDAY="-1SU"))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


# -- identity and versioning -----------------------------------------------


def event_uid(event: Event, host: str) -> str:
    """``<slug>@<host>``: the slug comes from the file name (or ``Slug:``), not its folder.

    Moving or renaming the folder keeps the UID; renaming the file changes the
    event page URL too, and a new UID is then the honest answer.
    """
    return f"{event.slug}@{host}"


def _day_start_utc(day: date) -> datetime:
    """Midnight Oslo time of ``day``, in UTC (DTSTAMP and LAST-MODIFIED must be UTC)."""
    return datetime.combine(day, time.min, OSLO).astimezone(UTC)


def event_last_modified(event: Event) -> datetime | None:
    """Start of the ``Modified:`` day, else of the ``Added:`` day (UTC); None if neither."""
    day = event.modified or event.added
    return _day_start_utc(day) if day else None


def event_stamp(event: Event) -> datetime:
    """DTSTAMP: as LAST-MODIFIED, or :data:`FALLBACK_STAMP` (never the build time)."""
    return event_last_modified(event) or FALLBACK_STAMP


def event_sequence(event: Event) -> int:
    """SEQUENCE: whole days from ``Added:`` (else 2000-01-01) to ``Modified:``; 0 without it.

    The format has no revision counter, and a build cannot see earlier builds,
    so the rule uses the one date that must move forward when an event is
    changed: whoever changes the time (or cancels) sets ``Modified:`` to the
    day of the change, and SEQUENCE grows with it. It never decreases as long
    as ``Modified:`` only moves forward and ``Added:`` stays put.
    """
    if event.modified is None:
        return 0
    base = event.added or SEQUENCE_EPOCH
    return max(0, (event.modified - base).days)


# -- text ------------------------------------------------------------------


def _when_text(event: Event) -> str:
    first = Occurrence.at(event, event.start)
    when = time_range(first.start, first.end)
    if event.all_day:  # "Hele dagen" starts a line on pages; here it is mid-sentence
        when = when[0].lower() + when[1:]
    if event.recurrence:
        text = f"{event_rule(event)}, {when}"
        text += f", fra {long_date_with_year(event.first_day)}"
        if event.recurrence.until:
            text += f" til og med {long_date_with_year(event.recurrence.until)}"
        return text
    return f"{long_date_with_year(event.first_day)}, {when}"


def event_description(
    event: Event, organizer: Association | None, page_url: str, cancelled_day: date | None = None
) -> str:
    """Plain-text DESCRIPTION: the description text, then the facts, then the page link.

    ``cancelled_day`` is set for the override of one cancelled occurrence.
    """
    lines = []
    if event.cancelled:
        lines += ["AVLYST: Dette arrangementet er avlyst.", ""]
    elif cancelled_day is not None:
        lines += [f"AVLYST {long_date_with_year(cancelled_day)}: denne gangen er avlyst.", ""]
    if event.body_text:
        lines += [event.body_text, ""]
    lines.append(f"Når: {_when_text(event)}")
    lines.append(f"Sted: {event.location}")
    if event.price is not None:
        lines.append(f"Pris: {price_label(event.price)}")
    lines.append(f"Arrangør: {organizer.name if organizer else event.organizer}")
    if event.registration:
        reg = event.registration
        link = f" ({reg.href})" if reg.href and reg.href != reg.text and not reg.is_email else ""
        lines.append(f"Påmelding: {reg.text}{link}")
    if event.accessibility:
        lines.append(f"Tilgjengelighet: {event.accessibility}")
    if event.contact:
        lines.append(f"Kontakt: {event.contact}")
    lines.append(f"Mer informasjon: {page_url}")
    return "\n".join(lines)


# -- components --------------------------------------------------------------


def _until_value(event: Event) -> datetime | date | None:
    """UNTIL for the RRULE: a date for all-day events, else the end of the last day in UTC.

    RFC 5545 requires UNTIL in UTC when DTSTART has a TZID. The core's
    ``until`` is an inclusive last date; 23:59:59 Oslo time on that day keeps
    every occurrence of the day and none after it.
    """
    rec = event.recurrence
    if rec is None:
        return None
    until = rec.until
    if until is not None and "COUNT" in rec.parts:
        # RFC 5545 forbids COUNT and UNTIL together; keep COUNT and cut with UNTIL
        # only if the until date comes first (dateutil stops at whichever is first).
        last = list(rrulestr(rec.rule, dtstart=naive_start(event)))[-1]
        if last.date() <= until:
            return None
    if until is None:
        return None
    if event.all_day:
        return until
    return localize(datetime.combine(until, time(23, 59, 59))).astimezone(UTC)


def _rrule(event: Event) -> vRecur:
    parts = vRecur.from_ical(event.recurrence.rule)
    until = _until_value(event)
    if until is not None:
        parts.pop("COUNT", None)
        parts["UNTIL"] = [until]
    return parts


def _occurrence_start(event: Event, day: date) -> datetime | date:
    """Start of the series' occurrence on ``day`` (aware for timed events)."""
    if event.all_day:
        return day
    return localize(datetime.combine(day, event.start.time()))


def _cancelled_occurrence_days(event: Event) -> list[date]:
    """``Cancelled-dates:`` that are real occurrences of the series (not Except dates)."""
    if event.recurrence is None or event.cancelled:
        return []
    rule = event.recurrence.dateutil_rule(naive_start(event))
    days = []
    for day in sorted(set(event.cancelled_dates) - set(event.except_dates)):
        moment = datetime.combine(day, naive_start(event).time())
        if rule.after(moment, inc=True) == moment:
            days.append(day)
    return days


def _base_properties(component: VEvent, event: Event, uid: str) -> None:
    component.add("uid", uid)
    component.add("dtstamp", event_stamp(event))
    if (modified := event_last_modified(event)) is not None:
        component.add("last-modified", modified)
    component.add("sequence", event_sequence(event))


def _describe(
    component: VEvent,
    event: Event,
    organizer: Association | None,
    page_url: str,
    summary: str,
    cancelled_day: date | None = None,
) -> None:
    component.add("summary", summary)
    component.add("description", event_description(event, organizer, page_url, cancelled_day))
    component.add("location", event.location)
    component.add("url", page_url)
    categories = [event.category_term.label] + [
        t.label for t in event.audience_terms if t.value != Audience.EVERYONE
    ]
    component.add("categories", categories)
    if organizer and organizer.email:
        component.add(
            "organizer", vCalAddress(f"mailto:{organizer.email}"), parameters={"CN": organizer.name}
        )


def event_components(
    event: Event, *, urls: PublicUrls, organizer: Association | None = None
) -> list[VEvent]:
    """The VEVENT of ``event``, followed by one override per cancelled occurrence."""
    uid = event_uid(event, urls.uid_host)
    page_url = urls.absolute(url_for(PageKind.EVENT, event.slug))
    first = Occurrence.at(event, event.start)
    # A one-off whose own date is listed under Cancelled-dates is a cancelled event.
    cancelled = event.cancelled or (event.recurrence is None and first.cancelled)

    master = VEvent()
    _base_properties(master, event, uid)
    master.add("dtstart", first.start)
    master.add("dtend", first.end)
    if event.recurrence is not None:
        master.add("rrule", _rrule(event))
        if event.except_dates:
            master.add("exdate", [_occurrence_start(event, d) for d in sorted(event.except_dates)])
    master.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    _describe(
        master, event, organizer, page_url, (CANCELLED_PREFIX if cancelled else "") + event.title
    )
    components = [master]

    for day in _cancelled_occurrence_days(event):
        occ = Occurrence.at(
            event, datetime.combine(day, event.start.time()) if not event.all_day else day
        )
        override = VEvent()
        _base_properties(override, event, uid)
        override.add("recurrence-id", occ.start)
        override.add("dtstart", occ.start)
        override.add("dtend", occ.end)
        override.add("status", "CANCELLED")
        _describe(override, event, organizer, page_url, CANCELLED_PREFIX + event.title, day)
        components.append(override)
    return components


# -- calendars -------------------------------------------------------------


def new_calendar(
    *,
    name: str | None = None,
    description: str | None = None,
    url: str | None = None,
    source: str | None = None,
    refresh: timedelta = REFRESH_INTERVAL,
) -> Calendar:
    """An empty VCALENDAR with the Europe/Oslo VTIMEZONE.

    With ``name`` it is a subscription feed: NAME/X-WR-CALNAME, DESCRIPTION/
    X-WR-CALDESC, URL, SOURCE, REFRESH-INTERVAL and X-PUBLISHED-TTL are set.
    Without, it is a one-event download: apps that see a calendar name on
    import (Outlook, Apple Calendar) would otherwise offer to create a new
    calendar for a single event.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.calendar_name = name  # NAME and X-WR-CALNAME
        if description:
            cal.description = description  # DESCRIPTION and X-WR-CALDESC
        if url:
            cal.url = url
        if source:
            cal.source = source
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))
    # Floating and UTC times do not occur; X-WR-TIMEZONE is for clients that read it only.
    cal.add("x-wr-timezone", TZID)
    cal.add_component(oslo_vtimezone())
    return cal


def build_calendar(
    site: PortalSite, events: Iterable[Event], urls: PublicUrls, **calendar_props
) -> Calendar:
    """A VCALENDAR of ``events``, in order; ``calendar_props`` go to :func:`new_calendar`."""
    cal = new_calendar(**calendar_props)
    associations = site.catalog.associations
    for event in events:
        for component in event_components(
            event, urls=urls, organizer=associations.get(event.organizer)
        ):
            cal.add_component(component)
    return cal


def calendar_bytes(cal: Calendar) -> bytes:
    """The file content: UTF-8, CRLF line ends, lines folded at 75 octets by icalendar."""
    return cal.to_ical()


class CalendarFileWriter:
    """Writes many calendar files, serialising each event's VEVENTs only once.

    An event appears in up to a dozen feeds (whole calendar, category,
    audiences, organizer, free, its own file); building and folding its
    components once and splicing the bytes keeps feeds cheap on big sites.
    The result is the same as :func:`calendar_bytes` of :func:`build_calendar`.
    """

    _END = b"END:VCALENDAR\r\n"

    def __init__(self, site: PortalSite, urls: PublicUrls, stored: dict[str, bytes] | None = None,
                 memo: dict | None = None):
        """``stored``: each event's bytes from the last build, by the fingerprint of what they
        were made from (the event, its organizer, the settings, the code); :attr:`used` is
        what to keep for the next build. ``memo``: the build's fingerprints by identity (see
        :func:`.fingerprint`), shared with the page keys."""
        self._site = site
        self._urls = urls
        self._events: dict[str, bytes] = {}
        self._keys: dict[str, str | None] = {}
        self._heads: dict[tuple, bytes] = {}
        self._zones: bytes | None = None
        self._stored = stored
        self._memo: dict = {} if memo is None else memo
        self._constants = code_version() + icalendar.__version__ + fingerprint((site.settings, urls), self._memo)
        self.used: dict[str, bytes] = {}

    def event_key(self, event: Event) -> str | None:
        """The fingerprint of what the event's bytes are made from; None if it cannot be told."""
        if event.slug not in self._keys:
            organizer = self._site.catalog.associations.get(event.organizer)
            try:
                made_from = fingerprint((event, organizer), self._memo)
            except Unfingerprintable:
                self._keys[event.slug] = None
            else:
                self._keys[event.slug] = hashlib.sha256((self._constants + made_from).encode()).hexdigest()
        return self._keys[event.slug]

    def file_key(self, events: Iterable[Event], **calendar_props) -> str | None:
        """The fingerprint of what :meth:`calendar_file` makes of the same arguments."""
        keys = [self.event_key(event) for event in events]
        if None in keys:
            return None
        try:
            props = fingerprint(calendar_props, self._memo)
        except Unfingerprintable:
            return None
        return hashlib.sha256("\0".join([self._constants, props, *keys]).encode()).hexdigest()

    def event_bytes(self, event: Event) -> bytes:
        cached = self._events.get(event.slug)
        if cached is None:
            organizer = self._site.catalog.associations.get(event.organizer)
            key = self.event_key(event) if self._stored is not None else None
            cached = self._stored.get(key) if key is not None else None
            if cached is None:
                components = event_components(event, urls=self._urls, organizer=organizer)
                cached = b"".join(c.to_ical() for c in components)
            if key is not None:
                self.used[key] = cached
            self._events[event.slug] = cached
        return cached

    def _head(self, cal: Calendar) -> bytes:
        """``cal`` serialised, its VTIMEZONE (the same in every feed) folded only once."""
        zones, cal.subcomponents = cal.subcomponents, []
        properties = calendar_bytes(cal)
        if self._zones is None:
            self._zones = b"".join(zone.to_ical() for zone in zones)
        if not properties.endswith(self._END):
            raise ValueError("unexpected VCALENDAR serialisation")
        return properties[: -len(self._END)] + self._zones + self._END

    def calendar_file(self, events: Iterable[Event], **calendar_props) -> bytes:
        """The bytes of a VCALENDAR of ``events``; ``calendar_props`` go to :func:`new_calendar`."""
        key = tuple(sorted(calendar_props.items()))
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = self._head(new_calendar(**calendar_props))
        body = b"".join(self.event_bytes(event) for event in events)
        return head[: -len(self._END)] + body + self._END


# -- "add to calendar" links -------------------------------------------------


def _query(params: dict[str, str]) -> str:
    # quote (not quote_plus): "+" in a UTC offset must arrive as "%2B", spaces as "%20".
    return urlencode(params, quote_via=quote, safe="/")


def _link_details(occ: Occurrence, page_url: str) -> str:
    event = occ.event
    parts = [shorten(event.body_text, LINK_DETAILS_CHARS)] if event.body_text else []
    parts.append(f"Mer informasjon: {page_url}")
    return "\n\n".join(parts)


def google_calendar_url(occ: Occurrence, urls: PublicUrls) -> str:
    """Google Calendar's "add event" link for one occurrence, in Oslo local time.

    ``dates`` are local wall-clock times and ``ctz=Europe/Oslo`` says whose;
    all-day events use dates with an exclusive end, as in iCalendar.
    """
    if isinstance(occ.start, datetime):
        fmt = "%Y%m%dT%H%M%S"
        dates = (
            f"{occ.start.astimezone(OSLO).strftime(fmt)}/{occ.end.astimezone(OSLO).strftime(fmt)}"
        )
    else:
        dates = f"{occ.start.strftime('%Y%m%d')}/{occ.end.strftime('%Y%m%d')}"
    page_url = urls.absolute(url_for(PageKind.EVENT, occ.event.slug))
    params = {
        "action": "TEMPLATE",
        "text": occ.event.title,
        "dates": dates,
        "ctz": TZID,
        "details": _link_details(occ, page_url),
        "location": occ.event.location,
    }
    return f"{GOOGLE_CALENDAR}?{_query(params)}"


def outlook_calendar_url(occ: Occurrence, urls: PublicUrls) -> str:
    """Outlook on the web's "add event" link: ISO 8601 times with their Oslo UTC offset."""
    if isinstance(occ.start, datetime):
        start = occ.start.astimezone(OSLO).isoformat(timespec="seconds")
        end = occ.end.astimezone(OSLO).isoformat(timespec="seconds")
        all_day = "false"
    else:
        start, end, all_day = occ.start.isoformat(), occ.end.isoformat(), "true"
    page_url = urls.absolute(url_for(PageKind.EVENT, occ.event.slug))
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": occ.event.title,
        "startdt": start,
        "enddt": end,
        "allday": all_day,
        "body": _link_details(occ, page_url),
        "location": occ.event.location,
    }
    return f"{OUTLOOK_WEB}?{_query(params)}"


# -- grant deadlines -----------------------------------------------------------

#: When the reminder (VALARM) of a grant deadline goes off: 14 days before the day.
GRANT_REMINDER = timedelta(days=14)
GRANT_SUMMARY_PREFIX = "Søknadsfrist: "


def grant_deadline_uid(grant: Grant, host: str, day: date | None = None, yearly: tuple[int, int] | None = None) -> str:
    """``frist-<slug>-<YYYY-MM-DD>@<host>`` for a fixed date, ``frist-<slug>-arlig-MM-DD@<host>``
    for a yearly one: the same deadline keeps its UID from build to build."""
    if yearly is not None:
        month, day_of_month = yearly
        return f"frist-{grant.slug}-arlig-{month:02d}-{day_of_month:02d}@{host}"
    if day is None:
        raise ValueError("a fixed date or a yearly (month, day) is needed")
    return f"frist-{grant.slug}-{day.isoformat()}@{host}"


def grant_deadline_description(grant: Grant, page_url: str) -> str:
    """Plain-text DESCRIPTION of a deadline: giver, amount and the grant page."""
    lines = [f"Søknadsfrist for {grant.name}."]
    if grant.giver:
        lines.append(f"Gis av: {grant.giver}")
    if grant.amount:
        lines.append(f"Beløp: {grant.amount}")
    lines.append(f"Mer informasjon og søknad: {page_url}")
    return "\n".join(lines)


def _yearly_rule(month: int, day: int) -> vRecur:
    """FREQ=YEARLY on (month, day); 29 February is "the last day of February", which
    falls on the 28th in other years, as :func:`next_deadline` counts it."""
    month_day = -1 if (month, day) == (2, 29) else day
    return vRecur(FREQ="YEARLY", BYMONTH=month, BYMONTHDAY=month_day)


def _deadline_component(grant: Grant, uid: str, day: date, page_url: str) -> VEvent:
    component = VEvent()
    component.add("uid", uid)
    component.add("dtstamp", FALLBACK_STAMP)  # grants carry no Added:/Modified: dates
    component.add("sequence", 0)
    component.add("dtstart", day)
    component.add("dtend", day + timedelta(days=1))
    component.add("summary", GRANT_SUMMARY_PREFIX + grant.name)
    component.add("description", grant_deadline_description(grant, page_url))
    component.add("url", page_url)
    component.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    component.add("status", "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Søknadsfrist om {GRANT_REMINDER.days} dager: {grant.name}")
    alarm.add("trigger", -GRANT_REMINDER)
    component.add_component(alarm)
    return component


def grant_deadline_components(grant: Grant, *, urls: PublicUrls, today: date, days_back: int) -> list[VEvent]:
    """One all-day VEVENT per deadline of ``grant``, fixed dates first.

    Fixed dates from ``days_back`` days before ``today`` on (no upper limit: a
    grant has few dates); a yearly date is one VEVENT with FREQ=YEARLY whose
    DTSTART is its first day on or after that same day. Rolling grants give none.
    """
    page_url = urls.absolute(url_for(PageKind.GRANT, grant.slug))
    since = today - timedelta(days=days_back)
    components = [
        _deadline_component(grant, grant_deadline_uid(grant, urls.uid_host, day=day), day, page_url)
        for day in sorted(set(grant.deadline.dates))
        if day >= since
    ]
    for month, day in sorted(set(grant.deadline.yearly)):
        first = next_deadline(Deadline(yearly=((month, day),)), since)
        component = _deadline_component(
            grant, grant_deadline_uid(grant, urls.uid_host, yearly=(month, day)), first, page_url
        )
        component.add("rrule", _yearly_rule(month, day))
        components.append(component)
    return components


def grant_deadline_calendar(
    grants: Iterable[Grant], *, urls: PublicUrls, today: date, days_back: int, **calendar_props
) -> Calendar:
    """A VCALENDAR of the deadlines of ``grants`` (in slug order); ``calendar_props`` go
    to :func:`new_calendar`."""
    cal = new_calendar(**calendar_props)
    for grant in sorted(grants, key=lambda g: g.slug):
        for component in grant_deadline_components(grant, urls=urls, today=today, days_back=days_back):
            cal.add_component(component)
    return cal
