"""Every output tells the same story: property tests over generated events, and `make check`.

Hypothesis writes valid event files (one-offs, all-day and multi-day events, weekly and monthly
series with Except and Cancelled-dates, series across both DST changes of 2027, every audience
and price form), reads them through the real parser (`load_catalog`) and builds the site's plans,
feeds and exports with today = 2026-11-23. The baseline is the domain's own occurrence list
(`site.calendar.occurrences_of`): every output must show the same occurrences at the same
Europe/Oslo times with the same cancelled flags, and only where the event belongs. Nothing here
expands a recurrence itself: iCal files are expanded by recurring-ical-events.

Also here: the header and value parsers never raise on any text, and
`python -m aktivitetsportal.commands.check` on the demo build and on broken copies of it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from pathlib import Path

import feedparser
import icalendar
import pytest
import recurring_ical_events
from aktivitetsportal.commands import check
from aktivitetsportal.domain.calendar import MAX_LISTED_DAYS
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import Audience, FeedKind, PageKind
from aktivitetsportal.outputs.addresses import PublicUrls, feed_path, url_for
from aktivitetsportal.outputs.calendar_pages import EVENT_PAGE_OCCURRENCES
from aktivitetsportal.outputs.exports import build_exports
from aktivitetsportal.outputs.feed_pages import plan_feed_files
from aktivitetsportal.outputs.ical import event_uid
from aktivitetsportal.outputs.search import search_entry
from aktivitetsportal.outputs.site_plan import plan_pages
from aktivitetsportal.settings import OSLO, PortalSettings
from aktivitetsportal.submissions.associations import ASSOCIATION_FIELDS, parse_association
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.events import EVENT_FIELDS, parse_event
from aktivitetsportal.submissions.grants import GRANT_FIELDS, parse_grant
from aktivitetsportal.submissions.models import Occurrence
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.vocabulary import AUDIENCES, EVENT_CATEGORIES
from aktivitetsportal.text.phrases import long_date_with_year, month_title
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site

TODAY = date.fromisoformat(DEMO_TODAY)  # window: 2026-09-24 to 2027-11-23
SETTINGS = PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY})
URLS = PublicUrls.of(SETTINGS)
HOME = "vestre-toten-frivilligsentral"
HOME_NAME = "Vestre Toten frivilligsentral"
OTHER = "raufoss-menighet"
SPRING = date(2027, 3, 28)  # clocks go forward at 02:00: 02:00-02:59 does not exist
AUTUMN = date(2027, 10, 31)  # clocks go back at 03:00: 02:00-02:59 happens twice
FIRST_DAY, LAST_DAY = date(2026, 8, 1), date(2027, 12, 31)  # a little beyond the window each side
FREE_PRICES = {"gratis", "0"}


def deterministic(examples: int):
    """Hypothesis settings for this file: derandomized, no example database, no deadline."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- generated submissions -------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    """A generated event file, and what its submitter meant by it."""

    slug: str
    text: str
    category: str = "sosialt"  # EVENT_CATEGORIES value
    audiences: tuple[str, ...] = (Audience.EVERYONE.value,)  # the default when the field is left out
    price: str | None = None
    organizer: str = HOME  # association slug
    all_day: bool = False
    repeat: str | None = None
    except_dates: tuple[date, ...] = ()
    cancelled_dates: tuple[date, ...] = ()
    cancelled: bool = False

    @property
    def free(self) -> bool:
        return self.price is not None and self.price.casefold() in FREE_PRICES

    def is_for(self, audience: str) -> bool:
        return audience in self.audiences or Audience.EVERYONE in self.audiences


def in_spring_gap(moment: datetime) -> bool:
    """A wall-clock time that does not exist in Oslo (the validator refuses it in Start and End)."""
    return moment.date() == SPRING and moment.hour == 2


DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
START_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y kl. %H:%M")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
AUDIENCE_WORDS = [(t.value, t.value) for t in AUDIENCES] + [("senior", "eldre"), ("familie", "familier"),
                                                             ("unge", "ungdom")]
PRICES = [None, "gratis", "0", "100", "50 kr", "100/50", "kr 100", "Gratis"]

NIGHT_MINUTES = [90, 150, 1410, 120, 179]  # 01:30, 02:30, 23:30, 02:00, 02:59
minutes_of_day = st.one_of(st.sampled_from(NIGHT_MINUTES + [1080, 0, 1439]), st.integers(0, 24 * 60 - 1))
near_dst = st.builds(lambda day, shift: day + timedelta(days=shift), st.sampled_from([SPRING, AUTUMN]),
                     st.integers(-22, 1))
any_day = st.one_of(st.dates(FIRST_DAY, LAST_DAY), near_dst)
durations = st.one_of(st.sampled_from([30, 60, 90, 120, 150, 240]), st.integers(15, 12 * 60))


def duration_texts(minutes: int) -> list[str]:
    """Ways to write a duration of ``minutes`` that the submission format accepts."""
    hours, rest = divmod(minutes, 60)
    forms = [f"{minutes}min", "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")]
    if not rest:
        forms += [f"{hours}h", f"{hours} timer" if hours > 1 else "1 time"]
    elif hours:
        forms.append(f"{hours}h{rest}min")
    if minutes == 90:
        forms.append("1,5 timer")
    return forms


@st.composite
def timed_fields(draw, day: date, at_night: bool = False) -> tuple[datetime, list[str]]:
    """A valid timed Start with End, Duration or a "18:00-20:00" span (at_night: around 02:00)."""
    minute = draw(st.sampled_from(NIGHT_MINUTES) if at_night else minutes_of_day)
    start = datetime.combine(day, time(minute // 60, minute % 60))
    if in_spring_gap(start):
        start = start.replace(hour=3)
    minutes = draw(durations)
    end = start + timedelta(minutes=minutes)
    forms = ["duration"] + ([] if in_spring_gap(end) else ["end"])
    if not in_spring_gap(end) and (end.date() == start.date() or (end.date() == start.date() + timedelta(days=1)
                                                                 and end.hour < 6 and end.time() < start.time())):
        forms.append("span")
    form = draw(st.sampled_from(forms))
    start_format = draw(st.sampled_from(START_FORMATS))
    if form == "span":
        return start, [f"Start: {start:%Y-%m-%d %H:%M}-{end:%H:%M}"]
    lines = [f"Start: {start.strftime(start_format)}"]
    if form == "end":
        lines.append(f"End: {end.strftime(draw(st.sampled_from(START_FORMATS)))}")
    else:
        lines.append(f"Duration: {draw(st.sampled_from(duration_texts(minutes)))}")
    return start, lines


@st.composite
def all_day_fields(draw, day: date) -> tuple[date, list[str]]:
    """A valid all-day Start, on one day or (with an inclusive End) several."""
    days = draw(st.sampled_from([1, 1, 1, 2, 3, 5]))
    lines = [f"Start: {day.strftime(draw(st.sampled_from(DATE_FORMATS)))}"]
    if days > 1 or draw(st.booleans()):
        last = day + timedelta(days=days - 1)
        lines.append(f"End: {last.strftime(draw(st.sampled_from(DATE_FORMATS)))}")
    return day, lines


def first_weekday(year: int, month: int, weekday: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def last_weekday(year: int, month: int, weekday: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@st.composite
def series(draw):
    """(kind, first day, Repeat text, the same rule as RRULE text, last date or None, count or None)."""
    kind = draw(st.sampled_from(["weekly", "weekly", "interval", "weekdays", "daily", "monthly", "monthly",
                                 "dst", "dst", "rrule"]))
    if kind == "monthly":
        month = draw(st.dates(FIRST_DAY, LAST_DAY))
        if draw(st.booleans()):
            first = first_weekday(month.year, month.month, 1)
            text, rule = draw(st.sampled_from(["monthly on 1st tuesday", "første tirsdag i måneden"])), "FREQ=MONTHLY;BYDAY=1TU"
        else:
            first = last_weekday(month.year, month.month, 3)
            text, rule = draw(st.sampled_from(["monthly on last thursday", "siste torsdag i måneden"])), "FREQ=MONTHLY;BYDAY=-1TH"
    elif kind == "dst":  # Sundays up to and across a DST change
        change = draw(st.sampled_from([SPRING, AUTUMN]))
        first = change - timedelta(weeks=draw(st.integers(0, 3)))
        text, rule = draw(st.sampled_from([("weekly", "FREQ=WEEKLY"), ("hver uke", "FREQ=WEEKLY")]))
    else:
        first = draw(any_day)
        if kind == "weekly":
            text, rule = draw(st.sampled_from([("weekly", "FREQ=WEEKLY"), ("hver uke", "FREQ=WEEKLY"),
                                               ("every week", "FREQ=WEEKLY")]))
        elif kind == "interval":
            text, rule = draw(st.sampled_from([("biweekly", "FREQ=WEEKLY;INTERVAL=2"),
                                               ("annenhver uke", "FREQ=WEEKLY;INTERVAL=2"),
                                               ("every 3 weeks", "FREQ=WEEKLY;INTERVAL=3")]))
        elif kind == "weekdays":
            other = draw(st.integers(0, 6).filter(lambda d: d != first.weekday()))
            days = sorted({first.weekday(), other})
            text = "weekly on " + " and ".join(DAY_NAMES[d] for d in days)
            rule = "FREQ=WEEKLY;BYDAY=" + ",".join(DAY_CODES[d] for d in days)
        elif kind == "daily":
            text, rule = "daily", "FREQ=DAILY"
        else:
            text, rule = "FREQ=WEEKLY", "FREQ=WEEKLY"
    count = until = None
    ending = draw(st.sampled_from(["none", "until", "count", "both"] if kind != "daily" else ["count"]))
    if ending in ("until", "both"):  # often a day of the series: its last occurrence is that day
        days = series_days(datetime.combine(first, time.min), rule, None, None)
        until = draw(st.one_of(st.sampled_from(days[:25]), st.builds(lambda n: first + timedelta(days=n), st.integers(0, 420))))
    if ending in ("count", "both"):
        count = draw(st.integers(1, 30))
    if kind == "rrule":
        text += f";COUNT={count}" if count else ""
        text += f";UNTIL={until:%Y%m%d}" if until else ""
    else:
        text += f" {count} times" if count else ""
        text += f" {draw(st.sampled_from(['until', 'til']))} {until.isoformat()}" if until else ""
    return kind, first, text, rule, until, count


def series_days(first: datetime, rule: str, until: date | None, count: int | None, limit: int = 80) -> list[date]:
    """The first days of a series as the submitter meant it, to choose Except and Cancelled-dates from.

    (Only for writing the input: what the outputs are checked against is the domain's calendar.)
    """
    days = [moment.date() for moment in islice(rrulestr(rule, dtstart=first), limit)]
    days = [d for d in days if until is None or d <= until]
    return days[:count] if count else days


@st.composite
def submitted_event(draw, index: int) -> Submitted:
    slug = f"arrangement-{index}"
    all_day = draw(st.booleans())
    repeating = draw(st.booleans())
    kind = repeat = rule = until = count = None
    if repeating:
        kind, day, repeat, rule, until, count = draw(series())
        all_day = all_day and kind != "dst"  # night-time series across the clock changes
    else:
        day = draw(any_day)
    start, time_lines = draw(all_day_fields(day) if all_day else timed_fields(day, at_night=kind == "dst"))
    except_dates: list[date] = []
    cancelled_dates: list[date] = []
    if repeating:
        candidates = series_days(datetime.combine(start, time.min) if all_day else start, rule, until, count)
        except_dates = draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
        cancelled_dates = draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
    elif draw(st.integers(0, 5)) == 0:
        cancelled_dates = [day]
    category = draw(st.sampled_from(list(EVENT_CATEGORIES)))
    audience_words = draw(st.lists(st.sampled_from(AUDIENCE_WORDS), max_size=3, unique_by=lambda w: w[0]))
    audiences = tuple(dict.fromkeys(value for _, value in audience_words)) or (Audience.EVERYONE.value,)
    price = draw(st.sampled_from(PRICES))
    organizer_written, organizer = draw(st.sampled_from([(HOME, HOME), (OTHER, OTHER), (HOME_NAME, HOME)]))
    status = draw(st.sampled_from([None] * 14 + ["cancelled", "avlyst"]))
    lines = [f"Title: Aktivitet {index}", *time_lines,
             "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss",
             f"Organizer: {organizer_written}",
             f"Category: {draw(st.sampled_from([category.value, category.slug]))}"]
    if audience_words:
        lines.append("Audience: " + ", ".join(word for word, _ in audience_words))
    if price is not None:
        lines.append(f"Price: {price}")
    if repeat:
        lines.append(f"Repeat: {repeat}")
    for name, dates in (("Except", except_dates), ("Cancelled-dates", cancelled_dates)):
        if dates:
            fmt = draw(st.sampled_from(DATE_FORMATS))
            lines.append(f"{name}: " + ", ".join(d.strftime(fmt) for d in dates))
    if status:
        lines.append(f"Status: {status}")
    if draw(st.booleans()):
        lines.append(f"Added: {draw(st.dates(date(2026, 6, 1), TODAY)).isoformat()}")
    text = "\n".join(lines) + "\n\nEn aktivitet for alle som vil være med.\n"
    return Submitted(slug, text, category.value, audiences, price, organizer, all_day, repeat,
                     tuple(sorted(except_dates)), tuple(sorted(cancelled_dates)), status is not None)


@st.composite
def submitted_sites(draw) -> list[Submitted]:
    return [draw(submitted_event(i)) for i in range(draw(st.integers(1, 4)))]


# -- building --------------------------------------------------------------------------------


def write_content(root: Path, events: list[Submitted]) -> Path:
    (root / "associations").mkdir(parents=True)
    for slug in (HOME, OTHER):
        shutil.copy(DEMO_CONTENT / "associations" / f"{slug}.md", root / "associations" / f"{slug}.md")
    folder = root / "events" / "lag"
    folder.mkdir(parents=True)
    for event in events:
        (folder / f"{event.slug}.md").write_text(event.text, encoding="utf-8")
    return root


def load(events: list[Submitted]):
    with tempfile.TemporaryDirectory() as tmp:
        return load_catalog(write_content(Path(tmp), events))


def moment(value: date | datetime) -> str:
    """An occurrence time as compared here: Oslo wall-clock time with its offset, or a date."""
    # Through UTC: astimezone(OSLO) leaves a time already in OSLO as it is, gap times included.
    return value.astimezone(UTC).astimezone(OSLO).isoformat() if isinstance(value, datetime) else value.isoformat()


def key(occ: Occurrence) -> tuple[str, str, bool]:
    return moment(occ.start), moment(occ.end), occ.cancelled


def keys(occurrences) -> list[tuple[str, str, bool]]:
    return [key(o) for o in occurrences]


@dataclass
class Built:
    """One build's outputs, each read back the way a reader would."""

    site: PortalSite
    pages: dict[str, object]  # url -> PlannedPage
    feeds: dict[str, bytes]
    events_json: dict[str, dict]

    @classmethod
    def of(cls, site: PortalSite) -> Built:
        pages = {p.url: p for p in plan_pages(site)}
        feeds = {f.path: f.data for f in plan_feed_files(site, URLS)}
        events = json.loads(build_exports(site)["events.json"])["events"]
        return cls(site, pages, feeds, {e["id"]: e for e in events})

    def periods(self, kind: PageKind) -> list:
        return [p for p in self.pages.values() if p.kind is kind]


def ical_occurrences(data: bytes, site: PortalSite) -> tuple[set[str], dict[str, list]]:
    """(every UID, UID -> occurrences beginning in the window) as a calendar app expands them."""
    cal = icalendar.Calendar.from_ical(data)
    uids = {str(c["UID"]) for c in cal.walk("VEVENT")}
    lower = datetime.combine(site.calendar.window_start, time.min, OSLO)
    upper = datetime.combine(site.calendar.window_end, time.min, OSLO)
    found: dict[str, list] = defaultdict(list)
    for comp in recurring_ical_events.of(cal).between(lower, upper):
        start = comp.decoded("DTSTART")
        day = start.astimezone(OSLO).date() if isinstance(start, datetime) else start
        if site.calendar.window_start <= day < site.calendar.window_end:
            found[str(comp["UID"])].append(
                (moment(start), moment(comp.decoded("DTEND")), str(comp.get("STATUS")) == "CANCELLED"))
    return uids, {uid: sorted(items) for uid, items in found.items()}


def listed_days(occ: Occurrence) -> list[date]:
    """The days a week or month page lists an occurrence on (long events: at most MAX_LISTED_DAYS)."""
    last = min(occ.last_day, occ.day + timedelta(days=MAX_LISTED_DAYS - 1))
    return [occ.day + timedelta(days=i) for i in range((last - occ.day).days + 1)]


# -- the checks, one output at a time ---------------------------------------------------------


def check_parsed_as_written(event, meant: Submitted) -> None:
    assert event.category == meant.category
    assert event.audiences == meant.audiences
    assert event.is_free == meant.free
    assert (event.price is None) == (meant.price is None)
    assert event.organizer == meant.organizer
    assert event.all_day == meant.all_day
    assert (event.recurrence is None) == (meant.repeat is None)
    assert event.except_dates == meant.except_dates
    assert event.cancelled_dates == meant.cancelled_dates
    assert event.cancelled == meant.cancelled


def check_domain_keeps_the_dates(event, meant: Submitted, occurrences) -> None:
    """Except dates never occur; Cancelled-dates that occur are marked cancelled, others not."""
    days = {o.day: o for o in occurrences}
    assert not set(meant.except_dates) & set(days)
    for occ in occurrences:
        assert occ.cancelled == (meant.cancelled or occ.day in meant.cancelled_dates)
        if not event.all_day:  # the series keeps its wall-clock time, except in the spring gap
            local = occ.start.astimezone(OSLO)
            if in_spring_gap(datetime.combine(occ.day, event.start.time())):
                assert local.time() == event.start.time().replace(hour=3)
            else:
                assert local.time() == event.start.time()


def check_event_page(built: Built, event, upcoming) -> None:
    context = built.pages[url_for(PageKind.EVENT, event.slug)].context
    assert keys(context["next_occurrences"]) == keys(upcoming[:EVENT_PAGE_OCCURRENCES])
    assert context["more_occurrences"] == max(0, len(upcoming) - EVENT_PAGE_OCCURRENCES)
    summary = context["summary"]
    if upcoming:
        active = [o for o in upcoming if not o.cancelled] or upcoming
        assert key(summary.next) == key(active[0])
        assert summary.upcoming_count == len(upcoming)
    elif summary.next is not None:  # planned beyond the window
        assert summary.next.day >= built.site.calendar.window_end


def check_period_pages(built: Built, event, occurrences) -> None:
    """Week, month and front pages list each occurrence on each of its days, and nothing else."""
    expected: dict[date, list] = defaultdict(list)
    for occ in occurrences:
        for day in listed_days(occ):
            expected[day].append(key(occ))
    for kind in (PageKind.WEEK, PageKind.MONTH, PageKind.FRONT):
        shown: dict[date, list] = {}
        for page in built.periods(kind):
            for day, day_occurrences in page.context["days"]:
                assert [o.sort_key for o in day_occurrences] == sorted(o.sort_key for o in day_occurrences)
                shown[day] = [key(o) for o in day_occurrences if o.event.slug == event.slug]
        wanted = {day: expected.get(day, []) for day in shown}
        assert {d: v for d, v in shown.items() if v} == {d: v for d, v in wanted.items() if v}, kind
        if kind is not PageKind.FRONT:  # every day of the window is on one week and one month page
            window = built.site.calendar
            assert {d for d in expected if window.window_start <= d < window.window_end} <= set(shown)


def check_listings(built: Built, event, meant: Submitted) -> None:
    """Category, audience and free pages list the event (with its next occurrence) iff it belongs."""
    summary = built.site.calendar.summary(event)
    pages = [(url_for(PageKind.CATEGORY, t.slug), t.value == meant.category) for t in EVENT_CATEGORIES]
    pages += [(url_for(PageKind.AUDIENCE, t.slug), meant.is_for(t.value)) for t in AUDIENCES]
    pages.append((url_for(PageKind.FREE), meant.free))
    for url, belongs in pages:
        listed = [s for s in built.pages[url].context["summaries"] if s.event.slug == event.slug]
        if belongs and summary.next is not None:
            assert len(listed) == 1, url
            assert key(listed[0].next) == key(summary.next), url
        else:
            assert listed == [], url


def check_ical(built: Built, event, meant: Submitted, occurrences, parsed: dict) -> None:
    """Feeds it belongs to expand to the same occurrences; the others do not carry it."""
    uid = event_uid(event, URLS.uid_host)
    in_window = bool(occurrences)
    feeds = {feed_path(FeedKind.ALL): in_window, feed_path(FeedKind.FREE): in_window and meant.free,
             feed_path(FeedKind.EVENT, event.slug): True}
    feeds |= {feed_path(FeedKind.CATEGORY, t.slug): in_window and t.value == meant.category for t in EVENT_CATEGORIES}
    feeds |= {feed_path(FeedKind.AUDIENCE, t.slug): in_window and meant.is_for(t.value) for t in AUDIENCES}
    feeds |= {feed_path(FeedKind.ORGANIZER, slug): in_window and slug == meant.organizer for slug in (HOME, OTHER)}
    expected = sorted(keys(occurrences))
    for path, belongs in feeds.items():
        if not belongs:  # cheaper than parsing: a UID line is never folded at this length
            assert f"\r\nUID:{uid}\r\n".encode() not in built.feeds[path], path
            continue
        # Feeds with the same events differ only in their calendar's name and links: expand once.
        events_part = built.feeds[path][built.feeds[path].find(b"BEGIN:VEVENT"):]
        if events_part not in parsed:
            parsed[events_part] = ical_occurrences(built.feeds[path], built.site)
        uids, expanded = parsed[events_part]
        assert uid in uids, path
        assert expanded.get(uid, []) == expected, path


def check_ical_exceptions(built: Built, event, occurrences) -> None:
    """EXDATE and the RECURRENCE-ID of each cancelled date are the exact instants of those occurrences.

    (recurring-ical-events forgives an EXDATE at the wrong time of day; stricter apps do not.)
    """
    cal = icalendar.Calendar.from_ical(built.feeds[feed_path(FeedKind.EVENT, event.slug)])
    components = list(cal.walk("VEVENT"))
    master = next(c for c in components if "RECURRENCE-ID" not in c)
    exdates = master.get("EXDATE", [])
    written = sorted(moment(d.dt) for item in (exdates if isinstance(exdates, list) else [exdates]) for d in item.dts)
    meant = sorted(moment(Occurrence.at(event, day if event.all_day else datetime.combine(day, event.start.time())).start)
                   for day in event.except_dates)
    assert written == meant
    window = built.site.calendar
    overrides = sorted(moment(c.decoded("RECURRENCE-ID")) for c in components if "RECURRENCE-ID" in c
                       and window.window_start <= (c.decoded("RECURRENCE-ID").astimezone(OSLO).date() if not event.all_day
                                                   else c.decoded("RECURRENCE-ID")) < window.window_end)
    assert all(str(c["STATUS"]) == "CANCELLED" for c in components if "RECURRENCE-ID" in c)
    if event.recurrence is not None and not event.cancelled:
        assert overrides == sorted(moment(o.start) for o in occurrences if o.cancelled)
    else:
        assert overrides == []


def check_events_json(built: Built, event, occurrences) -> None:
    record = built.events_json[event.slug]
    shown = [(o["start"], o["end"], o["cancelled"]) for o in record["occurrences"]]
    assert shown == keys(occurrences)
    assert [o["id"] for o in record["occurrences"]] == [f"{event.slug}-{o.day.isoformat()}" for o in occurrences]
    for item, occ in zip(record["occurrences"], occurrences):
        if not event.all_day:  # the offset is Oslo's at that instant
            parsed = datetime.fromisoformat(item["start"])
            # Compared as instants: == between zones is always False for ambiguous times (PEP 495).
            assert parsed.timestamp() == occ.start.timestamp()
            assert parsed.utcoffset() == occ.start.astimezone(UTC).astimezone(OSLO).utcoffset()
    assert record["except_dates"] == [d.isoformat() for d in event.except_dates]


def paragraphs(summary_html: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", summary_html, re.S)]


def check_news_feeds(built: Built, event, meant: Submitted, parsed: dict) -> None:
    """RSS and Atom carry events with a date ahead, each with its next occurrence first."""
    summary = built.site.calendar.summary(event)
    page = URLS.absolute(url_for(PageKind.EVENT, event.slug))
    feeds = {feed_path(FeedKind.NEWS, "", fmt): True for fmt in ("rss", "atom")}
    feeds |= {feed_path(FeedKind.CATEGORY, t.slug, fmt): t.value == meant.category
              for t in EVENT_CATEGORIES for fmt in ("rss", "atom")}
    for path, belongs in feeds.items():
        if not (belongs and summary.next is not None):
            assert page.encode() not in built.feeds[path], path
            continue
        if path not in parsed:
            parsed[path] = {e.link: e for e in feedparser.parse(built.feeds[path]).entries}
        entry = parsed[path].get(page)
        assert entry is not None, path
        lines = paragraphs(entry.summary)
        if meant.cancelled:
            assert lines.pop(0) == "Arrangementet er avlyst."
        line, nxt = lines[0], summary.next
        assert long_date_with_year(nxt.day) in line.casefold(), (path, line)
        if isinstance(nxt.start, datetime):
            assert nxt.start.astimezone(OSLO).strftime("%H:%M") in line, (path, line)
        assert line.startswith(("AVLYST", "Neste gang: AVLYST")) == nxt.cancelled, (path, line)


def check_search(built: Built, event, meant: Submitted, upcoming) -> None:
    """Indexed iff the event has a date ahead; months and audiences as on the pages."""
    summary = built.site.calendar.summary(event)
    entry = search_entry(built.pages[url_for(PageKind.EVENT, event.slug)], built.site.settings, "nb")
    assert (entry is None) == (summary.next is None)
    if entry is None:
        return
    filters = defaultdict(list)
    for name, value in entry.filters:
        filters[name].append(value)
    months = sorted({(o.day.year, o.day.month) for o in upcoming})
    assert filters["maned"] == [month_title(y, m, "nb") for y, m in months]
    assert len(filters["for"]) == sum(meant.is_for(t.value) for t in AUDIENCES)
    assert ("Gratis" in filters["pris"]) == meant.free


@given(submitted_sites())
@deterministic(examples=150)
def test_every_output_shows_the_calendars_occurrences(submitted):
    catalog = load(submitted)
    assert catalog.errors == [], [(p.path, p.code, p.field, p.params) for p in catalog.errors]
    assert not [p for p in catalog.warnings if p.code == "date_not_in_series"]
    site = PortalSite.build(catalog, SETTINGS)
    built = Built.of(site)
    events = {e.slug: e for e in site.calendar.events}
    parsed_ical: dict = {}
    parsed_news: dict = {}
    for meant in submitted:
        event = events[meant.slug]
        check_parsed_as_written(event, meant)
        occurrences = site.calendar.occurrences_of(event)
        upcoming = [o for o in occurrences if o.last_day >= TODAY]
        check_domain_keeps_the_dates(event, meant, occurrences)
        check_event_page(built, event, upcoming)
        check_period_pages(built, event, occurrences)
        check_listings(built, event, meant)
        check_ical(built, event, meant, occurrences, parsed_ical)
        check_ical_exceptions(built, event, occurrences)
        check_events_json(built, event, occurrences)
        check_news_feeds(built, event, meant, parsed_news)
        check_search(built, event, meant, upcoming)


# -- exact examples ---------------------------------------------------------------------------


def one_event(lines: str) -> tuple[PortalSite, Built]:
    text = ("Title: Kveldstur\nLocation: Frivilligsentralen\nOrganizer: vestre-toten-frivilligsentral\n"
            f"Category: friluftsliv\n{lines}\n\nTur.\n")
    catalog = load([Submitted("kveldstur", text, "friluftsliv")])
    assert catalog.errors == []
    site = PortalSite.build(catalog, SETTINGS)
    return site, Built.of(site)


def around(built: Built, slug: str, first: date, last: date) -> tuple[list, list]:
    """(events.json, kalender.ics) occurrences of ``slug`` starting between first and last."""
    json_items = [(o["start"], o["cancelled"]) for o in built.events_json[slug]["occurrences"]
                  if first.isoformat() <= o["start"][:10] <= last.isoformat()]
    _, expanded = ical_occurrences(built.feeds["kalender.ics"], built.site)
    ical_items = [(start, cancelled) for start, _, cancelled in expanded[f"{slug}@{URLS.uid_host}"]
                  if first.isoformat() <= start[:10] <= last.isoformat()]
    return json_items, ical_items


def test_weekly_series_keeps_its_local_time_across_the_spring_change():
    site, built = one_event("Start: 2027-03-16 18:00\nDuration: 2h\nRepeat: weekly 4 times")
    expected = [("2027-03-16T18:00:00+01:00", False), ("2027-03-23T18:00:00+01:00", False),
                ("2027-03-30T18:00:00+02:00", False), ("2027-04-06T18:00:00+02:00", False)]
    assert around(built, "kveldstur", date(2027, 3, 1), date(2027, 4, 30)) == (expected, expected)
    days = {day for page in built.periods(PageKind.WEEK) for day, occs in page.context["days"]
            for o in occs if o.event.slug == "kveldstur"}
    assert days == {date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6)}


def test_weekly_series_keeps_its_local_time_across_the_autumn_change():
    site, built = one_event("Start: 2027-10-24 18:00\nDuration: 2h\nRepeat: weekly 2 times")
    expected = [("2027-10-24T18:00:00+02:00", False), ("2027-10-31T18:00:00+01:00", False)]
    assert around(built, "kveldstur", date(2027, 10, 1), date(2027, 11, 30)) == (expected, expected)


def test_a_sunday_night_series_in_the_spring_gap_moves_to_0330_everywhere():
    """02:30 does not exist on 2027-03-28: that one occurrence is at 03:30 summer time (RFC 5545)."""
    site, built = one_event("Start: 2027-03-21 02:30\nDuration: 2h\nRepeat: weekly 3 times\n"
                            "Cancelled-dates: 2027-04-04")
    expected = [("2027-03-21T02:30:00+01:00", False), ("2027-03-28T03:30:00+02:00", False),
                ("2027-04-04T02:30:00+02:00", True)]
    assert around(built, "kveldstur", date(2027, 3, 1), date(2027, 4, 30)) == (expected, expected)
    record = built.events_json["kveldstur"]["occurrences"][1]
    assert record["end"] == "2027-03-28T04:30:00+02:00"  # wall-clock end: 02:30 + 2h


def test_a_start_in_the_spring_gap_is_refused_and_in_the_autumn_overlap_is_the_summer_time():
    text = ("Title: Natt\nStart: 2027-03-28 02:30\nDuration: 1h\nLocation: X\n"
            "Organizer: vestre-toten-frivilligsentral\nCategory: sosialt\n\nx\n")
    event, problems = parse_event(parse_source_text(text, "events/lag/natt.md"), organizers={HOME: HOME})
    assert event is None and [(p.code, p.field) for p in problems if p.is_error] == [("nonexistent_time", "start")]
    site, built = one_event("Start: 2027-10-31 02:30\nDuration: 1h")
    assert around(built, "kveldstur", AUTUMN, AUTUMN) == ([("2027-10-31T02:30:00+02:00", False)],) * 2


def test_cancelled_date_is_a_cancelled_override_and_except_date_is_gone():
    site, built = one_event("Start: 2026-12-01 18:00\nEnd: 2026-12-01 20:00\nRepeat: weekly 4 times\n"
                            "Except: 2026-12-15\nCancelled-dates: 2026-12-08")
    expected = [("2026-12-01T18:00:00+01:00", False), ("2026-12-08T18:00:00+01:00", True),
                ("2026-12-22T18:00:00+01:00", False)]
    assert around(built, "kveldstur", date(2026, 12, 1), date(2026, 12, 31)) == (expected, expected)
    cal = icalendar.Calendar.from_ical(built.feeds["kalender.ics"])
    overrides = [c for c in cal.walk("VEVENT") if "RECURRENCE-ID" in c]
    assert [(c.decoded("RECURRENCE-ID").isoformat(), str(c["STATUS"])) for c in overrides] == [
        ("2026-12-08T18:00:00+01:00", "CANCELLED")]
    page = built.pages[url_for(PageKind.EVENT, "kveldstur")].context
    assert [(o.day.isoformat(), o.cancelled) for o in page["next_occurrences"]] == [
        ("2026-12-01", False), ("2026-12-08", True), ("2026-12-22", False)]


# -- the parsers never raise -------------------------------------------------------------------

KNOWN_FIELDS = sorted(EVENT_FIELDS | ASSOCIATION_FIELDS | GRANT_FIELDS
                      | {"title-en", "summary-uk", "title-nb", "summary-xx", "sted", "tittel"})
one_line = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=30)
# Mostly the portal's years and small numbers, but also the edges of Python's dates (years 1 and
# 9999) and numbers beyond RFC 5545's integers: those once crashed the parsers (FORMER_CRASHES).
some_day = st.one_of(st.dates(date(2025, 1, 1), date(2028, 12, 31)), st.dates())
number = st.one_of(st.integers(0, 60), st.integers()).map(str)
day_text = st.one_of(some_day.map(date.isoformat), some_day.map(lambda d: d.strftime("%d.%m.%Y")),
                     some_day.map(lambda d: f"{d.day}. desember {d.year}"))
