"""Volunteer assignments, venues and the equipment bank: reading files, and the messages."""

from datetime import date, datetime, time

import pytest
from aktivitetsportal.keys import AssignmentKind
from aktivitetsportal.submissions.assignments import parse_assignment, parse_weekly
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.submissions.equipment import parse_equipment
from aktivitetsportal.submissions.recurrence import RecurrenceError
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.venues import parse_rooms, parse_venue
from aktivitetsportal.text.problem_messages import render_problem
from sitebuild import DEMO_CONTENT

ASSOCIATIONS = {"raufoss-il-ski": "raufoss-il-ski", "raufoss il ski": "raufoss-il-ski",
                "utstyrsbanken": "utstyrsbanken"}
VENUES = {"reinsvoll-grendehus": "reinsvoll-grendehus", "reinsvoll grendehus": "reinsvoll-grendehus"}

KIOSK = """Title: Kioskvakt på skirennet
Organizer: Raufoss IL Ski
Category: idrett
Start: 2027-02-07 09:00-14:00
Location: Skistua, Skistuvegen 20, 2830 Raufoss
People: ca. 12
Age-from: 13
Suits: ungdom, ingen erfaring
Police-certificate: nei
Signup: https://raufossil.no/ski/dugnad

Vi trenger folk i kiosken.
"""


def _assignment(text: str, **lookups):
    return parse_assignment(parse_source_text(text, "assignments/x.md"),
                            **{"organizers": ASSOCIATIONS, "venues": VENUES, "events": {}, **lookups})


def _errors(problems):
    return [render_problem(p) for p in problems if p.is_error]


def test_a_one_day_assignment_is_read_with_its_time_span_and_closes_that_day():
    assignment, problems = _assignment(KIOSK)
    assert not _errors(problems)
    assert assignment.organizer == "raufoss-il-ski"  # the exact name is accepted, the slug kept
    assert (assignment.start, assignment.end) == (datetime(2027, 2, 7, 9), datetime(2027, 2, 7, 14))
    assert assignment.kind is AssignmentKind.ONE_OFF
    assert assignment.people == 12 and assignment.age_from == 13
    assert assignment.suits == ("ungdom", "nybegynnere")
    assert assignment.signup.href == "https://raufossil.no/ski/dugnad"
    assert assignment.open_until == date(2027, 2, 7)
    assert assignment.is_open(date(2027, 2, 7)) and not assignment.is_open(date(2027, 2, 8))


def test_an_ongoing_assignment_has_a_weekly_time_and_stays_open_until_it_closes():
    text = KIOSK.replace("Start: 2027-02-07 09:00-14:00", "Weekly: tirsdager og torsdager 17:00-19:00\nCloses: 2027-06-01")
    assignment, problems = _assignment(text)
    assert not _errors(problems)
    assert assignment.kind is AssignmentKind.ONGOING
    assert assignment.weekly.weekdays == (1, 3)
    assert (assignment.weekly.start, assignment.weekly.end) == (time(17), time(19))
    assert assignment.is_open(date(2027, 6, 1)) and not assignment.is_open(date(2027, 6, 2))


def test_an_assignment_without_dates_is_ongoing_and_never_closes_by_itself():
    assignment, _ = _assignment(KIOSK.replace("Start: 2027-02-07 09:00-14:00\n", ""))
    assert assignment.kind is AssignmentKind.ONGOING
    assert assignment.open_until is None and assignment.is_open(date(2099, 1, 1))


@pytest.mark.parametrize("text, weekdays, start, end", [
    ("tirsdag 17:00-19:00", (1,), time(17), time(19)),
    ("hver mandag og onsdag kl. 10.00–12.00", (0, 2), time(10), time(12)),
    ("fridays 21:00-01:00", (4,), time(21), time(1)),
    ("lørdag", (5,), None, None),
])
def test_weekly_times_in_norwegian_and_english(text, weekdays, start, end):
    weekly = parse_weekly(text)
    assert (weekly.weekdays, weekly.start, weekly.end) == (weekdays, start, end)


@pytest.mark.parametrize("text", ["tirsdag 19:00-17:00", "blårsdag 17:00-19:00", ""])
def test_weekly_times_that_are_not_understood(text):
    with pytest.raises((RecurrenceError, ValueError)):
        parse_weekly(text)


@pytest.mark.parametrize("replace, field, words", [
    (("Organizer: Raufoss IL Ski", "Organizer: raufoss-il-skii"), "organizer", "Mente du «raufoss-il-ski»?"),
    (("People: ca. 12", "People: mange"), "people", "«mange» er ikke et helt tall fra 1 til 500"),
    (("Police-certificate: nei", "Police-certificate: kanskje"), "police-certificate", "«Police-certificate: ja»"),
    (("Signup: https://raufossil.no/ski/dugnad", "Signup: javascript:alert(1)"), "signup", "https://"),
    (("Start: 2027-02-07 09:00-14:00", "Weekly: blårsdag"), "weekly", "«Weekly: tirsdag 17:00-19:00»"),
    (("Category: idrett", "Venue: reinsvol-grendehus\nCategory: idrett"), "venue", "Mente du «reinsvoll-grendehus»?"),
    (("Category: idrett", "Events: skirenn\nCategory: idrett"), "events", "Fant ikke arrangementet «skirenn»"),
])
def test_mistakes_name_the_line_and_field_and_what_to_write(replace, field, words):
    assignment, problems = _assignment(KIOSK.replace(*replace))
    assert assignment is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.field == field and problem.line is not None
    assert words in render_problem(problem)


