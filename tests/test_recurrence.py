"""Repeat forms, Except dates and occurrences across both DST changes."""

from datetime import date, datetime, timedelta

import pytest
from aktivitetsportal.domain.calendar import expand_event
from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.recurrence import RecurrenceError, parse_repeat
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.text.phrases import recurrence_text
from aktivitetsportal.text.problem_messages import render_problem

TUESDAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    "text, rule, until",
    [
        ("weekly", "FREQ=WEEKLY", None),
        ("Weekly until 2027-06-30", "FREQ=WEEKLY", date(2027, 6, 30)),
        ("hver uke til 2027-06-30", "FREQ=WEEKLY", date(2027, 6, 30)),
        ("every 2 weeks until 2027-06-30", "FREQ=WEEKLY;INTERVAL=2", date(2027, 6, 30)),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2", None),
        ("annenhver uke", "FREQ=WEEKLY;INTERVAL=2", None),
        ("weekly on tuesday and thursday", "FREQ=WEEKLY;BYDAY=TU,TH", None),
        ("monthly on 1st tuesday until 2027-06-30", "FREQ=MONTHLY;BYDAY=1TU", date(2027, 6, 30)),
        ("monthly on last thursday", "FREQ=MONTHLY;BYDAY=-1TH", None),
        ("første tirsdag i måneden", "FREQ=MONTHLY;BYDAY=1TU", None),
        ("siste torsdag i måneden", "FREQ=MONTHLY;BYDAY=-1TH", None),
        ("weekly 10 times", "FREQ=WEEKLY;COUNT=10", None),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU", None),
        ("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270630T215959Z", "FREQ=WEEKLY;INTERVAL=2", date(2027, 6, 30)),
    ],
)
def test_repeat_forms(text, rule, until):
    rec = parse_repeat(text, TUESDAY)
    assert rec.rule == rule
    assert rec.until == until


@pytest.mark.parametrize(
    "text",
    ["sometimes", "weekly until someday", "weekly until 2026-08-01", "FREQ=HOURLY",
     "FREQ=WEEKLY;BYDAY=XX", "monthly on 7th tuesday", "weekly on funday", "",
     "every 0 weeks", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1", "FREQ=MONTHLY;BYMONTHDAY=0",
     "weekly 0 times", "daily 99999999 times until 2027-01-01"],
)
def test_bad_repeat_forms(text):
    with pytest.raises(RecurrenceError):
        parse_repeat(text, TUESDAY)


@pytest.mark.parametrize(
    "text, described",
    [("weekly", "Hver tirsdag"), ("every 2 weeks", "Annenhver tirsdag"),
     ("monthly on 1st tuesday", "Første tirsdag i måneden"),
     ("weekly on tuesday and thursday", "Hver tirsdag og torsdag")],
)
def test_descriptions_in_norwegian(text, described):
    assert recurrence_text(parse_repeat(text, TUESDAY), TUESDAY) == described


def _event(header: str):
    base = ("Title: Trim\nLocation: Hallen\nOrganizer: lag\nCategory: idrett\n")
    event, problems = parse_event(parse_source_text(base + header + "\n\nTekst", "events/lag/trim.md"))
    assert event is not None, [render_problem(p) for p in problems]
    return event


def test_weekly_stays_at_18_across_autumn_dst_change():
    event = _event("Start: 2026-10-13 18:00\nDuration: 1h30min\nRepeat: weekly until 2026-11-10")
    occs = expand_event(event, date(2026, 10, 1), date(2026, 12, 1))
    assert [o.day for o in occs] == [date(2026, 10, 13) + timedelta(weeks=i) for i in range(5)]
    assert {(o.start.hour, o.start.minute) for o in occs} == {(18, 0)}
    assert {(o.end.hour, o.end.minute) for o in occs} == {(19, 30)}
    offsets = [o.start.utcoffset() for o in occs]
    assert offsets[:2] == [timedelta(hours=2)] * 2  # 13 and 20 October: summer time
    assert offsets[2:] == [timedelta(hours=1)] * 3  # from 27 October: winter time


