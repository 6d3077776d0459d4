"""Open data: the export files parse, are deterministic, are documented, and match the pages."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, datetime, timedelta

import pytest
from aktivitetsportal.domain.grant_deadlines import sort_grants
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.addresses import DEV_BASE_URL
from aktivitetsportal.outputs.exports import (
    CSV_COLUMNS,
    EXPORT_FILES,
    EventRecordTexts,
    _csv_cell,
    build_exports,
    events_document,
    events_json,
    to_json_bytes,
)
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.values import parse_duration
from factories import make_event
from sitebuild import DEMO_CONTENT, DEMO_TODAY, build_site

TODAY = date.fromisoformat(DEMO_TODAY)
TODAY_EVENING = datetime.combine(TODAY, datetime.min.time()).replace(hour=18)
FILES = ["events.json", "associations.json", "associations.csv", "grants.json", "assignments.json",
         "venues.json", "equipment.json"]


@pytest.fixture(scope="module")
def site() -> PortalSite:
    catalog = load_catalog(DEMO_CONTENT)
    assert catalog.errors == []
    return PortalSite.build(catalog, PortalSettings.from_mapping({"PORTAL_TODAY": DEMO_TODAY}))


@pytest.fixture(scope="module")
def exported(demo_output):
    return {name: (demo_output / name).read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def events(exported):
    return json.loads(exported["events.json"])


@pytest.fixture(scope="module")
def associations(exported):
    return json.loads(exported["associations.json"])


@pytest.fixture(scope="module")
def grants(exported):
    return json.loads(exported["grants.json"])


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def paths(value, prefix: str = "") -> set[str]:
    """Every field path in a JSON value: ``price``, ``price.free``, ``occurrences[].start``."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else key
            found.add(name)
            found |= paths(inner, name)
    elif isinstance(value, list):
        for item in value:
            found |= paths(item, f"{prefix}[]")
    return found


def site_path(url: str) -> str:
    """``http://localhost:8000/foreninger/x/`` -> ``/foreninger/x/``: the open data is absolute
    (the same rule as the feeds), the site's own links are root-relative."""
    assert url.startswith(DEV_BASE_URL + "/"), url
    return url.removeprefix(DEV_BASE_URL)


def page_path(url: str) -> str:
    path = site_path(url)
    assert path.endswith("/")
    return path.strip("/") + "/"


# -- files ---------------------------------------------------------------------
def test_the_build_writes_exactly_the_exports_the_core_computes(exported, site):
    """Written by the Pelican plugin, computed again here: the same bytes (deterministic)."""
    assert build_exports(site) == exported
    assert build_exports(site) == build_exports(site)


def _with_events(site: PortalSite, events) -> PortalSite:
    return PortalSite.build(dataclasses.replace(site.catalog, events=list(events)), site.settings)


def test_events_json_spliced_from_records_is_the_whole_document_encoded(site):
    """events.json is made record by record (so records can be kept); the bytes are those of
    encoding the whole document, also for titles that look like JSON and for no events."""
    assert events_json(site) == to_json_bytes(events_document(site))
    odd = make_event("odd", title='Quiz\n  "events": [] "}, {\u2028 æøå \\', organizer="raufoss-ungdomsklubb",
                     start=TODAY_EVENING)
    for events in ([], [odd], [*site.catalog.events, odd]):
        other = _with_events(site, events)
        assert events_json(other) == to_json_bytes(events_document(other))
    assert json.loads(events_json(_with_events(site, [])))["events"] == []


def test_kept_event_records_are_used_only_for_unchanged_events_under_the_same_constants(site):
    first = EventRecordTexts("build 1", {})
    assert events_json(site, first) == events_json(site)
    assert len(first.used) == len(site.catalog.events)
    # Kept texts are what a later build writes for the same events (a planted text proves it).
    planted = {key: text.replace('"id": ', '"id_kept": ', 1) for key, text in first.used.items()}
    again = EventRecordTexts("build 1", planted)
    assert events_json(site, again).count(b'"id_kept": ') == len(site.catalog.events)
    assert again.used == planted
    # Other constants (settings, register, code) or an edited event: made anew.
    assert b'"id_kept": ' not in events_json(site, EventRecordTexts("build 2", planted))
    edited = [dataclasses.replace(e, title=e.title + " x") if i == 0 else e for i, e in enumerate(site.catalog.events)]
    after_edit = EventRecordTexts("build 1", planted)
    data = events_json(_with_events(site, edited), after_edit)
    assert data.count(b'"id_kept": ') == len(site.catalog.events) - 1
    assert len(after_edit.used) == len(site.catalog.events)  # the edited one's old text is not kept


