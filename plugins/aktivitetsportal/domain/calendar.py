"""The activity calendar: every occurrence in the build window, expanded once.

:class:`ActivityCalendar` expands each event's recurrence a single time, then
buckets the occurrences by day and by event; every page (front page, weeks,
months, listings, event pages) reads those buckets, so no page loops over all
events for every day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.models import Event, Occurrence
from aktivitetsportal.submissions.vocabulary import AUDIENCES, EVENT_CATEGORIES, Term

__all__ = ["ActivityCalendar", "EventSummary", "Week", "Month", "expand_event", "naive_start"]

#: Longest span of days one occurrence is listed on (long all-day events).
MAX_LISTED_DAYS = 14


def naive_start(event: Event) -> datetime:
    """The first start as a naive wall-clock datetime (midnight for all-day events)."""
    return event.start if isinstance(event.start, datetime) else datetime.combine(event.start, time.min)


def expand_event(event: Event, start: date, end: date) -> list[Occurrence]:
    """Occurrences of ``event`` that begin on a day in [start, end), Except dates removed."""
    lower = datetime.combine(start, time.min)
    upper = datetime.combine(end, time.min) - timedelta(microseconds=1)
    if event.recurrence is None:
        first = naive_start(event)
        starts = [first] if lower <= first <= upper else []
    else:
        dtstart = naive_start(event)
        excluded = set(event.except_dates)
        starts = [s for s in event.recurrence.starts(dtstart, lower, upper) if s.date() not in excluded]
    return [Occurrence.at(event, s if isinstance(event.start, datetime) else s.date()) for s in starts]


@dataclass(frozen=True, slots=True)
class EventSummary:
    """An event as listed on category, audience and organizer pages."""

    event: Event
    next: Occurrence | None
    upcoming_count: int


@dataclass(frozen=True, slots=True)
class Week:
    iso_year: int
    number: int

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.iso_year, self.number, 1)

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def key(self) -> str:
        return f"{self.iso_year}-{self.number:02d}"

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def days(self) -> list[date]:
        nxt = self.shifted(1).first
        return [self.first + timedelta(days=i) for i in range((nxt - self.first).days)]

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def weeks(self) -> list[Week]:
        """The ISO weeks the month's days fall in (Monday first), the rows of a month grid."""
        week, last = Week.of(self.first), Week.of(self.days[-1])
        result = [week]
        while result[-1] != last:
            result.append(result[-1].shifted(1))
        return result

    def __contains__(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


class ActivityCalendar:
    """All occurrences between ``today - days_back`` and ``today + days_ahead``."""

    def __init__(self, events: list[Event], settings: PortalSettings):
        self.settings = settings
        self.today = settings.today
        self.window_start = self.today - timedelta(days=settings.days_back)
        self.window_end = self.today + timedelta(days=settings.days_ahead + 1)  # exclusive
        self.events = sorted(events, key=lambda e: (e.title.casefold(), e.slug))
        self.occurrences: list[Occurrence] = []
        self._by_event: dict[str, list[Occurrence]] = {}
        self._by_day: dict[date, list[Occurrence]] = defaultdict(list)
        for event in self.events:
            occurrences = expand_event(event, self.window_start, self.window_end)
            self._by_event[event.slug] = occurrences
            self.occurrences.extend(occurrences)
        self.occurrences.sort(key=lambda o: o.sort_key)
        for occ in self.occurrences:
            last = min(occ.last_day, occ.day + timedelta(days=MAX_LISTED_DAYS - 1))
            day = occ.day
            while day <= last:
                self._by_day[day].append(occ)
                day += timedelta(days=1)
        self._summaries = {e.slug: self._summarize(e) for e in self.events}

    # -- days --------------------------------------------------------------
    def on(self, day: date) -> list[Occurrence]:
        """Occurrences that take place on ``day`` (sorted by time)."""
        return self._by_day.get(day, [])

    def days(self, first: date, count: int) -> list[tuple[date, list[Occurrence]]]:
        return [(d, self.on(d)) for d in (first + timedelta(days=i) for i in range(count))]

    def front_page_days(self) -> list[tuple[date, list[Occurrence]]]:
        """Today and the next ``front_page_days`` days, empty days included."""
        return self.days(self.today, self.settings.front_page_days + 1)

    # -- weeks and months --------------------------------------------------
    def weeks(self) -> list[Week]:
        """Every ISO week that overlaps the window."""
        week, last = Week.of(self.window_start), Week.of(self.window_end - timedelta(days=1))
        result = [week]
        while result[-1] != last:
            result.append(result[-1].shifted(1))
        return result

    def months(self) -> list[Month]:
        month, last = Month.of(self.window_start), Month.of(self.window_end - timedelta(days=1))
        result = [month]
        while result[-1] != last:
            result.append(result[-1].shifted(1))
        return result

    # -- events ------------------------------------------------------------
    def occurrences_of(self, event: Event) -> list[Occurrence]:
        return self._by_event.get(event.slug, [])

    def upcoming_of(self, event: Event) -> list[Occurrence]:
        """Occurrences from today (inclusive) to the end of the window."""
        return [o for o in self.occurrences_of(event) if o.last_day >= self.today]

    def summary(self, event: Event) -> EventSummary:
        return self._summaries[event.slug]

    def _summarize(self, event: Event) -> EventSummary:
        upcoming = self.upcoming_of(event)
        active = [o for o in upcoming if not o.cancelled] or upcoming
        if not active:  # maybe it starts after the window: still upcoming, not past
            return EventSummary(event, self._first_after_window(event), 0)
        return EventSummary(event, active[0], len(upcoming))

    def _first_after_window(self, event: Event) -> Occurrence | None:
        """The first occurrence on or after the window's end (events planned far ahead)."""
        limit = datetime.combine(self.window_end, time.min)
        if event.recurrence is None:
            start = naive_start(event)
            return Occurrence.at(event, event.start) if start >= limit else None
        rule = event.recurrence.dateutil_rule(naive_start(event))
        moment = rule.after(limit, inc=True)
        for _ in range(len(event.except_dates) + 1):
            if moment is None or moment.date() not in event.except_dates:
                break
            moment = rule.after(moment)
        if moment is None:
            return None
        return Occurrence.at(event, moment if not event.all_day else moment.date())

    def upcoming_events(self, events: list[Event] | None = None) -> list[EventSummary]:
        """Events with an occurrence from today on, soonest first."""
        chosen = self.events if events is None else events
        summaries = [self._summaries[e.slug] for e in chosen if self._summaries[e.slug].next]
        return sorted(summaries, key=lambda s: s.next.sort_key)

    def past_events(self) -> list[Event]:
        """Finished events, newest first: one-offs that are over and series that have ended.

        An event is finished when it has no occurrence from today on, neither in the window
        nor after it (Except dates skipped): a series still running is not past, even on the
        days its earlier occurrences are shown. Events that ended before the window count too.
        """
        past = [e for e in self.events if self._summaries[e.slug].next is None and e.first_day < self.today]
        last = {e.slug: self.last_occurrence(e) for e in past}
        return sorted(past, key=lambda e: (last[e.slug].day if last[e.slug] else e.first_day, e.slug), reverse=True)

    def last_occurrence(self, event: Event) -> Occurrence | None:
        """The latest occurrence that began before today (in the window, or else before it)."""
        earlier = [o for o in self.occurrences_of(event) if o.day < self.today]
        if earlier:
            return earlier[-1]
        limit = datetime.combine(self.window_start, time.min)
        if event.recurrence is None:
            return Occurrence.at(event, event.start) if naive_start(event) < limit else None
        rule = event.recurrence.dateutil_rule(naive_start(event))
        moment = rule.before(limit)
        for _ in range(len(event.except_dates) + 1):
            if moment is None or moment.date() not in event.except_dates:
                break
            moment = rule.before(moment)
        if moment is None or moment.date() in event.except_dates:
            return None
        return Occurrence.at(event, moment if not event.all_day else moment.date())

    # -- listings ----------------------------------------------------------
    def by_category(self) -> list[tuple[Term, list[EventSummary]]]:
        return [(term, self.upcoming_events([e for e in self.events if e.category == term.value]))
                for term in EVENT_CATEGORIES]

    def by_audience(self) -> list[tuple[Term, list[EventSummary]]]:
        """Per audience: events for that audience, and events for everyone ("alle")."""
        return [
            (term, self.upcoming_events(
                [e for e in self.events if e.is_for(term.value)]))
            for term in AUDIENCES
        ]

    def free_events(self) -> list[EventSummary]:
        return self.upcoming_events([e for e in self.events if e.is_free])

    def by_organizer(self) -> dict[str, list[Event]]:
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            grouped[event.organizer].append(event)
        return grouped