def test_weekly_stays_at_18_across_spring_dst_change():
    event = _event("Start: 2027-03-16 18:00\nEnd: 2027-03-16 20:00\nRepeat: weekly until 2027-04-06")
    occs = expand_event(event, date(2027, 3, 1), date(2027, 5, 1))
    assert [o.start.strftime("%Y-%m-%d %H:%M %z") for o in occs] == [
        "2027-03-16 18:00 +0100",
        "2027-03-23 18:00 +0100",
        "2027-03-30 18:00 +0200",
        "2027-04-06 18:00 +0200",
    ]


def test_event_on_dst_day_spanning_the_gap_lasts_one_real_hour_less():
    event = _event("Start: 2027-03-28 01:00\nEnd: 2027-03-28 04:00")
    (occ,) = expand_event(event, date(2027, 3, 28), date(2027, 3, 29))
    # 01:00-04:00 wall clock, but 02:00-03:00 does not exist: two real hours.
    assert occ.end.timestamp() - occ.start.timestamp() == 2 * 3600
    assert occ.end.hour == 4


def test_except_dates_are_skipped_and_cancelled_dates_marked():
    event = _event(
        "Start: 2026-12-01 10:00\nDuration: 2h\nRepeat: weekly until 2027-01-12\n"
        "Except: 2026-12-22, 2026-12-29\nCancelled-dates: 2026-12-08"
    )
    occs = expand_event(event, date(2026, 11, 1), date(2027, 2, 1))
    days = [o.day for o in occs]
    assert date(2026, 12, 22) not in days and date(2026, 12, 29) not in days
    assert days == [date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15), date(2027, 1, 5), date(2027, 1, 12)]
    assert [o.day for o in occs if o.cancelled] == [date(2026, 12, 8)]


def test_monthly_first_tuesday():
    event = _event("Start: 2026-12-01 19:00\nDuration: 2h\nRepeat: monthly on 1st tuesday until 2027-03-31")
    days = [o.day for o in expand_event(event, date(2026, 11, 1), date(2027, 6, 1))]
    assert days == [date(2026, 12, 1), date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2)]


def test_all_day_event_is_one_day_with_exclusive_end():
    event = _event("Start: 2027-02-07")
    (occ,) = expand_event(event, date(2027, 2, 1), date(2027, 3, 1))
    assert occ.start == date(2027, 2, 7) and occ.end == date(2027, 2, 8)
    assert event.all_day


def test_multi_day_all_day_event_end_is_inclusive_in_the_file():
    event = _event("Start: 2027-06-05\nEnd: 2027-06-06")
    (occ,) = expand_event(event, date(2027, 6, 1), date(2027, 7, 1))
    assert occ.end == date(2027, 6, 7)
    assert occ.last_day == date(2027, 6, 6)


def test_window_bounds_open_ended_series():
    event = _event("Start: 2020-01-07 10:00\nDuration: 1h\nRepeat: weekly")
    occs = expand_event(event, date(2026, 11, 23), date(2026, 12, 7))
    assert [o.day for o in occs] == [date(2026, 11, 24), date(2026, 12, 1)]
    assert occs[0].start == datetime(2026, 11, 24, 10, 0, tzinfo=occs[0].start.tzinfo)


@pytest.mark.parametrize(
    "repeat, expected_count",
    [("weekly 10 times until 2026-09-15", 3), ("weekly 2 times until 2027-01-01", 2)],
)
def test_count_and_until_end_at_whichever_comes_first(repeat, expected_count):
    event = _event(f"Start: 2026-09-01 10:00\nDuration: 1h\nRepeat: {repeat}")
    assert len(expand_event(event, date(2026, 8, 1), date(2027, 6, 1))) == expected_count


def test_a_rule_cannot_repeat_within_the_day():
    """The time of day is Start's; an hourly rule would make one event thousands of occurrences."""
    with pytest.raises(RecurrenceError) as caught:
        parse_repeat("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11;BYMINUTE=0,15,30,45", date(2026, 12, 1))
    assert caught.value.reason.code == "repeat_time_of_day"