def test_json_files_are_utf8_with_sorted_keys_and_no_timestamps(exported):
    for name in ("events.json", "associations.json", "grants.json", "assignments.json", "venues.json", "equipment.json"):
        data = exported[name]
        text = data.decode("utf-8")
        assert not text.startswith("\ufeff") and text.endswith("}\n")
        assert "\\u00" not in text  # æøå as themselves
        document = json.loads(text)
        assert document["format_version"] == 1 and document["municipality"] == "Vestre Toten"
        assert json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def test_exports_do_not_depend_on_when_the_build_runs(tmp_path, exported):
    """A second build into another folder gives byte-identical files."""
    output = build_site(DEMO_CONTENT, tmp_path / "output", PORTAL_SEARCH=False)
    assert {name: (output / name).read_bytes() for name in FILES} == exported


def test_every_field_is_documented_and_every_documented_field_exists(exported):
    for export in EXPORT_FILES:
        documented = {f.name for f in export.fields}
        assert len(documented) == len(export.fields), export.filename  # no duplicates
        if export.format == "CSV":
            header = csv_rows(exported[export.filename])[0].keys()
            assert list(header) == [f.name for f in export.fields] == list(CSV_COLUMNS)
            continue
        document = json.loads(exported[export.filename])
        records = document.pop(export.records_key)
        actual = paths(document) | paths(records, "")
        actual = {p.removeprefix("[].") for p in actual}
        assert actual == documented, export.filename


# -- events.json -----------------------------------------------------------------
def test_events_json_has_every_event_with_its_occurrences_in_the_window(events, site):
    cal = site.calendar
    assert events["window"] == {"first_day": "2026-09-24", "last_day": "2027-11-23"}
    ids = [e["id"] for e in events["events"]]
    assert ids == sorted(ids) and set(ids) == {e.slug for e in site.catalog.events}
    first, last = date.fromisoformat("2026-09-24"), date.fromisoformat("2027-11-23")
    by_id = {e.slug: e for e in site.catalog.events}
    for record in events["events"]:
        event = by_id[record["id"]]
        occurrences = cal.occurrences_of(event)
        assert [o["id"] for o in record["occurrences"]] == [o.id for o in occurrences]
        for item, occ in zip(record["occurrences"], occurrences):
            assert item["cancelled"] is occ.cancelled
            if record["all_day"]:
                start, end = date.fromisoformat(item["start"]), date.fromisoformat(item["end"])
                assert len(item["start"]) == 10 and end > start
            else:
                start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
                assert start.utcoffset() in (timedelta(hours=1), timedelta(hours=2)), item["start"]
                assert end > start
                start = start.date()
            assert first <= start <= last
        assert parse_duration(record["duration"]) == event.duration


def test_events_json_times_carry_the_oslo_offset_of_their_season(events):
    skiskole = next(e for e in events["events"] if e["id"] == "skiskole-for-barn")
    assert skiskole["start"] == "2027-01-05T17:30:00+01:00"
    assert skiskole["occurrences"][0] == {
        "id": "skiskole-for-barn-2027-01-05", "start": "2027-01-05T17:30:00+01:00",
        "end": "2027-01-05T18:30:00+01:00", "cancelled": False}
    assert skiskole["recurrence"] == {"rrule": "FREQ=WEEKLY", "until": "2027-03-09", "description": "Hver tirsdag"}
    assert "2027-03-02" in skiskole["except_dates"]
    assert "skiskole-for-barn-2027-03-02" not in [o["id"] for o in skiskole["occurrences"]]
    summer = [o["start"] for e in events["events"] if not e["all_day"] for o in e["occurrences"]
              if o["start"].startswith("2027-06")]
    assert summer and all(s.endswith("+02:00") for s in summer)
    race = next(e for e in events["events"] if e["id"] == "barnas-skirenn-2027")
    assert race["all_day"] is True and race["occurrences"][0]["start"] == "2027-02-07"
    assert race["occurrences"][0]["end"] == "2027-02-08"  # exclusive, as in iCalendar
    assert race["price"] == {"free": False, "amounts_nok": [50], "label": "kr 50"}
    assert race["registration"]["url"] == "https://raufoss-il.no/ski/barnerenn"


def test_events_json_matches_the_event_pages(events, page):
    for record in events["events"]:
        soup = page(page_path(record["url"]))
        assert soup.find("h1").get_text(" ", strip=True).endswith(record["title"])
        organizer = soup.find("a", href=site_path(record["organizer_url"]))
        assert organizer is not None and organizer.get_text(strip=True) == record["organizer_name"]
        listed = [t["datetime"] for t in soup.select("ul.dates time")]
        upcoming = [o["start"] for o in record["occurrences"]
                    if (o["start"][:10] >= DEMO_TODAY or o["end"][:10] > DEMO_TODAY)]
        assert listed == upcoming[:len(listed)], record["id"]


