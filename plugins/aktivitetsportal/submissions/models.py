"""The portal's data: events and their occurrences, associations, grants.

Plain frozen dataclasses with no Pelican in sight. Times of timed events are
naive Europe/Oslo wall-clock values; :class:`Occurrence` carries aware ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from aktivitetsportal.keys import AssignmentKind, Audience
from aktivitetsportal.submissions.recurrence import Recurrence
from aktivitetsportal.submissions.values import OSLO, Link, Price, localize, sort_key_nb
from aktivitetsportal.submissions.vocabulary import (
    AUDIENCES,
    DEFAULT_AUDIENCE,
    EVENT_CATEGORIES,
    Term,
)

__all__ = [
    "Event", "Occurrence", "Association", "Grant", "Deadline", "Translation",
    "WeeklyTime", "Assignment", "Room", "VenueAccess", "Venue", "EquipmentItem",
]


@dataclass(frozen=True, slots=True)
class Translation:
    """A submitter's own translation of a title and summary (``Title-en:``, ``Summary-en:``)."""

    lang: str
    title: str = ""
    summary: str = ""


class _OwnTranslations:
    """For items that carry the submitter's own ``translations`` (``Title-en:``, ``Summary-uk:``)."""

    __slots__ = ()

    def translation(self, lang: str) -> Translation | None:
        """The submitter's own translation into ``lang``, if they wrote one."""
        return next((t for t in self.translations if t.lang == lang), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(_OwnTranslations):
    """One submitted event: a one-off or a repeating series."""

    slug: str
    source_path: str
    title: str
    start: datetime | date  # naive local datetime, or a date for all-day events
    duration: timedelta  # for all-day events: whole days (1 day = one day)
    location: str
    organizer: str  # association slug
    category: str  # EVENT_CATEGORIES value
    audiences: tuple[str, ...] = (DEFAULT_AUDIENCE,)
    price: Price | None = None  # None: price not given
    registration: Link | None = None
    recurrence: Recurrence | None = None
    except_dates: tuple[date, ...] = ()
    cancelled_dates: tuple[date, ...] = ()
    cancelled: bool = False
    accessibility: str = ""
    contact: str = ""
    image: str = ""
    body_html: str = ""
    body_text: str = ""
    added: date | None = None
    modified: date | None = None
    translations: tuple[Translation, ...] = ()
    venue: str = ""  # venue slug (content/venues/)
    step_free: bool | None = None  # written on the event; else the venue's says

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def category_term(self) -> Term:
        return EVENT_CATEGORIES.get(self.category)

    @property
    def audience_terms(self) -> list[Term]:
        return [AUDIENCES.get(a) for a in self.audiences]

    def is_for(self, audience: str) -> bool:
        """True if the event is for ``audience``; an event for everyone ("alle") is for every audience."""
        return audience in self.audiences or Audience.EVERYONE in self.audiences

    @property
    def is_free(self) -> bool:
        return self.price is not None and self.price.is_free



@dataclass(frozen=True, slots=True)
class Occurrence:
    """One time an event happens, with aware Europe/Oslo times (dates if all-day)."""

    event: Event
    start: datetime | date
    end: datetime | date  # exclusive for all-day events
    cancelled: bool = False
    #: The day it starts and the last calendar day it touches: worked out once, as the calendar
    #: and every page that lists it ask for them over and over.
    day: date = field(init=False, repr=False, compare=False)
    last_day: date = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        day = self.start.date() if isinstance(self.start, datetime) else self.start
        if isinstance(self.end, datetime):
            last_day = max((self.end - timedelta(microseconds=1)).astimezone(OSLO).date(), day)
        else:
            last_day = max(self.end - timedelta(days=1), day)
        object.__setattr__(self, "day", day)  # frozen: set as the dataclass's own __init__ does
        object.__setattr__(self, "last_day", last_day)

    @classmethod
    def at(cls, event: Event, naive_start: datetime | date) -> Occurrence:
        if event.all_day:
            day = naive_start.date() if isinstance(naive_start, datetime) else naive_start
            end = day + event.duration
            start: datetime | date = day
        else:
            start = localize(naive_start)
            # Wall-clock arithmetic: a 2h event starting 01:00 on the DST day ends 03:00 local.
            end = localize(naive_start + event.duration)
            day = naive_start.date()
        cancelled = event.cancelled or day in event.cancelled_dates
        return cls(event, start, end, cancelled)

    @property
    def sort_key(self) -> tuple:
        minute = self.start.hour * 60 + self.start.minute if isinstance(self.start, datetime) else -1
        return (self.day, minute, self.event.title.casefold(), self.event.slug)

    @property
    def id(self) -> str:
        """Stable identifier of this occurrence, e.g. ``tirsdagskaffe-2026-12-01``."""
        return f"{self.event.slug}-{self.day.isoformat()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Association(_OwnTranslations):
    """An entry of the association register (lag- og foreningsregister)."""

    slug: str
    source_path: str
    name: str
    category: str
    orgnr: str = ""  # 9 digits, check digit verified
    email: str = ""
    phone: str = ""
    website: str = ""
    address: str = ""
    audiences: tuple[str, ...] = ()
    membership: str = ""
    contact: str = ""
    logo: str = ""
    body_html: str = ""
    body_text: str = ""
    translations: tuple[Translation, ...] = ()  # summaries only: names stay as written

    @property
    def sort_key(self) -> tuple:
        return sort_key_nb(self.name)


@dataclass(frozen=True, slots=True)
class Deadline:
    """How a grant's deadline is written: fixed dates, yearly dates, or rolling."""

    dates: tuple[date, ...] = ()
    yearly: tuple[tuple[int, int], ...] = ()  # (month, day)
    rolling: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Grant:
    """A grant scheme (tilskuddsordning) with its deadline rule."""

    slug: str
    source_path: str
    name: str
    giver: str = ""
    kind: str = "annet"
    deadline: Deadline = field(default_factory=Deadline)
    deadline_text: str = ""
    targets: tuple[str, ...] = ()
    amount: str = ""
    link: str = ""
    form: str = ""
    contact: str = ""
    body_html: str = ""
    body_text: str = ""


@dataclass(frozen=True, slots=True)
class WeeklyTime:
    """``Weekly: tirsdag og torsdag 17:00-19:00``: weekdays (0 = Monday) and an optional time span."""

    weekdays: tuple[int, ...]
    start: time | None = None
    end: time | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment(_OwnTranslations):
    """A volunteer assignment (frivillig oppdrag): an association or the centre asks for help."""

    slug: str
    source_path: str
    title: str
    organizer: str  # association slug
    category: str  # EVENT_CATEGORIES value
    location: str
    signup: Link
    start: datetime | date | None = None  # a one-off day or the first day of a period
    end: datetime | date | None = None  # inclusive last day (date) or end time
    weekly: WeeklyTime | None = None
    closes: date | None = None  # written; see :attr:`open_until`
    venue: str = ""  # venue slug
    people: int | None = None  # how many volunteers are needed
    age_from: int | None = None
    languages: str = ""
    suits: tuple[str, ...] = ()  # ASSIGNMENT_SUITS values
    police_certificate: bool = False
    requirements: str = ""
    events: tuple[str, ...] = ()  # slugs of related events
    contact: str = ""
    image: str = ""
    body_html: str = ""
    body_text: str = ""
    added: date | None = None
    modified: date | None = None
    translations: tuple[Translation, ...] = ()

    @property
    def kind(self) -> AssignmentKind:
        """Ongoing when it has a weekly time or no dates at all; else a one-off effort."""
        if self.weekly is not None or (self.start is None and self.end is None):
            return AssignmentKind.ONGOING
        return AssignmentKind.ONE_OFF

    @property
    def open_until(self) -> date | None:
        """The last day it is listed as open: Closes, else a one-off's last day; None: until removed."""
        if self.closes is not None:
            return self.closes
        if self.kind is AssignmentKind.ONE_OFF:
            last = self.end or self.start
            return last.date() if isinstance(last, datetime) else last
        return None

    def is_open(self, today: date) -> bool:
        return self.open_until is None or today <= self.open_until

    @property
    def sort_key(self) -> tuple:
        return sort_key_nb(self.title)


@dataclass(frozen=True, slots=True)
class Room:
    """A room in a venue and how many people it takes."""

    name: str
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class VenueAccess:
    """Structured accessibility of a venue: True, False, or None when not stated."""

    step_free: bool | None = None
    accessible_toilet: bool | None = None
    hearing_loop: bool | None = None
    accessible_parking: bool | None = None
    lift: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Venue(_OwnTranslations):
    """A venue (lokale) associations can use or rent."""

    slug: str
    source_path: str
    name: str
    address: str
    owner: str  # association slug, or "" for the municipality
    rooms: tuple[Room, ...] = ()
    price: Price | None = None  # None: see price_text
    price_text: str = ""
    facilities: tuple[str, ...] = ()  # VENUE_FACILITIES values
    booking: Link | None = None
    contact: str = ""
    opening_hours: str = ""
    website: str = ""
    access: VenueAccess = field(default_factory=VenueAccess)
    coordinates: tuple[float, float] | None = None  # latitude, longitude
    image: str = ""
    body_html: str = ""
    body_text: str = ""
    modified: date | None = None
    translations: tuple[Translation, ...] = ()

    @property
    def capacity(self) -> int | None:
        """The most people the venue takes (its largest room)."""
        known = [room.capacity for room in self.rooms if room.capacity]
        return max(known) if known else None

    @property
    def owned_by_municipality(self) -> bool:
        return not self.owner

    @property
    def sort_key(self) -> tuple:
        return sort_key_nb(self.name)


@dataclass(frozen=True, slots=True, kw_only=True)
class EquipmentItem(_OwnTranslations):
    """Something the equipment bank (utstyrsbanken) or an association lends out."""

    slug: str
    source_path: str
    name: str
    category: str  # EQUIPMENT_CATEGORIES value
    owner: str  # association slug
    sizes: str = ""
    quantity: int | None = None
    price: Price | None = None  # None: see price_text
    price_text: str = ""
    pickup: str = ""  # where to collect it
    venue: str = ""  # venue slug, if it is collected at a venue
    opening_hours: str = ""
    booking: Link | None = None
    contact: str = ""
    image: str = ""
    body_html: str = ""
    body_text: str = ""
    modified: date | None = None
    translations: tuple[Translation, ...] = ()

    @property
    def sort_key(self) -> tuple:
        return sort_key_nb(self.name)
