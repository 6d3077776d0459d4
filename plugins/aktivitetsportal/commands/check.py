"""Check that a built site agrees with itself: ``python -m aktivitetsportal.commands.check output``.

Run after a build and before publishing (``make check``). It reads only the
finished output folder, never ``content/``, and checks that the outputs a
visitor or another program sees tell the same story:

* every event in ``events.json`` has its page (``arrangement/<id>/index.html``,
  in every language of the site) and its own calendar file;
* the dates an event page lists (``ul.dates``, and "Neste gang") are the
  event's coming occurrences in ``events.json``, at the same times;
* every event in ``kalender.ics`` is in ``events.json`` and the other way
  round, and its DTSTART, RRULE and EXDATE (expanded by python-dateutil)
  give the same start times in the window, with the same cancellations;
* every association in ``associations.json`` has its page in every language;
* Pagefind has a search index for every language of the site.

Times are compared as Europe/Oslo wall-clock times with their UTC offset.
"Today" is the build's, read from ``grants.json`` (``status_as_of``).
Messages are bokmål (``--lang nn|en|uk|pl|ar`` for another language).
Exit status: 0 when everything agrees, 1 with the list of disagreements,
2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bs4 import BeautifulSoup, SoupStrainer
from dateutil.rrule import rrulestr
from icalendar import Calendar

from aktivitetsportal.commands.cli import add_language_option, existing_folder, message_text
from aktivitetsportal.keys import N_, FeedKind, PageKind
from aktivitetsportal.outputs.addresses import feed_path, save_as
from aktivitetsportal.outputs.calendar_pages import EVENT_PAGE_OCCURRENCES
from aktivitetsportal.settings import OSLO, SOURCE_LANGUAGE

__all__ = ["main", "check_output", "Disagreement"]

EVENTS_JSON = "events.json"
ASSOCIATIONS_JSON = "associations.json"
GRANTS_JSON = "grants.json"
PAGEFIND_ENTRY = "pagefind/pagefind-entry.json"
FRONT_PAGE = "index.html"

_MISSING_FILE = N_("Fant ikke {path}. Bygg nettstedet først (make html).")
_UNREADABLE = N_("Kunne ikke lese {path}: {error}.")
_EVENT_FILE_MISSING = N_("Arrangementet «{event}» mangler {path}.")
_PAGE_DATES = N_("Arrangementet «{event}»: {path} viser datoene {page}, men events.json har {data}.")
_PAGE_NEXT = N_("Arrangementet «{event}»: {path} viser neste gang {page}, men events.json har {data}.")
_ICAL_UNKNOWN = N_("Arrangementet «{event}» står i kalender.ics, men ikke i events.json.")
_ICAL_MISSING = N_("Arrangementet «{event}» har datoer i events.json, men står ikke i kalender.ics.")
_ICAL_TIMES = N_("Arrangementet «{event}»: bare i kalender.ics: {ical}; bare i events.json: {data}.")
_ICAL_CANCELLED = N_("Arrangementet «{event}»: avlyst i kalender.ics: {ical}; avlyst i events.json: {data}.")
_ASSOCIATION_PAGE_MISSING = N_("Foreningen «{association}» mangler {path}.")
_SEARCH_INDEX_MISSING = N_("Søkeindeksen for språket «{language}» mangler ({path}).")
_ALL_GOOD = N_("Alt stemmer: {events} arrangementer, {associations} foreninger og {languages} språk sjekket i {path}.")
_DISAGREEMENTS = N_("{count} uoverensstemmelse(r) i {path}. Bygg på nytt (make html) og kjør sjekken igjen. Står feilen fortsatt, si fra til den som drifter portalen.")

#: Shown for an empty list of dates; needs no translation.
NONE_SHOWN = "–"


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One thing the outputs disagree about: a message id and its parameters."""

    message: str
    params: dict

    def text(self, gettext: Callable[[str], str]) -> str:
        return gettext(self.message).format(**self.params)


@dataclass(frozen=True, slots=True)
class Report:
    """What was checked, and every disagreement found (empty: the site is consistent)."""

    disagreements: list[Disagreement]
    events: int = 0
    associations: int = 0
    languages: int = 0