clock_text = st.times().map(lambda t: t.strftime("%H:%M"))
moment_text = st.one_of(day_text, st.builds("{} {}".format, day_text, clock_text),
                        st.builds("{} {}-{}".format, day_text, clock_text, clock_text),
                        st.builds("{} kl. {}".format, day_text, clock_text))
WORDS = ["weekly", "biweekly", "daily", "monthly on", "1st", "last", "tuesday", "thursday", "and", "times",
         "until", "til", "hver uke", "annenhver uke", "FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=-1TH", ";COUNT=",
         ";INTERVAL=", ";UNTIL=", ";BYDAY=", ";BYSETPOS=", ";BYMONTHDAY=", "gratis", "kr", "100/50", "2h", "90min",
         "PT1H30M", "1,5 timer", "https://x.no", "www.x.no", "a@b.no", "javascript:", "images/x.jpg", "x.svg", "..",
         "alle", "barn", "senior", "sosialt", "årlig", "1. april", "løpende", "04-01", "926018159", "cancelled",
         "avlyst", ",", "/", ":", "-"]
words = st.lists(st.one_of(st.sampled_from(WORDS), day_text, number), min_size=1, max_size=6)
field_value = st.one_of(one_line, moment_text, number, words.map(" ".join), words.map("".join))
#: Values that look like what each field expects, so the parsers get past their first check.
LIKELY_VALUES = {
    "start": moment_text, "end": moment_text, "added": day_text, "modified": day_text,
    "duration": st.builds("{}{}".format, number, st.sampled_from(["h", "min", " timer", "t", "m", "", "h30min"]))
    | st.builds("PT{}H{}M".format, number, number) | st.builds("P{}D".format, number),
    "repeat": words.map(" ".join) | words.map("".join),
    "except": st.lists(day_text, max_size=4).map(", ".join),
    "cancelled-dates": st.lists(day_text, max_size=4).map(", ".join),
    "price": st.sampled_from(["gratis", "0", "100", "50 kr", "100/50", "kr 100,-", "/"]) | number,
    "organizer": st.sampled_from([HOME, HOME, HOME_NAME, "lag", "ukjent"]),
    "category": st.sampled_from(["sosialt", "kultur", "idrett", "eldre", "x"]),
    "title": st.sampled_from(["Strikkekafé", "Årsmøte", "Quiz <b>", "Tur & trim"]),
    "name": st.sampled_from(["Raufoss IL", "Eina vel", "Lag & forening"]),
    "location": st.sampled_from(["Frivilligsentralen", "Storgata 1, 2830 Raufoss"]),
    "deadline": st.lists(st.one_of(day_text, st.sampled_from(["årlig 1. april", "yearly 04-01", "løpende", "31.2."])),
                         max_size=3).map(", ".join),
}


