"""The calendar importer (``python -m aktivitetsportal.import_ics``).

Real-world style calendars from Google, Outlook and Apple (tests/fixtures/calendars/) are
imported into a small content folder and built; the occurrences the site shows must be the
ones the calendar app shows, as ``recurring_ical_events`` expands the source.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from aktivitetsportal.commands import import_ics
from aktivitetsportal.commands import validate as validate_command
from aktivitetsportal.keys import FeedKind
from aktivitetsportal.outputs.addresses import feed_path
from aktivitetsportal.settings import OSLO
from aktivitetsportal.submissions.calendar_import import (
    CalendarUnreadable,
    ImportOptions,
    read_calendar,
)
from aktivitetsportal.submissions.sourcefile import read_source
from aktivitetsportal.text.problem_messages import problem_message
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import DEMO_CONTENT, DEMO_TODAY, ROOT, build_site, soup_of

FIXTURES = Path(__file__).parent / "fixtures" / "calendars"
ORGANIZER = "vestre-toten-frivilligsentral"
TODAY = date.fromisoformat(DEMO_TODAY)
#: The build window ahead (PORTAL_DAYS_AHEAD): every occurrence in it is compared.
WINDOW = (TODAY, TODAY + timedelta(days=365))
#: The site imports these, each into its own folder; Apple's needs --location for one event.
SOURCES = {
    "google": (),
    "outlook": (),
    "apple": ("--location", "Frivilligsentralen, Storgata 1, 2830 Raufoss"),
    "no_vtimezone": (),
}


def make_content(folder: Path) -> Path:
    """A content folder with one association and no events."""
    (folder / "associations").mkdir(parents=True)
    shutil.copy(DEMO_CONTENT / "associations" / f"{ORGANIZER}.md", folder / "associations")
    return folder


def run_import(capsys, source, content: Path, *args: str) -> tuple[int, str]:
    """Run the command with the demo settings (today 2026-11-23); returns its exit status and output."""
    code = import_ics.main([str(source), "--organizer", ORGANIZER, "--content", str(content),
                            "--settings", str(ROOT / "pelicanconf.py"), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def event_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def source_calendar(name: str) -> icalendar.Calendar:
    """A fixture parsed for comparison (unfolded as bytes first: google.ics cuts characters)."""
    data = re.sub(rb"\r?\n[ \t]", b"", (FIXTURES / f"{name}.ics").read_bytes())
    return icalendar.Calendar.from_ical(data)


def oslo(moment):
    """An occurrence start as Oslo wall clock (floating times are Oslo's), or the date."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(OSLO).replace(tzinfo=None)
    return moment


def occurrences(calendar: icalendar.Calendar, uids=None) -> tuple[set, set]:
    """(start, title) of the occurrences in the window, and the starts of cancelled ones."""
    shown, cancelled = set(), set()
    for event in recurring_ical_events.of(calendar).between(*WINDOW):
        if str(event.get("class", "")).upper() in {"PRIVATE", "CONFIDENTIAL"}:
            continue
        if uids is not None and str(event.get("uid")).split("@")[0] not in uids:
            continue
        start = oslo(event.DTSTART)
        if str(event.get("status", "")).upper() == "CANCELLED":
            cancelled.add(start)
        else:
            shown.add((start, str(event.get("summary"))))
    return shown, cancelled


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """The four calendars imported (each into its own folder) and the site built in bokmål."""
    root = tmp_path_factory.mktemp("import")
    content = make_content(root / "content")
    codes = {}
    for name, extra in SOURCES.items():
        code = import_ics.main([str(FIXTURES / f"{name}.ics"), "--organizer", ORGANIZER,
                                "--content", str(content), "--into", str(content / "events" / name),
                                "--settings", str(ROOT / "pelicanconf.py"), *extra])
        codes[name] = code
    output = build_site(content, root / "output", PORTAL_LANGUAGES=["nb"])
    feed = icalendar.Calendar.from_ical(
        (output / feed_path(FeedKind.ORGANIZER, ORGANIZER)).read_bytes())
    return content, output, feed, codes


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_site_shows_the_occurrences_the_calendar_app_shows(imported_site, name):
    content, _output, feed, codes = imported_site
    assert codes[name] == 0
    slugs = {p.stem for p in (content / "events" / name).glob("*.md")}
    built, built_cancelled = occurrences(feed, slugs)
    expected, expected_cancelled = occurrences(source_calendar(name))
    assert expected  # the fixture has occurrences in the window
    built_titles = {(start, title.removeprefix("AVLYST: ")) for start, title in built}
    assert built_titles == expected
    assert built_cancelled == expected_cancelled


def test_times_become_oslo_wall_clock_and_until_the_day_of_the_last_occurrence():
    options = ImportOptions(organizer=ORGANIZER, category="annet", since=WINDOW[0] - timedelta(days=60))
    read = {name: read_calendar((FIXTURES / f"{name}.ics").read_bytes(), f"{name}.ics", options)
            for name in ("google", "outlook", "apple", "no_vtimezone")}
    fields = {d.title: d.fields for r in read.values() for d in r.drafts}
    # UNTIL=20270302T165959Z is 17:59:59 in Oslo, before that day's 18:00: the last is 23 February.
    assert fields["Strikkekafé"]["repeat"] == "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270223"
    assert fields["Strikkekafé"]["except"] == "2026-12-22, 2026-12-29, 2027-01-12"
    assert fields["Strikkekafé"]["cancelled-dates"] == "2027-01-05"
    # UTC times in a calendar whose X-WR-TIMEZONE is Oslo: 10:00 all year, across the DST change.
    assert (fields["Seniortrim"]["start"], fields["Seniortrim"]["repeat"]) == ("2027-02-04 10:00", "FREQ=WEEKLY;COUNT=12")
    assert (fields["Julemarked på Raufoss"]["start"], fields["Julemarked på Raufoss"]["end"]) == (
        "2026-12-05 11:00", "2026-12-05 16:00")
    # UNTIL=20270330T220000Z is midnight in Oslo (summer time): the last Tuesday is 30 March.
    assert fields["Leksehjelp"]["repeat"] == "FREQ=WEEKLY;UNTIL=20270330"
    assert fields["Loppemarked"]["start"] == "2027-03-20 10:00"  # Windows TZID, no VTIMEZONE
    # Apple: floating times, DURATION, a floating UNTIL that is itself an occurrence.
    language_cafe = fields["Språkkafé – norsk og ukrainsk"]
    assert (language_cafe["start"], language_cafe["duration"]) == ("2026-12-03 17:00", "1h30min")
    assert language_cafe["repeat"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20270325"
    assert fields["Kortspill på Bøverbru"]["location"] == "Bøverbru grendehus, Bøverbruvegen 3, 2846 Bøverbru"
    assert fields["Åpent hus på julaften"]["location"] == "Frivilligsentralen, Storgata 1, 2830 Raufoss"
    # All-day: DTEND is exclusive, End inclusive; a one-day event needs no End.
    assert (fields["Vinterleir på Totenåsen"]["start"], fields["Vinterleir på Totenåsen"]["end"]) == (
        "2027-02-05", "2027-02-07")
    assert (fields["Juleverksted for barn"]["start"], fields["Juleverksted for barn"].get("end", "")) == (
        "2026-12-12", "")
    # Outlook: "Avlyst: " is left to the site's own AVLYST mark; the moved meeting is out of its series.
    assert fields["Julekonsert med frivilligkoret"]["status"] == "cancelled"
    assert fields["Styremøte i frivilligsentralen"]["except"] == "2027-03-01"
    assert "Tannlege (privat)" not in fields
    assert read["outlook"].private == 1
    assert read["google"].past == 1  # the spring cleaning of 2025 is not imported


def test_descriptions_become_safe_markdown():
    options = ImportOptions(organizer=ORGANIZER, category="annet")
    drafts = {d.title: d for name in ("google", "outlook", "hostile")
              for d in read_calendar((FIXTURES / f"{name}.ics").read_bytes(), name, options).drafts}
    board = drafts["Styremøte i frivilligsentralen"].body  # Outlook's X-ALT-DESC
    assert "- Økonomi\n- Frivilligdagen" in board
    assert "[styresiden](https://vestretoten-frivilligsentral.no/styret)" in board
    assert "MsoNormal" not in board and "<" not in board
    knitting = drafts["Strikkekafé"].body  # Google's HTML, its redirect links unwrapped
    assert knitting.startswith("Ta med garn og pinner!\n\n**Nybegynnere** er hjertelig velkomne.")
    assert "[Les mer](https://www.example.no/strikk)" in knitting
    market = drafts["Julemarked på Raufoss"].body
    assert "- Nissen kommer kl. 14" in market and "Vinn en premie" in market
    # A fold in the middle of «æ», «å» and «ø» is mended before the text is decoded.
    meeting = drafts["Ærlig talt: åpent møte om frivillighet i Østre og Vestre Toten"].body
    assert "Ærlig talt, åpent og uformelt" in meeting and "blåbærsyltetøy" in meeting
    assert "\ufffd" not in meeting
    for body in (market, *(d.body for d in drafts.values())):
        lowered = body.lower()
        for unsafe in ("javascript", "vbscript", "data:", "<script", "onerror", "onclick", "iframe"):
            assert unsafe not in lowered, (unsafe, body)


def test_event_pages_show_moved_and_cancelled_occurrences(imported_site):
    content, output, _feed, _codes = imported_site
    files = {read_source(p, content).value("title"): p.stem for p in (content / "events" / "google").glob("*.md")}
    series = soup_of(output / "arrangement" / files["Strikkekafé"] / "index.html")
    dates = {t["datetime"]: "is-cancelled" in (t.parent.get("class") or [])
             for t in series.select("ul.dates time")}
    assert dates["2027-01-05T18:00:00+01:00"] is True  # cancelled in Google: AVLYST on the page
    assert dates["2026-12-08T18:00:00+01:00"] is False
    assert "2027-01-12T18:00:00+01:00" not in dates  # moved away
    assert "2026-12-22T18:00:00+01:00" not in dates  # EXDATE
    moved = soup_of(output / "arrangement" / files["Strikkekafé – flyttet til torsdag"] / "index.html")
    assert moved.select_one("main time")["datetime"] == "2027-01-14T19:00:00+01:00"
    week = soup_of(output / "kalender" / "uke" / "2027-02" / "index.html")  # 11-17 January
    linked = {a["href"].rstrip("/").rpartition("/")[2] for a in week.select("main a[href]")}
    assert files["Strikkekafé – flyttet til torsdag"] in linked
    assert files["Strikkekafé"] not in linked


def test_every_written_file_passes_validation(imported_site, capsys):
    content, *_ = imported_site
    assert validate_command.main([str(content)]) == 0
    assert "Alt i orden" in capsys.readouterr().out


def test_importing_twice_changes_nothing(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    folder = content / "events" / ORGANIZER
    assert run_import(capsys, FIXTURES / "google.ics", content)[0] == 0
    before = event_files(folder)
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.md")}
    code, report = run_import(capsys, FIXTURES / "google.ics", content)
    assert code == 0
    assert "Nye: 0. Oppdatert: 0. Uendret: 6." in report
    assert event_files(folder) == before
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.md")} == stamps


def test_an_updated_calendar_updates_the_same_file(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    folder = content / "events" / ORGANIZER
    run_import(capsys, FIXTURES / "google.ics", content)
    before = event_files(folder)
    changed = tmp_path / "google.ics"
    changed.write_bytes((FIXTURES / "google.ics").read_bytes()
                        .replace(b"SUMMARY:Julemarked p\xc3\xa5 Raufoss", b"SUMMARY:Julemarked og loppis")
                        .replace(b"DTEND:20261205T150000Z", b"DTEND:20261205T160000Z"))
    code, report = run_import(capsys, changed, content)
    assert code == 0
    after = event_files(folder)
    assert after.keys() == before.keys()  # same file names: the page and its feed UID stay
    updated = [name for name in after if after[name] != before[name]]
    assert len(updated) == 1 and updated[0].startswith("julemarked-pa-raufoss-")
    assert b"Title: Julemarked og loppis\n" in after[updated[0]]
    assert b"End: 2026-12-05 17:00\n" in after[updated[0]]
    assert f"Oppdatert: {(folder / updated[0]).as_posix()}" in report


def without_event(data: bytes, uid: bytes) -> bytes:
    """The calendar ``data`` with the VEVENT of ``uid`` taken out."""
    blocks = re.split(rb"(?=BEGIN:VEVENT\r\n)", data)
    return b"".join(b for b in blocks if b"\r\nUID:" + uid + b"\r\n" not in b)


def test_events_gone_from_the_calendar_are_removed_only_with_prune(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    folder = content / "events" / ORGANIZER
    run_import(capsys, FIXTURES / "google.ics", content)
    handwritten = folder / "handskrevet.md"
    handwritten.write_text((DEMO_CONTENT / "events" / ORGANIZER / "frivilligbors-2027.md")
                           .read_text(encoding="utf-8"), encoding="utf-8")
    (market,) = folder.glob("julemarked-pa-raufoss-*.md")
    smaller = tmp_path / "google.ics"
    smaller.write_bytes(without_event((FIXTURES / "google.ics").read_bytes(), b"7ab8cd9ef0julemarked@google.com"))

    code, report = run_import(capsys, smaller, content)
    assert code == 0 and market.exists()
    assert f"Finnes ikke lenger i kalenderen: {market.as_posix()}. Kjør med --prune" in report

    code, report = run_import(capsys, smaller, content, "--prune", "--dry-run")
    assert market.exists()
    assert f"Fjernet: {market.as_posix()}" in report

    code, report = run_import(capsys, smaller, content, "--prune")
    assert code == 0 and not market.exists()
    assert f"Fjernet: {market.as_posix()}" in report
    assert handwritten.exists()  # a file without Import-uid is never the importer's
    assert len(list(folder.glob("*.md"))) == 6


def test_a_calendar_not_read_to_its_end_prunes_nothing(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    folder = content / "events" / ORGANIZER
    run_import(capsys, FIXTURES / "google.ics", content)
    before = event_files(folder)
    code, report = run_import(capsys, FIXTURES / "truncated.ics", content, "--prune")
    assert code == 1
    assert before.items() <= event_files(folder).items()  # the truncated calendar's two are added
    assert "Kalenderen ble ikke lest helt, så ingen filer er fjernet" in report
    assert "Fjernet: 0." in report


def test_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / "outlook.ics", content, "--dry-run")
    assert code == 0
    assert not (content / "events").exists()
    assert report.count("Ny fil: ") == 4
    assert "Prøvekjøring (--dry-run): ingen filer er skrevet eller slettet." in report


def test_an_event_without_a_place_is_left_out_unless_one_is_given(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / "apple.ics", content)
    assert code == 1
    assert "apple.ics, linje 39: «Juletrefest for flyktningfamilier» har ikke noe sted (LOCATION)" in report
    assert "--location" in report
    assert len(list((content / "events" / ORGANIZER).glob("*.md"))) == 3
    code, _ = run_import(capsys, FIXTURES / "apple.ics", content, "--location", "Frivilligsentralen, Storgata 1, 2830 Raufoss")
    assert code == 0
    party = next((content / "events" / ORGANIZER).glob("juletrefest-*.md")).read_text(encoding="utf-8")
    assert "Location: Frivilligsentralen, Storgata 1, 2830 Raufoss\n" in party
    assert "Duration: 2h\n" in party


@pytest.mark.parametrize(("fixture", "written", "messages"), [
    ("truncated.ics", 2, ["truncated.ics, linje 19: Kalenderen slutter midt i et arrangement"]),
    ("malformed.ics", 2, [
        "malformed.ics, linje 12: «20270230T180000» i DTSTART er ikke en gyldig dato",
        "malformed.ics, linje 20: Arrangementet som begynner her, kunne ikke leses (END:VTODO)",
        "malformed.ics, linje 28: «Loddsalg hver time» ble ikke importert: «FREQ=HOURLY;COUNT=5» er ikke en gjentakelse",
    ]),
])
def test_broken_calendars_import_every_event_they_can(tmp_path, capsys, fixture, written, messages):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / fixture, content)
    assert code == 1
    assert len(list((content / "events" / ORGANIZER).glob("*.md"))) == written
    errors = [line for line in report.splitlines() if line.startswith("FEIL: ")]
    for message in messages:
        assert any(message in line for line in errors), report
    assert f"Ikke importert: {len(messages)}." in report
    assert validate_command.main([str(content)]) == 0


def test_a_duplicate_uid_keeps_the_highest_sequence(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / "duplicate_uid.ics", content)
    assert code == 0
    (written,) = (content / "events" / ORGANIZER).glob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "Title: Vårdugnad\n" in text and "Start: 2027-04-24 10:00\n" in text
    assert "ADVARSEL: " in report and "linje 13: «Vårdugnad (gammel dato)» står flere ganger" in report


def test_hostile_text_is_cleaned_and_a_long_title_shortened(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / "hostile.ics", content)
    assert code == 0
    (written,) = (content / "events" / ORGANIZER).glob("*.md")
    text = written.read_text(encoding="utf-8")
    title = re.search(r"^Title: (.*)$", text, re.MULTILINE).group(1)
    assert len(title) <= 150 and title.startswith("Storåpen dag") and title.endswith("…")
    assert "Location: Raufoss samfunnshus, Storgata 20, 2830 Raufoss\n" in text
    assert not re.search("[\u200b\u202a-\u202e\x00-\x08]", text)
    assert "[Program](https://www.example.no/program)" in text
    for unsafe in ("script", "data:", "onerror", "onclick", "iframe"):
        assert unsafe not in text.lower()
    assert re.search(r"ADVARSEL: .*hostile.ics, linje 4: Title i «Storåpen dag .*» var 212 tegn, og grensen er 150",
                     report)


@pytest.mark.parametrize(("args", "message"), [
    ([str(FIXTURES / "not_a_calendar.ics")], "er ikke en kalender (iCalendar, .ics)"),
    ([str(FIXTURES / "finnes-ikke.ics")], "Fant ikke filen"),
    (["ftp://example.no/kalender.ics"], "bare adresser som begynner med https://"),
    (["file:///etc/passwd"], "bare adresser som begynner med https://"),
    ([str(FIXTURES / "google.ics"), "--category", "sport"], "«sport» er ikke en kategori."),
    ([str(FIXTURES / "google.ics"), "--category", "religion og livssyn"], "Velg blant: kultur, idrett"),
])
def test_nothing_readable_is_exit_2(tmp_path, capsys, args, message):
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, args[0], content, *args[1:])
    assert code == 2
    assert message in report
    assert not (content / "events").exists()


def test_an_unknown_organizer_is_exit_2_with_a_suggestion(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    code = import_ics.main([str(FIXTURES / "google.ics"), "--organizer", "vestre-toten-frivilligsentralen",
                            "--content", str(content)])
    report = capsys.readouterr().err
    assert code == 2
    assert "Fant ingen forening med kortnavnet «vestre-toten-frivilligsentralen»" in report
    assert f"Mente du «{ORGANIZER}»?" in report


@contextmanager
def serve_fixtures():
    """The fixtures over http on 127.0.0.1 (a free port), as a calendar server would."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=FIXTURES))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_calendar_is_fetched_from_its_address(tmp_path, capsys):
    content = make_content(tmp_path / "content")
    with serve_fixtures() as base:
        code, report = run_import(capsys, f"{base}/outlook.ics?token=hemmelig123", content)
        missing_code, missing = run_import(capsys, f"{base}/mangler.ics", content)
    assert code == 0
    assert len(list((content / "events" / ORGANIZER).glob("*.md"))) == 4
    assert "http://127.0.0.1/…/outlook.ics" in report
    assert "hemmelig123" not in report  # the secret part of a published address stays out of logs
    assert missing_code == 2 and "(HTTP 404)" in missing


def test_a_calendar_over_the_size_limit_is_not_read(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(import_ics, "MAX_DOWNLOAD_BYTES", 1024)
    content = make_content(tmp_path / "content")
    code, report = run_import(capsys, FIXTURES / "google.ics", content)
    assert code == 2
    assert "er større enn" in report


def _calendar(*events: str) -> bytes:
    """A minimal VCALENDAR around ``events`` (their lines without BEGIN/END)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//NO"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.strip().split("\n"), "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def test_a_series_in_utc_without_a_calendar_zone_is_flagged():
    data = _calendar("""UID:utc-series@example.no
DTSTART:20270301T170000Z
DTEND:20270301T180000Z
RRULE:FREQ=WEEKLY;COUNT=8
SUMMARY:Yoga
LOCATION:Huset""")
    read = read_calendar(data, "utc.ics", ImportOptions(organizer=ORGANIZER, category="idrett"))
    (draft,) = read.drafts
    assert draft.fields["start"] == "2027-03-01 18:00"
    assert [(p.code, p.severity) for p in read.problems] == [("import_time_varies", "warning")]


def test_an_event_without_end_gets_one_hour_and_a_warning():
    data = _calendar("""UID:no-end@example.no
DTSTART;TZID=Europe/Oslo:20270301T170000
SUMMARY:Konsert
LOCATION:Huset""")
    read = read_calendar(data, "x.ics", ImportOptions(organizer=ORGANIZER, category="kultur"))
    assert read.drafts[0].fields["duration"] == "1h"
    assert [p.code for p in read.problems] == ["import_no_end"]


def test_extra_dates_of_a_series_become_files_of_their_own():
    data = _calendar("""UID:rdate@example.no
DTSTART;TZID=Europe/Oslo:20261201T180000
DURATION:PT2H
RRULE:FREQ=WEEKLY;COUNT=4
RDATE;TZID=Europe/Oslo:20261227T120000,20270104T180000
SUMMARY:Korøving
LOCATION:Kirka""")
    read = read_calendar(data, "x.ics", ImportOptions(organizer=ORGANIZER, category="kultur"))
    assert [(d.fields["start"], d.fields.get("repeat", ""), d.key) for d in read.drafts] == [
        ("2026-12-01 18:00", "FREQ=WEEKLY;COUNT=4", "rdate@example.no"),
        ("2026-12-27 12:00", "", "rdate@example.no;RDATE=20261227T120000"),
        ("2027-01-04 18:00", "", "rdate@example.no;RDATE=20270104T180000"),
    ]
    assert all(d.fields["duration"] == "2h" for d in read.drafts)
    assert read.problems == []


_JUNK = [b"", b":", b";", b"\r\n", b"\r\n ", b"BEGIN:VEVENT", b"END:VEVENT", b"END:VCALENDAR", b"\xff\xc3",
         b"99999999T999999", b"FREQ=SECONDLY", b"COUNT=2147483648", b"UNTIL=99991231", b"TZID=Europe",
         b"RECURRENCE-ID:20261201T180000", b"DTSTART;VALUE=DATE:00010101", b"DURATION:P9999999D",
         b"RDATE;VALUE=PERIOD:20261201T100000Z/PT1H", b"EXDATE:", b"BYSETPOS=0", b"DTEND:19000101T000000"]


@settings(max_examples=120, deadline=None, derandomize=True)
@given(name=st.sampled_from(sorted(p.name for p in FIXTURES.glob("*.ics"))),
       edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(_JUNK)), max_size=5))
def test_no_broken_calendar_makes_the_reader_fail(name, edits):
    data = bytearray((FIXTURES / name).read_bytes())
    for where, cut, junk in edits:
        at = int(where * len(data))
        data[at:at + cut] = junk
    try:
        read = read_calendar(bytes(data), name, ImportOptions(organizer=ORGANIZER, category="annet"))
    except CalendarUnreadable:
        return
    for problem in read.problems:  # every problem can be put into words
        assert problem_message(problem)


def test_a_file_that_is_not_a_calendar_raises():
    with pytest.raises(CalendarUnreadable):
        read_calendar(b"", "tom.ics", ImportOptions(organizer=ORGANIZER, category="annet"))