# -- reading -------------------------------------------------------------------------------------


class _Unreadable(Exception):
    def __init__(self, disagreement: Disagreement):
        super().__init__(disagreement.message)
        self.disagreement = disagreement


def _read_bytes(root: Path, name: str) -> bytes:
    path = root / name
    if not path.is_file():
        raise _Unreadable(Disagreement(_MISSING_FILE, {"path": name}))
    return path.read_bytes()


def _read_json(root: Path, name: str) -> dict:
    try:
        return json.loads(_read_bytes(root, name))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Unreadable(Disagreement(_UNREADABLE, {"path": name, "error": type(exc).__name__})) from exc


def _moment(text: str) -> date | datetime:
    """An ISO 8601 value from the output: an aware time, or a date for all-day events."""
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _normal(value: date | datetime) -> str:
    """One spelling for a moment: Oslo wall-clock time with its offset, or the date.

    Two spellings of the same instant (``02:30+01:00`` in the spring gap is ``03:30+02:00``)
    become the same text, and a time in another offset does not pass for a local one.
    """
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=OSLO)
        # Through UTC: astimezone(OSLO) would leave a time already in OSLO as written, gap times too.
        return aware.astimezone(UTC).astimezone(OSLO).isoformat()
    return value.isoformat()


def _shown(moments: Iterable[str]) -> str:
    """``2027-03-23 18:00+01:00, 2027-03-30 18:00+02:00`` (or dates) for messages."""
    items = []
    for text in moments:
        value = _moment(text)
        items.append(value.strftime("%Y-%m-%d %H:%M") + value.isoformat()[-6:]
                     if isinstance(value, datetime) else text)
    return ", ".join(items) or NONE_SHOWN


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """One occurrence as events.json lists it, in normal spelling."""

    start: str
    last_day: date
    cancelled: bool

    @classmethod
    def of(cls, record: dict) -> _Occurrence:
        start, end = _moment(record["start"]), _moment(record["end"])
        if isinstance(start, datetime):
            day = start.astimezone(OSLO).date()
            last = (end - timedelta(microseconds=1)).astimezone(OSLO).date()
        else:
            day, last = start, end - timedelta(days=1)  # the end of an all-day event is exclusive
        return cls(_normal(start), max(day, last), bool(record.get("cancelled")))


def _site_languages(root: Path) -> list[tuple[str, str]]:
    """(code, path prefix) of every language of the site, the default (at ``/``) first.

    Read from the front page: its ``<html lang>`` and its ``hreflang`` alternates.
    """
    soup = BeautifulSoup(_read_bytes(root, FRONT_PAGE), "html.parser",
                         parse_only=SoupStrainer(["html", "link"]))
    html = soup.find("html")
    default = html.get("lang", SOURCE_LANGUAGE) if html else SOURCE_LANGUAGE
    codes = [default]
    for link in soup.find_all("link", hreflang=True):
        if link.get("rel") == ["alternate"] and link["hreflang"] not in codes:
            codes.append(link["hreflang"])
    return [(code, "" if code == default else f"{code}/") for code in codes]


# -- checks --------------------------------------------------------------------------------------


def _check_event_page(root: Path, path: str, event: dict, occurrences: list[_Occurrence],
                      today: date | None) -> list[Disagreement]:
    """The coming dates and "Neste gang" on an event page, against events.json."""
    strainer = SoupStrainer(["dl", "ul"])
    soup = BeautifulSoup((root / path).read_bytes(), "html.parser", parse_only=strainer)
    listed = [_normal(_moment(t["datetime"])) for t in soup.select("ul.dates time[datetime]")]
    found = []
    if today is not None:
        upcoming = [o for o in occurrences if o.last_day >= today]
    else:  # without the build's today, the first listed date says where "coming" begins
        starts = [o.start for o in occurrences]
        upcoming = occurrences[starts.index(listed[0]):] if listed and listed[0] in starts else []
    expected = [o.start for o in upcoming[:EVENT_PAGE_OCCURRENCES]] if event.get("recurrence") else []
    if listed != expected:
        found.append(Disagreement(_PAGE_DATES, {"event": event["id"], "path": path,
                                                "page": _shown(listed), "data": _shown(expected)}))
    next_time = soup.select_one("dl.facts time[datetime]")
    if upcoming and next_time is not None:
        active = [o for o in upcoming if not o.cancelled] or upcoming
        shown = _normal(_moment(next_time["datetime"]))
        if shown != active[0].start:
            found.append(Disagreement(_PAGE_NEXT, {"event": event["id"], "path": path,
                                                   "page": _shown([shown]), "data": _shown([active[0].start])}))
    return found


