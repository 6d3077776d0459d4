"""Event submissions: one Markdown file -> one :class:`Event` (or problems).

The field rules (what is required, which forms are accepted) are documented
for submitters on the site page "Slik sender du inn et arrangement" and for
developers in docs/submission-format.md. Checks that need other files (does
the organizer exist, is the slug unique) are in :mod:`aktivitetsportal.catalog`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta

from aktivitetsportal.submissions.fields import FieldReader, suggestion_hint
from aktivitetsportal.submissions.models import Event
from aktivitetsportal.submissions.problems import Message
from aktivitetsportal.submissions.recurrence import RecurrenceError, parse_repeat
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import (
    LONGEST_DURATION,
    classify_link,
    datetime_suggestion,
    is_ambiguous,
    is_nonexistent,
    parse_date_list,
    parse_duration,
    parse_local,
    parse_local_range,
    parse_price,
    slugify,
)
from aktivitetsportal.submissions.vocabulary import AUDIENCES, DEFAULT_AUDIENCE, EVENT_CATEGORIES

__all__ = ["parse_event", "EVENT_FIELDS", "TRANSLATABLE_FIELDS"]

EVENT_FIELDS = {
    "title", "start", "end", "duration", "location", "organizer", "category", "audience",
    "price", "registration", "repeat", "except", "cancelled-dates", "status", "accessibility",
    "contact", "image", "added", "modified", "slug", "summary", "date", "tags", "import-uid",
    "venue", "step-free",
}
#: Fields an organizer may also write in another language: ``Title-en:``, ``Summary-uk:``.
TRANSLATABLE_FIELDS = ("title", "summary")
_CANCELLED_WORDS = {"cancelled", "canceled", "avlyst", "avlysning"}
_ACTIVE_WORDS = {"", "confirmed", "active", "aktiv", "published", "publisert"}
LONGEST_PLAUSIBLE = timedelta(days=14)


def parse_event(
    source: SourceFile,
    *,
    organizers: Mapping[str, str] | None = None,
    broken_organizers: Collection[str] = (),
    venues: Mapping[str, str] | None = None,
    render: bool = True,
) -> tuple[Event | None, list]:
    """Parse one event file. Returns the event (None if it has errors) and all problems.

    ``organizers`` maps what may be written in Organizer (association slug, or
    its exact name in any case) to the slug (None: not checked);
    ``broken_organizers`` are slugs whose own register file is invalid;
    ``venues`` maps what may be written in Venue (slug or name) to the slug.
    ``render=False`` skips Markdown rendering.
    """
    r = FieldReader(source, EVENT_FIELDS, translatable=TRANSLATABLE_FIELDS)
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    title = r.text("title", required=True, example="Title: Tirsdagskaffe på frivilligsentralen")
    venue = r.reference("venue", r.text("venue"), venues, "unknown_venue")
    # A venue gives the place (the catalog writes its name and address into ``location``).
    location = r.text("location", required=not venue,
                      example="Location: Frivilligsentralen, Storgata 1, 2830 Raufoss")
    organizer = r.text("organizer", required=True, example="Organizer: vestre-toten-frivilligsentral")
    if organizer and organizers is not None:
        organizer = _resolve_organizer(r, organizer, organizers, broken_organizers)
    category = r.choice("category", EVENT_CATEGORIES, required=True, example="Category: sosialt")
    audiences = r.choices("audience", AUDIENCES, default=(DEFAULT_AUDIENCE,))
    start, duration = _read_times(r)
    recurrence, except_dates, cancelled_dates = _read_recurrence(r, start)

    price = None
    if price_text := r.text("price"):
        price = parse_price(price_text)
        if price is None:
            r.error("bad_price", "price", value=price_text)
    registration = None
    if reg_text := r.text("registration"):
        registration = classify_link(reg_text)
        if registration is None:
            r.error("unsafe_link", "registration", value=reg_text)

    status = r.text("status").casefold()
    if status not in _CANCELLED_WORDS | _ACTIVE_WORDS:
        r.error("bad_status", "status", value=r.text("status"))
    image = r.image("image")
    translations = r.translations()
    accessibility = r.text("accessibility")
    contact = r.free_text("contact")
    added = r.date("added")
    modified = r.date("modified")
    r.text("import-uid")  # written by the calendar importer to find its files again; not shown
    step_free = r.yes_no("step-free")

    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    event = Event(
        slug=slug,
        source_path=source.path,
        title=title,
        start=start,
        duration=duration,
        location=location,
        organizer=organizer,
        category=category,
        audiences=audiences,
        price=price,
        registration=registration,
        recurrence=recurrence,
        except_dates=tuple(except_dates),
        cancelled_dates=tuple(cancelled_dates),
        cancelled=status in _CANCELLED_WORDS,
        accessibility=accessibility,
        contact=contact,
        image=image,
        body_html=body_html,
        body_text=body_text,
        added=added,
        modified=modified,
        translations=translations,
        venue=venue,
        step_free=step_free,
    )
    return event, r.problems


def _bad_datetime(r: FieldReader, name: str, written: str) -> None:
    """Not a date and time: the exact fix when the mistake is unambiguous, else the general help."""
    if suggestion := datetime_suggestion(written):
        r.error("bad_datetime_guess", name, value=written, suggestion=suggestion)
    else:
        r.error("bad_datetime", name, value=written)


def _resolve_organizer(r: FieldReader, written: str, organizers: Mapping[str, str],
                       broken: Collection[str]) -> str:
    """The association slug for what was written in Organizer; reports unknown ones."""
    for key in (written, " ".join(written.casefold().split()), slugify(written)):
        if key in organizers:
            return organizers[key]
    if slugify(written) in broken:
        r.error("organizer_invalid", "organizer", value=written, path=f"associations/{slugify(written)}.md")
        return written
    slugs = sorted(set(organizers.values()))
    hint = suggestion_hint(written, slugs)
    example = difflib.get_close_matches(written.casefold(), slugs, n=1, cutoff=0.0)
    r.error("unknown_organizer", "organizer", value=written, slug=slugify(written) or written,
            example=example[0] if example else "vestre-toten-frivilligsentral", **hint)
    return written


def _read_times(r: FieldReader) -> tuple[datetime | date | None, timedelta | None]:
    """Start and duration; End is turned into a duration."""
    start_text = r.text("start", required=True, example="Start: 2026-12-01 18:00")
    start = parse_local(start_text) if start_text else None
    end_text, duration_text = r.text("end"), r.text("duration")
    span = parse_local_range(start_text) if start_text and start is None else None
    if span and not (end_text or duration_text):
        # "Start: 2026-12-01 18:00-20:00" is a common way to write start and end at once.
        start, end_text = span[0], span[1].strftime("%Y-%m-%d %H:%M")
    if start_text and start is None:
        _bad_datetime(r, "start", start_text)
        return None, None
    if isinstance(start, datetime):
        _check_wall_clock(r, "start", start)
    if end_text and duration_text:
        r.error("end_and_duration", "duration")
        return start, None
    if start is None:
        return None, None
    all_day = not isinstance(start, datetime)
    if duration_text:
        duration = parse_duration(duration_text)
        if duration is None:
            r.error("bad_duration", "duration", value=duration_text)
            return start, None
        if all_day:  # "Duration: 2 dager" is not supported; whole days only via End
            duration = max(timedelta(days=1), timedelta(days=duration.days))
    elif end_text:
        end = parse_local(end_text)
        if end is None:
            _bad_datetime(r, "end", end_text)
            return start, None
        if all_day:
            if isinstance(end, datetime):
                r.error("all_day_end_time", "end", example=(start + timedelta(days=1)).isoformat())
                return start, None
            duration = end - start + timedelta(days=1)  # End of an all-day event is inclusive
        else:
            if not isinstance(end, datetime):
                r.error("bad_datetime", "end", value=end_text)
                return start, None
            _check_wall_clock(r, "end", end)
            duration = end - start
        if duration <= timedelta(0):
            r.error("end_before_start", "end", end=end_text, start=start_text,
                    example=_example_end(start))
            return start, None
    elif all_day:
        duration = timedelta(days=1)
    else:
        r.error("missing_end", "duration", example=_example_end(start))
        return start, None
    if duration > LONGEST_DURATION:
        r.error("too_long", "end" if end_text else "duration", days=duration.days)
        return start, None
    if duration > LONGEST_PLAUSIBLE:
        r.warning("long_event", "end" if end_text else "duration", days=duration.days)
    return start, duration


def _example_end(start: datetime | date) -> str:
    if isinstance(start, datetime):
        return (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    return start.isoformat()


def _check_wall_clock(r: FieldReader, name: str, moment: datetime) -> None:
    if is_nonexistent(moment):
        r.error("nonexistent_time", name, value=moment.strftime("%H:%M"), date=moment.date().isoformat(),
                suggestion=moment.replace(hour=3, minute=moment.minute).strftime("%Y-%m-%d %H:%M"))
    elif is_ambiguous(moment):
        r.warning("ambiguous_time", name, value=moment.strftime("%H:%M"), date=moment.date().isoformat())


def _read_recurrence(r: FieldReader, start):
    repeat_text = r.text("repeat")
    except_dates = _date_list(r, "except")
    cancelled_dates = _date_list(r, "cancelled-dates")
    if not repeat_text:
        if except_dates:
            r.error("dates_without_repeat", "except")
        # A one-off event may still list its own date under Cancelled-dates.
        return None, [], cancelled_dates
    if start is None:  # still check the Repeat syntax, so all problems are listed at once
        try:
            parse_repeat(repeat_text, date(2000, 1, 1))
        except RecurrenceError as exc:
            r.error("bad_repeat", "repeat", value=repeat_text, reason=exc.reason)
        return None, except_dates, cancelled_dates
    first = start.date() if isinstance(start, datetime) else start
    try:
        recurrence = parse_repeat(repeat_text, first)
    except RecurrenceError as exc:
        r.error("bad_repeat", "repeat", value=repeat_text, reason=exc.reason)
        return None, except_dates, cancelled_dates
    dtstart = start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
    rule = recurrence.dateutil_rule(dtstart)
    first_hit = rule.after(dtstart, inc=True)
    if first_hit is None or first_hit != dtstart:
        r.error("bad_repeat", "repeat", value=repeat_text,
                reason=Message("repeat_start_not_in_rule_first", {"start": first.isoformat(),
                                                                  "first": first_hit.date().isoformat()})
                if first_hit else Message("repeat_start_not_in_rule", {"start": first.isoformat()}))
        return None, except_dates, cancelled_dates
    for name, dates in (("except", except_dates), ("cancelled-dates", cancelled_dates)):
        for day in dates:
            moment = datetime.combine(day, dtstart.time())
            if rule.after(moment, inc=True) != moment:
                r.warning("date_not_in_series", name, value=day.isoformat(), start=first.isoformat())
    return recurrence, except_dates, cancelled_dates


def _date_list(r: FieldReader, name: str) -> list[date]:
    text = r.text(name)
    if not text:
        return []
    dates, bad = parse_date_list(text)
    for item in bad:
        r.error("bad_date", name, value=item)
    return dates