# -- associations.json and .csv ----------------------------------------------------
def test_associations_json_matches_the_register_page(associations, page, site):
    records = associations["associations"]
    register = page("foreninger/")
    names = [h.get_text(strip=True) for h in register.select("li.register-entry h3")]
    assert [r["name"] for r in records] == names
    for record in records:
        item = register.find("a", href=site_path(record["url"])).find_parent("li")
        assert item.select_one(".register-category").get_text(strip=True) == record["category_label"]
        assert item.select_one(".register-line").get_text(strip=True) == record["summary"]
        detail = page(page_path(record["url"]))
        assert detail.find("h1").get_text(strip=True) == record["name"]
        if record["orgnr"]:
            assert detail.find("a", href=record["enhetsregisteret_url"]) is not None
        else:
            assert record["enhetsregisteret_url"] is None
        if record["email"]:
            assert detail.find("a", href=f"mailto:{record['email']}") is not None
        assert detail.find("a", href=site_path(record["calendar_url"])) is not None
        organized = {e.slug for e in site.catalog.events if e.organizer == record["id"]}
        assert set(record["event_ids"]) == organized


def test_associations_csv_opens_in_excel_with_norwegian_letters(exported, associations):
    data = exported["associations.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads æøå correctly
    text = data.decode("utf-8-sig")
    assert "Bøverbru IL" in text and "Vestre Toten Røde Kors" in text
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF, as Excel writes
    assert text.count("\r\n") == len(associations["associations"]) + 1  # header + one line each
    rows = csv_rows(data)
    records = associations["associations"]
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        for column in CSV_COLUMNS:
            value = record[column]
            expected = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
            assert row[column] == _csv_cell(expected), (record["id"], column)
    assert rows[0]["id"] == "boverbru-il" and rows[0]["audiences"] == "barn, familier"


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"https://x\")", "'=HYPERLINK(\"https://x\")"),
    ("+47 912 34 567", "'+47 912 34 567"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("Raufoss", "Raufoss"),
    (None, ""),
    (["barn", "eldre"], "barn, eldre"),
])
def test_csv_cells_that_excel_would_run_as_formulas_are_quoted(text, cell):
    assert _csv_cell(text) == cell


# -- grants.json ---------------------------------------------------------------------
def test_grants_json_matches_the_overview(grants, page, site):
    assert grants["status_as_of"] == DEMO_TODAY
    records = grants["grants"]
    assert [(r["id"], r["status"]) for r in records] == [
        (g.slug, s.key) for g, s in sort_grants(site.catalog.grants, TODAY, site.settings.closing_soon_days)]
    overview = page("tilskudd/")
    for record in records:
        item = overview.find("a", href=site_path(record["url"])).find_parent("li")
        assert item.select_one(".badge").get_text(strip=True) == record["status_label"]
        time = item.select_one(".grant-deadline time")
        if record["next_deadline"]:
            assert time["datetime"] == record["next_deadline"]
            assert record["days_left"] == (date.fromisoformat(record["next_deadline"]) - TODAY).days
        elif record["status"] == "stengt":
            assert time["datetime"] == record["previous_deadline"]
        else:
            assert time is None and record["days_left"] is None


def test_grants_json_deadline_rules(grants):
    by_id = {r["id"]: r for r in grants["grants"]}
    assert by_id["spillemidler"]["deadline"] == {"dates": [], "yearly": ["--11-01"], "rolling": False}
    assert by_id["spillemidler"]["next_deadline"] == "2027-11-01"
    assert by_id["spillemidler"]["deadline_description"] == "Hvert år 1. november"
    assert by_id["frifond"]["upcoming_deadlines"] == ["2027-03-01", "2027-09-01"]
    assert by_id["totens-sparebank-gavemidler"]["status"] == "frist-snart"
    assert by_id["totens-sparebank-gavemidler"]["days_left"] == 22
    assert by_id["alfred-noklebys-fond"]["status"] == "stengt"
    assert by_id["alfred-noklebys-fond"]["previous_deadline"] == "2026-10-01"
    assert by_id["gjensidigestiftelsen"]["deadline"]["rolling"] is True
    assert by_id["gjensidigestiftelsen"]["next_deadline"] is None


# -- the page ------------------------------------------------------------------------
def test_open_data_page_documents_and_links_every_file(page, demo_output):
    soup = page("apne-data/")
    main = soup.find("main")
    assert main.find("h1").get_text(strip=True) == "Åpne data"
    for export in EXPORT_FILES:
        link = main.find("a", string=f"Last ned {export.filename}")
        assert link["href"] == f"/{export.filename}" and (demo_output / export.filename).exists()
        heading = main.find("h2", string=f"{export.title}: {export.filename}")
        table = heading.find_parent("section").find("table")
        assert table.caption.get_text(" ", strip=True).startswith(f"Felt i {export.filename}")
        rows = [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")]
        assert rows == [f.name for f in export.fields]
    assert main.find("a", string="Last ned associations.csv") is not None
    levels = [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3"])]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    assert page("foreninger/").find("a", href="/apne-data/") is not None
    assert page("tilskudd/").find("a", href="/apne-data/") is not None


def test_open_data_page_has_no_wcag_violations_and_files_download(browser_page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    assert browser_page.goto(f"{site_url}/apne-data/").status == 200
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    results = Axe().run(browser_page, options={"runOnly": {"type": "tag", "values": tags}})
    assert [v["id"] for v in results.response["violations"]] == []
    for name in FILES:
        response = browser_page.request.get(f"{site_url}/{name}")
        assert response.status == 200 and response.body()