def value_of(name: str, junk: bool = True):
    likely = LIKELY_VALUES.get(name, field_value)
    return st.one_of(likely, likely, likely, field_value) if junk else likely


def header(required: tuple[str, ...] = ()):
    """``Key: value`` lines: the ``required`` fields with likely values, then a few (or many) known fields."""
    chosen = st.tuples(st.just(list(required)), st.lists(st.sampled_from(KNOWN_FIELDS), max_size=3 if required else 12))
    return chosen.flatmap(lambda names: st.tuples(
        *[st.tuples(st.just(n), value_of(n, junk=False)) for n in names[0]],
        *[st.tuples(st.just(n), value_of(n)) for n in names[1]],
    )).map(lambda pairs: "\n".join(f"{n.capitalize()}: {v}" for n, v in pairs))


documents = st.builds("{}\n\n{}".format, st.one_of(
    header(), header(("title", "start", "location", "organizer", "category")),
    header(("name", "category")), header(("name", "deadline"))), st.text(max_size=60))


def parse_everything(text: str) -> list:
    """Every problem each parser finds in ``text``; an exception fails the test."""
    source = parse_source_text(text, "events/lag/x.md")
    problems = list(source.problems)
    for parse in (lambda s: parse_event(s, organizers={HOME: HOME}, broken_organizers={"lag"}),
                  parse_association, parse_grant):
        _, found = parse(source)
        problems += found
    return problems


