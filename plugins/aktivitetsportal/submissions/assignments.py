"""Volunteer assignments (frivillige oppdrag): one Markdown file -> one :class:`Assignment`.

``content/assignments/<slug>.md``. When: ``Start``/``End`` for a day or a period
(``Start: 2027-02-14 09:00-15:00`` for one day), ``Weekly: tirsdag 17:00-19:00``
for an ongoing effort, or neither ("etter avtale"). Checks that need other files
(organizer, venue, related events) are in :mod:`aktivitetsportal.submissions.catalog`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time

from aktivitetsportal.submissions.fields import FieldReader
from aktivitetsportal.submissions.models import Assignment, WeeklyTime
from aktivitetsportal.submissions.recurrence import DAY_CODES, RecurrenceError, weekday_codes
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import (
    classify_link,
    parse_local,
    parse_local_range,
    split_list,
)
from aktivitetsportal.submissions.vocabulary import ASSIGNMENT_SUITS, EVENT_CATEGORIES

__all__ = ["parse_assignment", "parse_weekly", "ASSIGNMENT_FIELDS", "MAX_PEOPLE"]

ASSIGNMENT_FIELDS = {
    "title", "organizer", "category", "start", "end", "weekly", "closes", "location", "venue",
    "people", "age-from", "languages", "suits", "police-certificate", "requirements", "signup",
    "events", "contact", "image", "added", "modified", "slug", "summary",
}
#: The most volunteers one assignment may ask for (a big ski race needs about a hundred).
MAX_PEOPLE = 500

_TIME_SPAN = re.compile(r"(?:kl\.?\s*)?(?P<start>\d{1,2}[:.]\d{2})\s*(?:[-–—]|til|to)\s*(?P<end>\d{1,2}[:.]\d{2})\s*$",
                        re.I)


def parse_weekly(text: str) -> WeeklyTime:
    """``tirsdag og torsdag 17:00-19:00`` -> :class:`WeeklyTime`; raises RecurrenceError or ValueError."""
    span = _TIME_SPAN.search(text)
    days_text = text[: span.start()] if span else text
    days_text = re.sub(r"^\s*(?:hver|every|på|on)\s+", "", days_text.strip(), flags=re.I).strip(" ,")
    codes = weekday_codes(days_text)
    start = end = None
    if span:
        start, end = (time.fromisoformat(span.group(k).replace(".", ":").zfill(5)) for k in ("start", "end"))
        # "21:00-01:00" ends after midnight; otherwise the end must come after the start.
        if end == start or (end < start and end.hour >= 6):
            raise ValueError("end before start")
    return WeeklyTime(tuple(sorted(DAY_CODES.index(c) for c in codes)), start, end)


def parse_assignment(
    source: SourceFile,
    *,
    organizers: Mapping[str, str] | None = None,
    venues: Mapping[str, str] | None = None,
    events: Mapping[str, str] | None = None,
    render: bool = True,
) -> tuple[Assignment | None, list]:
    """Parse one assignment file. Returns the assignment (None if it has errors) and all problems.

    ``organizers``, ``venues`` and ``events`` map what may be written (slug, or exact name)
    to slugs; None: not checked.
    """
    r = FieldReader(source, ASSIGNMENT_FIELDS, translatable=("title", "summary"))
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    title = r.text("title", required=True, example="Title: Besøksvenn for eldre på Raufoss")
    organizer = r.reference("organizer", r.text("organizer", required=True,
                                                  example="Organizer: vestre-toten-frivilligsentral"),
                            organizers, "unknown_organizer")
    category = r.choice("category", EVENT_CATEGORIES, required=True, example="Category: sosialt")
    location = r.text("location", required=True,
                      example="Location: Frivilligsentralen, Storgata 1, 2830 Raufoss")
    signup = _signup(r)
    start, end = _when(r)
    weekly = None
    if weekly_text := r.text("weekly"):
        try:
            weekly = parse_weekly(weekly_text)
        except (RecurrenceError, ValueError):
            r.error("bad_weekly", "weekly", value=weekly_text)
    closes = r.date("closes")
    people = r.whole_number("people", low=1, high=MAX_PEOPLE)
    age_from = r.whole_number("age-from", low=0, high=99)
    suits = r.choices("suits", ASSIGNMENT_SUITS)
    police_certificate = r.yes_no("police-certificate")
    related = tuple(dict.fromkeys(r.reference("events", item, events, "unknown_related_event")
                                  for item in split_list(r.text("events"))))
    translations = r.translations()
    venue = r.reference("venue", r.text("venue"), venues, "unknown_venue")
    image = r.image("image")
    languages, requirements = r.text("languages"), r.text("requirements")
    contact = r.free_text("contact")
    added, modified = r.date("added"), r.date("modified")
    if not source.body.strip():
        r.body_error("missing_description", example="Du besøker en eldre person én gang i uka, går tur eller tar en kaffe.")
    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    return Assignment(
        slug=slug, source_path=source.path, title=title, organizer=organizer, category=category,
        location=location, signup=signup, start=start, end=end, weekly=weekly, closes=closes,
        venue=venue, people=people, age_from=age_from, languages=languages, suits=suits,
        police_certificate=bool(police_certificate), requirements=requirements, events=related,
        contact=contact, image=image, body_html=body_html, body_text=body_text, added=added,
        modified=modified, translations=translations,
    ), r.problems


def _signup(r: FieldReader):
    """How to sign up: a web address, an e-mail address, a phone number or plain words."""
    text = r.text("signup", required=True, example="Signup: post@frivilligsentral.no")
    if not text:
        return None
    link = classify_link(text)
    if link is None:
        r.error("unsafe_link", "signup", value=text)
    return link


def _when(r: FieldReader) -> tuple[datetime | date | None, datetime | date | None]:
    """Start and End: one day, a time span on one day, or a period; End is inclusive."""
    start_text, end_text = r.text("start"), r.text("end")
    start = parse_local(start_text) if start_text else None
    end = parse_local(end_text) if end_text else None
    if start_text and start is None and (span := parse_local_range(start_text)):
        start, end = span if not end_text else (span[0], end)
    if start_text and start is None:
        r.error("bad_datetime", "start", value=start_text)
    if end_text and end is None:
        r.error("bad_datetime", "end", value=end_text)
    if start is not None and end is not None and _day(end) < _day(start):
        r.error("end_before_start", "end", end=end_text, start=start_text, example=_day(start).isoformat())
    if end is not None and start is None and not start_text:
        r.error("missing_field", "start", example="Start: 2027-02-14")
    return start, end


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