def _check_events(root: Path, events: list[dict], languages: list[tuple[str, str]],
                  today: date | None) -> list[Disagreement]:
    """Each event's own files, and the dates on its page in every language.

    When the pages of several languages show the same wrong dates, only the first is named.
    """
    found: list[Disagreement] = []
    seen: set[tuple] = set()
    for event in events:
        occurrences = [_Occurrence.of(o) for o in event.get("occurrences", [])]
        own_calendar = feed_path(FeedKind.EVENT, event["id"])
        if not (root / own_calendar).is_file():
            found.append(Disagreement(_EVENT_FILE_MISSING, {"event": event["id"], "path": own_calendar}))
        for _code, prefix in languages:
            path = prefix + save_as(PageKind.EVENT, event["id"])
            if not (root / path).is_file():
                found.append(Disagreement(_EVENT_FILE_MISSING, {"event": event["id"], "path": path}))
                continue
            for disagreement in _check_event_page(root, path, event, occurrences, today):
                key = (disagreement.message, event["id"], disagreement.params["page"], disagreement.params["data"])
                if key not in seen:
                    seen.add(key)
                    found.append(disagreement)
    return found


def _values(component, name: str) -> list:
    """Every decoded value of a property that may repeat or hold lists (EXDATE)."""
    raw = component.get(name)
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    values = []
    for item in items:
        values += [d.dt for d in item.dts] if hasattr(item, "dts") else [item.dt]
    return values


def _expand(master, first_day: date, last_day: date) -> list[str]:
    """Starts of a VEVENT (DTSTART, RRULE, EXDATE) that begin on a day in [first_day, last_day]."""
    start = master.decoded("DTSTART")
    all_day = not isinstance(start, datetime)
    dtstart = datetime.combine(start, time.min) if all_day else start
    lower = datetime.combine(first_day, time.min, None if all_day else OSLO)
    upper = datetime.combine(last_day + timedelta(days=1), time.min, None if all_day else OSLO)
    if "RRULE" in master:
        rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=dtstart)
        starts = rule.between(lower, upper, inc=True)
    else:
        starts = [dtstart]
    excluded = {_normal(d) for d in _values(master, "EXDATE")}
    result = []
    for moment in starts:
        value: date | datetime = moment.date() if all_day else moment
        text = _normal(value)
        day = value if all_day else value.astimezone(OSLO).date()
        if first_day <= day <= last_day and text not in excluded:
            result.append(text)
    return result