def assert_every_problem_says_where(problems) -> None:
    nowhere = [(p.code, p.params) for p in problems if p.field is None and p.line is None]
    assert nowhere == []


@given(st.text())
@deterministic(examples=300)
def test_parsers_never_raise_on_any_text(text):
    assert_every_problem_says_where(parse_everything(text))


@given(documents)
@deterministic(examples=600)
def test_parsers_never_raise_on_headers_of_known_fields(text):
    assert_every_problem_says_where(parse_everything(text))


EVENT_HEAD = "Title: x\nLocation: y\nOrganizer: vestre-toten-frivilligsentral\nCategory: sosialt\n"
# Each of these once crashed a parser (found by the property tests above); now each is a located problem.
FORMER_CRASHES = [
    pytest.param("Start: 9999-12-31 22:00-01:00", id="span-past-9999"),
    pytest.param("Start: 9999-12-31 23:00", id="example-end-past-9999"),
    pytest.param("Start: 0001-01-01 00:30\nDuration: 1h", id="year-1-to-utc"),
    pytest.param("Start: 2199-01-01 10:00\nDuration: 1h\nRepeat: weekly until 9999-12-31", id="until-past-9999"),
    pytest.param("Start: 2027-01-01 10:00\nDuration: 1h\nRepeat: weekly 99999999999 times", id="huge-count"),
    pytest.param("Start: 2027-01-01 10:00\nDuration: 1h\nRepeat: every 99999999999 weeks", id="huge-interval"),
]