def test_an_assignment_must_say_what_the_volunteer_does():
    assignment, problems = _assignment(KIOSK.split("\n\n")[0] + "\n")
    assert assignment is None
    assert "Beskrivelsen mangler" in _errors(problems)[0]


VENUE = """Name: Reinsvoll grendehus
Address: Grendevegen 3, 2840 Reinsvoll
Owner: kommunen
Rooms: Salen (ca. 50 personer), Peisestua (15), Kjøkkenet
Price: 800 kr per døgn
Facilities: kjøkken, storskjerm
Booking: https://reinsvollvel.no/grendehuset
Step-free: ja
Accessible-toilet: nei
Coordinates: 60,6712, 10,6421

Grendehuset.
"""


def _venue(text: str):
    return parse_venue(parse_source_text(text, "venues/x.md"), owners=ASSOCIATIONS)


def test_a_venue_with_rooms_access_and_a_municipal_owner():
    venue, problems = _venue(VENUE)
    assert not _errors(problems)
    assert venue.owned_by_municipality
    assert [(room.name, room.capacity) for room in venue.rooms] == [("Salen", 50), ("Peisestua", 15), ("Kjøkkenet", None)]
    assert venue.capacity == 50
    assert venue.facilities == ("kjøkken", "projektor")
    # Not stated stays None: only what the owner wrote is shown as yes or no.
    assert (venue.access.step_free, venue.access.accessible_toilet, venue.access.lift) == (True, False, None)
    assert venue.coordinates == (60.6712, 10.6421)
    assert venue.price_text == "800 kr per døgn" and venue.price is None


def test_a_venue_owned_by_an_association_and_its_mistakes():
    venue, _ = _venue(VENUE.replace("Owner: kommunen", "Owner: Utstyrsbanken"))
    assert venue.owner == "utstyrsbanken"
    assert parse_rooms("Salen (femti)") is None
    for replace, words in ((("Owner: kommunen", "Owner: reinsvoll-vell"), "«Owner: kommunen»"),
                           (("Rooms: Salen (ca. 50 personer), Peisestua (15), Kjøkkenet", "Rooms: Salen (mange)"),
                            "«Rooms: Møterommet (10), Storsalen (50)»"),
                           (("Coordinates: 60,6712, 10,6421", "Coordinates: nord for kirka"), "«Coordinates: 60.7036, 10.6060»")):
        venue, problems = _venue(VENUE.replace(*replace))
        assert venue is None and words in _errors(problems)[0]


def test_equipment_is_picked_up_somewhere_and_may_cost_per_loan():
    text = "Name: Partytelt\nCategory: arrangement\nOwner: utstyrsbanken\nPrice: 500 kr per helg\nQuantity: 2\n\nTo telt.\n"
    source = parse_source_text(text, "equipment/x.md")
    item, problems = parse_equipment(source, owners=ASSOCIATIONS, venues=VENUES)
    assert item is None
    assert "Pickup" in _errors(problems)[0]
    item, problems = parse_equipment(parse_source_text(text.replace("Quantity", "Venue: Reinsvoll grendehus\nQuantity"),
                                                       "equipment/x.md"), owners=ASSOCIATIONS, venues=VENUES)
    assert not _errors(problems)
    assert (item.venue, item.quantity, item.price_text, item.price) == ("reinsvoll-grendehus", 2, "500 kr per helg", None)


def test_the_demo_has_assignments_venues_and_equipment_and_all_are_valid():
    catalog = load_catalog(DEMO_CONTENT)
    assert not catalog.errors, [render_problem(p) for p in catalog.errors]
    assert len(catalog.assignments) >= 8 and len(catalog.venues) >= 8 and len(catalog.equipment) >= 8
    kinds = {a.kind for a in catalog.assignments}
    assert kinds == {AssignmentKind.ONE_OFF, AssignmentKind.ONGOING}
    # References point at things that exist.
    event_slugs = {e.slug for e in catalog.events}
    assert all(set(a.events) <= event_slugs for a in catalog.assignments)
    assert all(not a.venue or a.venue in catalog.venues for a in catalog.assignments)
    assert all(not v.owner or v.owner in catalog.associations for v in catalog.venues.values())


def test_an_event_may_name_a_venue_instead_of_a_location(tmp_path):
    content = tmp_path / "content"
    for folder in ("associations", "venues", "events/x"):
        (content / folder).mkdir(parents=True)
    (content / "associations" / "raufoss-il-ski.md").write_text(
        "Name: Raufoss IL Ski\nCategory: idrett\n\nSkigruppa.\n", encoding="utf-8")
    (content / "venues" / "skistua.md").write_text(
        "Name: Skistua\nAddress: Skistuvegen 20, 2830 Raufoss\nOwner: raufoss-il-ski\nStep-free: ja\n\nStua.\n",
        encoding="utf-8")
    event = "Title: Skirenn\nStart: 2027-02-07 10:00\nDuration: 3h\nOrganizer: raufoss-il-ski\nCategory: idrett\n"
    (content / "events" / "x" / "skirenn.md").write_text(event + "Venue: Skistua\n\nRenn.\n", encoding="utf-8")
    (content / "events" / "x" / "uten-sted.md").write_text(event + "\nIngen sted.\n", encoding="utf-8")
    catalog = load_catalog(content)
    [at_venue] = catalog.events
    assert (at_venue.venue, at_venue.location) == ("skistua", "Skistua, Skistuvegen 20, 2830 Raufoss")
    [missing] = catalog.errors
    assert missing.path == "events/x/uten-sted.md" and missing.field == "location"
