"""Writing submission files: what is written reads back field for field."""

from aktivitetsportal.submissions.events import parse_event
from aktivitetsportal.submissions.sourcefile import parse_source_text
from aktivitetsportal.submissions.values import clean_text
from aktivitetsportal.submissions.writing import one_line, source_text
from hypothesis import given
from hypothesis import strategies as st


def test_fields_come_in_the_guide_order_with_translations_beside_them():
    text = source_text({"category": "kultur", "title-en": "Choir", "title": "Kor",
                        "start": "2026-12-01 18:00", "location": "Huset", "audience": ""},
                       "Velkommen!")
    assert text == ("Title: Kor\nTitle-en: Choir\nStart: 2026-12-01 18:00\n"
                    "Location: Huset\nCategory: kultur\n\nVelkommen!\n")


def test_a_written_event_is_valid_and_means_what_was_written():
    text = source_text({
        "title": "Strikkekafé", "start": "2026-12-01 18:00", "duration": "2h",
        "repeat": "every 2 weeks until 2027-06-01", "location": "Biblioteket\nRaufoss",
        "organizer": "vestre-toten-frivilligsentral", "category": "sosialt",
    }, "Ta med garn.\n\n* Kaffe\n* Vafler")
    event, problems = parse_event(parse_source_text(text, "events/x.md"))
    assert not [p for p in problems if p.is_error], problems
    assert event.location == "Biblioteket Raufoss"
    assert event.recurrence is not None
    assert "<li>Vafler</li>" in event.body_html


_values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(title=_values, location=_values, body=_values)
def test_any_text_reads_back_as_written_on_one_line(title, location, body):
    source = parse_source_text(source_text({"title": title, "location": location}, body), "x.md")
    assert source.value("title") == one_line(title)
    assert source.value("location") == one_line(location)
    assert source.body.split() == clean_text(body).split()
