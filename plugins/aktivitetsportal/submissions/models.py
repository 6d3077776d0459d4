"""The portal's data: events and their occurrences, associations, grants.

Plain frozen dataclasses with no Pelican in sight. Times of timed events are
naive Europe/Oslo wall-clock values; :class:`Occurrence` carries aware ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from aktivitetsportal.keys import Audience
from aktivitetsportal.submissions.recurrence import Recurrence
from aktivitetsportal.submissions.values import OSLO, Link, Price, localize, sort_key_nb
from aktivitetsportal.submissions.vocabulary import (
    AUDIENCES,
    DEFAULT_AUDIENCE,
    EVENT_CATEGORIES,
    Term,
)

__all__ = ["Event", "Occurrence", "Association", "Grant", "Deadline", "Translation"]


@dataclass(frozen=True, slots=True)
class Translation:
    """A submitter's own translation of a title and summary (``Title-en:``, ``Summary-en:``)."""

    lang: str
    title: str = ""
    summary: str = ""


def _translation(translations: tuple[Translation, ...], lang: str) -> Translation | None:
    return next((t for t in translations if t.lang == lang), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
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

    def translation(self, lang: str) -> Translation | None:
        """The organizer's own translation into ``lang``, if they wrote one."""
        return _translation(self.translations, lang)

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
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def sort_key(self) -> tuple:
        minute = self.start.hour * 60 + self.start.minute if isinstance(self.start, datetime) else -1
        return (self.day, minute, self.event.title.casefold(), self.event.slug)

    @property
    def id(self) -> str:
        """Stable identifier of this occurrence, e.g. ``tirsdagskaffe-2026-12-01``."""
        return f"{self.event.slug}-{self.day.isoformat()}"

    @property
    def last_day(self) -> date:
        """The last calendar day the occurrence touches."""
        if isinstance(self.end, datetime):
            end = self.end - timedelta(microseconds=1)
            return max(end.astimezone(OSLO).date(), self.day)
        return max(self.end - timedelta(days=1), self.day)


@dataclass(frozen=True, slots=True, kw_only=True)
class Association:
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

    def translation(self, lang: str) -> Translation | None:
        """The association's own translation into ``lang``, if it wrote one."""
        return _translation(self.translations, lang)

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