@pytest.mark.parametrize("times", FORMER_CRASHES)
def test_extreme_dates_and_numbers_are_reported_not_raised(times):
    text = EVENT_HEAD + times + "\n\nx\n"
    assert_every_problem_says_where(parse_everything(text))
    event, problems = parse_event(parse_source_text(text, "events/lag/x.md"), organizers={HOME: HOME})
    assert event is None and any(p.is_error and p.field in {"start", "repeat"} for p in problems)


def test_an_event_far_in_the_future_never_stops_the_build(tmp_path):
    meant = Submitted("langt-fram", EVENT_HEAD + "Start: 9999-12-31 23:00\nDuration: 2h\n\nx\n")
    catalog = load_catalog(write_content(tmp_path / "content", [meant]))
    if catalog.errors:  # refusing the file is a fine answer too
        return
    Built.of(PortalSite.build(catalog, SETTINGS))


# -- `make check` --------------------------------------------------------------------------------


def run_check(folder: Path, capsys, *args: str) -> tuple[int, str]:
    status = check.main([str(folder), *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture
def output_copy(demo_output, tmp_path) -> Path:
    target = tmp_path / "output"
    shutil.copytree(demo_output, target)
    return target


TRICKY_EVENTS = {
    "nattkafe": "Start: 2027-03-14 02:30\nDuration: 2h\nRepeat: weekly 8 times\nExcept: 2027-03-21\n"
                "Cancelled-dates: 2027-03-28",
    "hostnatt": "Start: 2027-10-17 02:30\nDuration: 90min\nRepeat: weekly until 2027-11-07\n"
                "Cancelled-dates: 2027-10-31",
    "kveldskurs": "Start: 2027-03-16 18:00\nEnd: 2027-03-16 20:00\nRepeat: every 2 weeks until 2027-06-08",
    "leir": "Start: 2027-03-26\nEnd: 2027-03-29\nAudience: barn\nPrice: 100/50",
    "helgemarked": "Start: 2026-12-05\nRepeat: weekly on saturday and sunday 6 times\nCancelled-dates: 2026-12-13",
    "medlemsmote": "Start: 2026-12-01 19:00\nDuration: 2h\nRepeat: monthly on 1st tuesday\nStatus: avlyst",
    "quiz": "Start: 2026-11-26 23:30\nDuration: 2h\nRepeat: siste torsdag i måneden\nPrice: gratis",
    "avlyst-konsert": "Start: 2027-01-15 19:00\nDuration: 2h\nCancelled-dates: 2027-01-15",
}


def test_check_passes_on_a_build_full_of_clock_changes_and_cancellations(tmp_path, capsys):
    """A real build of series across both DST changes (02:30 does not exist on 2027-03-28), with
    Except and Cancelled-dates, all-day, multi-day and monthly events: the check finds no disagreement."""
    content = tmp_path / "content"
    events = [Submitted(slug, f"Title: {slug.capitalize()}\n{fields}\nLocation: Huset, 2830 Raufoss\n"
                                f"Organizer: {HOME}\nCategory: sosialt\n\nVelkommen.\n")
              for slug, fields in TRICKY_EVENTS.items()]
    write_content(content, events)
    assert load_catalog(content).problems == []
    output = build_site(content, tmp_path / "output", PORTAL_LANGUAGES=["nb", "en"])
    capsys.readouterr()  # Pelican's own report
    status, text = run_check(output, capsys)
    assert status == 0, text
    assert text.startswith("Alt stemmer: 8 arrangementer, 2 foreninger og 2 språk")


def test_check_passes_on_the_demo_build(demo_output, capsys):
    status, text = run_check(demo_output, capsys)
    assert status == 0, text
    assert text.startswith("Alt stemmer:")


def test_check_runs_as_a_module_in_english(demo_output):
    result = subprocess.run([sys.executable, "-m", "aktivitetsportal.commands.check", str(demo_output),
                             "--lang", "en"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stdout.startswith("Alt stemmer")


def test_check_names_an_event_whose_occurrence_moved_an_hour(output_copy, capsys):
    path = output_copy / "events.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    event = next(e for e in document["events"] if e["recurrence"] and len(e["occurrences"]) > 3)
    occurrence = next(o for o in event["occurrences"] if o["start"][:10] >= DEMO_TODAY)
    occurrence["start"] = (datetime.fromisoformat(occurrence["start"]) + timedelta(hours=1)).isoformat()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    status, text = run_check(output_copy, capsys)
    assert status == 1
    problem_lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert problem_lines and all(f"«{event['id']}»" in line for line in problem_lines), text
    assert any("kalender.ics" in line for line in problem_lines)
    assert any(f"arrangement/{event['id']}/index.html" in line for line in problem_lines)


def test_check_names_an_event_whose_page_is_missing(output_copy, capsys):
    event_id = json.loads((output_copy / "events.json").read_text(encoding="utf-8"))["events"][0]["id"]
    (output_copy / "arrangement" / event_id / "index.html").unlink()
    status, text = run_check(output_copy, capsys)
    assert status == 1
    assert f"- Arrangementet «{event_id}» mangler arrangement/{event_id}/index.html." in text


def test_check_finds_a_cancellation_only_in_open_data(output_copy, capsys):
    path = output_copy / "events.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    event = next(e for e in document["events"] if e["recurrence"] and not any(o["cancelled"] for o in e["occurrences"]))
    event["occurrences"][-1]["cancelled"] = True
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    status, text = run_check(output_copy, capsys)
    assert status == 1
    assert f"«{event['id']}»: avlyst i kalender.ics" in text


def test_check_finds_missing_association_page_and_search_index(output_copy, capsys):
    association = json.loads((output_copy / "associations.json").read_text(encoding="utf-8"))["associations"][0]
    shutil.rmtree(output_copy / "en" / "foreninger" / association["id"])
    entry_path = output_copy / "pagefind" / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    del entry["languages"]["uk"]
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    status, text = run_check(output_copy, capsys)
    assert status == 1
    assert f"Foreningen «{association['id']}» mangler en/foreninger/{association['id']}/index.html." in text
    assert "Søkeindeksen for språket «uk» mangler" in text


def test_check_without_a_build(tmp_path, capsys):
    assert run_check(tmp_path / "finnes-ikke", capsys)[0] == 2
    status, text = run_check(tmp_path, capsys)
    assert status == 1 and "events.json" in text