def _check_calendar(root: Path, events: list[dict], window: dict) -> list[Disagreement]:
    """kalender.ics against events.json: the same events, start times and cancellations."""
    name = feed_path(FeedKind.ALL)
    try:
        calendar = Calendar.from_ical(_read_bytes(root, name))
    except ValueError as exc:
        raise _Unreadable(Disagreement(_UNREADABLE, {"path": name, "error": type(exc).__name__})) from exc
    first_day, last_day = date.fromisoformat(window["first_day"]), date.fromisoformat(window["last_day"])
    masters: dict[str, object] = {}
    cancelled_overrides: dict[str, set[str]] = {}
    for component in calendar.walk("VEVENT"):
        event_id = str(component.get("UID", "")).rpartition("@")[0]
        if "RECURRENCE-ID" in component:
            if str(component.get("STATUS", "")).upper() == "CANCELLED":
                cancelled_overrides.setdefault(event_id, set()).add(_normal(component.decoded("RECURRENCE-ID")))
        else:
            masters[event_id] = component
    by_id = {e["id"]: e for e in events}
    found = [Disagreement(_ICAL_UNKNOWN, {"event": event_id}) for event_id in sorted(masters) if event_id not in by_id]
    for event_id, event in sorted(by_id.items()):
        occurrences = [_Occurrence.of(o) for o in event.get("occurrences", [])]
        master = masters.get(event_id)
        if master is None:
            if occurrences:
                found.append(Disagreement(_ICAL_MISSING, {"event": event_id}))
            continue
        ical = _expand(master, first_day, last_day)
        data = [o.start for o in occurrences]
        if set(ical) != set(data):
            found.append(Disagreement(_ICAL_TIMES, {
                "event": event_id, "ical": _shown(sorted(set(ical) - set(data))),
                "data": _shown(sorted(set(data) - set(ical)))}))
            continue
        whole = str(master.get("STATUS", "")).upper() == "CANCELLED"
        ical_cancelled = set(ical) if whole else cancelled_overrides.get(event_id, set()) & set(ical)
        data_cancelled = {o.start for o in occurrences if o.cancelled}
        if ical_cancelled != data_cancelled:
            found.append(Disagreement(_ICAL_CANCELLED, {
                "event": event_id, "ical": _shown(sorted(ical_cancelled)), "data": _shown(sorted(data_cancelled))}))
    return found


def _check_associations(root: Path, associations: list[dict],
                        languages: list[tuple[str, str]]) -> list[Disagreement]:
    found = []
    for association in associations:
        for _code, prefix in languages:
            path = prefix + save_as(PageKind.ASSOCIATION, association["id"])
            if not (root / path).is_file():
                found.append(Disagreement(_ASSOCIATION_PAGE_MISSING,
                                          {"association": association["id"], "path": path}))
    return found


def _check_search_index(root: Path, languages: list[tuple[str, str]]) -> list[Disagreement]:
    indexed = _read_json(root, PAGEFIND_ENTRY).get("languages", {})
    found = []
    for code, _prefix in languages:
        info = indexed.get(code)
        meta = f"pagefind/pagefind.{info['hash']}.pf_meta" if info and info.get("hash") else PAGEFIND_ENTRY
        if not info or not info.get("page_count") or not (root / meta).is_file():
            found.append(Disagreement(_SEARCH_INDEX_MISSING, {"language": code, "path": meta}))
    return found


def check_output(root: Path) -> Report:
    """Every disagreement between the outputs in the built folder ``root``."""
    try:
        events_document = _read_json(root, EVENTS_JSON)
        associations = _read_json(root, ASSOCIATIONS_JSON).get("associations", [])
        as_of = (_read_json(root, GRANTS_JSON).get("status_as_of") if (root / GRANTS_JSON).is_file() else None)
        languages = _site_languages(root)
        events = sorted(events_document.get("events", []), key=lambda e: e["id"])
        found = _check_events(root, events, languages, date.fromisoformat(as_of) if as_of else None)
        found += _check_calendar(root, events, events_document["window"])
        found += _check_associations(root, associations, languages)
        found += _check_search_index(root, languages)
    except _Unreadable as exc:
        return Report([exc.disagreement])
    except (KeyError, ValueError, TypeError, AttributeError) as exc:  # a file is not as the build writes it
        return Report([Disagreement(_UNREADABLE, {"path": str(root), "error": f"{type(exc).__name__}: {exc}"})])
    return Report(found, len(events), len(associations), len(languages))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.commands.check",
        description="Sjekk at sidene, kalenderfilene og de åpne dataene i et bygget nettsted stemmer overens.",
    )
    parser.add_argument("output", nargs="?", default="output", help="built site folder (default: output)")
    add_language_option(parser)
    args = parser.parse_args(argv)
    gettext = message_text(parser, args.lang)
    root = existing_folder(args.output, gettext)
    if root is None:
        return 2
    report = check_output(root)
    if report.disagreements:
        for disagreement in report.disagreements:
            print("- " + disagreement.text(gettext))
        print()
        print(gettext(_DISAGREEMENTS).format(count=len(report.disagreements), path=root))
        return 1
    print(gettext(_ALL_GOOD).format(events=report.events, associations=report.associations,
                                    languages=report.languages, path=root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
