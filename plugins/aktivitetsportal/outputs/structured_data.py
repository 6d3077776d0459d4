"""schema.org ``Event`` JSON-LD for event pages, and a serializer safe inside ``<script>``.

:func:`event_jsonld` describes the next occurrence (startDate/endDate with the
Oslo UTC offset), or the first one for an event that is over; a series also
gets an ``eventSchedule`` when its rule can be said exactly in schema.org
terms. :func:`jsonld_script_text` escapes ``<``, ``>`` and ``&`` (and the
line separators U+2028/2029) as ``\\uXXXX``, so a title containing
``</script>`` cannot end the script element: the result is still plain JSON.
Submitted text is also reduced to plain text first (:func:`plain_text`).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

import nh3

from aktivitetsportal.keys import Audience, PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.submissions.models import Association, Event, Occurrence
from aktivitetsportal.submissions.values import OSLO, shorten

if TYPE_CHECKING:
    from aktivitetsportal.outputs.addresses import PublicUrls

__all__ = [
    "event_jsonld",
    "plain_text",
    "place_of",
    "event_schedule",
    "jsonld_script_text",
    "DESCRIPTION_CHARS",
]

SCHEMA = "https://schema.org"
#: Longest description in the JSON-LD (search engines show a snippet only).
DESCRIPTION_CHARS = 500

_POSTAL = re.compile(r"^(?P<code>\d{4})\s+(?P<place>.+)$")
_WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_FREQUENCY = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
_SCRIPT_SAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def plain_text(text: str) -> str:
    """Submitted text without markup: tags dropped (``<script>``/``<style>`` with their content).

    Structured data is read as plain text by search engines and other tools,
    and some of them render it as HTML; markup in a title is never meant.
    ``a < b`` and ``Barn & unge`` survive unchanged.
    """
    return " ".join(html.unescape(nh3.clean(text, tags=set())).split())


def place_of(location: str, municipality: str = "") -> dict:
    """A ``Place`` from a location line like ``Frivilligsentralen, Storgata 1, 2830 Raufoss``.

    The first part is the place's name, a trailing ``NNNN Town`` the postal code
    and locality, and what is between the street address. A line without a
    postal code keeps its text as the street address, in the municipality.
    """
    location = plain_text(location)
    parts = [p.strip() for p in location.split(",") if p.strip()] or [location]
    address: dict = {"@type": "PostalAddress"}
    postal = _POSTAL.match(parts[-1]) if len(parts) > 1 else None
    if postal:
        street = ", ".join(parts[1:-1])
        if street:
            address["streetAddress"] = street
        address["postalCode"] = postal.group("code")
        address["addressLocality"] = postal.group("place")
    else:
        address["streetAddress"] = ", ".join(parts[1:]) or location
        if municipality:
            address["addressLocality"] = municipality
    address["addressCountry"] = "NO"
    return {"@type": "Place", "name": parts[0] if parts else location, "address": address}


def _iso(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(OSLO).isoformat(timespec="seconds")
    return moment.isoformat()


def event_schedule(event: Event) -> dict | None:
    """A schema.org ``Schedule`` for a series, or None when the rule has no exact equivalent.

    Handled: FREQ with INTERVAL, plain BYDAY weekdays, one positive "nth
    weekday" of a monthly rule (``byMonthWeek``) and COUNT. Anything else
    (last Friday, BYSETPOS, BYMONTHDAY, ...) is left out rather than misstated.
    """
    if event.recurrence is None:
        return None
    parts = event.recurrence.parts
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "COUNT"}:
        return None
    freq = parts["FREQ"][0]
    interval = int(parts.get("INTERVAL", [1])[0])
    schedule: dict = {"@type": "Schedule", "repeatFrequency": f"P{interval}{_FREQUENCY[freq]}"}
    days = [str(d) for d in parts.get("BYDAY", [])]
    if days:
        ordinals = {d[:-2] for d in days}
        if ordinals != {""}:
            if freq != "MONTHLY" or len(ordinals) != 1 or not ordinals.pop().lstrip("+").isdigit():
                return None
            schedule["byMonthWeek"] = int(days[0][:-2])
        schedule["byDay"] = [f"{SCHEMA}/{_WEEKDAYS[d[-2:]]}" for d in days]
    schedule["startDate"] = event.first_day.isoformat()
    if event.recurrence.until:
        schedule["endDate"] = event.recurrence.until.isoformat()
    if "COUNT" in parts:
        schedule["repeatCount"] = int(parts["COUNT"][0])
    if not event.all_day:
        first = Occurrence.at(event, event.start)
        schedule["startTime"] = first.start.strftime("%H:%M:%S")
        schedule["endTime"] = first.end.strftime("%H:%M:%S")
    skipped = sorted(set(event.except_dates) | set(event.cancelled_dates))
    if skipped:
        schedule["exceptDate"] = [d.isoformat() for d in skipped]
    schedule["scheduleTimezone"] = "Europe/Oslo"
    return schedule


def event_jsonld(
    event: Event,
    *,
    urls: PublicUrls,
    occurrence: Occurrence | None = None,
    organizer: Association | None = None,
    municipality: str = "",
) -> dict | None:
    """schema.org ``Event`` for an event page; None if the title is nothing but markup.

    ``occurrence`` is the one to describe (the page's "next time"); without it,
    the event's first occurrence is used, e.g. for an event that is over.
    Submitted text goes through :func:`plain_text`.
    """
    name = plain_text(event.title)
    if not name:  # an Event without a name is invalid structured data: better none
        return None
    occ = occurrence or Occurrence.at(event, event.start)
    page = urls.absolute(url_for(PageKind.EVENT, event.slug))
    cancelled = event.cancelled or occ.cancelled
    data: dict = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": name,
        "url": page,
        "startDate": _iso(occ.start),
        "endDate": _iso(occ.end if isinstance(occ.start, datetime) else occ.last_day),
        "eventStatus": f"{SCHEMA}/{'EventCancelled' if cancelled else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": place_of(event.location, municipality),
        "organizer": {
            "@type": "Organization",
            "name": plain_text(organizer.name) if organizer else event.organizer,
            "url": urls.absolute(url_for(PageKind.ASSOCIATION, event.organizer)),
        },
        "inLanguage": "nb",
    }
    if organizer and organizer.email:
        data["organizer"]["email"] = organizer.email
    if text := plain_text(event.body_text):
        data["description"] = shorten(text, DESCRIPTION_CHARS)
    if event.image:
        data["image"] = (
            event.image if event.image.startswith("https://") else urls.absolute(event.image)
        )
    if event.price is not None:
        data["isAccessibleForFree"] = event.price.is_free
        offer_url = (
            event.registration.href
            if event.registration
            and event.registration.href
            and event.registration.href.startswith(("http://", "https://"))
            else page
        )
        amounts = event.price.amounts or (0,)
        data["offers"] = [
            {"@type": "Offer", "price": str(amount), "priceCurrency": "NOK", "url": offer_url}
            for amount in amounts
        ]
    audiences = [t.label for t in event.audience_terms if t.value != Audience.EVERYONE]
    if audiences:
        data["audience"] = {"@type": "Audience", "audienceType": ", ".join(audiences)}
    if (schedule := event_schedule(event)) is not None:
        data["eventSchedule"] = schedule
    return data


def jsonld_script_text(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``; no ``<``, ``>`` or ``&`` in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_SAFE[m.group()], text)
